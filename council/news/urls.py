from django.urls import path

from council.news import feeds, views

app_name = "news"
urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/<int:pk>/", views.news_detail, name="item"),
    path("news/<int:pk>/edit/", views.news_edit, name="edit"),
    path("news/<int:pk>/publish/", views.news_publish, name="publish"),
    path("news/<int:pk>/schedule/", views.news_schedule, name="schedule"),
    path("news/<int:pk>/unpublish/", views.news_unpublish, name="unpublish"),
    path("news/orgs/<int:organisation_pk>/", views.organisation_news, name="organisation"),
    path(
        "news/orgs/<int:organisation_pk>/new/",
        views.news_create_for_organisation,
        name="organisation_create",
    ),
    path(
        "news/orgs/<int:organisation_pk>/<str:language>/rss/",
        feeds.OrganisationRss(),
        name="organisation_rss",
    ),
    path(
        "news/orgs/<int:organisation_pk>/<str:language>/atom/",
        feeds.OrganisationAtom(),
        name="organisation_atom",
    ),
    path("news/councils/<int:council_pk>/", views.council_news, name="council"),
    path(
        "news/councils/<int:council_pk>/new/",
        views.news_create_for_council,
        name="council_create",
    ),
    path(
        "news/councils/<int:council_pk>/<str:language>/rss/",
        feeds.CouncilRss(),
        name="council_rss",
    ),
    path(
        "news/councils/<int:council_pk>/<str:language>/atom/",
        feeds.CouncilAtom(),
        name="council_atom",
    ),
]
