from django.urls import path

from council.corporate import views

app_name = "corporate"
urlpatterns = [
    path("companies/<int:pk>/programme/", views.programme, name="corporate"),
    path("companies/<int:pk>/programme/join/", views.join, name="corporate_join"),
    path("companies/<int:pk>/programme/domain/", views.domain_set, name="corporate_domain"),
    path("companies/<int:pk>/programme/totals.csv", views.totals_csv, name="corporate_csv"),
]
