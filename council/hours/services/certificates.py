"""Certificates: issued by an organisation for verified hours (a project's, or all of them
over a period), verifiable by anyone by their code, revoked with a reason."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.audit.services import record
from council.hours.models import (
    Certificate,
    CertificateKind,
    EntryStatus,
    HoursEntry,
)
from council.hours.selectors import verified_hours
from council.lib.codes import normalise_code
from council.lib.required import require_text
from council.lib.updates import save_fields
from council.orgs.models import Organisation
from council.projects.models import Project
from council.webhooks import events as webhook_events
from council.webhooks.services import webhook_emit


class Scope(TypedDict, total=False):
    """What a certificate covers: the project (of a project certificate) and the period, which
    for a project defaults to the dates worked."""

    project: Project | None
    period_start: date | None
    period_end: date | None


def _name(volunteer: User) -> str:
    return str(volunteer.display_name)[:170]


def _language(volunteer: User) -> str:
    language = getattr(volunteer, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def _verified(
    volunteer: User, organisation: Organisation, project: Project | None
) -> QuerySet[HoursEntry]:
    entries = HoursEntry.objects.filter(
        volunteer_id=volunteer.pk,
        organisation=organisation,
        status=EntryStatus.VERIFIED,
        during_paid_work=False,
    )
    return entries.filter(project=project) if project is not None else entries


def _audit(actor: User, action: str, certificate: Certificate, **data: Any) -> None:
    """An event of the certificate, for its organisation's log."""
    organisation_id = certificate.organisation_id
    record(
        actor=actor, action=action, target=certificate, organisation_id=organisation_id, data=data
    )


def _certified_project(kind: str, organisation: Organisation, scope: Scope) -> Project | None:
    """The organisation's project a certificate of this kind is for; None for a period, which
    must then be given."""
    if kind not in CertificateKind.values:
        raise ValidationError({"kind": _("Choose what the certificate is for.")})
    if kind != CertificateKind.PROJECT:
        if scope.get("period_start") is None or scope.get("period_end") is None:
            raise ValidationError({"period_start": _("Give the period the certificate covers.")})
        return None
    project = scope.get("project")
    if project is None:
        raise ValidationError({"project": _("Choose the project.")})
    if project.owner_id != organisation.pk:
        raise ValidationError({"project": _("This project belongs to another organisation.")})
    return project


def _period(entries: QuerySet[HoursEntry], scope: Scope) -> tuple[date, date]:
    """The period given, its missing ends taken from the dates of the verified entries."""
    start, end = scope.get("period_start"), scope.get("period_end")
    if start is None or end is None:
        span = entries.aggregate(first=Min("date"), last=Max("date"))
        start, end = start or span["first"], end or span["last"]
    if start is None or end is None:
        raise ValidationError(_("This volunteer has no verified hours to certify."))
    if start > end:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    return start, end


@transaction.atomic
def certificate_issue(
    *, actor: User, organisation: Organisation, volunteer: User, kind: str, **scope: Unpack[Scope]
) -> Certificate:
    """A certificate of the volunteer's verified hours with this organisation: for one
    project (over the dates worked unless a period is given) or over a period."""
    project = _certified_project(kind, organisation, scope)
    period_start, period_end = _period(_verified(volunteer, organisation, project), scope)
    hours = verified_hours(
        volunteer_id=volunteer.pk,
        organisation_id=organisation.pk,
        project_id=project.pk if project is not None else None,
        since=period_start,
        until=period_end,
    )
    if hours <= 0:
        raise ValidationError(_("This volunteer has no verified hours to certify."))
    certificate = Certificate.objects.create(
        kind=kind,
        volunteer=volunteer,
        volunteer_name=_name(volunteer),
        organisation=organisation,
        project=project,
        period_start=period_start,
        period_end=period_end,
        hours=hours,
        language=_language(volunteer),
        issued_by=actor,
    )
    _audit(
        actor,
        "certificate.issued",
        certificate,
        kind=kind,
        hours=str(hours),
        volunteer=volunteer.pk,
    )
    webhook_emit(
        event=webhook_events.CERTIFICATE_ISSUED,
        organisation=organisation,
        payload={
            "certificate": {"id": certificate.pk, "kind": kind},
            "project": project.pk if project is not None else None,
            "hours": str(hours),
            "period_start": period_start.isoformat(),
            "period_end": period_end.isoformat(),
        },
        person=volunteer,
    )
    mail_send(
        to=volunteer.email,
        template="hours/mail/certificate_issued",
        language=certificate.language,
        context={"certificate": certificate, "person": volunteer},
    )
    return certificate


@transaction.atomic
def certificates_issue_for_project(*, actor: User, project: Project) -> list[Certificate]:
    """A participation certificate for every volunteer with verified hours in the project
    who has no valid one for it yet."""
    organisation = project.owner
    holders = set(
        Certificate.objects.filter(
            project=project, kind=CertificateKind.PROJECT, revoked_at__isnull=True
        ).values_list("volunteer_id", flat=True)
    )
    volunteers = (
        HoursEntry.objects.filter(
            project=project, status=EntryStatus.VERIFIED, during_paid_work=False
        )
        .exclude(volunteer_id__in=holders)
        .values_list("volunteer", flat=True)
        .distinct()
    )
    issue = partial(certificate_issue, actor=actor, kind=CertificateKind.PROJECT, project=project)
    return [
        issue(organisation=organisation, volunteer=volunteer)
        for volunteer in User.objects.filter(pk__in=list(volunteers)).order_by("pk")
    ]


@transaction.atomic
def certificate_revoke(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    reason = require_text(reason, "reason", _("Give a reason for the revocation."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise ValidationError(_("This certificate has already been revoked."))
    save_fields(certificate, revoked_at=timezone.now(), revoked_by=actor, revocation_reason=reason)
    _audit(actor, "certificate.revoked", certificate, reason=certificate.revocation_reason)
    return certificate


def certificate_by_code(*, code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("organisation", "organisation__country", "project")
        .filter(code=normalise_code(code)[:12])
        .first()
    )
