from django.urls import path

from council.cooperation import (
    views,
    views_corporate,
    views_deployments,
    views_exchanges,
    views_plan,
)

app_name = "cooperation"
urlpatterns = [
    path("councils/", views.council_list, name="council_list"),
    path("councils/new/", views.council_create, name="council_create"),
    path("councils/<int:pk>/", views.council_detail, name="council"),
    path("councils/<int:pk>/members/", views.council_member_add, name="council_member_add"),
    path("councils/<int:pk>/roles/", views.council_role_add, name="council_role_add"),
    path("councils/<int:pk>/agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/sign/", views.agreement_sign, name="agreement_sign"),
    path("agreements/<int:pk>/extend/", views.agreement_extend, name="agreement_extend"),
    path("agreements/<int:pk>/signatories/", views.signatory_add, name="signatory_add"),
    path("agreements/<int:pk>/documents/", views.document_add, name="document_add"),
    path("agreements/documents/<int:pk>/", views.document_download, name="document"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("councils/<int:pk>/programmes/new/", views.programme_create, name="programme_create"),
    path("councils/<int:pk>/plan/", views_plan.plan, name="plan"),
    path("councils/<int:pk>/commitments/", views_plan.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/", views_plan.commitment_detail, name="commitment"),
    path("commitments/<int:pk>/status/", views_plan.commitment_status, name="commitment_status"),
    path("councils/<int:pk>/meetings/", views_plan.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views_plan.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/decisions/", views_plan.decision_add, name="decision_add"),
    path("exchanges/", views_exchanges.exchange_list, name="exchange_list"),
    path("exchanges/<int:pk>/", views_exchanges.exchange_detail, name="exchange"),
    path("exchanges/<int:pk>/apply/", views_exchanges.apply, name="exchange_apply"),
    path(
        "councils/<int:pk>/exchanges/new/", views_exchanges.exchange_create, name="exchange_create"
    ),
    path("exchanges/<int:pk>/manage/", views_exchanges.exchange_manage, name="exchange_manage"),
    path(
        "exchanges/<int:pk>/manage/<slug:step>/",
        views_exchanges.exchange_step,
        name="exchange_step",
    ),
    path(
        "exchanges/<int:pk>/nominations/", views_exchanges.nominations, name="exchange_nominations"
    ),
    path(
        "exchange-applications/<int:pk>/nominate/",
        views_exchanges.nominate,
        name="exchange_nominate",
    ),
    path("exchanges/<int:pk>/panel/", views_exchanges.panel, name="exchange_panel"),
    path("exchange-applications/<int:pk>/score/", views_exchanges.score, name="exchange_score"),
    path("exchanges/<int:pk>/ranking/", views_exchanges.ranking, name="exchange_ranking"),
    path("deployments/", views_deployments.assignment_list, name="assignment_list"),
    path("deployments/pool/", views_deployments.pool, name="pool"),
    path("deployments/<int:pk>/", views_deployments.assignment_detail, name="assignment"),
    path(
        "councils/<int:pk>/deployments/new/",
        views_deployments.assignment_create,
        name="assignment_create",
    ),
    path("deployments/<int:pk>/open/", views_deployments.assignment_open, name="assignment_open"),
    path("deployments/<int:pk>/apply/", views_deployments.candidacy_apply, name="candidacy_apply"),
    path(
        "deployments/<int:pk>/nominate/",
        views_deployments.candidacy_nominate,
        name="candidacy_nominate",
    ),
    path("deployments/<int:pk>/longlist/", views_deployments.longlist, name="longlist"),
    path("companies/<int:pk>/programme/", views_corporate.programme, name="corporate"),
    path("companies/<int:pk>/programme/join/", views_corporate.join, name="corporate_join"),
    path(
        "companies/<int:pk>/programme/domain/", views_corporate.domain_set, name="corporate_domain"
    ),
    path(
        "companies/<int:pk>/programme/totals.csv", views_corporate.totals_csv, name="corporate_csv"
    ),
    path("candidacies/<int:pk>/move/", views_deployments.candidacy_move, name="candidacy_move"),
    path(
        "candidacies/<int:pk>/report/", views_deployments.candidacy_report, name="candidacy_report"
    ),
]
