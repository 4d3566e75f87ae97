"""Mail to one person of the site, in the language they chose."""

from __future__ import annotations

from typing import Any

from council.accounts.mail import mail_send
from council.accounts.models import User


def mail_person(person: User, template: str, context: dict[str, Any]) -> None:
    """Send `template` to `person`'s address in their preferred language (see `mail_send`)."""
    mail_send(
        to=person.email, template=template, language=person.preferred_language, context=context
    )
