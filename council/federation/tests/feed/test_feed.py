"""The catalogue feed's builder: what is public, in which order, cursors, changes, limits."""

from __future__ import annotations

from typing import Any

import pytest

from council.audit.services import record
from council.conftest import make_org
from council.federation.catalogue import ORDER
from council.federation.feed import feed_page
from council.federation.protocol import ProtocolError
from council.forums.tests.conftest import make_forum
from council.orgs.models import OrganisationStatus
from council.projects.models import Application, ApplicationStatus, ProjectStatus
from council.projects.tests.conftest import make_opportunity, make_project


def walk(after: str = "", limit: int = 500) -> tuple[list[dict[str, Any]], str]:
    """Every item from `after` to the end, page by page; and the last cursor."""
    items: list[dict[str, Any]] = []
    while True:
        page = feed_page(after=after, limit=limit)
        assert page["from"] == after
        assert len(page["items"]) <= limit
        items += page["items"]
        after = page["next"]
        if not page["has_more"]:
            return items, after


def keys(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(item["kind"], item["id"], item["op"]) for item in items]


def test_the_snapshot_sends_each_public_record_in_dependency_order(catalogue: Any) -> None:
    items, cursor = walk()
    kinds = [item["kind"] for item in items]
    assert kinds == sorted(kinds, key=ORDER.index)
    assert set(kinds) == set(ORDER)
    assert cursor.startswith("a:")
    organisation = next(i for i in items if i["id"] == str(catalogue["organisation"].pk))
    assert organisation["record"]["name"]["en"] == "Astana Volunteer Centre"
    assert organisation["record"]["country"] == "KZ"
    assert "email" not in organisation["record"]
    assert "tax_number" not in organisation["record"]
    project = next(i for i in items if i["kind"] == "project")["record"]
    assert project["owner"] == str(catalogue["organisation"].pk)
    assert project["description"] == {"ru": "", "kk": "", "en": "Shores of the Ishim"}
    shift = next(i for i in items if i["kind"] == "shift")["record"]
    assert (shift["capacity"], shift["taken"]) == (3, 0)
    forum = next(i for i in items if i["kind"] == "forum")["record"]
    assert forum["quotas"] == [str(catalogue["quota"].pk)]
    quota = next(i for i in items if i["kind"] == "quota")["record"]
    assert (quota["size"], quota["kind"], quota["taken"]) == (5, "open", 0)


def test_what_is_not_public_and_copies_of_other_nodes_stay_out(
    catalogue: Any, kazakhstan: Any, astana: Any
) -> None:
    pending = make_org("Not yet verified", kazakhstan, status=OrganisationStatus.PENDING)
    draft = make_project(catalogue["organisation"], status=ProjectStatus.DRAFT)
    make_opportunity(draft)
    members_only = make_opportunity(catalogue["project"], members_only=True)
    make_forum(catalogue["organisation"], astana, status="draft")
    copy = make_org("A Russian copy", kazakhstan)
    copy.origin_node, copy.origin_key = "ru2", "7"
    copy.save()
    items, _cursor = walk()
    sent = {(item["kind"], item["id"]) for item in items}
    assert ("organisation", str(pending.pk)) not in sent
    assert ("organisation", str(copy.pk)) not in sent
    assert ("project", str(draft.pk)) not in sent
    assert ("opportunity", str(members_only.pk)) not in sent
    assert [kind for kind, _id in sent if kind == "forum"] == ["forum"]


def test_small_pages_walk_the_same_records_as_one(catalogue: Any) -> None:
    whole, end = walk()
    paged, paged_end = walk(limit=2)
    assert keys(paged) == keys(whole)
    assert paged_end == end


