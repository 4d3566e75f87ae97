from django.urls import path

from council.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("mine/", views.organisation_mine, name="mine"),
    path("new/", views.organisation_register, name="register"),
    path("verification/", views.verification_queue, name="verification_queue"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    path("<int:pk>/verify/", views.organisation_verify, name="verify"),
    path("<int:pk>/members/", views.member_list, name="members"),
    path("<int:pk>/members/invite/", views.member_invite, name="member_invite"),
    path("<int:pk>/members/<int:membership_pk>/role/", views.member_role, name="member_role"),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<int:pk>/audit/", views.organisation_audit, name="audit"),
]
