"""Who may export and import exchange files. An organisation's admins: their own
organisation's records. A national network's coordinators (its admins and coordinators): the
records of their country's organisations. The secretariat: everything. Anyone else does not
see the pages (404); another organisation asked for by its number is a 404 too, another
country or the whole platform a 403."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.interchange.models import ExchangeImport
from council.orgs.models import MembershipRole, Organisation
from council.orgs.selectors import coordinated_country_codes


@dataclass(frozen=True)
class Reach:
    """The records a person may export and import."""

    everything: bool = False
    countries: frozenset[str] = frozenset()
    organisation_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.countries or self.organisation_ids)

    def covers(self, organisation: Organisation) -> bool:
        return (
            self.everything
            or organisation.country_id in self.countries
            or organisation.pk in self.organisation_ids
        )

    def covers_country(self, country: str) -> bool:
        return self.everything or country in self.countries


OPERATOR = Reach(everything=True)


def reach(*, user: Viewer) -> Reach:
    if not user.is_authenticated:
        return Reach()
    if user.is_secretariat:
        return OPERATOR
    administered = Organisation.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.ADMIN
    ).values_list("pk", flat=True)
    return Reach(
        countries=frozenset(coordinated_country_codes(user=user)),
        organisation_ids=frozenset(administered),
    )


def require_reach(*, user: Viewer) -> Reach:
    """The person's reach; a 404 for those who have none."""
    found = reach(user=user)
    if found.is_empty:
        raise Http404
    return found


def check_export(*, reach: Reach, organisation: Organisation | None, country: str | None) -> None:
    """May someone of this reach export this scope? One organisation (another one is a
    404), one country's (403 for another), or everything (the secretariat's, 403)."""
    if organisation is not None:
        if not reach.covers(organisation):
            raise Http404
    elif country:
        if not reach.covers_country(country):
            raise PermissionDenied
    elif not reach.everything:
        raise PermissionDenied


def get_import_for_requester(*, user: Viewer, pk: int) -> ExchangeImport:
    """An import is the business of the person who uploaded it (and of nobody else)."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(ExchangeImport.objects.filter(requested_by_id=user.pk), pk=pk)
