"""Who sees and runs which import.

An import is the business of the organisation it imports into: whoever may import that kind
there (its admins; the national coordinators of its country; the secretariat — each kind says
whom, council.imports.kinds) reads and runs it. Its other members (coordinators, read-only
members) may read it, and get a 403 on every write. Anybody else gets a 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from council.accounts.http import Viewer
from council.imports.kinds import KINDS
from council.imports.models import ImportDuplicate, ImportJob
from council.orgs.access import memberships
from council.orgs.models import Organisation


def may_run(*, user: Viewer, job: ImportJob) -> bool:
    kind = KINDS.get(job.kind)
    return (
        kind is not None and kind.organisations(user=user).filter(pk=job.organisation_id).exists()
    )


def _get(user: Viewer, pk: int) -> tuple[ImportJob, bool]:
    if not user.is_authenticated:
        raise Http404
    job = (
        ImportJob.objects.select_related("organisation", "created_by", "confirmed_by")
        .filter(pk=pk)
        .first()
    )
    if job is None:
        raise Http404
    if may_run(user=user, job=job):
        return job, True
    if memberships(user, organisations=[job.organisation_id]).exists():
        return job, False
    raise Http404


def get_import_for_viewer(*, user: Viewer, pk: int) -> ImportJob:
    return _get(user, pk)[0]


def get_import_for_runner(*, user: Viewer, pk: int) -> ImportJob:
    job, runs = _get(user, pk)
    if not runs:
        raise PermissionDenied
    return job


def get_duplicate_for_runner(*, user: Viewer, job_pk: int, pk: int) -> ImportDuplicate:
    job = get_import_for_runner(user=user, pk=job_pk)
    duplicate = ImportDuplicate.objects.filter(job=job, pk=pk).first()
    if duplicate is None:
        raise Http404
    return duplicate


def importable(*, user: Viewer) -> dict[str, QuerySet[Organisation]]:
    """Kind key → the organisations this person may import it into."""
    return {key: kind.organisations(user=user) for key, kind in KINDS.items()}


def imports_visible(*, user: Viewer) -> QuerySet[ImportJob]:
    """The imports of every organisation this person may import into or is a member of."""
    if not user.is_authenticated:
        return ImportJob.objects.none()
    where = Q(organisation_id__in=memberships(user).values("organisation_id"))
    for key, organisations in importable(user=user).items():
        where |= Q(kind=key, organisation_id__in=organisations.values("pk"))
    return ImportJob.objects.filter(where)


def get_organisation_for_import(*, user: Viewer, kind: str, pk: int) -> Organisation:
    """The organisation to import `kind` into: a 404 if the person has no business with it, a
    403 for one of its members who may not import that kind there."""
    if not user.is_authenticated:
        raise Http404
    import_kind = KINDS.get(kind)
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    if import_kind is not None and import_kind.organisations(user=user).filter(pk=pk).exists():
        return organisation
    if memberships(user, organisations=[pk]).exists():
        raise PermissionDenied
    raise Http404
