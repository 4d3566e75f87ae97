from council.projects.views import applications, manage, search

app_name = "projects"

urlpatterns = [*manage.urlpatterns, *applications.urlpatterns, *search.urlpatterns]
