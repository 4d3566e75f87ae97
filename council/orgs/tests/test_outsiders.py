"""Every organisation page that is not public: anonymous → login, outsider → 404."""

import pytest

from council.orgs.models import Invitation, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(org, org_member):
    membership = Membership.objects.get(user=org_member)
    invitation = Invitation.objects.create(organisation=org, email="x@example.org", role="member")
    return {
        "get": [
            f"/orgs/{org.pk}/edit/",
            f"/orgs/{org.pk}/members/",
            f"/orgs/{org.pk}/audit/",
        ],
        "post": [
            f"/orgs/{org.pk}/verify/",
            f"/orgs/{org.pk}/members/invite/",
            f"/orgs/{org.pk}/members/{membership.pk}/role/",
            f"/orgs/{org.pk}/members/{membership.pk}/remove/",
            f"/orgs/{org.pk}/invitations/{invitation.pk}/revoke/",
        ],
        "invitation": f"/orgs/invitations/{invitation.token}/",
    }


def test_anonymous_is_sent_to_login(client, urls) -> None:
    for url in [*urls["get"], urls["invitation"], "/orgs/mine/", "/orgs/new/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/"), url
    for url in urls["post"]:
        assert client.post(url, {"role": "admin"}).status_code == 302, url


def test_an_outsider_gets_404(client, outsider, urls, org_member) -> None:
    client.force_login(outsider)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {"role": "admin", "email": "a@b.org"}).status_code == 404, url
    assert Membership.objects.get(user=org_member).role == "member"
    assert client.get("/orgs/invitations/no-such-token/").status_code == 404


def test_a_plain_member_gets_403_on_admin_writes(client, org_member, urls) -> None:
    client.force_login(org_member)
    for url in urls["post"][1:]:
        assert client.post(url, {"role": "admin"}).status_code == 403, url
    assert Membership.objects.get(user=org_member).role == "member"
