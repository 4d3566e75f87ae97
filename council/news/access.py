"""Who may read and write news. A published item whose time has come is public; a draft or a
scheduled item is its publisher's: an organisation's members read it and its admins and
coordinators write it, the secretariat reads and writes the council's. An item of a
publisher one has no business with is a 404; a plain member's write is a 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.cooperation.access import get_council_for_keeper, is_secretariat
from council.cooperation.models import Council
from council.lib.found import found_if
from council.lib.mirrors import local_or_404
from council.news.models import NewsItem
from council.orgs.access import get_organisation_for_viewer, memberships
from council.orgs.models import ORGANISER_ROLES, Organisation


def _role(user: Viewer, organisation_id: int) -> str | None:
    return memberships(user, organisations=[organisation_id]).values_list("role", flat=True).first()


def writes_news_of(
    *, user: Viewer, organisation: Organisation | None = None, council: Council | None = None
) -> bool:
    """An organisation's admins and coordinators write its news (nobody here, for another
    node's organisation); the secretariat writes the council's."""
    if council is not None:
        return is_secretariat(user=user) and not council.is_mirrored
    assert organisation is not None
    if organisation.is_mirrored:
        return False
    return _role(user, organisation.pk) in ORGANISER_ROLES


def writes(*, user: Viewer, item: NewsItem) -> bool:
    return writes_news_of(user=user, organisation=item.organisation, council=item.council)


def _reads_unpublished(user: Viewer, item: NewsItem) -> bool:
    if item.council_id is not None:
        return is_secretariat(user=user)
    assert item.organisation_id is not None
    return _role(user, item.organisation_id) is not None


def _item(pk: int) -> NewsItem:
    return get_object_or_404(NewsItem.objects.select_related("organisation", "council"), pk=pk)


def get_item_for_viewer(*, user: Viewer, pk: int) -> NewsItem:
    item = _item(pk)
    return found_if(item.is_public() or _reads_unpublished(user, item), item)


def get_item_for_editor(*, user: Viewer, pk: int) -> NewsItem:
    item = _item(pk)
    found_if(_reads_unpublished(user, item), item)
    if not writes(user=user, item=item):
        raise PermissionDenied
    # Another node's publisher writes its news there.
    for publisher in (item.organisation, item.council):
        if publisher is not None:
            local_or_404(publisher)
    return item


def get_organisation_for_publisher(*, user: Viewer, pk: int) -> Organisation:
    """An organisation whose news this person writes: an outsider gets a 404, a plain member a
    403, and so does an organiser while the organisation is not verified (it publishes
    nothing until then)."""
    organisation: Organisation = get_object_or_404(Organisation, pk=pk)
    role = _role(user, pk)
    found_if(role is not None, organisation)
    local_or_404(organisation)
    if role not in ORGANISER_ROLES or not organisation.is_verified:
        raise PermissionDenied
    return organisation


def get_council_for_publisher(*, user: Viewer, pk: int) -> Council:
    """The council whose news the secretariat writes (a 404 for anyone else)."""
    return get_council_for_keeper(user=user, pk=pk)


def get_organisation_as_publisher(*, user: Viewer, pk: int) -> Organisation:
    """An organisation's news page: public like the organisation's own page."""
    return get_organisation_for_viewer(user=user, pk=pk)


def get_council_as_publisher(*, pk: int) -> Council:
    """A council's news page: public like the council's own page."""
    return get_object_or_404(Council, pk=pk)
