"""The feed's applier: a peer's page written into local copies, updates, deletions and the
records refused with their reasons. The peer's feed is this database's own (a copy is a row
of its own, with `origin_node` set)."""

from __future__ import annotations

from typing import Any

from council.audit.models import AuditEvent
from council.federation.feed import feed_page
from council.federation.mirror import mirror_apply
from council.federation.models import CallLog
from council.forums.models import Forum, Quota
from council.orgs.models import Organisation
from council.projects.models import Application, ApplicationStatus, Opportunity, Project, Shift
from council.projects.selectors.search import open_opportunities


def copy_of(model: Any, row: Any) -> Any:
    return model.objects.get(origin_node="kz", origin_key=str(row.pk))


def test_a_snapshot_makes_a_copy_of_every_record(catalogue: Any, peer: Any) -> None:
    page = feed_page(after="", limit=500)
    result = mirror_apply(peer, page)
    assert (result.created, result.refused) == (len(page["items"]), 0)
    organisation = copy_of(Organisation, catalogue["organisation"])
    assert organisation.name_en == "Astana Volunteer Centre"
    assert organisation.parent == copy_of(Organisation, catalogue["network"])
    project = copy_of(Project, catalogue["project"])
    assert project.owner == organisation and project.is_mirrored
    opportunity = copy_of(Opportunity, catalogue["opportunity"])
    assert opportunity.project == project
    assert opportunity.is_published and opportunity.first_start is not None
    assert opportunity in open_opportunities()
    shift = copy_of(Shift, catalogue["shift"])
    assert (shift.capacity, shift.remote_taken, shift.opportunity) == (3, 0, opportunity)
    quota = copy_of(Quota, catalogue["quota"])
    assert quota.forum == copy_of(Forum, catalogue["forum"]) and quota.remote_taken == 0
    agreement = catalogue["agreement"]
    copied = type(agreement).objects.get(origin_node="kz")
    assert copied.signatories.get().position_en == "Chair"
    assert list(copied.parties.all()) == [copy_of(Organisation, catalogue["network"])]
    # Our own feed never sends the copies.
    assert len(feed_page(after="", limit=500)["items"]) == len(page["items"])
    # One audit event for the page.
    event = AuditEvent.objects.get(action="federation.mirror_applied")
    assert event.data["created"] == len(page["items"])


def test_a_second_page_updates_the_copies(catalogue: Any, peer: Any) -> None:
    mirror_apply(peer, feed_page(after="", limit=500))
    project = catalogue["project"]
    project.title_kk = "Таза жағалаулар"
    project.save()
    result = mirror_apply(peer, feed_page(after="", limit=500))
    assert result.created == 0 and result.updated > 0
    assert copy_of(Project, project).title_kk == "Таза жағалаулар"
    assert Project.objects.filter(origin_node="kz").count() == 1


def item(kind: str, key: str, op: str = "delete", record: Any = None) -> dict[str, Any]:
    return {"kind": kind, "id": key, "op": op, "record": record}


def test_a_deleted_opportunity_goes_unless_applications_hang_on_it(
    catalogue: Any, peer: Any, volunteer: Any
) -> None:
    mirror_apply(peer, feed_page(after="", limit=500))
    opportunity = catalogue["opportunity"]
    copy = copy_of(Opportunity, opportunity)
    Application.objects.create(
        volunteer=volunteer,
        opportunity=copy,
        shift=copy.shifts.get(),
        status=ApplicationStatus.SENT,
    )
    result = mirror_apply(peer, {"items": [item("opportunity", str(opportunity.pk))]})
    assert result.unpublished == 1
    copy.refresh_from_db()
    assert not copy.is_published and copy not in open_opportunities()
    Application.objects.all().delete()
    result = mirror_apply(peer, {"items": [item("opportunity", str(opportunity.pk))]})
    assert result.deleted == 1
    assert not Opportunity.objects.filter(origin_node="kz").exists()
    assert not Shift.objects.filter(origin_node="kz").exists()


