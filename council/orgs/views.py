from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.audit.selectors import audit_events_for_organisation
from council.lib.forms import add_service_errors, flash_errors
from council.lib.timezones import reader_zone, zone_label
from council.orgs import services
from council.orgs.access import (
    can_verify,
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
from council.orgs.models import Invitation, MembershipRole
from council.orgs.selectors import (
    coordinated_country_codes,
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
def organisation_mine(request: HttpRequest) -> HttpResponse:
    memberships = organisations_for_member(user=request.user)
    return render(request, "orgs/mine.html", {"memberships": memberships})


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_viewer(user=request.user, pk=pk)
    membership = None
    if request.user.is_authenticated:
        membership = organisation.memberships.filter(user=request.user).first()
    context = {
        "organisation": organisation,
        "membership": membership,
        "is_admin": membership is not None and membership.role == MembershipRole.ADMIN,
        "can_verify": organisation.status == "pending"
        and can_verify(user=request.user, organisation=organisation),
        "reject_form": RejectForm(),
    }
    return render(request, "orgs/detail.html", context)


@login_required
def organisation_register(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_register(
                actor=request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields}
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The organisation is registered and waits for verification "
                    "by its national network."
                ),
            )
            return redirect("orgs:detail", organisation.pk)
    status = 400 if form.errors else 200
    return render(request, "orgs/form.html", {"form": form, "creating": True}, status=status)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, _membership = get_organisation_for_admin(user=request.user, pk=pk)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        fresh, _membership = get_organisation_for_admin(user=request.user, pk=pk)
        try:
            services.organisation_update(
                actor=request.user,
                organisation=fresh,
                **{f: form.cleaned_data[f] for f in form.Meta.fields},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation has been saved."))
            return redirect("orgs:detail", pk)
    status = 400 if form.errors else 200
    context = {"form": form, "organisation": organisation, "creating": False}
    return render(request, "orgs/form.html", context, status=status)


@login_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.is_secretariat and not coordinated_country_codes(user=request.user):
        raise Http404
    organisations = organisations_awaiting_verification(user=request.user)
    return render(request, "orgs/verification_queue.html", {"organisations": organisations})


@login_required
@require_POST
def organisation_verify(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_verifier(user=request.user, pk=pk)
    try:
        if request.POST.get("decision") == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                context = {
                    "organisation": organisation,
                    "membership": None,
                    "can_verify": True,
                    "reject_form": form,
                }
                return render(request, "orgs/detail.html", context, status=400)
            services.organisation_reject(
                actor=request.user, organisation=organisation, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The organisation has been rejected."))
        else:
            services.organisation_verify(actor=request.user, organisation=organisation)
            messages.success(request, _("The organisation has been verified."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("orgs:verification_queue")


@login_required
def member_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, membership = get_organisation_for_member(user=request.user, pk=pk)
    is_admin = membership.role == MembershipRole.ADMIN
    context = {
        "organisation": organisation,
        "membership": membership,
        "is_admin": is_admin,
        "members": organisation_members(organisation=organisation),
        "invitations": organisation_open_invitations(organisation=organisation) if is_admin else [],
        "invite_form": InvitationForm(),
        "roles": MembershipRole.choices,
    }
    return render(request, "orgs/members.html", context)


@login_required
@require_POST
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
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
    context = {
        "organisation": organisation,
        "is_admin": True,
        "members": organisation_members(organisation=organisation),
        "invitations": organisation_open_invitations(organisation=organisation),
        "invite_form": form,
        "roles": MembershipRole.choices,
    }
    return render(request, "orgs/members.html", context, status=400)


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = get_membership_for_admin(user=request.user, organisation_pk=pk, pk=membership_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect("orgs:members", pk)
    try:
        services.membership_change_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
        messages.success(request, _("The role has been changed."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("orgs:members", pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = get_membership_for_admin(user=request.user, organisation_pk=pk, pk=membership_pk)
    try:
        services.membership_remove(actor=request.user, membership=membership)
        messages.success(request, _("The member has been removed."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("orgs:members", pk)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation, _membership = get_organisation_for_admin(user=request.user, pk=pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organisation=organisation)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("orgs:members", pk)


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation", "invited_by"), token=token
    )
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
def organisation_audit(request: HttpRequest, pk: int) -> HttpResponse:
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
