from council.projects.views import (
    applications,
    handovers,
    opportunities,
    projects,
    search,
    series,
    teams,
)

app_name = "projects"

urlpatterns = [
    *projects.urlpatterns,
    *opportunities.urlpatterns,
    *series.urlpatterns,
    *applications.urlpatterns,
    *teams.urlpatterns,
    *handovers.urlpatterns,
    *search.urlpatterns,
]
