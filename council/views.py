"""Pages that belong to no single app: the home page and the language switcher."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST

from council.accounts.services import user_set_language
from council.news.selectors import latest_news
from council.orgs.selectors import organisations_public
from council.projects.selectors.matching import opportunities_for_you
from council.volunteers.selectors import volunteer_profile_exists


def home(request: HttpRequest) -> HttpResponse:
    matches = None
    if request.user.is_authenticated and volunteer_profile_exists(user=request.user):
        matches = opportunities_for_you(user=request.user, limit=3)
    context = {
        "organisations": organisations_public()[:6],
        "matches": matches,
        "news": latest_news(limit=3),
    }
    return render(request, "home.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in person's preference is saved too."""
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    code = request.POST.get("language", "")
    if code in settings.LANGUAGE_CODES and check_for_language(code):
        if request.user.is_authenticated:
            user_set_language(user=request.user, language=code)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