def test_changes_after_the_snapshot_send_the_records_state_now(
    catalogue: Any, volunteer: Any
) -> None:
    _items, cursor = walk()
    assert feed_page(after=cursor)["items"] == []
    shift, project = catalogue["shift"], catalogue["project"]
    application = Application.objects.create(
        volunteer=volunteer,
        opportunity=catalogue["opportunity"],
        shift=shift,
        status=ApplicationStatus.CONFIRMED,
    )
    record(actor=volunteer, action="application.confirmed", target=application)
    items, cursor = walk(cursor)
    assert keys(items) == [("shift", str(shift.pk), "upsert")]
    assert items[0]["record"]["taken"] == 1
    project.status = ProjectStatus.DRAFT
    project.save()
    record(actor=None, action="project.updated", target=project)
    record(actor=None, action="shift.deleted", target=shift)
    shift_pk = shift.pk
    shift.delete()
    items, cursor = walk(cursor)
    assert keys(items) == [
        ("project", str(project.pk), "delete"),
        ("opportunity", str(catalogue["opportunity"].pk), "delete"),
        ("shift", str(shift_pk), "delete"),
    ]
    assert items[0]["record"] is None


def test_a_change_made_during_the_snapshot_is_sent_after_it(catalogue: Any) -> None:
    first = feed_page(after="", limit=1)
    organisation = catalogue["organisation"]
    organisation.name_en = "Renamed"
    organisation.save()
    record(actor=None, action="organisation.updated", target=organisation)
    items, _cursor = walk(first["next"])
    renamed = [i for i in items if i["kind"] == "organisation" and i["id"] == str(organisation.pk)]
    assert renamed[-1]["record"]["name"]["en"] == "Renamed"


def test_a_page_of_changes_never_exceeds_the_limit(catalogue: Any) -> None:
    _items, cursor = walk()
    opportunity = catalogue["opportunity"]
    for _ in range(4):
        make_opportunity(catalogue["project"])
    record(actor=None, action="project.updated", target=catalogue["project"])
    record(actor=None, action="opportunity.updated", target=opportunity)
    first = feed_page(after=cursor, limit=3)
    assert len(first["items"]) == 3 and first["has_more"]
    rest, _end = walk(first["next"], limit=3)
    sent = keys(first["items"] + rest)
    assert sent[0] == ("project", str(catalogue["project"].pk), "upsert")
    assert len([key for key in sent if key[0] == "opportunity"]) >= 5
    assert ("shift", str(catalogue["shift"].pk), "upsert") in sent


def test_bad_cursors_and_limits_are_refused(db: Any) -> None:
    for after in ("x", "s:nothing:1:1", "a:one", "s:project:1"):
        with pytest.raises(ProtocolError) as refused:
            feed_page(after=after)
        assert refused.value.field == "after"
    with pytest.raises(ProtocolError) as refused:
        feed_page(after="", limit=501)
    assert refused.value.field == "limit"


def test_a_page_reads_in_a_fixed_number_of_queries(
    catalogue: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        make_opportunity(make_project(catalogue["organisation"]), shifts=3)
    with django_assert_max_num_queries(45):
        page = feed_page(after="", limit=500)
    assert len([i for i in page["items"] if i["kind"] == "shift"]) == 16


def test_a_registration_sends_its_quota_with_the_seats_taken(
    catalogue: Any, volunteer: Any
) -> None:
    from council.forums.models import Registration, RegistrationStatus

    _items, cursor = walk()
    quota = catalogue["quota"]
    registration = Registration.objects.create(
        forum=catalogue["forum"], quota=quota, person=volunteer, status=RegistrationStatus.CONFIRMED
    )
    record(actor=volunteer, action="registration.confirmed", target=registration)
    items, _cursor = walk(cursor)
    assert keys(items) == [("quota", str(quota.pk), "upsert")]
    assert items[0]["record"]["taken"] == 1


def test_a_member_organisation_that_is_not_public_is_left_out(
    catalogue: Any, kazakhstan: Any
) -> None:
    from council.cooperation.models import CouncilMember

    pending = make_org("Pending member", kazakhstan, status=OrganisationStatus.PENDING)
    CouncilMember.objects.create(council=catalogue["council"], organisation=pending)
    items, _cursor = walk()
    council = next(i for i in items if i["kind"] == "council")["record"]
    assert [member["organisation"] for member in council["members"]] == [
        str(catalogue["network"].pk)
    ]
