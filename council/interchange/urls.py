from django.urls import path

from council.interchange import views

app_name = "interchange"

urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("imports/", views.import_upload, name="import_upload"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("imports/<int:pk>/confirm/", views.import_confirmed, name="import_confirm"),
]
