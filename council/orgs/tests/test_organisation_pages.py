import pytest

from council.audit.models import AuditEvent
from council.conftest import make_city, make_org

pytestmark = pytest.mark.django_db


def test_the_public_list_filters_and_paginates(
    client, kazakhstan, russia, django_assert_max_num_queries
) -> None:
    for number in range(30):
        make_org(f"KZ org {number:02}", kazakhstan)
    make_org("Moscow centre", russia, kind="volunteer_centre")
    make_org("Hidden pending", russia, status="pending")
    with django_assert_max_num_queries(6):
        page = client.get("/orgs/").content.decode()
    assert "KZ org 00" in page and "Page 1 of 2" in page
    assert "Hidden pending" not in page
    page = client.get("/orgs/?country=RU").content.decode()
    assert "Moscow centre" in page and "KZ org" not in page
    page = client.get("/orgs/?kind=volunteer_centre").content.decode()
    assert "Moscow centre" in page and "KZ org" not in page
    page = client.get("/orgs/?q=org 29").content.decode()
    assert "KZ org 29" in page and "KZ org 28" not in page


def test_bad_filters_do_not_break_the_list(client, kazakhstan) -> None:
    response = client.get("/orgs/?country=XX&kind=alien&page=abc")
    assert response.status_code == 200
    assert "<h1>Organisations</h1>" in response.content.decode()


def test_names_follow_the_interface_language(client, kazakhstan) -> None:
    org = make_org("Eco", kazakhstan)
    org.name_kk = "Эко Қазақша"
    org.save()
    page = client.get(f"/orgs/{org.pk}/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Эко Қазақша" in page
    page = client.get(f"/orgs/{org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Эко Қазақша" not in page


def test_mine_lists_my_memberships(client, org_admin, org) -> None:
    client.force_login(org_admin)
    page = client.get("/orgs/mine/").content.decode()
    assert "Astana Volunteer Centre" in page and "Administrator" in page
    client.logout()
    assert client.get("/orgs/mine/").status_code == 302


def test_the_admin_edits_and_a_member_may_not(client, org_admin, org_member, outsider, org):
    client.force_login(org_member)
    assert client.get(f"/orgs/{org.pk}/edit/").status_code == 403
    client.force_login(outsider)
    assert client.get(f"/orgs/{org.pk}/edit/").status_code == 404
    client.force_login(org_admin)
    response = client.post(
        f"/orgs/{org.pk}/edit/",
        {"kind": "ngo", "name_en": "Astana Volunteers", "country": "KZ", "website": ""},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name_en == "Astana Volunteers"
    event = AuditEvent.objects.get(action="organisation.updated")
    assert "name_en" in event.data["fields"]
    client.logout()
    assert client.get(f"/orgs/{org.pk}/edit/").status_code == 302


def test_admins_read_the_audit_trail(client, org_admin, org_member, outsider, org) -> None:
    client.force_login(org_admin)
    client.post(f"/orgs/{org.pk}/members/invite/", {"email": "z@example.org", "role": "member"})
    page = client.get(f"/orgs/{org.pk}/audit/").content.decode()
    assert "Member invited" in page and "membership.invited" not in page
    client.force_login(org_member)
    assert client.get(f"/orgs/{org.pk}/audit/").status_code == 403
    client.force_login(outsider)
    assert client.get(f"/orgs/{org.pk}/audit/").status_code == 404
    client.logout()
    assert client.get(f"/orgs/{org.pk}/audit/").status_code == 302


def test_unknown_organisation_is_404(client) -> None:
    assert client.get("/orgs/999999/").status_code == 404


@pytest.mark.parametrize(
    ("language", "zone", "when", "what", "zone_name"),
    [
        ("ru", "Asia/Almaty", "6 декабря 2026 г. 18:00", "Часы подтверждены", "Алматы (UTC+5)"),
        ("kk", "Asia/Almaty", "6 желтоқсан 2026 ж. 18:00", "Сағаттар расталды", "Алматы (UTC+5)"),
        ("ru", "", "6 декабря 2026 г. 13:00", "Часы подтверждены", "UTC"),
        ("en", "Europe/Moscow", "6 December 2026, 16:00", "Hours verified", "Moscow (UTC+3)"),
    ],
)
def test_the_audit_trail_reads_in_the_reader_s_zone_and_language(
    client, org_admin, org, kazakhstan, language, zone, when, what, zone_name
) -> None:
    """The reader's zone is their profile city's (the site's default, UTC, with neither a city
    nor a home country); the event is named in their language, and no status code is left in
    the object's text."""

    from council.volunteers.models import VolunteerProfile

    if zone:
        city = make_city(
            kazakhstan, "Somewhere", geonames_id=99001, latitude=43.2, longitude=76.9, timezone=zone
        )
        VolunteerProfile.objects.update_or_create(user=org_admin, defaults={"city": city})
    _verified_on_6_december(org_admin, org, target_repr="Anna → Beach clean-up (pending)")
    client.force_login(org_admin)
    client.cookies["django_language"] = language
    page = client.get(f"/orgs/{org.pk}/audit/").content.decode()
    assert f"<td>{when}</td>" in page
    assert f"<td>{what}</td>" in page
    assert zone_name in page
    assert "<td>Anna → Beach clean-up</td>" in page
    assert "hours.verified" not in page and "(pending)" not in page


def test_without_a_profile_city_the_audit_trail_reads_on_the_home_country_s_clock(
    client, org_admin, org, kazakhstan
) -> None:
    """An admin who never filled a volunteer profile reads the trail on the clock of their
    home country's largest city, not in UTC."""

    for geonames_id, name, population, zone in (
        (99002, "Big city", 2_000_000, "Asia/Almaty"),
        (99003, "Small town", 20_000, "Asia/Aqtau"),
    ):
        make_city(
            kazakhstan,
            name,
            geonames_id=geonames_id,
            latitude=43.2,
            longitude=76.9,
            population=population,
            timezone=zone,
        )
    org_admin.home_country = kazakhstan
    org_admin.save(update_fields=["home_country"])
    _verified_on_6_december(org_admin, org)
    client.force_login(org_admin)
    client.cookies["django_language"] = "ru"
    page = client.get(f"/orgs/{org.pk}/audit/").content.decode()
    assert "<td>6 декабря 2026 г. 18:00</td>" in page
    assert "Алматы (UTC+5)" in page


def _verified_on_6_december(org_admin, org, target_repr: str = "") -> None:
    """An audit event of the admin verifying hours, at 13:00 UTC on 6 December 2026."""
    from datetime import UTC, datetime

    event = AuditEvent.objects.create(
        actor=org_admin,
        action="hours.verified",
        target_type="hours.hoursentry",
        target_id="1",
        target_repr=target_repr,
        organisation_id=org.pk,
    )
    AuditEvent.objects.filter(pk=event.pk).update(at=datetime(2026, 12, 6, 13, 0, tzinfo=UTC))
