from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from council import views
from council.api.urls import urls as api_urls

# The admin has no sign-in of its own: /admin/login/ sends to the site's (allauth's), with its
# two-factor step and rate limits.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("council.ops.urls")),
    path("", include("council.push.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("council.accounts.urls")),
    path("orgs/", include("council.orgs.urls")),
    path("volunteer/", include("council.volunteers.urls")),
    path("", include("council.projects.urls")),
    path("", include("council.hours.urls")),
    path("forums/", include("council.forums.urls")),
    path("", include("council.cooperation.urls")),
    path("", include("council.exchanges.urls")),
    path("", include("council.deployments.urls")),
    path("", include("council.corporate.urls")),
    path("", include("council.news.urls")),
    path("", include("council.training.urls")),
    path("messages/", include("council.messaging.urls")),
    path("", include("council.reports.urls")),
    path("imports/", include("council.imports.urls")),
    path("duplicates/", include("council.dedup.urls")),
    path("exchange-format/", include("council.interchange.urls")),
    path("webhooks/", include("council.webhooks.urls")),
    path("", include("council.federation.urls")),
    path("tokens/", include("council.api.web_urls")),
    path("api/v1/", api_urls),
    path("admin/", admin.site.urls),
]

if not settings.PRODUCTION:
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler400 = "council.errors.bad_request"
handler403 = "council.errors.permission_denied"
handler404 = "council.errors.page_not_found"
handler500 = "council.errors.server_error"
