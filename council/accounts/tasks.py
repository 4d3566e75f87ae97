from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from council.accounts.models import User


@task()
def mail_render_deliver(*, to: str, template: str, language: str, context: dict[str, Any]) -> None:
    """Render one message in the recipient's language (see council.accounts.mail) and send it."""
    from council.accounts.mail import mail_render_references
    from council.accounts.notifications import (
        is_turned_off,
        mail_kind,
        unsubscribe_headers,
        unsubscribe_url,
    )

    kind = mail_kind(template)
    user = User.objects.filter(email__iexact=to, is_active=True).first() if kind else None
    if user is not None and kind and is_turned_off(user=user, kind=kind, channel="email"):
        return  # the person turned this kind of mail off since it was queued
    rendered = mail_render_references(template=template, language=language, context=context)
    if rendered is None:
        return
    subject, body = rendered
    headers: dict[str, str] = {}
    if user is not None and kind:
        headers = unsubscribe_headers(user=user, kind=kind)
        with translation.override(language):
            body += render_to_string(
                "accounts/mail/_unsubscribe.txt",
                {"url": unsubscribe_url(user=user, kind=kind), "site_url": settings.SITE_URL},
            )
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    message.send(fail_silently=False)


@task()
def mail_deliver(*, to: str, subject: str, body: str, html: str, from_email: str) -> None:
    """Send one message rendered in the request (see council.accounts.mail.mail_send_message)."""
    message = EmailMultiAlternatives(subject, body, from_email, [to])
    if html and body:
        message.attach_alternative(html, "text/html")
    elif html:
        message.body = html
        message.content_subtype = "html"
    message.send(fail_silently=False)
