from django.urls import path

from council.deployments import views

app_name = "deployments"
urlpatterns = [
    path("deployments/", views.assignment_list, name="assignment_list"),
    path("deployments/pool/", views.pool, name="pool"),
    path("deployments/<int:pk>/", views.assignment_detail, name="assignment"),
    path(
        "councils/<int:pk>/deployments/new/",
        views.assignment_create,
        name="assignment_create",
    ),
    path("deployments/<int:pk>/open/", views.assignment_open, name="assignment_open"),
    path("deployments/<int:pk>/apply/", views.candidacy_apply, name="candidacy_apply"),
    path(
        "deployments/<int:pk>/nominate/",
        views.candidacy_nominate,
        name="candidacy_nominate",
    ),
    path("deployments/<int:pk>/longlist/", views.longlist, name="longlist"),
    path("candidacies/<int:pk>/move/", views.candidacy_move, name="candidacy_move"),
    path("candidacies/<int:pk>/report/", views.candidacy_report, name="candidacy_report"),
]
