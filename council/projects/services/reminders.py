"""Reminders 24 hours before a shift."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from council.accounts.mail import mail_send
from council.lib.timezones import place_zone
from council.projects.models import Application, ApplicationStatus, Shift
from council.push.services import push_send

REMINDER_AHEAD = timedelta(hours=24)


def shift_reminders_send(*, now: datetime) -> int:
    """Mail every confirmed volunteer of each shift that starts within 24 hours and has not
    been reminded; a shift is marked in the same transaction, so a rerun sends nothing twice.
    Returns the number of mails."""
    sent = 0
    due = Shift.objects.filter(
        start__gt=now, start__lte=now + REMINDER_AHEAD, reminder_sent_at__isnull=True
    ).values_list("pk", flat=True)
    for shift_pk in list(due):
        with transaction.atomic():
            # skip_locked: a second runner working at the same time leaves this shift alone.
            shift = (
                Shift.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=shift_pk, reminder_sent_at__isnull=True)
                .select_related("opportunity", "opportunity__city")
                .first()
            )
            if shift is None:
                continue
            confirmed = Application.objects.filter(
                shift=shift, status=ApplicationStatus.CONFIRMED
            ).select_related("volunteer")
            for application in confirmed:
                volunteer = application.volunteer
                mail_send(
                    to=volunteer.email,
                    template="projects/mail/shift_reminder",
                    language=volunteer.preferred_language,
                    context={
                        "application": application,
                        "opportunity": shift.opportunity,
                        "shift": shift,
                        "person": volunteer,
                    },
                )
                push_send(
                    kind="reminders",
                    user=volunteer,
                    title=gettext_lazy("Your shift is soon: %(title)s"),
                    body=gettext_lazy("It starts on %(start)s. Show your ticket at check-in."),
                    url=reverse("hours:ticket", args=[application.pk]),
                    context={
                        "title": shift.opportunity,
                        "start": timezone.localtime(
                            shift.start, place_zone(shift.opportunity.timezone)
                        ).strftime("%d.%m.%Y %H:%M"),
                    },
                )
                sent += 1
            shift.reminder_sent_at = now
            shift.save(update_fields=["reminder_sent_at"])
    return sent
