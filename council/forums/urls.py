from django.urls import path

from council.forums import views, views_delegations, views_host

app_name = "forums"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("new/", views_host.forum_create, name="create"),
    path("<int:pk>/edit/", views_host.forum_edit, name="edit"),
    path("<int:pk>/publish/", views_host.forum_publish, name="publish"),
    path("<int:pk>/quotas/", views_host.quota_add, name="quota_add"),
    path("<int:pk>/sessions/", views_host.session_add, name="session_add"),
    path("<int:pk>/questions/", views_host.question_add, name="question_add"),
    path("questions/<int:pk>/remove/", views_host.question_remove, name="question_remove"),
    path("<int:pk>/volunteer-team/", views_host.volunteer_team_create, name="volunteer_team"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("<int:pk>/register/", views.register, name="register"),
    path("registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("registrations/<int:pk>/accept/", views.accept_offer, name="accept"),
    path("<int:pk>/host/", views_delegations.host_page, name="host"),
    path(
        "quotas/<int:pk>/delegation/", views_delegations.delegation_create, name="delegation_create"
    ),
    path("delegations/<int:pk>/", views_delegations.delegation_page, name="delegation"),
    path("delegations/<int:pk>/invite/", views_delegations.member_invite, name="invite"),
    path("delegations/<int:pk>/roster.csv", views_delegations.roster_csv, name="roster"),
    path("members/<int:pk>/substitute/", views_delegations.member_substitute, name="substitute"),
    path("members/<int:pk>/respond/", views_delegations.member_respond, name="respond"),
    path("members/<int:pk>/travel/", views_delegations.member_travel, name="travel"),
    path("members/<int:pk>/withdraw/", views_delegations.member_withdraw, name="withdraw"),
    path("members/<int:pk>/decide/", views_delegations.member_decide, name="decide"),
    path("members/<int:pk>/invitation.pdf", views_delegations.invitation_letter, name="letter"),
    path("registrations/<int:pk>/badge.pdf", views_delegations.badge, name="badge"),
    path("<int:pk>/check-in/", views_delegations.check_in_desk, name="check_in"),
    path("<int:pk>/scan/", views_delegations.scan, name="scan"),
    path(
        "<int:pk>/check-in/counts.json", views_delegations.check_in_counts, name="check_in_counts"
    ),
    path("sessions/<int:pk>/", views.session_sign_up, name="session"),
    path("delegations/<int:pk>/roster.xlsx", views_delegations.roster_xlsx, name="roster_xlsx"),
]