def test_an_unpublished_project_with_applications_becomes_a_draft(
    catalogue: Any, peer: Any, volunteer: Any
) -> None:
    mirror_apply(peer, feed_page(after="", limit=500))
    copy = copy_of(Opportunity, catalogue["opportunity"])
    Application.objects.create(volunteer=volunteer, opportunity=copy, status=ApplicationStatus.SENT)
    result = mirror_apply(peer, {"items": [item("project", str(catalogue["project"].pk))]})
    assert result.unpublished == 1
    assert copy_of(Project, catalogue["project"]).status == "draft"
    assert copy not in open_opportunities()


def refused_reasons() -> list[str]:
    return list(CallLog.objects.filter(outcome="refused").values_list("reason", flat=True))


def test_records_breaking_our_rules_are_refused_and_logged(catalogue: Any, peer: Any) -> None:
    page = feed_page(after="", limit=500)
    by_kind = {i["kind"]: i for i in page["items"]}

    def change(kind: str, **values: Any) -> None:
        by_kind[kind]["record"] = {**by_kind[kind]["record"], **values}

    change("shift", capacity=1, taken=2)
    change("forum", quotas=[])
    change("programme", name={"ru": "", "kk": " ", "en": ""})
    change("assignment", host="999999")
    change("exchange", ends_on="2027-06-01")  # before its first day
    result = mirror_apply(peer, page)
    refused = sorted((kind, code) for kind, _id, code in result.refusals)
    assert refused == [
        ("assignment", "unknown_reference"),
        ("exchange", "invalid_body"),
        ("forum", "forum_without_quota"),
        ("forum_session", "unknown_reference"),  # its forum was refused
        ("programme", "text_without_language"),
        ("quota", "unknown_reference"),
        ("shift", "capacity_below_taken"),
    ]
    logged = sorted(CallLog.objects.filter(outcome="refused").values_list("reason", flat=True))
    assert logged == sorted(code for _kind, code in refused)
    # The rest of the page applied.
    assert copy_of(Project, catalogue["project"]).title_en == "Clean shores"
    assert copy_of(Opportunity, catalogue["opportunity"]).is_published
    assert not Shift.objects.filter(origin_node="kz").exists()


def test_an_invalid_record_and_a_foreign_organisation_are_refused(
    catalogue: Any, peer: Any, russia: Any
) -> None:
    page = feed_page(after="", limit=500)
    key = str(catalogue["organisation"].pk)
    organisation = next(i for i in page["items"] if i["id"] == key and i["kind"] == "organisation")
    organisation["record"] = {**organisation["record"], "country": "RU"}
    council = next(i for i in page["items"] if i["kind"] == "council")
    council["record"] = {**council["record"], "founded_on": "not a date"}
    result = mirror_apply(peer, page)
    codes = {(kind, code) for kind, _id, code in result.refusals}
    assert {("organisation", "foreign_country"), ("council", "invalid_body")} <= codes
    log = CallLog.objects.get(reason="foreign_country")
    assert log.peer == peer and log.detail.startswith(f"organisation {key}:")


def test_a_reference_to_a_record_later_in_the_page_is_resolved(
    catalogue: Any, peer: Any, kazakhstan: Any
) -> None:
    from council.conftest import make_org

    centre = catalogue["organisation"]
    later = make_org("A network registered later", kazakhstan)
    centre.parent = later
    centre.save()
    mirror_apply(peer, feed_page(after="", limit=500))
    assert copy_of(Organisation, centre).parent == copy_of(Organisation, later)


def test_a_forum_with_registrations_here_becomes_a_draft(
    catalogue: Any, peer: Any, volunteer: Any
) -> None:
    from council.forums.models import Registration, RegistrationStatus

    mirror_apply(peer, feed_page(after="", limit=500))
    forum = copy_of(Forum, catalogue["forum"])
    Registration.objects.create(
        forum=forum, quota=forum.quotas.get(), person=volunteer, status=RegistrationStatus.SENT
    )
    result = mirror_apply(peer, {"items": [item("forum", str(catalogue["forum"].pk))]})
    assert result.unpublished == 1
    forum.refresh_from_db()
    assert forum.status == "draft" and Registration.objects.filter(forum=forum).exists()
