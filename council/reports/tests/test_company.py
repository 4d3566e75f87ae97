"""A company's employee programme in a period: its employees' verified hours on its projects,
volunteer time off apart, and nobody else's."""

from __future__ import annotations

from datetime import date
from typing import Any

from council.conftest import make_org, make_user
from council.hours.services.entries import hours_verify
from council.orgs.models import Membership, MembershipRole, OrganisationKind
from council.projects.tests.conftest import make_project
from council.reports.tests.conftest import log_hours


def test_the_company_s_figures_by_period(client: Any, kazakhstan: Any, org_admin: Any) -> None:
    company = make_org("KazSteel", kazakhstan, kind=OrganisationKind.COMPANY)
    lead = make_user("lead@kazsteel.kz", kazakhstan)
    Membership.objects.create(organisation=company, user=lead, role=MembershipRole.ADMIN)
    project = make_project(company, title_en="Tree planting")
    employees = [make_user(f"e{n}@kazsteel.kz", kazakhstan) for n in range(3)]
    for person in employees:
        Membership.objects.create(organisation=company, user=person, role=MembershipRole.MEMBER)
    outsider = make_user("someone@example.org", kazakhstan)

    def work(person: Any, day: date, hours: str, paid: bool = False) -> None:
        entry = log_hours(person, project, day, hours, actor=person, during_paid_work=paid)
        hours_verify(actor=lead if person != lead else org_admin, entry=entry)

    work(employees[0], date(2026, 4, 5), "3")
    work(employees[1], date(2026, 4, 5), "2", paid=True)
    work(employees[2], date(2025, 9, 1), "6")  # another year
    work(outsider, date(2026, 4, 5), "5")  # not an employee
    client.force_login(lead)
    page = client.get(f"/reports/companies/{company.pk}/?year=2026").content.decode()
    assert "<dt>Employees active</dt><dd>2</dd>" in page
    assert "<dt>Verified volunteer hours</dt><dd>3.00</dd>" in page
    assert "(paid hours, not volunteer work by the ILO definition)</dt><dd>2.00</dd>" in page
    assert (
        "Employees&#x27; verified hours by project" in page or "verified hours by project" in page
    )
    assert f"/reports/companies/{company.pk}/projects.xlsx?year=2026" in page
    table = client.get(f"/reports/companies/{company.pk}/projects.csv?year=2026")
    assert b"".join(table.streaming_content).decode("utf-8-sig").splitlines() == [
        "Project,Verified volunteer hours,Volunteer time off (paid)",
        "Tree planting,3.00,2.00",
    ]
    bad = client.get(f"/reports/companies/{company.pk}/projects.csv?year=1900")
    assert bad.status_code == 400 and "Year" in bad.content.decode()
    page = client.get(f"/reports/companies/{company.pk}/?year=2025").content.decode()
    assert "<dt>Verified volunteer hours</dt><dd>6.00</dd>" in page
    client.force_login(employees[0])  # an employee, not an organiser
    assert client.get(f"/reports/companies/{company.pk}/").status_code == 404
    client.force_login(org_admin)  # another organisation
    assert client.get(f"/reports/companies/{company.pk}/").status_code == 404
    assert client.get(f"/reports/companies/{company.pk}/projects.csv").status_code == 404
    client.force_login(lead)
    body = client.get(f"/api/v1/reports/companies/{company.pk}?year=2026").json()
    assert (body["employees_active"], body["volunteer_hours"], body["time_off_hours"]) == (
        2,
        "3.00",
        "2.00",
    )
