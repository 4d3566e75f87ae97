from __future__ import annotations

from functools import partial
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.audit.selectors import audit_events_for_organisation
from council.lib.forms import add_service_errors
from council.lib.timezones import reader_zone, zone_label
from council.lib.views import action_view, post_action, saved_or_page
from council.orgs import services
from council.orgs.access import (
    can_verify,
    get_invitation_by_token,
    get_invitation_for_admin,
    get_membership_for_admin,
    get_organisation_for_admin,
    get_organisation_for_member,
    get_organisation_for_verifier,
    get_organisation_for_viewer,
)
from council.orgs.forms import (
    InvitationForm,
    OrganisationFilterForm,
    OrganisationForm,
    RejectForm,
    RoleForm,
)
from council.orgs.models import Invitation, Membership, MembershipRole, Organisation
from council.orgs.selectors import (
    coordinated_country_codes,
    membership_of,
    organisation_members,
    organisation_open_invitations,
    organisations_awaiting_verification,
    organisations_for_member,
    organisations_public,
)

PAGE_SIZE = 25


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    country = filters.get("country")
    organisations = organisations_public(
        country=country.pk if country else None,
        kind=filters.get("kind") or None,
        query=filters.get("q") or None,
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orgs/list.html", {"form": form, "page": page})


@login_required
def organisation_mine(request: AuthenticatedRequest) -> HttpResponse:
    memberships = organisations_for_member(user=request.user)
    return render(request, "orgs/mine.html", {"memberships": memberships})


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_viewer(user=request.user, pk=pk)
    membership = membership_of(user=request.user, organisation=organisation)
    context = {
        "organisation": organisation,
        "membership": membership,
        "is_admin": membership is not None and membership.role == MembershipRole.ADMIN,
        "can_verify": organisation.status == "pending"
        and can_verify(user=request.user, organisation=organisation),
        "reject_form": RejectForm(),
    }
    return render(request, "orgs/detail.html", context)


def _fields(form: OrganisationForm) -> services.OrganisationFields:
    return cast(services.OrganisationFields, {f: form.cleaned_data[f] for f in form.Meta.fields})


def _to_detail(organisation: Organisation) -> str:
    return reverse("orgs:detail", args=[organisation.pk])


# The organisation's form (to register or to edit): saved, to its page.
_organisation_form = partial(saved_or_page, redirect_to=_to_detail, template="orgs/form.html")


@login_required
def organisation_register(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)

    def save() -> Organisation:
        return services.organisation_register(actor=request.user, **_fields(form))

    success = _(
        "The organisation is registered and waits for verification by its national network."
    )
    return _organisation_form(request, form, save, success, creating=True)


@login_required
def organisation_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation, _membership = get_organisation_for_admin(user=request.user, pk=pk)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)

    def save() -> Organisation:
        again, _admin = get_organisation_for_admin(user=request.user, pk=pk)
        return services.organisation_update(actor=request.user, organisation=again, **_fields(form))

    success = _("The organisation has been saved.")
    return _organisation_form(
        request, form, save, success, organisation=organisation, creating=False
    )


@login_required
def verification_queue(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.is_secretariat and not coordinated_country_codes(user=request.user):
        raise Http404
    organisations = organisations_awaiting_verification(user=request.user)
    return render(request, "orgs/verification_queue.html", {"organisations": organisations})


@login_required
@require_POST
def organisation_verify(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_verifier(user=request.user, pk=pk)
    queue = reverse("orgs:verification_queue")
    if request.POST.get("decision") != "reject":
        return post_action(
            request,
            lambda: services.organisation_verify(actor=request.user, organisation=organisation),
            success=_("The organisation has been verified."),
            redirect_to=queue,
        )
    form = RejectForm(request.POST)
    if not form.is_valid():
        context = {
            "organisation": organisation,
            "membership": None,
            "can_verify": True,
            "reject_form": form,
        }
        return render(request, "orgs/detail.html", context, status=400)
    return post_action(
        request,
        lambda: services.organisation_reject(
            actor=request.user, organisation=organisation, reason=form.cleaned_data["reason"]
        ),
        success=_("The organisation has been rejected."),
        redirect_to=queue,
    )


def _members_context(organisation: Organisation, is_admin: bool) -> dict[str, object]:
    return {
        "organisation": organisation,
        "is_admin": is_admin,
        "members": organisation_members(organisation=organisation),
        "invitations": organisation_open_invitations(organisation=organisation) if is_admin else [],
        "invite_form": InvitationForm(),
        "roles": MembershipRole.choices,
    }


@login_required
def member_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation, membership = get_organisation_for_member(user=request.user, pk=pk)
    context = _members_context(organisation, membership.role == MembershipRole.ADMIN)
    return render(request, "orgs/members.html", {**context, "membership": membership})


@login_required
@require_POST
def member_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation, _membership = get_organisation_for_admin(user=request.user, pk=pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                actor=request.user,
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("orgs:members", pk)
    context = {**_members_context(organisation, is_admin=True), "invite_form": form}
    return render(request, "orgs/members.html", context, status=400)


def _membership(*, user: User, pk: int, membership_pk: int) -> Membership:
    return get_membership_for_admin(user=user, organisation_pk=pk, pk=membership_pk)


def _invitation(*, user: User, pk: int, invitation_pk: int) -> Invitation:
    return get_invitation_for_admin(user=user, organisation_pk=pk, pk=invitation_pk)


def _role(request: HttpRequest, _membership: Membership) -> dict[str, Any]:
    form = RoleForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose a valid role."))
    return {"role": form.cleaned_data["role"]}


# The admin's actions on a member or an invitation; back to the members' page.
_on_members = partial(
    action_view,
    redirect_to=lambda found: reverse("orgs:members", args=[found.organisation_id]),
)
member_role = _on_members(
    _membership,
    services.membership_change_role,
    "membership",
    data=_role,
    success=gettext_lazy("The role has been changed."),
)
member_remove = _on_members(
    _membership,
    services.membership_remove,
    "membership",
    success=gettext_lazy("The member has been removed."),
)
invitation_revoke = _on_members(
    _invitation,
    services.invitation_revoke,
    "invitation",
    success=gettext_lazy("The invitation has been withdrawn."),
)


@login_required
def invitation_accept(request: AuthenticatedRequest, token: str) -> HttpResponse:
    invitation = get_invitation_by_token(token=token)
    error = None
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, invitation=invitation)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Welcome! You are now a member of this organisation."))
            return redirect("orgs:members", invitation.organisation_id)
    context = {"invitation": invitation, "error": error}
    return render(request, "orgs/invitation.html", context, status=400 if error else 200)


@login_required
def organisation_audit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation, _membership = get_organisation_for_admin(user=request.user, pk=pk)
    events = audit_events_for_organisation(organisation_id=organisation.pk)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    zone = reader_zone(request.user)
    context = {
        "organisation": organisation,
        "page": page,
        "zone": zone,
        "zone_label": zone_label(zone),
    }
    return render(request, "orgs/audit.html", context)
