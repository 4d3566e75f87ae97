from django.urls import path

from council.forums import views

app_name = "forums"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("<int:pk>/register/", views.register, name="register"),
    path("registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("registrations/<int:pk>/accept/", views.accept_offer, name="accept"),
]
