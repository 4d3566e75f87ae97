"""The forum's programme: a confirmed participant signs up for a session or leaves it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.forums.models import ForumSession, Registration, RegistrationStatus, SessionSignup
from council.forums.services.registrations import audit
from council.lib.locks import lock_row


@transaction.atomic
def session_sign_up(*, person: User, session: ForumSession) -> SessionSignup:
    """A confirmed participant takes a seat in one of the forum's sessions; the session row
    is locked while its seats are counted."""
    locked_session = lock_row(ForumSession, session.pk)
    assert locked_session is not None
    registration = Registration.objects.filter(
        forum_id=locked_session.forum_id, person_id=person.pk, status=RegistrationStatus.CONFIRMED
    ).first()
    if registration is None:
        raise ValidationError(_("Sessions are open to confirmed participants of the forum."))
    if SessionSignup.objects.filter(session=locked_session, registration=registration).exists():
        raise ValidationError(_("You have already signed up for this session."))
    if locked_session.capacity is not None:
        taken = SessionSignup.objects.filter(session=locked_session).count()
        if taken >= locked_session.capacity:
            raise ValidationError(_("This session is full."))
    signup = SessionSignup.objects.create(session=locked_session, registration=registration)
    audit(person, "session.signed_up", registration, session=locked_session.pk)
    return signup


@transaction.atomic
def session_leave(*, person: User, session: ForumSession) -> None:
    deleted, _rows = SessionSignup.objects.filter(
        session=session, registration__person_id=person.pk
    ).delete()
    if not deleted:
        raise ValidationError(_("You are not signed up for this session."))
    registration = Registration.objects.get(
        forum_id=session.forum_id, person_id=person.pk, status=RegistrationStatus.CONFIRMED
    )
    audit(person, "session.left", registration, session=session.pk)
