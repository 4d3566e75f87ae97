"""Reads of accounts used by the other apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from council.accounts.models import User


def person_by_email(email: str) -> User:
    """The active person with this address (any case), or a ValidationError on `email`."""
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise ValidationError({"email": _("Nobody has this email address here.")})
    return person
