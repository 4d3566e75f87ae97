"""The demo personas and organisations, seeded once for the module (see helpers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from council.accounts.models import Consent, ConsentPurpose, User
from council.accounts.services import has_live_consent
from council.demo.demo_projects import PROJECTS
from council.demo.personas import DEMO_PASSWORD, PERSONAS, persona
from council.demo.profiles import PROFILES
from council.demo.tests.helpers import (
    assert_seeding_again_creates_nothing,
    kept_for_module,
    seed,
)
from council.orgs.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.orgs.selectors import coordinated_country_codes
from council.projects.models import Application, ApplicationStatus, Opportunity, Project
from council.projects.selectors.search import opportunity_search
from council.volunteers.models import LanguageSkill, VolunteerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with kept_for_module(django_db_blocker):
        seed()
        yield


def test_running_again_creates_nothing_new(seeded: None) -> None:
    assert_seeding_again_creates_nothing()


def test_every_persona_signs_in_with_the_demo_password(seeded: None) -> None:
    for p in PERSONAS:
        client = Client()
        response = client.post("/accounts/login/", {"login": p.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, p.email
        assert client.session.get("_auth_user_id"), p.email
        assert authenticate(email=p.email, password=DEMO_PASSWORD) is not None


def test_every_persona_has_a_verified_address_and_a_live_processing_consent(
    seeded: None,
) -> None:
    for p in PERSONAS:
        user = User.objects.get(email=p.email)
        assert EmailAddress.objects.filter(
            user=user, email=p.email, verified=True, primary=True
        ).exists()
        assert Consent.objects.filter(
            user=user, purpose=ConsentPurpose.PROCESSING, withdrawn_at__isnull=True
        ).exists()
        assert user.preferred_language == p.language
        assert user.home_country_id == p.country
        assert user.given_name_latin and user.family_name_latin and user.name_search


def test_national_coordinators_coordinate_their_verified_network(seeded: None) -> None:
    for country, name in (
        ("ru", "Association of Volunteer Centres"),
        ("kz", "National Volunteer Network of the Republic of Kazakhstan"),
    ):
        user = User.objects.get(email=f"coordinator.{country}@council.example")
        membership = Membership.objects.select_related("organisation").get(user=user)
        assert membership.role == MembershipRole.COORDINATOR
        network = membership.organisation
        assert network.name_en == name
        assert network.kind == OrganisationKind.NATIONAL_NETWORK
        assert network.status == OrganisationStatus.VERIFIED
        assert coordinated_country_codes(user=user) == {country.upper()}


def test_roles(seeded: None) -> None:
    assert User.objects.get(email="secretariat@council.example").is_secretariat
    admin = User.objects.get(email="admin@council.example")
    assert admin.is_superuser and admin.is_staff
    lead = Membership.objects.get(user__email="company.lead@council.example")
    assert lead.role == MembershipRole.ADMIN
    assert lead.organisation.kind == OrganisationKind.COMPANY
    assert not Membership.objects.filter(user__email="volunteer.ru@council.example").exclude(
        role=MembershipRole.MEMBER
    )


def test_organisations(seeded: None) -> None:
    pending = Organisation.objects.filter(status=OrganisationStatus.PENDING)
    assert set(pending.values_list("country_id", flat=True)) == {"RU", "KZ"}
    assert Organisation.objects.get(
        name_en="Ministry of Information and Social Development of the Republic of Kazakhstan"
    ).kind == (OrganisationKind.GOVERNMENT)
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(OrganisationKind.values)
    for organisation in Organisation.objects.all():
        assert organisation.name_ru and organisation.name_kk and organisation.name_en
        assert organisation.city is not None
        assert organisation.city.country_id == organisation.country_id
        assert organisation.memberships.filter(role=MembershipRole.ADMIN).exists()
        verified = organisation.status == OrganisationStatus.VERIFIED
        assert (organisation.verified_by is not None) == verified


def test_reset_restores_what_a_demo_changed(seeded: None) -> None:
    user = User.objects.get(email="volunteer.kz@council.example")
    user.preferred_language = "en"
    user.set_password("something else entirely")
    user.save()
    Organisation.objects.filter(status=OrganisationStatus.PENDING).update(
        status=OrganisationStatus.VERIFIED
    )
    seed()
    user.refresh_from_db()
    assert user.preferred_language == "en"  # a plain run keeps what the demo did
    seed("--reset")
    user.refresh_from_db()
    assert user.preferred_language == persona(user.email).language
    assert user.check_password(DEMO_PASSWORD)
    assert Organisation.objects.filter(status=OrganisationStatus.PENDING).count() == 2


def test_demo_logins_lists_the_personas(seeded: None, settings: Any) -> None:
    settings.SITE_URL = "http://127.0.0.1:8101"  # what `make run PORT=8101` sets
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # as in `make run`
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "open http://127.0.0.1:8101" in text
    assert ":8000" not in text
    assert f"password: {DEMO_PASSWORD}" in text
    assert "printed in the terminal" in text
    # What each can do, from the seeded data: who hosts which forum, heads which delegation.
    coordinator = next(line for line in text.splitlines() if "coordinator.ru@" in line)
    assert "coordinates Association of Volunteer Centres" in coordinator
    assert "hosts the forum “International Volunteer Forum” (Sochi)" in coordinator
    assert "heads the delegation of Association of Volunteer Centres to every demo forum" in (
        coordinator
    )
    org_admin = next(line for line in text.splitlines() if "org.admin@" in line)
    assert "runs Kind Petersburg Volunteer Centre" in org_admin
    for p in PERSONAS:
        assert (p.email in text) == p.main
    assert "not in the database" not in text
    out = StringIO()
    call_command("demo_logins", "--all", stdout=out)
    assert all(p.email in out.getvalue() for p in PERSONAS)


# --- profiles, projects, shifts, applications -------------------------------------------------


def test_demo_volunteers_have_profiles_with_languages(seeded: None) -> None:
    today = timezone.localdate()
    for spec in PROFILES:
        profile = VolunteerProfile.objects.get(user__email=spec.email)
        assert profile.age(today) == spec.age, spec.email
        assert profile.city is not None and profile.city.name_en
        assert profile.skills.count() == len(spec.skills)
        assert profile.causes.exists()
        assert profile.availability
        assert sorted(profile.languages.values_list("language_id", "level")) == sorted(
            spec.languages
        )
    kamila = LanguageSkill.objects.filter(profile__user__email="kamila.rakhimova@council.example")
    assert dict(kamila.values_list("language_id", "level")) == {
        "ru": "native",
        "kk": "B2",
        "en": "B1",
    }
    teen = VolunteerProfile.objects.get(user__email="alisa.kotova@council.example")
    assert teen.age(today) == 16 and teen.guardian_name and teen.guardian_contact
    assert has_live_consent(user=teen.user, purpose=ConsentPurpose.GUARDIAN)
    silver = [p for p in VolunteerProfile.objects.all() if (p.age(today) or 0) >= 60]
    assert silver


def test_joint_projects_span_two_countries(seeded: None) -> None:
    joint = [p for p in Project.objects.all() if p.is_joint]
    assert len(joint) >= 2
    for project in joint:
        assert project.countries == ["KZ", "RU"]
        assert {
            project.owner.country_id,
            *project.partners.values_list("country_id", flat=True),
        } == {
            "KZ",
            "RU",
        }
    flagship = Project.objects.get(title_en__startswith="Volunteers of the World")
    assert flagship.is_joint and flagship.is_flagship
    assert [str(p.name_ru) for p in flagship.programmes.all()] == ["Волонтеры мира"]
    # The exchange delegation goes to Astana: an opportunity in the partner's country.
    assert flagship.opportunities.filter(country_id="KZ", city__name_en="Astana").exists()


def test_opportunities_are_trilingual_and_have_future_shifts_in_local_time(seeded: None) -> None:
    now = timezone.now()
    # The catalogue's public opportunities (the company's employee programme is apart).
    opportunities = Opportunity.objects.filter(members_only=False).select_related("project", "city")
    assert opportunities.count() == sum(len(p.opportunities) for p in PROJECTS)
    for opportunity in opportunities:
        for code in ("ru", "kk", "en"):
            assert getattr(opportunity, f"title_{code}"), opportunity
            assert getattr(opportunity, f"description_{code}"), opportunity
        assert opportunity.is_published
        assert opportunity.pk in {o.pk for o in opportunity_search(query=opportunity.title_en)}
        shifts = list(opportunity.shifts.all())
        if shifts:
            # Upcoming shifts, and past ones only where the demo recorded past work.
            assert any(shift.start > now for shift in shifts)
            assert all(shift.start > now or shift.hours_entries.exists() for shift in shifts)
            assert opportunity.first_start == min(s.start for s in shifts)
            assert opportunity.last_end == max(s.end for s in shifts)
        else:
            assert opportunity.capacity > 0
        if opportunity.is_online:
            assert opportunity.city is None and opportunity.latitude is None
        else:
            assert opportunity.city.country_id in opportunity.project.countries
            assert opportunity.latitude is not None
    kinds = Counter(
        (o.is_online, o.application_mode, bool(o.restricted_category), o.min_age > 0)
        for o in opportunities
    )
    assert any(online for online, *_ in kinds)
    assert {mode for _, mode, *_ in kinds} == {"instant", "review"}
    assert any(restricted for _, _, restricted, _ in kinds)
    assert any(aged for *_, aged in kinds)
    planting = Opportunity.objects.get(title_en="Tree planting in the foothills")
    for shift in planting.shifts.all():
        local = shift.start.astimezone(ZoneInfo("Asia/Almaty"))
        assert (local.hour, local.minute, local.weekday()) == (9, 0, 5)


def test_applications_confirmed_waitlisted_and_pending(seeded: None) -> None:
    statuses = Counter(Application.objects.values_list("status", flat=True))
    assert statuses[ApplicationStatus.CONFIRMED] >= 10
    assert statuses[ApplicationStatus.PENDING] >= 5
    assert statuses[ApplicationStatus.WAITLISTED] == 1
    registration = Opportunity.objects.get(title_en="Forum registration volunteer")
    first = registration.shifts.order_by("start").first()
    assert first is not None
    taken = Counter(first.applications.values_list("status", flat=True))
    assert taken == {ApplicationStatus.CONFIRMED: 3, ApplicationStatus.WAITLISTED: 1}
    accepted = Application.objects.get(
        volunteer__email="timur.khabibullin@council.example",
        opportunity__title_en="Medical volunteer at the city half marathon",
    )
    assert accepted.status == ApplicationStatus.CONFIRMED and accepted.decided_by is not None
    minor = Application.objects.get(volunteer__email="alisa.kotova@council.example")
    assert minor.status == ApplicationStatus.CONFIRMED
    assert not minor.opportunity.restricted_category


def test_search_finds_the_demo_by_inflected_words(seeded: None) -> None:
    search = pytest.importorskip("council.projects.selectors.search")
    for query, title in (
        ("посадить дерево", "Tree planting in the foothills"),
        ("посаженных деревьев", "Tree planting in the foothills"),
        ("ағаштарды отырғызамыз", "Tree planting in the foothills"),
        ("planted trees", "Tree planting in the foothills"),
        ("первой помощи", "First aid instructor"),
        ("волонтеров форума", "Forum registration volunteer"),
    ):
        found = [o.title_en for o in search.opportunity_search(query=query)]
        assert title in found, query


def test_search_finds_every_demo_opportunity_by_the_name_of_its_cause(seeded: None) -> None:
    from council.projects.selectors.search import open_opportunities

    for slug, queries in (
        ("elderly", ("elderly", "пожилым", "қарт")),
        ("environment", ("environment", "экология", "табиғатты")),
    ):
        listed = open_opportunities().filter(project__causes__slug=slug)
        wanted = set(listed.values_list("pk", flat=True))
        assert wanted, slug
        for query in queries:
            assert wanted <= {o.pk for o in opportunity_search(query=query)}, query


def test_the_forums_of_the_seeds_have_both_countries_quotas(seeded: None) -> None:
    from council.forums.models import Forum, QuotaKind

    forums = Forum.objects.prefetch_related("quotas").order_by("starts_on")
    assert [forum.city.name_en for forum in forums] == [
        "Sochi",
        "Novosibirsk",
        "Moscow",
        "Astana",
        "Omsk",
    ]
    for forum in forums:
        countries = {q.country_id for q in forum.quotas.all() if q.kind == QuotaKind.COUNTRY}
        assert countries == {"RU", "KZ"}
        assert sum(q.size or 0 for q in forum.quotas.all()) <= forum.capacity
    # The Sochi forum's volunteer roles are those of the host's volunteer-team project.
    sochi = forums[0]
    assert sochi.volunteer_project is not None
    page = Client().get(f"/forums/{sochi.pk}/").content.decode()
    assert "Volunteer at this forum" in page and "Forum registration volunteer" in page


def test_the_forums_have_delegations_from_both_countries(seeded: None) -> None:
    from council.forums.models import Delegation, Forum, MemberStatus

    for forum in Forum.objects.all():
        delegations = Delegation.objects.filter(forum=forum)
        assert {d.organisation.country_id for d in delegations} == {"RU", "KZ"}, forum
        for delegation in delegations:
            statuses = set(delegation.members.values_list("status", flat=True))
            assert MemberStatus.CONFIRMED in statuses, delegation


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "ru",
            (
                "Россия",
                "Казахстан",
                "Проекты",
                "Форумы",
                "Делегации",
                "Обязательства",
                "Волонтеры мира",
            ),
        ),
        (
            "kk",
            (
                "Ресей",
                "Қазақстан",
                "Жобалар",
                "Форумдар",
                "Делегациялар",
                "Міндеттемелер",
                "Әлем еріктілері",
            ),
        ),
        (
            "en",
            (
                "Russia",
                "Kazakhstan",
                "Projects",
                "Forums",
                "Delegations",
                "Volunteers of the World",
            ),
        ),
    ],
)
def test_the_demo_council_page_shows_both_countries_in_each_language(
    seeded: None, language: str, words: tuple[str, ...]
) -> None:
    from council.cooperation.models import Council

    council = Council.objects.get(name_en="Volunteer Council of Russia and Kazakhstan")
    client = Client()
    client.cookies["django_language"] = language
    page = client.get(f"/councils/{council.pk}/").content.decode()
    columns = {section.split('"', 1)[0]: section for section in page.split('id="country-')[1:]}
    assert set(columns) == {"RU", "KZ"}
    for word in words:
        assert word in page, (language, word)
    assert (
        "Agreement on the establishment"
        in Client().get(f"/councils/{council.pk}/").content.decode()
    )
    # Each column lists its country's forums, delegations and the figures of its commitments.
    assert 'href="/forums/' in columns["RU"] and 'href="/forums/' in columns["KZ"]
    for code in ("RU", "KZ"):
        assert columns[code].count("<li>") > 3, code
    english = Client().get(f"/councils/{council.pk}/").content.decode()
    in_english = {s.split('"', 1)[0]: s for s in english.split('id="country-')[1:]}
    assert "3 on the joint plan: 1 done, 0 late" in in_english["RU"]
    assert "3 on the joint plan: 0 done, 1 late" in in_english["KZ"]


def test_the_demo_exchange_is_open_with_a_panel_from_both_countries(seeded: None) -> None:
    from council.exchanges.models import Exchange, ExchangeStatus

    exchange = Exchange.objects.get(title_en="Volunteers of the World: exchange 2027")
    assert exchange.status == ExchangeStatus.OPEN
    assert set(exchange.panel.values_list("country_id", flat=True)) == {"RU", "KZ"}
    assert set(exchange.applications.values_list("country_id", flat=True)) == {"RU", "KZ"}
    page = Client().get(f"/exchanges/{exchange.pk}/").content.decode()
    assert "Volunteering experience" in page and "Apply" in page


def test_the_demo_assignment_is_open_with_a_candidate(seeded: None) -> None:
    from council.deployments.models import Assignment, AssignmentStatus

    assignment = Assignment.objects.get(title_en="National UN Volunteer: youth programmes")
    assert assignment.status == AssignmentStatus.OPEN
    assert assignment.funding_agreement is not None
    assert assignment.candidacies.count() == 1
    page = Client().get(f"/deployments/{assignment.pk}/").content.decode()
    assert "National UN Volunteer: youth programmes" in page


def test_the_demo_company_runs_an_employee_programme(seeded: None) -> None:
    from council.orgs.models import Organisation
    from council.projects.models import Opportunity

    company = Organisation.objects.get(name_en="Ural Energy Company JSC")
    assert company.employee_email_domain == "uec.example"
    hidden = Opportunity.objects.get(title_en="Tree planting (employees)")
    assert hidden.members_only
    assert Client().get(f"/opportunities/{hidden.pk}/").status_code == 404


# --- the demo in three languages --------------------------------------------------------------


def test_every_translated_text_of_the_demo_is_in_all_three_languages(seeded: None) -> None:
    from modeltranslation.translator import translator

    empty, off_glossary = [], []
    for model in translator.get_registered_models():
        if model._meta.app_label == "reference":  # loaded from the reference files
            continue
        for name in translator.get_options_for_model(model).fields:
            columns = [f"{name}_{code}" for code in ("ru", "kk", "en")]
            for row in model._default_manager.values("pk", *columns):
                texts = [row[column] for column in columns]
                if any(texts) and not all(texts):
                    empty.append((model.__name__, row["pk"], name, texts))
                # docs/kazakh-glossary.md: a volunteer is "ерікті" in Kazakh, and no "ё".
                kazakh = (row[f"{name}_kk"] or "").lower()
                if "волонт" in kazakh or "ё" in kazakh:
                    off_glossary.append((model.__name__, row["pk"], name, kazakh))
    assert not empty
    assert not off_glossary


def _kazakh_page(client: Client, url: str) -> str:
    client.cookies["django_language"] = "kk"
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(response.content.decode().split())


def test_the_demo_reads_in_kazakh(seeded: None) -> None:
    from council.cooperation.models import Agreement, Programme
    from council.exchanges.models import Exchange

    client = Client()
    exchange = Exchange.objects.get(title_en="Volunteers of the World: exchange 2027")
    page = _kazakh_page(client, f"/exchanges/{exchange.pk}/")
    assert "Әр елден жиырма ерікті екі апта бойы" in page
    assert "По двадцать волонтеров" not in page
    programme = Programme.objects.get(name_en="Volunteers of the World")
    page = _kazakh_page(client, f"/programmes/{programme.pk}/")
    assert "тәжірибе алмасудың халықаралық бағдарламасы" in page
    assert "Международная программа обмена" not in page
    agreement = Agreement.objects.get(title_en__startswith="Partnership Agreement")
    page = _kazakh_page(client, f"/agreements/{agreement.pk}/")
    assert "Қазақстаннан шыққан БҰҰ ұлттық еріктілері" in page
    assert "Национальные добровольцы ООН" not in page

    # The Kazakh volunteer's own words about their work are in Kazakh, and the demo wage
    # table's source is named in the language read.
    client.force_login(User.objects.get(email="volunteer.kz@council.example"))
    page = _kazakh_page(client, "/hours/")
    assert "Еріктілік жұмыс (демо-тарих)" in page
    assert "demo history" not in page
    client.force_login(User.objects.get(email="secretariat@council.example"))
    page = _kazakh_page(client, "/reports/?year=2026")
    assert "Демо кесте (ресми емес)" in page
    assert "Demo table" not in page and "Illustrative" not in page
