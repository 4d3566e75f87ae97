import pytest
from django.core import mail

from council.conftest import make_user
from council.projects.models import Application, ApplicationMode
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult, make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(project):
    return make_opportunity(project, capacity=2, application_mode=ApplicationMode.REVIEW)


@pytest.fixture
def applications(review, kazakhstan):
    shift = review.shifts.get()
    return [
        application_submit(
            volunteer=adult(make_user(f"a{n}@example.org", kazakhstan, given_name=f"Person{n}")),
            opportunity=review,
            shift=shift,
        )
        for n in range(3)
    ]


def test_outsiders_and_members(client, review, applications, outsider, org_member) -> None:
    url = f"/opportunities/{review.pk}/applications/"
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(f"/applications/{applications[0].pk}/decide/").status_code == 404
    client.force_login(org_member)
    assert client.get(url).status_code == 403
    assert (
        client.post(f"/applications/{applications[0].pk}/decide/", {"decision": "accept"})
    ).status_code == 403


def test_the_organiser_filters_decides_and_bulk_accepts(
    client, review, applications, org_admin, django_capture_on_commit_callbacks
) -> None:
    client.force_login(org_admin)
    page = client.get(f"/opportunities/{review.pk}/applications/?status=pending")
    assert page.content.decode().count("Awaiting review") >= 3
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/applications/{applications[0].pk}/decide/",
            {"decision": "reject", "reason": "Not this time"},
        )
    assert response.status_code == 302
    assert Application.objects.get(pk=applications[0].pk).status == "rejected"
    assert "Not this time" in mail.outbox[-1].body

    response = client.post(
        f"/applications/{applications[1].pk}/decide/", {"decision": "reject", "reason": ""}
    )
    assert Application.objects.get(pk=applications[1].pk).status == "pending"
    page = client.get(response.url).content.decode()
    assert "Give a reason for the rejection." in page

    client.post(
        f"/opportunities/{review.pk}/applications/accept/",
        {"application": [str(a.pk) for a in applications[1:]] + ["junk"]},
    )
    statuses = set(
        Application.objects.filter(pk__in=[a.pk for a in applications[1:]]).values_list(
            "status", flat=True
        )
    )
    assert statuses == {"confirmed"}


def test_applicant_list_query_count_is_flat(
    client, review, applications, org_admin, kazakhstan, django_assert_max_num_queries
) -> None:
    shift = review.shifts.get()
    for n in range(15):
        application_submit(
            volunteer=adult(make_user(f"b{n}@example.org", kazakhstan)),
            opportunity=review,
            shift=shift,
        )
    client.force_login(org_admin)
    with django_assert_max_num_queries(14):
        response = client.get(f"/opportunities/{review.pk}/applications/")
        assert response.status_code == 200
    page = response.content.decode()
    assert "Person0" in page and "Person2" in page
    assert page.count("Awaiting review") >= 18


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("ru", "20 декабря 2026 г. 18:00 – 22:00"),
        ("kk", "20 желтоқсан 2026 ж. 18:00 – 22:00"),
        ("en", "20 December 2026, 18:00 – 22:00"),
    ],
)
def test_the_shift_filter_reads_in_the_place_s_time(
    client, project, org_admin, language, label
) -> None:
    """An 18:00 shift in Moscow (15:00 UTC) is offered as 18:00 in the place's time, formatted
    by the language read, not as "2026-12-20 15:00" in UTC."""
    from datetime import UTC, datetime

    from council.projects.models import Shift

    opportunity = make_opportunity(project, shifts=0, timezone="Europe/Moscow")
    shift = Shift.objects.create(
        opportunity=opportunity,
        start=datetime(2026, 12, 20, 15, 0, tzinfo=UTC),
        end=datetime(2026, 12, 20, 19, 0, tzinfo=UTC),
        capacity=5,
    )
    client.force_login(org_admin)
    client.cookies["django_language"] = language
    page = client.get(f"/opportunities/{opportunity.pk}/applications/").content.decode()
    assert f'<option value="{shift.pk}">{label}</option>' in page
    assert "2026-12-20 15:00" not in page
