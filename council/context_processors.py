from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from council.orgs.selectors import coordinated_country_codes


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    is_coordinator = bool(user is not None and coordinated_country_codes(user=user))
    return {
        "nav_is_coordinator": is_coordinator,
        "nav_languages": [(code, name) for code, name in settings.LANGUAGES],
        "nav_language_names": {"ru": "Русский", "kk": "Қазақша", "en": "English"},
    }
