from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.dedup import access, selectors
from council.dedup.forms import DecisionForm, QueueFilterForm
from council.dedup.models import CandidateStatus, DuplicateCandidate, MergeStatus
from council.dedup.services.candidates import candidate_decide
from council.dedup.services.merge import (
    account_merge_confirm,
    account_merge_decline,
    merge_party,
)
from council.lib.views import post_action

PAGE_SIZE = 25


@login_required
def queue(request: AuthenticatedRequest) -> HttpResponse:
    countries = access.queue_countries(user=request.user)
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.candidates_queue(
        countries=countries,
        kind=filters.get("kind", ""),
        status=filters.get("status") or CandidateStatus.OPEN,
        country=(filters.get("country") or "").upper(),
        min_score=filters.get("min_score"),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    items = [
        {
            "candidate": candidate,
            "names": selectors.shown_names(candidate, countries),
            "reasons": selectors.reason_labels(candidate.reasons),
        }
        for candidate in page.object_list
    ]
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {"form": form, "page": page, "items": items}
    return render(request, "dedup/queue.html", context, status=status)


@login_required
def candidate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = access.get_candidate_for_coordinator(user=request.user, pk=pk)
    left, right = selectors.candidate_sides(candidate=found, viewer=request.user)
    sides = [left, right]
    values = [dict(side.facts + side.counts) for side in sides]
    labels = dict.fromkeys(label for side in sides for label, _v in side.facts + side.counts)
    context = {
        "candidate": found,
        "sides": sides,
        "rows": [
            {"label": label, "values": [v.get(label, "—") for v in values]} for label in labels
        ],
        "reasons": selectors.reason_labels(found.reasons),
        "merge": selectors.candidate_merge(candidate=found),
        "can_decide": found.is_undecided and left.visible and right.visible,
        "form": DecisionForm(),
    }
    return render(request, "dedup/candidate.html", context)


def _decided(found: DuplicateCandidate) -> str:
    messages: dict[str, str] = {
        CandidateStatus.MERGED: _("The records are merged."),
        CandidateStatus.AWAITING: _(
            "The person has signed in to both accounts: they are asked by mail to confirm."
        ),
        CandidateStatus.DIFFERENT: _("Marked as different: the pair will not come back."),
        CandidateStatus.DISMISSED: _("Dismissed."),
    }
    return messages.get(found.status, "")


@login_required
@require_POST
def decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = access.get_candidate_for_decider(user=request.user, pk=pk)
    here = reverse("dedup:candidate", args=[found.pk])

    def act(cleaned: dict[str, Any]) -> DuplicateCandidate:
        return candidate_decide(actor=request.user, candidate=found, **cleaned)

    return post_action(
        request,
        act,
        form=DecisionForm(request.POST),
        success=_decided,
        redirect_to=lambda _found: reverse("dedup:queue"),
        failure_to=here,
    )


@login_required
def merge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The person's page of a proposed merge: confirm from each account, or decline."""
    found = access.get_merge_for_party(user=request.user, pk=pk)
    party = merge_party(found, request.user)
    confirmed = getattr(found, f"{party}_confirmed_at", None) if party else None
    context = {"merge": found, "party": party, "confirmed": confirmed}
    return render(request, "dedup/merge.html", context)


@login_required
@require_POST
def merge_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = access.get_merge_for_party(user=request.user, pk=pk)
    here = reverse("dedup:merge", args=[found.pk])
    if request.POST.get("answer") == "decline":
        return post_action(
            request,
            lambda: account_merge_decline(person=request.user, merge=found),
            success=_("The accounts stay apart."),
            redirect_to=here,
        )

    def answered(result: Any) -> str:
        if result.status == MergeStatus.DONE:
            return _("Your accounts are now one. Sign in with either address.")
        return _("Confirmed from this account. Now sign in to the other account and confirm there.")

    return post_action(
        request,
        lambda: account_merge_confirm(person=request.user, merge=found),
        success=answered,
        redirect_to=here,
    )
