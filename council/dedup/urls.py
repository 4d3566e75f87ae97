from django.urls import path

from council.dedup import views

app_name = "dedup"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.candidate, name="candidate"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("merges/<int:pk>/", views.merge, name="merge"),
    path("merges/<int:pk>/answer/", views.merge_answer, name="merge_answer"),
]
