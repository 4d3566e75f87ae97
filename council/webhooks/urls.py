from django.urls import path

from council.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("orgs/<int:pk>/", views.endpoint_list, name="list"),
    path("orgs/<int:pk>/new/", views.endpoint_create, name="create"),
    path("<int:pk>/", views.endpoint_detail, name="endpoint"),
    path("<int:pk>/edit/", views.endpoint_edit, name="edit"),
    path("<int:pk>/rotate/", views.endpoint_rotate, name="rotate"),
    path("<int:pk>/pause/", views.endpoint_pause, name="pause"),
    path("<int:pk>/resume/", views.endpoint_resume, name="resume"),
    path("<int:pk>/delete/", views.endpoint_delete, name="delete"),
    path("<int:pk>/test/", views.endpoint_test, name="test"),
    path("deliveries/<int:pk>/", views.delivery_detail, name="delivery"),
    path("deliveries/<int:pk>/redeliver/", views.delivery_redeliver, name="redeliver"),
]
