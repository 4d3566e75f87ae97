from django.urls import path

from council.exchanges import views

app_name = "exchanges"
urlpatterns = [
    path("exchanges/", views.exchange_list, name="exchange_list"),
    path("exchanges/<int:pk>/", views.exchange_detail, name="exchange"),
    path("exchanges/<int:pk>/apply/", views.apply, name="exchange_apply"),
    path("councils/<int:pk>/exchanges/new/", views.exchange_create, name="exchange_create"),
    path("exchanges/<int:pk>/manage/", views.exchange_manage, name="exchange_manage"),
    path(
        "exchanges/<int:pk>/manage/<slug:step>/",
        views.exchange_step,
        name="exchange_step",
    ),
    path("exchanges/<int:pk>/nominations/", views.nominations, name="exchange_nominations"),
    path(
        "exchange-applications/<int:pk>/nominate/",
        views.nominate,
        name="exchange_nominate",
    ),
    path("exchanges/<int:pk>/panel/", views.panel, name="exchange_panel"),
    path("exchange-applications/<int:pk>/score/", views.score, name="exchange_score"),
    path("exchanges/<int:pk>/ranking/", views.ranking, name="exchange_ranking"),
]
