"""Mail rendered in the recipient's language, then sent by a task."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from council.accounts.models import User
from council.accounts.tasks import mail_deliver


def recipient_language(*, email: str, fallback: str | None = None) -> str:
    user = User.objects.filter(email__iexact=email).only("preferred_language").first()
    if user is not None:
        return user.preferred_language
    language = fallback or translation.get_language() or settings.LANGUAGE_CODE
    return language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def mail_send(
    *, to: str, template: str, context: dict[str, Any], language: str | None = None
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in the recipient's language and
    send them once the surrounding transaction commits (no mail about a rolled-back change)."""
    language = language or recipient_language(email=to)
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    transaction.on_commit(lambda: mail_deliver.enqueue(to=to, subject=subject, body=body))
