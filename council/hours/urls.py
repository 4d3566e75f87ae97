from council.hours.views import certificates, desk, entries, record_book

app_name = "hours"
urlpatterns = [
    *entries.urlpatterns,
    *record_book.urlpatterns,
    *desk.urlpatterns,
    *certificates.urlpatterns,
]
