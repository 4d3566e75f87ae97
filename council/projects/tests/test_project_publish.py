"""Publishing, completing and cancelling a project."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from council.audit.models import AuditEvent
from council.projects.models import Opportunity, Project
from council.projects.services.projects import (
    project_cancel,
    project_complete,
    project_publish,
)
from council.projects.tests.conftest import make_opportunity, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org):
    return make_project(org, status="draft")


def test_publishing_opens_the_project(client, org_admin, org, draft) -> None:
    opportunity = make_opportunity(draft)
    assert not opportunity.is_published
    client.force_login(org_admin)
    response = client.post(f"/projects/{draft.pk}/publish/")
    assert response.status_code == 302 and response.url == f"/projects/{draft.pk}/manage/"
    draft.refresh_from_db()
    assert draft.status == "published"
    opportunity.refresh_from_db()
    assert opportunity.is_published
    event = AuditEvent.objects.get(action="project.published")
    assert event.actor == org_admin and event.organisation_id == org.pk
    assert event.data == {"from": "draft", "to": "published"}
    page = client.get(response.url).content.decode()
    assert "The project is published." in page and "Mark as completed" in page
    client.logout()
    assert "Clean shores" in client.get("/projects/").content.decode()


def test_a_project_without_opportunities_is_not_published(client, org_admin, draft) -> None:
    client.force_login(org_admin)
    response = client.post(f"/projects/{draft.pk}/publish/", follow=True)
    assert "Add at least one opportunity first." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not AuditEvent.objects.filter(action="project.published").exists()


def test_every_opportunity_needs_shifts_or_a_capacity(org_admin, draft) -> None:
    make_opportunity(draft, shifts=0, capacity=0, title_en="Nobody fits")
    with pytest.raises(ValidationError) as error:
        project_publish(actor=org_admin, project=draft)
    assert error.value.messages == ["The opportunity “Nobody fits” needs shifts or a capacity."]


def test_an_unverified_owner_cannot_publish(org_admin, org, draft) -> None:
    make_opportunity(draft)
    org.status = "pending"
    org.save()
    with pytest.raises(ValidationError) as error:
        project_publish(actor=org_admin, project=draft)
    assert "verified" in error.value.messages[0]


def test_complete_and_cancel_follow_the_status(client, org_admin, org) -> None:
    project = make_project(org)
    opportunity = make_opportunity(project)
    client.force_login(org_admin)
    response = client.post(f"/projects/{project.pk}/publish/", follow=True)
    assert "Only a draft project can be published." in response.content.decode()
    client.post(f"/projects/{project.pk}/complete/")
    project.refresh_from_db()
    assert project.status == "completed"
    opportunity.refresh_from_db()
    assert not opportunity.is_published
    response = client.post(f"/projects/{project.pk}/cancel/", follow=True)
    assert "Only a draft or published project can be cancelled." in response.content.decode()
    project.refresh_from_db()
    assert project.status == "completed"
    assert [e.action for e in AuditEvent.objects.order_by("pk")] == ["project.completed"]
    page = client.get(f"/projects/{project.pk}/manage/").content.decode()
    assert "The project is closed" in page and "Add an opportunity" not in page


def test_cancelling_closes_a_draft(org_admin, draft) -> None:
    opportunity = make_opportunity(draft)
    project_cancel(actor=org_admin, project=draft)
    draft.refresh_from_db()
    assert draft.status == "cancelled"
    with pytest.raises(ValidationError):
        project_complete(actor=org_admin, project=draft)
    # A cancelled project's opportunities no longer change.
    from council.projects.services.opportunities import opportunity_update

    with pytest.raises(ValidationError):
        opportunity_update(actor=org_admin, opportunity=opportunity, capacity=3)
    assert Opportunity.objects.get(pk=opportunity.pk).capacity == 10


def test_only_organisers_change_the_status(org_member, outsider, draft) -> None:
    make_opportunity(draft)
    for person in (org_member, outsider):
        with pytest.raises(PermissionDenied):
            project_publish(actor=person, project=draft)
    assert Project.objects.get(pk=draft.pk).status == "draft"
