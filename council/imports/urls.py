from django.urls import path

from council.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.import_new, name="new"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/mapping/", views.import_mapping, name="mapping"),
    path("<int:pk>/check/", views.import_check, name="check"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
    path("<int:pk>/cancel/", views.import_cancel, name="cancel"),
    path("<int:pk>/undo/", views.import_undo, name="undo"),
    path(
        "<int:pk>/duplicates/<int:duplicate_pk>/",
        views.duplicate_decide,
        name="duplicate",
    ),
    path(
        "<int:pk>/rejected.<str:export_format>",
        views.rejected_download,
        name="rejected",
    ),
]
