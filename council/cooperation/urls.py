from django.urls import path

from council.cooperation.views import agreements, councils, plan, programmes

app_name = "cooperation"
urlpatterns = [
    path("councils/", councils.council_list, name="council_list"),
    path("councils/new/", councils.council_create, name="council_create"),
    path("councils/<int:pk>/", councils.council_detail, name="council"),
    path("councils/<int:pk>/members/", councils.council_member_add, name="council_member_add"),
    path("councils/<int:pk>/roles/", councils.council_role_add, name="council_role_add"),
    path("councils/<int:pk>/agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/sign/", agreements.agreement_sign, name="agreement_sign"),
    path("agreements/<int:pk>/extend/", agreements.agreement_extend, name="agreement_extend"),
    path("agreements/<int:pk>/signatories/", agreements.signatory_add, name="signatory_add"),
    path("agreements/<int:pk>/documents/", agreements.document_add, name="document_add"),
    path("agreements/documents/<int:pk>/", agreements.document_download, name="document"),
    path("programmes/<int:pk>/", programmes.programme_detail, name="programme"),
    path("councils/<int:pk>/programmes/new/", programmes.programme_create, name="programme_create"),
    path("councils/<int:pk>/plan/", plan.plan, name="plan"),
    path("councils/<int:pk>/commitments/", plan.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/", plan.commitment_detail, name="commitment"),
    path("commitments/<int:pk>/status/", plan.commitment_status, name="commitment_status"),
    path("councils/<int:pk>/meetings/", plan.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", plan.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/decisions/", plan.decision_add, name="decision_add"),
]
