"""The consent texts a person agrees to, each with a version. A new wording gets a new version;
old consents keep the version they were given under."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from council.accounts.models import ConsentPurpose

CONSENT_TEXTS: dict[str, tuple[str, Promise]] = {
    ConsentPurpose.PROCESSING: (
        "2026-11",
        _(
            "I agree that the Volunteer Council platform processes my personal data (name, "
            "contacts, profile and volunteering history) to run my account and my volunteering. "
            "The data are stored in my home country."
        ),
    ),
    ConsentPurpose.CROSS_BORDER: (
        "2026-11",
        _(
            "I agree that my name, contacts and volunteer profile may be shown to organisations "
            "of other council countries that I apply to or that invite me. This is separate from "
            "the consent to processing and I can withdraw it at any time."
        ),
    ),
    ConsentPurpose.GUARDIAN: (
        "2026-11",
        _(
            "As the parent or guardian of this minor, I agree to their volunteering and to the "
            "processing of their personal data for it."
        ),
    ),
}


def current_version(purpose: str) -> str:
    return CONSENT_TEXTS[purpose][0]


def consent_text(purpose: str) -> Promise:
    return CONSENT_TEXTS[purpose][1]
