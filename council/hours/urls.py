from council.hours.views import certificates, desk, entries, letters, record_book, references

app_name = "hours"
urlpatterns = [
    *entries.urlpatterns,
    *record_book.urlpatterns,
    *desk.urlpatterns,
    *certificates.urlpatterns,
    *references.urlpatterns,
    *letters.urlpatterns,
]
