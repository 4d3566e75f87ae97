from django.urls import path

from council.accounts import notification_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("consents/", views.consents, name="consents"),
    path("notifications/", notification_views.notifications, name="notifications"),
    path("unsubscribe/<str:token>/", notification_views.unsubscribe, name="unsubscribe"),
    path("data/", views.my_data, name="my_data"),
    path("data/export.json", views.my_data_export, name="my_data_export"),
    path("data/erase/", views.my_data_erase, name="my_data_erase"),
]
