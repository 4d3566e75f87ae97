from django.urls import path

from council.training.views import learning, organising

app_name = "training"
urlpatterns = [
    path("training/", learning.module_list, name="list"),
    path("training/modules/<int:pk>/", learning.module_detail, name="module"),
    path("training/modules/<int:pk>/attempt/", learning.module_attempt, name="attempt"),
    path("training/modules/<int:pk>/edit/", organising.module_edit, name="module_edit"),
    path("training/modules/<int:pk>/publish/", organising.module_publish, name="module_publish"),
    path(
        "training/modules/<int:pk>/unpublish/",
        organising.module_unpublish,
        name="module_unpublish",
    ),
    path("training/modules/<int:pk>/questions/", organising.question_add, name="question_add"),
    path(
        "training/questions/<int:pk>/remove/",
        organising.question_remove,
        name="question_remove",
    ),
    path(
        "training/modules/<int:pk>/attachments/",
        organising.attachment_add,
        name="attachment_add",
    ),
    path("training/attachments/<int:pk>/", learning.attachment_download, name="attachment"),
    path(
        "training/attachments/<int:pk>/remove/",
        organising.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "training/credentials/new/",
        organising.council_credential_create,
        name="council_credential_create",
    ),
    path("training/credentials/<int:pk>/", learning.credential_detail, name="credential"),
    path("training/credentials/<int:pk>/edit/", organising.credential_edit, name="credential_edit"),
    path(
        "training/orgs/<int:organisation_pk>/",
        organising.organisation_training,
        name="organisation",
    ),
    path(
        "training/orgs/<int:organisation_pk>/modules/new/",
        organising.module_create,
        name="module_create",
    ),
    path(
        "training/orgs/<int:organisation_pk>/credentials/new/",
        organising.credential_create,
        name="credential_create",
    ),
    path(
        "training/orgs/<int:organisation_pk>/confirm/",
        organising.credential_confirm,
        name="credential_confirm",
    ),
]
