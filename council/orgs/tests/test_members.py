import re

import pytest
from django.core import mail

from council.audit.models import AuditEvent
from council.conftest import make_user
from council.orgs.models import Invitation, Membership

pytestmark = pytest.mark.django_db


def test_an_admin_invites_and_the_invitee_joins(
    client, org_admin, org, russia, django_capture_on_commit_callbacks
) -> None:
    invitee = make_user("new.member@example.org", russia, preferred_language="ru")
    client.force_login(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/orgs/{org.pk}/members/invite/",
            {"email": "New.Member@example.org", "role": "coordinator"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.member@example.org"
    assert len(mail.outbox) == 1
    link = re.search(r"/orgs/invitations/\S+/", mail.outbox[0].body).group(0)
    assert AuditEvent.objects.filter(action="membership.invited", organisation_id=org.pk).exists()

    client.force_login(invitee)
    page = client.get(link)
    assert "Astana Volunteer Centre" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    membership = Membership.objects.get(user=invitee)
    assert membership.role == "coordinator" and membership.organisation == org
    assert AuditEvent.objects.filter(action="membership.added", actor=invitee).exists()
    # An invitation is used once.
    assert client.post(link).status_code == 400


def test_an_invitation_for_someone_else_is_refused(client, org_admin, org, outsider) -> None:
    client.force_login(org_admin)
    client.post(f"/orgs/{org.pk}/members/invite/", {"email": "x@example.org", "role": "member"})
    token = Invitation.objects.get().token
    client.force_login(outsider)
    response = client.post(f"/orgs/invitations/{token}/")
    assert response.status_code == 400
    assert "This invitation was sent to another email address." in response.content.decode()
    assert not Membership.objects.filter(user=outsider).exists()


def test_an_invitation_names_a_bad_email(client, org_admin, org) -> None:
    client.force_login(org_admin)
    response = client.post(f"/orgs/{org.pk}/members/invite/", {"email": "nope", "role": "boss"})
    assert response.status_code == 400
    assert set(response.context["invite_form"].errors) == {"email", "role"}


def test_a_member_cannot_invite_and_an_outsider_sees_nothing(
    client, org_member, outsider, org
) -> None:
    client.force_login(org_member)
    assert client.get(f"/orgs/{org.pk}/members/").status_code == 200
    response = client.post(
        f"/orgs/{org.pk}/members/invite/", {"email": "x@example.org", "role": "admin"}
    )
    assert response.status_code == 403
    client.force_login(outsider)
    assert client.get(f"/orgs/{org.pk}/members/").status_code == 404
    assert client.post(f"/orgs/{org.pk}/members/invite/").status_code == 404
    client.logout()
    assert client.get(f"/orgs/{org.pk}/members/").status_code == 302


def test_roles_change_and_the_last_admin_stays(client, org_admin, org_member, org) -> None:
    client.force_login(org_admin)
    member = Membership.objects.get(user=org_member)
    client.post(f"/orgs/{org.pk}/members/{member.pk}/role/", {"role": "coordinator"})
    member.refresh_from_db()
    assert member.role == "coordinator"
    admin = Membership.objects.get(user=org_admin)
    response = client.post(f"/orgs/{org.pk}/members/{admin.pk}/remove/", follow=True)
    assert "An organisation must keep at least one administrator." in response.content.decode()
    assert Membership.objects.filter(pk=admin.pk).exists()
    client.post(f"/orgs/{org.pk}/members/{member.pk}/remove/")
    assert not Membership.objects.filter(pk=member.pk).exists()
    actions = set(
        AuditEvent.objects.filter(organisation_id=org.pk).values_list("action", flat=True)
    )
    assert {"membership.role_changed", "membership.removed"} <= actions


def test_a_membership_of_another_organisation_is_404(client, org_admin, ru_coordinator, org):
    foreign = Membership.objects.get(user=ru_coordinator)
    client.force_login(org_admin)
    response = client.post(f"/orgs/{org.pk}/members/{foreign.pk}/remove/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_members_page_query_count_is_flat(
    client, org_admin, org, kazakhstan, django_assert_max_num_queries
) -> None:
    for number in range(20):
        user = make_user(f"m{number}@example.org", kazakhstan)
        Membership.objects.create(organisation=org, user=user, role="member")
    client.force_login(org_admin)
    with django_assert_max_num_queries(12):
        response = client.get(f"/orgs/{org.pk}/members/")
    assert response.status_code == 200
    assert "m19@example.org" in response.content.decode()
