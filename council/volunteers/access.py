"""Who may see or change an organisation's contact list: its organisers (admins and
coordinators). Another member gets a 403; anyone else a 404 (the organisation's contacts are
not revealed). The views and the API both call these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.orgs.access import get_organisation_for_member
from council.orgs.models import Organisation
from council.volunteers.models import Contact


def get_organisation_for_contacts(*, user: Viewer, pk: int) -> Organisation:
    """An organisation whose contact list this person keeps: its admins and coordinators."""
    if not user.is_authenticated:
        raise Http404
    organisation, membership = get_organisation_for_member(user=user, pk=pk)
    if not membership.is_staff_role:
        raise PermissionDenied
    return organisation


def get_contact_for_organiser(*, user: Viewer, pk: int) -> Contact:
    """A contact of an organisation whose contact list this person keeps."""
    if not user.is_authenticated:
        raise Http404
    contact: Contact = get_object_or_404(Contact.objects.select_related("organisation"), pk=pk)
    get_organisation_for_contacts(user=user, pk=contact.organisation_id)
    return contact
