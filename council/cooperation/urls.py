from django.urls import path

from council.cooperation import views

app_name = "cooperation"
urlpatterns = [
    path("councils/", views.council_list, name="council_list"),
    path("councils/<int:pk>/", views.council_detail, name="council"),
    path("councils/<int:pk>/agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/sign/", views.agreement_sign, name="agreement_sign"),
    path("agreements/<int:pk>/extend/", views.agreement_extend, name="agreement_extend"),
    path("agreements/<int:pk>/signatories/", views.signatory_add, name="signatory_add"),
    path("agreements/<int:pk>/documents/", views.document_add, name="document_add"),
    path("agreements/documents/<int:pk>/", views.document_download, name="document"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
]
