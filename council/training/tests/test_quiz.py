"""Taking a module's quiz: the pass mark decides, passing grants the credential with its
expiry, every attempt is kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.audit.models import AuditEvent
from council.training.models import QuizAttempt
from council.training.services import modules as module_services
from council.training.services.quiz import quiz_submit
from council.training.tests.conftest import all_wrong, half_right, questions, right_answers
from council.volunteers.models import VolunteerCredential, months_after


def test_a_score_at_the_pass_mark_passes_and_grants_the_credential(
    module: Any, volunteer: Any
) -> None:
    attempt = quiz_submit(volunteer=volunteer, module=module, answers=half_right(module))
    assert (attempt.score, attempt.passed) == (50, True)
    held = VolunteerCredential.objects.get(volunteer=volunteer)
    today = timezone.localdate()
    assert held.credential == module.credential
    assert held.source == "training"
    assert held.earned_on == today
    assert held.expires_on == months_after(today, 12)
    assert AuditEvent.objects.filter(action="credential.earned", actor=volunteer).exists()


def test_a_score_below_the_pass_mark_fails_and_grants_nothing(
    module: Any, volunteer: Any, org_admin: Any
) -> None:
    module_services.module_update(actor=org_admin, module=module, pass_mark=51)
    attempt = quiz_submit(volunteer=volunteer, module=module, answers=half_right(module))
    assert (attempt.score, attempt.passed) == (50, False)
    assert quiz_submit(volunteer=volunteer, module=module, answers=all_wrong(module)).score == 0
    assert not VolunteerCredential.objects.filter(volunteer=volunteer).exists()
    assert QuizAttempt.objects.filter(volunteer=volunteer, module=module).count() == 2


def test_passing_again_renews_the_credential(module: Any, volunteer: Any) -> None:
    quiz_submit(volunteer=volunteer, module=module, answers=right_answers(module))
    VolunteerCredential.objects.update(expires_on=date(2020, 1, 1), earned_on=date(2019, 1, 1))
    quiz_submit(volunteer=volunteer, module=module, answers=right_answers(module))
    held = VolunteerCredential.objects.get(volunteer=volunteer)
    assert held.expires_on == months_after(timezone.localdate(), 12)


def test_a_credential_without_validity_does_not_expire(
    module: Any, volunteer: Any, credential: Any, org_admin: Any
) -> None:
    from council.training.services.credentials import credential_update

    credential_update(actor=org_admin, credential=credential, validity_months=None)
    module.refresh_from_db()
    quiz_submit(volunteer=volunteer, module=module, answers=right_answers(module))
    assert VolunteerCredential.objects.get(volunteer=volunteer).expires_on is None


def test_months_after_keeps_the_end_of_a_short_month() -> None:
    assert months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)


@pytest.mark.parametrize("answers", ["none", "one", "foreign"])
def test_incomplete_or_foreign_answers_are_refused(
    module: Any, volunteer: Any, answers: str
) -> None:
    first, second = questions(module)
    given = {
        "none": {},
        "one": {first.pk: 2},  # one question left out
        "foreign": {first.pk: 2, second.pk: 1, 999999: 1},  # a question of another quiz
    }
    with pytest.raises(ValidationError):
        quiz_submit(volunteer=volunteer, module=module, answers=given[answers])
    assert not QuizAttempt.objects.exists()


def test_the_module_page_takes_the_quiz(client: Any, module: Any, volunteer: Any) -> None:
    page = client.get(f"/training/modules/{module.pk}/").content.decode()
    assert "First aid basics" in page
    assert "Sign in to take the quiz" in page
    client.force_login(volunteer)
    page = client.get(f"/training/modules/{module.pk}/").content.decode()
    assert "What comes first?" in page and "Airway" in page
    first, second = questions(module)
    response = client.post(
        f"/training/modules/{module.pk}/attempt/",
        {f"q{first.pk}": "2", f"q{second.pk}": "1"},
        follow=True,
    )
    text = response.content.decode()
    assert "You passed with 100% and earned the credential “First aid”." in text
    assert "Your last attempt: 100% — passed." in text


def test_a_malformed_quiz_post_is_a_field_error(client: Any, module: Any, volunteer: Any) -> None:
    client.force_login(volunteer)
    first, _second = questions(module)
    response = client.post(f"/training/modules/{module.pk}/attempt/", {f"q{first.pk}": "nine"})
    assert response.status_code == 400
    assert "Choose an answer." in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_a_draft_is_hidden_from_outsiders(
    client: Any, module: Any, org_admin: Any, outsider: Any, org_member: Any
) -> None:
    module_services.module_unpublish(actor=org_admin, module=module)
    client.force_login(outsider)
    assert client.get(f"/training/modules/{module.pk}/").status_code == 404
    assert client.post(f"/training/modules/{module.pk}/attempt/", {}).status_code == 404
    client.force_login(org_member)
    assert client.get(f"/training/modules/{module.pk}/").status_code == 200
    first, second = questions(module)
    response = client.post(
        f"/training/modules/{module.pk}/attempt/", {f"q{first.pk}": "2", f"q{second.pk}": "1"}
    )
    assert response.status_code == 400
    assert "The quiz opens when the module is published." in response.content.decode()
    assert not QuizAttempt.objects.exists()
