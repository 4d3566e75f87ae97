from django.urls import path

from council.hours import views

app_name = "hours"
urlpatterns = [
    path("hours/", views.my_hours, name="mine"),
    path("hours/log/", views.log_hours, name="log"),
    path("hours/<int:pk>/dispute/", views.dispute, name="dispute"),
    path("hours/record-book/", views.record_book, name="record_book"),
    path("hours/record-book.pdf", views.record_book_as_pdf, name="record_book_pdf"),
    path("hours/record-book.json", views.record_book_as_json, name="record_book_json"),
    path("hours/signing-keys.json", views.signing_keys, name="signing_keys"),
    path("hours/tickets/<int:pk>/", views.ticket, name="ticket"),
    path("hours/certificates/", views.my_certificates, name="certificates"),
    path("hours/certificates/<int:pk>.pdf", views.certificate_download, name="certificate_pdf"),
    path("hours/certificates/<int:pk>/revoke/", views.certificate_revoke, name="revoke"),
    path("hours/orgs/<int:pk>/", views.queue, name="queue"),
    path("hours/orgs/<int:pk>/verify/", views.bulk_verify, name="bulk_verify"),
    path(
        "hours/orgs/<int:pk>/certificates/",
        views.organisation_certificates,
        name="org_certificates",
    ),
    path("hours/entries/<int:pk>/verify/", views.entry_verify, name="verify_entry"),
    path("hours/entries/<int:pk>/reject/", views.entry_reject, name="reject_entry"),
    path("hours/entries/<int:pk>/delete/", views.entry_delete, name="delete_entry"),
    path("hours/shifts/<int:pk>/check-in/", views.check_in_desk, name="check_in"),
    path("hours/shifts/<int:pk>/scan/", views.scan, name="scan"),
    path("hours/shifts/<int:pk>/log/", views.log_shift, name="log_shift"),
    path("verify/", views.verify, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
