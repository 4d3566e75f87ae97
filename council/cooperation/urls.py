from django.urls import path

from council.cooperation import views, views_plan

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
]
