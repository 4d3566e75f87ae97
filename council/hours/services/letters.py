"""Letters of recommendation: an organiser writes one in the organisation's name for a
volunteer with verified hours there; it is printed as a PDF with a code and a QR code, checked
by anyone on the verification page like a certificate, and revoked with a reason."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.audit.services import record
from council.hours.models import RecommendationLetter
from council.hours.reference_models import MAX_LETTER
from council.hours.selectors import verified_hours
from council.hours.services.certificates import _language, _name
from council.lib.codes import normalise_code
from council.lib.forms import clean_model_fields
from council.lib.required import require_text
from council.lib.updates import save_fields
from council.orgs.models import Organisation


def _letter_language(language: str, volunteer: User) -> str:
    """The language chosen, or the volunteer's own."""
    if not language:
        return _language(volunteer)
    if language not in settings.LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose Russian, Kazakh or English.")})
    return language


@transaction.atomic
def letter_issue(
    *,
    actor: User,
    organisation: Organisation,
    volunteer: User,
    text: str,
    language: str = "",
) -> RecommendationLetter:
    """A letter of recommendation, signed by the organiser in the organisation's name, for a
    volunteer with verified hours with it; mailed to the volunteer in their language."""
    text = require_text(text or "", "text", _("Write the text of the letter."))
    if len(text) > MAX_LETTER:
        raise ValidationError({"text": _("At most %(count)d characters.") % {"count": MAX_LETTER}})
    if volunteer.pk == actor.pk:
        raise ValidationError(_("You cannot write a letter of recommendation for yourself."))
    hours = verified_hours(volunteer_id=volunteer.pk, organisation_id=organisation.pk)
    if hours <= 0:
        raise ValidationError(_("This volunteer has no verified hours with your organisation."))
    letter = RecommendationLetter(
        volunteer=volunteer,
        volunteer_name=_name(volunteer),
        organisation=organisation,
        text=text,
        language=_letter_language(language, volunteer),
        hours=hours,
        signatory_name=_name(actor),
        issued_by=actor,
    )
    clean_model_fields(letter, "text", "volunteer_name", "signatory_name")
    letter.save()
    record(
        actor=actor,
        action="letter.issued",
        target=letter,
        organisation_id=organisation.pk,
        data={"volunteer": volunteer.pk, "language": letter.language, "hours": str(hours)},
    )
    mail_send(
        to=volunteer.email,
        template="hours/mail/letter_issued",
        language=_language(volunteer),
        context={"letter": letter, "person": volunteer},
    )
    return letter


@transaction.atomic
def letter_revoke(
    *, actor: User, letter: RecommendationLetter, reason: str
) -> RecommendationLetter:
    reason = require_text(reason, "reason", _("Give a reason for the revocation."))
    letter = RecommendationLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.revoked_at is not None:
        raise ValidationError(_("This letter has already been revoked."))
    save_fields(letter, revoked_at=timezone.now(), revoked_by=actor, revocation_reason=reason)
    record(
        actor=actor,
        action="letter.revoked",
        target=letter,
        organisation_id=letter.organisation_id,
        data={"reason": letter.revocation_reason},
    )
    return letter


def letter_by_code(*, code: str) -> RecommendationLetter | None:
    return (
        RecommendationLetter.objects.select_related("organisation", "organisation__country")
        .filter(code=normalise_code(code)[:12])
        .first()
    )
