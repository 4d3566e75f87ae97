from django.urls import path

from council.volunteers import views
from council.volunteers.views import contacts, invitation

app_name = "volunteers"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("guardian/", views.guardian_consent, name="guardian_consent"),
    path("guardian/withdraw/", views.guardian_consent_withdraw, name="guardian_consent_withdraw"),
    # An organisation's contact list (people invited, not signed up), for its organisers.
    path("orgs/<int:pk>/contacts/", contacts.contact_list, name="contacts"),
    path("orgs/<int:pk>/contacts/new/", contacts.contact_add, name="contact_add"),
    path(
        "orgs/<int:pk>/contacts/invite-all/",
        contacts.contacts_invite_all,
        name="contacts_invite_all",
    ),
    path(
        "orgs/<int:pk>/contacts.<str:export_format>",
        contacts.contacts_export,
        name="contacts_export",
    ),
    path("contacts/<int:pk>/invite/", contacts.contact_invite, name="contact_invite"),
    path("contacts/<int:pk>/erase/", contacts.contact_erase, name="contact_erase"),
    # The mailed link of an invited contact.
    path("invitation/<str:token>/", invitation.invitation, name="invitation"),
    path("invitation/<str:token>/erase/", invitation.invitation_erase, name="invitation_erase"),
]
