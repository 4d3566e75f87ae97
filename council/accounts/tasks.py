from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def mail_deliver(*, to: str, subject: str, body: str) -> None:
    """Send one message that has already been rendered in the recipient's language."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
