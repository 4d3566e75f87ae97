from django.urls import path

from council.ops import views

app_name = "ops"

urlpatterns = [
    path("readyz", views.readyz, name="readyz"),
    path("metrics", views.metrics, name="metrics"),
    path("ops/tasks/", views.tasks, name="tasks"),
    path("ops/tasks/<uuid:pk>/retry/", views.task_retry, name="task_retry"),
]
