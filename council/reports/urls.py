from django.urls import path

from council.reports import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.council_dashboard, name="council"),
    path("reports/sdg/", views.sdg_report, name="sdg"),
    path("reports/council.pdf", views.council_report_pdf, name="council_pdf"),
    path("reports/iyv-2026.pdf", views.iyv_report_pdf, name="iyv_pdf"),
    path("reports/me/", views.my_report, name="mine"),
    path("reports/orgs/<int:pk>/", views.organisation_report, name="organisation"),
    path("reports/networks/<int:pk>/", views.network_report, name="network"),
    path("reports/companies/<int:pk>/", views.company_report, name="company"),
    path(
        "reports/tables/<str:kind>.<str:export_format>",
        views.table_download,
        name="table",
    ),
    path(
        "reports/orgs/<int:pk>/projects.<str:export_format>",
        views.organisation_table_download,
        name="organisation_table",
    ),
    path(
        "reports/networks/<int:pk>/<str:table>.<str:export_format>",
        views.network_table_download,
        name="network_table",
    ),
    path(
        "reports/companies/<int:pk>/projects.<str:export_format>",
        views.company_table_download,
        name="company_table",
    ),
    path("reports/exports/", views.export_create, name="export_create"),
    path("reports/exports/<int:pk>/", views.export_detail, name="export"),
    path("reports/exports/<int:pk>/file", views.export_download, name="export_file"),
    path("statistics/", views.statistics, name="statistics"),
    path(
        "statistics/table.<str:export_format>",
        views.statistics_download,
        name="statistics_table",
    ),
]
