"""Taking a module's quiz: every attempt is kept with its score; a score at or above the pass
mark passes, and passing a module that grants a credential grants it, valid for the
credential's months from today (or for good)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.records import audit_for
from council.training.models import QuizAttempt, TrainingModule
from council.training.services.credentials import credential_grant
from council.volunteers.models import CredentialSource

_audit = audit_for()


def quiz_score(module: TrainingModule, answers: Mapping[int, int]) -> int:
    """The share of right answers, in whole percent rounded down (so that 79.9% does not
    pass a mark of 80)."""
    questions = list(module.questions.values_list("pk", "correct"))
    if not questions:
        return 0
    right = sum(1 for pk, correct in questions if answers.get(pk) == correct)
    return right * 100 // len(questions)


@transaction.atomic
def quiz_submit(
    *, volunteer: User, module: TrainingModule, answers: Mapping[int, int]
) -> QuizAttempt:
    """Record an attempt at the module's quiz (`answers`: question id → the chosen answer's
    number); every question must be answered. The module's pass mark and credential are
    read as they stand now."""
    module = TrainingModule.objects.select_related("credential", "organisation").get(pk=module.pk)
    if not module.is_published:
        raise ValidationError(_("This module is not open yet."))
    questions = set(module.questions.values_list("pk", flat=True))
    if not questions:
        raise ValidationError(_("This module has no quiz."))
    missing = questions - {pk for pk, choice in answers.items() if choice}
    if missing:
        raise ValidationError(_("Answer every question."))
    unknown = set(answers) - questions
    if unknown:
        raise ValidationError(_("Answer the questions of this quiz."))
    score = quiz_score(module, answers)
    passed = score >= module.pass_mark
    attempt = QuizAttempt.objects.create(
        module=module,
        volunteer=volunteer,
        answers={str(pk): choice for pk, choice in sorted(answers.items())},
        score=score,
        passed=passed,
    )
    _audit(volunteer, "quiz.taken", attempt, module=module.pk, score=score, passed=passed)
    credential = module.credential
    if passed and credential is not None:
        today = timezone.localdate()
        credential_grant(
            volunteer=volunteer,
            credential=credential,
            source=CredentialSource.TRAINING,
            organisation=module.organisation,
            expires_on=credential.expiry_from(today),
            actor=volunteer,
            on=today,
        )
    return attempt
