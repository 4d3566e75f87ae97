from django.urls import path

from council.api import views

app_name = "tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
]
