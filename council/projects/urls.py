from council.projects.views import applications, opportunities, projects, search

app_name = "projects"

urlpatterns = [
    *projects.urlpatterns,
    *opportunities.urlpatterns,
    *applications.urlpatterns,
    *search.urlpatterns,
]
