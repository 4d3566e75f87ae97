"""Corporate volunteering: employees join by their verified work-email domain (or by
invitation), the company's opportunities for its employees only, and the company's totals:
only its employees' hours on its programme, volunteer time off apart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.test import Client

from council.conftest import make_org, make_user
from council.corporate.services import company_domain_set, employee_join
from council.forums.tests.test_registration import signed_in
from council.hours.models import EntrySource, EntryStatus, HoursEntry
from council.lib.tests.tables import EVIL, NEUTRALISED, csv_rows
from council.orgs.models import Membership, MembershipRole, OrganisationKind
from council.projects.tests.conftest import make_opportunity, make_project


@pytest.fixture
def company(kazakhstan: Any) -> Any:
    return make_org("KazSteel", kazakhstan, kind=OrganisationKind.COMPANY)


@pytest.fixture
def company_admin(company: Any, kazakhstan: Any) -> Any:
    user = make_user("csr@kazsteel.kz", kazakhstan, given_name="Saule")
    Membership.objects.create(organisation=company, user=user, role=MembershipRole.ADMIN)
    return user


def test_employees_join_by_their_verified_work_domain(
    company: Any, company_admin: Any, kazakhstan: Any, org: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        company_domain_set(actor=company_admin, company=company, domain="gmail.com")
    assert caught.value.message_dict == {"domain": ["Anyone can have an address at gmail.com."]}
    with pytest.raises(ValidationError):
        company_domain_set(actor=company_admin, company=org, domain="centre.kz")  # not a company
    company_domain_set(actor=company_admin, company=company, domain="@KazSteel.kz ")
    company.refresh_from_db()
    assert company.employee_email_domain == "kazsteel.kz"

    employee = make_user("private@example.org", kazakhstan)
    EmailAddress.objects.create(user=employee, email="a.nurly@kazsteel.kz", verified=False)
    with pytest.raises(ValidationError) as caught:
        employee_join(user=employee, company=company)
    assert caught.value.messages == [
        "Add and verify your work address at kazsteel.kz in your account first."
    ]
    EmailAddress.objects.filter(user=employee, email="a.nurly@kazsteel.kz").update(verified=True)
    page = signed_in(employee).post(f"/companies/{company.pk}/programme/join/", follow=True)
    assert "Welcome to the employee programme." in page.content.decode()
    assert Membership.objects.get(user=employee, organisation=company).role == MembershipRole.MEMBER
    with pytest.raises(ValidationError):
        employee_join(user=employee, company=company)


def test_a_companys_opportunities_for_employees_only(
    company: Any, company_admin: Any, kazakhstan: Any, volunteer: Any
) -> None:
    project = make_project(company, title_en="Green Karaganda")
    hidden = make_opportunity(project, title_en="Tree planting for staff", members_only=True)
    employee = make_user("staff@kazsteel.kz", kazakhstan)
    Membership.objects.create(organisation=company, user=employee, role=MembershipRole.MEMBER)
    make_opportunity(project, title_en="Tree planting for everyone")
    # The public does not find it (the same search finds the public one), nor open it, nor apply.
    search = Client().get("/search/?q=Tree").content.decode()
    assert "Tree planting for everyone" in search
    assert "Tree planting for staff" not in search
    assert Client().get(f"/opportunities/{hidden.pk}/").status_code == 404
    project_page = signed_in(volunteer).get(f"/projects/{project.pk}/").content.decode()
    assert "Tree planting for everyone" in project_page
    assert project_page.count("Tree planting for staff") == 0
    from council.projects.services.applications import application_submit

    with pytest.raises(ValidationError) as caught:
        application_submit(volunteer=volunteer, opportunity=hidden, shift=hidden.shifts.first())
    assert caught.value.messages == ["This opportunity is for the organisation's own members."]
    # Employees see it on the programme page and on the opportunity's page.
    page = signed_in(employee).get(f"/companies/{company.pk}/programme/").content.decode()
    assert "Tree planting for staff" in page and "employees only" in page
    assert signed_in(employee).get(f"/opportunities/{hidden.pk}/").status_code == 200


def test_the_company_sees_only_its_employees_corporate_hours(
    company: Any, company_admin: Any, kazakhstan: Any, org: Any, org_admin: Any
) -> None:
    programme = make_project(company, title_en="Green Karaganda")
    elsewhere = make_project(org, title_en="Astana food bank")
    employee = make_user("staff@kazsteel.kz", kazakhstan)
    Membership.objects.create(organisation=company, user=employee, role=MembershipRole.MEMBER)
    stranger = make_user("neighbour@example.org", kazakhstan)

    def hours(person: Any, project: Any, amount: str, **fields: Any) -> None:
        HoursEntry.objects.create(
            volunteer=person,
            organisation=project.owner,
            project=project,
            date=date(2026, 9, 1),
            hours=Decimal(amount),
            country_id="KZ",
            source=EntrySource.ORGANISER,
            status=fields.pop("status", EntryStatus.VERIFIED),
            **fields,
        )

    hours(employee, programme, "6", value=Decimal("15900"), currency="KZT")
    hours(employee, programme, "4", during_paid_work=True)  # volunteer time off
    hours(employee, programme, "2", status=EntryStatus.SUBMITTED)  # not verified yet
    hours(employee, elsewhere, "5")  # the employee's own volunteering elsewhere
    hours(stranger, programme, "8")  # not an employee
    page = signed_in(company_admin).get(f"/companies/{company.pk}/programme/").content.decode()
    facts = page[page.index("Totals for the ESG/CSR report") :]
    assert "<dd>1</dd>" in facts  # one employee
    assert "<dd>6.00</dd>" in facts and "<dd>4.00</dd>" in facts
    assert "15,900.00\xa0KZT" in facts
    csv = signed_in(company_admin).get(f"/companies/{company.pk}/programme/totals.csv")
    lines = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[1] == "Green Karaganda,KZ,1,6.00,4.00"
    # Only the company's organisers (and the secretariat) read the totals.
    assert (
        "Totals for the ESG/CSR report"
        not in signed_in(employee).get(f"/companies/{company.pk}/programme/").content.decode()
    )
    assert (
        signed_in(org_admin).get(f"/companies/{company.pk}/programme/totals.csv").status_code == 404
    )
    assert (
        signed_in(employee).get(f"/companies/{company.pk}/programme/totals.csv").status_code == 404
    )


def test_a_formula_in_a_project_title_is_inert_in_the_totals(
    company: Any, company_admin: Any, kazakhstan: Any
) -> None:
    programme = make_project(company, title_en=EVIL, title_ru=EVIL)
    employee = make_user("staff@kazsteel.kz", kazakhstan)
    Membership.objects.create(organisation=company, user=employee, role=MembershipRole.MEMBER)
    HoursEntry.objects.create(
        volunteer=employee,
        organisation=company,
        project=programme,
        date=date(2026, 9, 1),
        hours=Decimal("6"),
        country_id="KZ",
        source=EntrySource.ORGANISER,
        status=EntryStatus.VERIFIED,
    )
    response = signed_in(company_admin).get(f"/companies/{company.pk}/programme/totals.csv")
    rows = csv_rows(response)
    assert rows[1] == [NEUTRALISED, "KZ", "1", "6.00", "0.00"]
