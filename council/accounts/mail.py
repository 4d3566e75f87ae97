"""Mail in the recipient's language, rendered and sent by a background task.

`mail_send` only records what to send: the template, the language and a context whose model
instances travel as references (app label, model, primary key). The task loads them, renders
`<template>_subject.txt` and `<template>_body.txt` in that language and sends the message, so
the request that caused the mail neither renders nor sends it. allauth's mail (verification,
password reset) is rendered in the request in the recipient's language and only sent by a
task (`mail_send_message`).
"""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks_db.backend import DatabaseBackend

from council.accounts.models import User

logger = logging.getLogger(__name__)
MODEL_REFERENCE = "__model__"


def recipient_language(*, email: str, fallback: str | None = None) -> str:
    user = User.objects.filter(email__iexact=email).only("preferred_language").first()
    if user is not None:
        return user.preferred_language
    language = fallback or translation.get_language() or settings.LANGUAGE_CODE
    return language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def is_undeliverable(address: str) -> bool:
    """An address under the reserved `.invalid` domain (RFC 2606): an erased or merged
    account's, or the local account of a person of another node (council.federation), who
    hears from this node through their home node."""
    return address.lower().rstrip(".").endswith(".invalid")


def _reference(value: Any) -> Any:
    if isinstance(value, Model):
        if value.pk is None:
            raise ValueError(f"cannot mail an unsaved {value._meta.label}")
        return {MODEL_REFERENCE: value._meta.label, "pk": value.pk}
    return value


def _resolve(value: Any) -> Any:
    if isinstance(value, dict) and MODEL_REFERENCE in value:
        model = apps.get_model(value[MODEL_REFERENCE])
        return model._default_manager.get(pk=value["pk"])
    return value


def mail_render(*, template: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    """(subject, body) of a message in `language`."""
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return subject, body


def _enqueue_after_commit(task: Any, **kwargs: Any) -> None:
    """Enqueue a mail task once the surrounding transaction commits (no mail about a
    rolled-back change).

    When tasks are rows of this database (django-tasks' database backend, as in production)
    the task is written inside the transaction: it commits with the change or vanishes with
    it, and no mail is lost between a commit and a later enqueue. Other backends (the
    immediate one in development) run it after the commit."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))


def mail_send(
    *, to: str, template: str, context: dict[str, Any], language: str | None = None
) -> None:
    """Send `template` to `to` in the recipient's language once the surrounding transaction
    commits. Context values are model instances or JSON values."""
    from council.accounts.tasks import mail_render_deliver

    if is_undeliverable(to):
        return
    language = language or recipient_language(email=to)
    references = {name: _reference(value) for name, value in context.items()}
    _enqueue_after_commit(
        mail_render_deliver, to=to, template=template, language=language, context=references
    )


def mail_send_message(*, message: EmailMessage) -> None:
    """Send a message already rendered in the request (allauth's mail: its context holds
    links and keys made for that request) through the task queue, so that a mail outage
    does not break the page that sent it."""
    from council.accounts.tasks import mail_deliver

    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next(
            (str(content) for content, mimetype in message.alternatives if mimetype == "text/html"),
            "",
        )
    elif message.content_subtype == "html":
        html = str(message.body)
    for recipient in message.to:
        _enqueue_after_commit(
            mail_deliver,
            to=recipient,
            subject=str(message.subject),
            body=""
            if html and not isinstance(message, EmailMultiAlternatives)
            else str(message.body),
            html=html,
            from_email=str(message.from_email),
        )


def mail_render_references(
    *, template: str, language: str, context: dict[str, Any]
) -> tuple[str, str] | None:
    """Render a message recorded by `mail_send`; None when something it speaks of is gone
    (deleted before the task ran)."""
    try:
        resolved = {name: _resolve(value) for name, value in context.items()}
    except (LookupError, ObjectDoesNotExist) as error:
        logger.warning("mail %s not sent: %s", template, error)
        return None
    return mail_render(template=template, language=language, context=resolved)
