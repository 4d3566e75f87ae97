from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django_tasks import task


@task()
def mail_render_deliver(*, to: str, template: str, language: str, context: dict[str, Any]) -> None:
    """Render one message in the recipient's language (see council.accounts.mail) and send it."""
    from council.accounts.mail import mail_render_references

    rendered = mail_render_references(template=template, language=language, context=context)
    if rendered is not None:
        subject, body = rendered
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)


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
