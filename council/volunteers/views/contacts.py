"""The organisation's contact list, for its organisers: the list with search and status,
a contact added by hand, invitations (one, or all not yet invited in the background),
erasure with a reason, and the list as CSV or XLSX."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib import tables
from council.lib.views import action_view, post_action, saved_or_page
from council.orgs.models import Organisation
from council.volunteers import access
from council.volunteers.forms import ContactEraseForm, ContactFilterForm, ContactForm
from council.volunteers.models import Contact
from council.volunteers.selectors import contacts_of
from council.volunteers.services import contacts as services

PAGE_SIZE = 50


def _to_list(found: Contact | Organisation) -> str:
    pk = found.organisation_id if isinstance(found, Contact) else found.pk
    return reverse("volunteers:contacts", args=[pk])


def _filtered(request: AuthenticatedRequest, organisation: Organisation) -> tuple[Any, Any]:
    form = ContactFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    contacts = contacts_of(
        organisation=organisation,
        query=filters.get("q") or "",
        status=filters.get("status") or "",
    )
    return form, contacts


@login_required
def contact_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_contacts(user=request.user, pk=pk)
    form, contacts = _filtered(request, organisation)
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "form": form,
        "page": page,
        "erase_form": ContactEraseForm(),
    }
    return render(request, "volunteers/contacts/list.html", context)


@login_required
def contact_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_contacts(user=request.user, pk=pk)
    form = ContactForm(request.POST or None)

    def save() -> Contact:
        return services.contact_create(
            organisation=organisation, actor=request.user, source="manual", **form.cleaned_data
        )

    return saved_or_page(
        request,
        form,
        save,
        _("The contact has been added. Invite them when you are ready."),
        redirect_to=_to_list,
        template="volunteers/contacts/form.html",
        organisation=organisation,
    )


@login_required
@require_POST
def contacts_invite_all(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_contacts(user=request.user, pk=pk)

    def said(count: int) -> str:
        if count == 0:
            return _("Everybody with an email address has been invited already.")
        return ngettext(
            "%(count)d invitation is being sent in the background.",
            "%(count)d invitations are being sent in the background.",
            count,
        ) % {"count": count}

    return post_action(
        request,
        lambda: services.contacts_invite_all(organisation=organisation, actor=request.user),
        success=said,
        redirect_to=_to_list(organisation),
    )


contact_invite = action_view(
    access.get_contact_for_organiser,
    services.contact_invite,
    "contact",
    success=gettext_lazy("The invitation has been sent."),
    redirect_to=_to_list,
)
contact_erase = action_view(
    access.get_contact_for_organiser,
    services.contact_erase,
    "contact",
    form=ContactEraseForm,
    success=gettext_lazy("The contact's data has been erased."),
    redirect_to=_to_list,
)


def _header() -> list[str]:
    return [
        _("Id"),
        _("Family name"),
        _("Given name"),
        _("Patronymic"),
        _("Name in Latin"),
        _("Email address"),
        _("Phone number"),
        _("Date of birth"),
        _("Language"),
        _("Home country"),
        _("Id in the source system"),
        _("Source"),
        _("Status"),
        _("Added at"),
        _("Invited at"),
        _("Accepted at"),
    ]


def _row(contact: Contact) -> list[Any]:
    return [
        contact.pk,
        contact.family_name,
        contact.given_name,
        contact.patronymic,
        contact.latin_name,
        contact.email,
        contact.phone,
        contact.date_of_birth,
        contact.preferred_language,
        contact.home_country_id or "",
        contact.external_id,
        contact.source,
        contact.get_status_display(),
        contact.created_at,
        contact.invited_at,
        contact.accepted_at,
    ]


@login_required
def contacts_export(request: AuthenticatedRequest, pk: int, export_format: str) -> HttpResponseBase:
    """The list as filtered on the page, through the one safe table writer."""
    organisation = access.get_organisation_for_contacts(user=request.user, pk=pk)
    if export_format not in tables.FORMATS:
        raise Http404
    _form, contacts = _filtered(request, organisation)
    services.contacts_exported(organisation=organisation, actor=request.user)
    return tables.table_response(
        _header(),
        (_row(contact) for contact in contacts.iterator()),
        filename=f"contacts-{organisation.pk}.{export_format}",
        export_format=export_format,
        title=_("Contacts"),
    )
