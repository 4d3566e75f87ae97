"""References both ways: after a confirmed place's shift has ended, an organiser of the
opportunity's owner writes a reference (a rating from 1 to 5, whether the volunteer came and
came on time, a short text), which the volunteer alone decides to show in the record book; and
the volunteer rates the experience, of which the organisation sees the average. Each is one per
application, and can be changed for 30 days (`EDITABLE_FOR`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.audit.services import record
from council.hours.models import ExperienceRating, RecommendationLetter, Reference
from council.hours.reference_models import EDITABLE_FOR
from council.lib.forms import clean_model_fields
from council.projects.models import Application, ApplicationStatus


def place_ended_at(application: Application) -> datetime | None:
    """When the place's work ended: its shift's end, or for a place without shifts the end of
    the opportunity's last shift; None while it has not."""
    if application.shift_id is not None:
        end = application.shift.end
    else:
        end = application.opportunity.last_end
    return end if end is not None and end <= timezone.now() else None


def _ended_place(application: Application) -> None:
    if application.status != ApplicationStatus.CONFIRMED:
        raise ValidationError(_("Only a confirmed place can be reviewed."))
    if place_ended_at(application) is None:
        raise ValidationError(_("The shift has not ended yet."))


def _rating(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    return int(value)


def _still_editable(written_at: datetime) -> None:
    if timezone.now() >= written_at + EDITABLE_FOR:
        raise ValidationError(_("It can no longer be changed: 30 days have passed."))


@transaction.atomic
def reference_write(
    *,
    actor: User,
    application: Application,
    rating: int,
    no_show: bool,
    punctual: bool,
    text: str = "",
) -> Reference:
    """Write (or, within 30 days, change) the organisation's reference on the place; the
    volunteer is told by mail the first time."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _ended_place(application)
    if application.volunteer_id == actor.pk:
        raise ValidationError(_("You cannot write a reference on your own place."))
    organisation_id = application.opportunity.project.owner_id
    existing = Reference.objects.filter(application=application).first()
    values = {
        "rating": _rating(rating),
        "no_show": bool(no_show),
        # Someone who did not come did not come on time either.
        "punctual": bool(punctual) and not no_show,
        "text": (text or "").strip(),
    }
    if existing is not None:
        _still_editable(existing.written_at)
        reference = existing
    else:
        reference = Reference(
            application=application,
            volunteer_id=application.volunteer_id,
            organisation_id=organisation_id,
            written_by=actor,
        )
    for name, value in values.items():
        setattr(reference, name, value)
    reference.updated_at = timezone.now()
    clean_model_fields(reference, "rating", "text")
    reference.save()
    record(
        actor=actor,
        action="reference.updated" if existing is not None else "reference.written",
        target=reference,
        organisation_id=organisation_id,
        data={"application": application.pk, "rating": reference.rating, "no_show": no_show},
    )
    if existing is None:
        volunteer = application.volunteer
        mail_send(
            to=volunteer.email,
            template="hours/mail/reference_written",
            context={"reference": reference, "person": volunteer},
        )
    return reference


@transaction.atomic
def reference_show(*, volunteer: User, reference: Reference, shown: bool) -> Reference:
    """The volunteer shows the reference in their record book (and its signed JSON), or not."""
    reference = Reference.objects.select_for_update().get(pk=reference.pk)
    if reference.volunteer_id != volunteer.pk:
        raise ValidationError(_("Only the volunteer decides where a reference is shown."))
    if reference.shown_in_record_book != shown:
        reference.shown_in_record_book = shown
        reference.save(update_fields=["shown_in_record_book"])
        record(
            actor=volunteer,
            action="reference.shown" if shown else "reference.hidden",
            target=reference,
        )
    return reference


@transaction.atomic
def experience_rate(
    *, volunteer: User, application: Application, rating: int, comment: str = ""
) -> ExperienceRating:
    """The volunteer rates their experience of the place once it has ended (or, within 30
    days, changes the rating)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.volunteer_id != volunteer.pk:
        raise ValidationError(_("Only the volunteer rates their experience."))
    _ended_place(application)
    existing = ExperienceRating.objects.filter(application=application).first()
    if existing is not None:
        _still_editable(existing.rated_at)
        rating_row = existing
    else:
        rating_row = ExperienceRating(
            application=application,
            volunteer=volunteer,
            organisation_id=application.opportunity.project.owner_id,
        )
    rating_row.rating = _rating(rating)
    rating_row.comment = (comment or "").strip()
    rating_row.updated_at = timezone.now()
    clean_model_fields(rating_row, "rating", "comment")
    rating_row.save()
    record(
        actor=volunteer,
        action="experience.updated" if existing is not None else "experience.rated",
        target=rating_row,
        organisation_id=rating_row.organisation_id,
        data={"application": application.pk, "rating": rating_row.rating},
    )
    return rating_row


def references_export(user: User) -> dict[str, list[dict[str, Any]]]:
    """The person's references received, ratings given and letters of recommendation, for
    their "my data" file."""
    return {
        "references_received": [
            {
                "application": row.application_id,
                "organisation": row.organisation_id,
                "rating": row.rating,
                "no_show": row.no_show,
                "punctual": row.punctual,
                "text": row.text,
                "shown_in_record_book": row.shown_in_record_book,
                "written_at": row.written_at.isoformat(),
            }
            for row in Reference.objects.filter(volunteer_id=user.pk).order_by("pk")
        ],
        "experience_ratings": [
            {
                "application": row.application_id,
                "organisation": row.organisation_id,
                "rating": row.rating,
                "comment": row.comment,
                "rated_at": row.rated_at.isoformat(),
            }
            for row in ExperienceRating.objects.filter(volunteer_id=user.pk).order_by("pk")
        ],
        "letters_of_recommendation": [
            {
                "code": row.code,
                "organisation": row.organisation_id,
                "text": row.text,
                "language": row.language,
                "issued_at": row.issued_at.isoformat(),
                "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
            }
            for row in RecommendationLetter.objects.filter(volunteer_id=user.pk).order_by("pk")
        ],
    }


def references_erase(user: User) -> None:
    """When the account is erased: the references about the person go; their ratings keep
    only the number (the organisation's average stays right); their letters keep the code,
    the organisation and the hours, without the name and the text."""
    Reference.objects.filter(volunteer_id=user.pk).delete()
    ExperienceRating.objects.filter(volunteer_id=user.pk).update(comment="")
    RecommendationLetter.objects.filter(volunteer_id=user.pk).update(volunteer_name="—", text="")
