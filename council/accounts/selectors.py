"""Reads of accounts used by the other apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from council.accounts.models import Consent, User


def person_by_email(email: str) -> User:
    """The active person with this address (any case), or a ValidationError on `email`."""
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise ValidationError({"email": _("Nobody has this email address here.")})
    return person


def user_as_stored(*, user: User) -> User:
    """The person as the database holds them: a fresh copy, untouched by a bound form."""
    return User.objects.get(pk=user.pk)


def consents_live(*, user: User) -> dict[str, Consent]:
    """The person's live (not withdrawn) consents by purpose."""
    return {c.purpose: c for c in user.consents.filter(withdrawn_at__isnull=True)}


def consents_history(*, user: User) -> QuerySet[Consent]:
    """Every consent the person gave, latest first."""
    return user.consents.order_by("-given_at", "-pk")
