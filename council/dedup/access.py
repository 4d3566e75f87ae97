"""Who may work the duplicates queue and see a pair: the council secretariat (every
country) and national coordinators (the pairs of their country's people and organisations).
A pair of another country is a 404. A person of another country is shown only with their
live cross-border consent; a pair with such a person hidden is seen but not decided (403).
The proposal of a merge is seen only by the two accounts it joins."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.accounts.models import ConsentPurpose, User
from council.accounts.services import has_live_consent
from council.dedup.models import AccountMerge, CandidateKind, DuplicateCandidate
from council.orgs.selectors import coordinated_country_codes


def queue_countries(*, user: Viewer) -> set[str] | None:
    """The countries whose pairs the person decides: None for the secretariat (all); a 404
    for anyone who works no queue."""
    if not user.is_authenticated:
        raise Http404
    if user.is_secretariat:
        return None
    countries = coordinated_country_codes(user=user)
    if not countries:
        raise Http404
    return countries


def in_countries(countries: set[str] | None) -> Q:
    """The pairs with a record in one of `countries` (every pair for None)."""
    if countries is None:
        return Q()
    return Q(country_id__in=countries) | Q(other_country_id__in=countries)


def get_candidate_for_coordinator(*, user: Viewer, pk: int) -> DuplicateCandidate:
    countries = queue_countries(user=user)
    candidate: DuplicateCandidate = get_object_or_404(
        DuplicateCandidate.objects.filter(in_countries(countries)), pk=pk
    )
    return candidate


def can_see_person(*, user: Viewer, person: User | None) -> bool:
    """The secretariat sees everyone; a coordinator their country's people, and others who
    gave the cross-border consent."""
    if person is None or not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    if person.home_country_id in coordinated_country_codes(user=user):
        return True
    return has_live_consent(user=person, purpose=ConsentPurpose.CROSS_BORDER)


def get_candidate_for_decider(*, user: Viewer, pk: int) -> DuplicateCandidate:
    """The pair, to decide: only by one who sees both records."""
    candidate = get_candidate_for_coordinator(user=user, pk=pk)
    if candidate.kind == CandidateKind.PERSON and not all(
        can_see_person(user=user, person=person)
        for person in (candidate.left_user, candidate.right_user)
        if person is not None  # a merged side: the pair is decided, the service says so
    ):
        raise PermissionDenied
    return candidate


def get_merge_for_party(*, user: Viewer, pk: int) -> AccountMerge:
    """A merge, to the person whose accounts it joins (either of the two)."""
    if not user.is_authenticated:
        raise Http404
    merge: AccountMerge = get_object_or_404(
        AccountMerge.objects.select_related("survivor").filter(
            Q(survivor=user) | Q(merged_user_id=user.pk)
        ),
        pk=pk,
    )
    return merge
