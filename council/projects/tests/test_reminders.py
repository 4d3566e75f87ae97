from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from council.projects.models import Shift
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult

pytestmark = pytest.mark.django_db


def test_a_reminder_goes_once_in_the_volunteers_language(
    opportunity, shift, volunteer, django_capture_on_commit_callbacks
) -> None:
    volunteer.preferred_language = "ru"
    volunteer.save()
    application_submit(volunteer=adult(volunteer), opportunity=opportunity, shift=shift)
    Shift.objects.filter(pk=shift.pk).update(
        start=timezone.now() + timedelta(hours=20), end=timezone.now() + timedelta(hours=24)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_shift_reminders")
        call_command("send_shift_reminders")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [volunteer.email]
    assert "Волонтёр уборки пляжа" in mail.outbox[0].subject


def test_shifts_further_away_wait(opportunity, shift, volunteer) -> None:
    application_submit(volunteer=adult(volunteer), opportunity=opportunity, shift=shift)
    mail.outbox.clear()
    call_command("send_shift_reminders")
    assert mail.outbox == []
