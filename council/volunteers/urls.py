from django.urls import path

from council.volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("guardian/", views.guardian_consent, name="guardian_consent"),
    path("guardian/withdraw/", views.guardian_consent_withdraw, name="guardian_consent_withdraw"),
]
