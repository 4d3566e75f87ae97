from django.urls import path

from council.forums.views import check_in, delegations, host, registrations

app_name = "forums"
urlpatterns = [
    path("", registrations.forum_list, name="list"),
    path("new/", host.forum_create, name="create"),
    path("<int:pk>/edit/", host.forum_edit, name="edit"),
    path("<int:pk>/publish/", host.forum_publish, name="publish"),
    path("<int:pk>/quotas/", host.quota_add, name="quota_add"),
    path("<int:pk>/sessions/", host.session_add, name="session_add"),
    path("<int:pk>/questions/", host.question_add, name="question_add"),
    path("questions/<int:pk>/remove/", host.question_remove, name="question_remove"),
    path("<int:pk>/volunteer-team/", host.volunteer_team_create, name="volunteer_team"),
    path("<int:pk>/", registrations.forum_detail, name="detail"),
    path("<int:pk>/register/", registrations.register, name="register"),
    path("registrations/<int:pk>/cancel/", registrations.cancel, name="cancel"),
    path("registrations/<int:pk>/accept/", registrations.accept_offer, name="accept"),
    path("<int:pk>/host/", host.host_page, name="host"),
    path("quotas/<int:pk>/delegation/", delegations.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/", delegations.delegation_page, name="delegation"),
    path("delegations/<int:pk>/invite/", delegations.member_invite, name="invite"),
    path("delegations/<int:pk>/roster.csv", delegations.roster_csv, name="roster"),
    path("members/<int:pk>/substitute/", delegations.member_substitute, name="substitute"),
    path("members/<int:pk>/respond/", delegations.member_respond, name="respond"),
    path("members/<int:pk>/travel/", delegations.member_travel, name="travel"),
    path("members/<int:pk>/withdraw/", delegations.member_withdraw, name="withdraw"),
    path("members/<int:pk>/decide/", host.member_decide, name="decide"),
    path("members/<int:pk>/invitation.pdf", delegations.invitation_letter, name="letter"),
    path("registrations/<int:pk>/badge.pdf", check_in.badge, name="badge"),
    path("<int:pk>/check-in/", check_in.check_in_desk, name="check_in"),
    path("<int:pk>/scan/", check_in.scan, name="scan"),
    path("<int:pk>/check-in/counts.json", check_in.check_in_counts, name="check_in_counts"),
    path("sessions/<int:pk>/", registrations.session_sign_up, name="session"),
    path("delegations/<int:pk>/roster.xlsx", delegations.roster_xlsx, name="roster_xlsx"),
]
