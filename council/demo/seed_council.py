"""`seed_demo`, fifth part: the Volunteer Council of the seed news — founded by the
Association of Volunteer Centres and the National Volunteer Network of Kazakhstan after the
Forum of Youth Leaders of Russia and Kazakhstan in Omsk — with its founding agreement, the
partnership of Kazakhstan's ministry with UN Volunteers (fully funded, extended for three
years) and the programme “Volunteers of the World” (since 2017).

The dates of the ministry's partnership are illustrative: the news gives only its extension for
three years. Idempotent: the council is keyed on its English name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from council.accounts.models import User
from council.cooperation.models import (
    Agreement,
    CommitmentStatus,
    Council,
    CouncilMember,
    CouncilRoleKind,
    Programme,
)
from council.cooperation.services.agreements import (
    agreement_create,
    agreement_extend,
    agreement_sign,
    signatory_add,
)
from council.cooperation.services.councils import council_create, council_role_add
from council.cooperation.services.plan import (
    commitment_create,
    commitment_status_set,
    decision_add,
    meeting_create,
)
from council.cooperation.services.programmes import programme_create
from council.corporate import services as corporate
from council.demo.datafiles import data
from council.demo.demo_projects import PROJECTS
from council.demo.people import demo_volunteers, organiser_of
from council.deployments import services as deployments
from council.exchanges import services as exchanges
from council.forums.models import Forum
from council.lib.forms import translated_values
from council.orgs.models import MembershipRole, Organisation
from council.projects.models import Project
from council.projects.services.opportunities import opportunity_create
from council.projects.services.projects import project_create, project_publish
from council.reference.models import Country, Language

# The texts (one a language: ru, kk, en) by what they name: council/demo/data/council.json.
TEXTS = data("council")
COUNCIL_NAME = TEXTS["council"]["name"][2]
FOUNDED = date(2019, 11, 8)
DIRECTIONS = tuple(TEXTS["directions"])


def _texts(key: str) -> dict[str, Any]:
    """The keyword arguments of the texts of `key`: `{"title_ru": …, "title_kk": …, …}`."""
    return translated_values(**TEXTS[key])


@dataclass(frozen=True)
class _Seeding:
    council: Council
    organisations: dict[str, Organisation]
    secretariat: User
    created: Counter[str]

    def founders(self) -> tuple[Organisation, Organisation]:
        """The Association of Volunteer Centres and the National Volunteer Network."""
        return self.organisations["avc"], self.organisations["nvn"]


def ensure_council(
    organisations: dict[str, Organisation], secretariat: User, created: Counter[str]
) -> Council:
    council = Council.objects.filter(name_en=COUNCIL_NAME).first()
    if council is not None:
        return council
    russia, kazakhstan = organisations["avc"], organisations["nvn"]
    council = council_create(
        actor=secretariat,
        **_texts("council"),
        **translated_values(description=DIRECTIONS),
        founded_on=FOUNDED,
        founded_at_ru="Омск",
        founded_at_kk="Омбы",
        founded_at_en="Omsk",
    )
    seeding = _Seeding(council, organisations, secretariat, created)
    # Direct writes: `council_member_add` dates a membership today, and the founders joined
    # on the founding day (the rules it checks hold: verified, each once).
    CouncilMember.objects.bulk_create(
        CouncilMember(council=council, organisation=organisations[key], joined_on=FOUNDED)
        for key in ("avc", "nvn", "unv")
    )
    for organisation in (russia, kazakhstan):
        admin = organiser_of(organisation.pk, MembershipRole.ADMIN)
        if admin is not None:
            council_role_add(
                actor=secretariat,
                council=council,
                person=admin,
                role=CouncilRoleKind.CO_CHAIR,
                organisation=organisation,
            )
    founding = agreement_create(
        actor=secretariat,
        council=council,
        parties=[russia, kazakhstan],
        **_texts("founding"),
        **translated_values(directions=DIRECTIONS),
        starts_on=FOUNDED,
    )
    # As the news names them.
    for name, key in (("Артём Метелев", "avc"), ("Татьяна Миронюк", "nvn")):
        signatory_add(
            actor=secretariat,
            agreement=founding,
            name=name,
            **_texts(f"signatory.{key}"),
            organisation=organisations[key],
        )
    agreement_sign(
        actor=secretariat, agreement=founding, signed_on=FOUNDED, **_texts("founding.signed")
    )
    created["agreements"] += 1
    _ensure_partnership(seeding)
    programme = programme_create(
        actor=secretariat,
        council=council,
        countries=list(Country.objects.filter(code__in=["RU", "KZ"])),
        organisations=[russia, kazakhstan],
        projects=_projects_of("Волонтеры мира", organisations),
        agreement=founding,
        **_texts("programme"),
        started_on=date(2017, 1, 1),
    )
    created["programmes"] += 1
    _ensure_other_programmes(seeding)
    _ensure_plan(seeding, founding)
    _ensure_exchange(seeding, programme)
    _ensure_assignment(seeding)
    _ensure_corporate(organisations, created)
    created["councils"] += 1
    return council


def _ensure_plan(seeding: _Seeding, founding: Agreement) -> None:
    """The joint plan: commitments of the founding agreement (one done, one late, one ahead)
    and a meeting whose decision gives both networks an action item."""
    council, secretariat = seeding.council, seeding.secretariat
    russia, kazakhstan = seeding.founders()
    today = date.today()
    delegations = commitment_create(
        actor=secretariat,
        council=council,
        owners=[russia, kazakhstan],
        agreement=founding,
        **_texts("commitment.delegations"),
        due_on=today + timedelta(days=60),
        forums=list(Forum.objects.filter(host__in=[russia, kazakhstan])),
    )
    commitment_status_set(
        actor=secretariat,
        commitment=delegations,
        status=CommitmentStatus.IN_PROGRESS,
        note="Quotas agreed for the Sochi and Astana forums.",
    )
    flagship = commitment_create(
        actor=secretariat,
        council=council,
        owners=[russia],
        agreement=founding,
        **_texts("commitment.flagship"),
        due_on=today - timedelta(days=30),
        projects=_projects_of("Волонтеры мира", seeding.organisations),
    )
    commitment_status_set(
        actor=secretariat, commitment=flagship, status=CommitmentStatus.DONE, note="Launched."
    )
    commitment_create(
        actor=secretariat,
        council=council,
        owners=[kazakhstan],
        agreement=founding,
        **_texts("commitment.corporate"),
        due_on=today - timedelta(days=10),  # late, on purpose: the plan shows it
    )
    meeting = meeting_create(
        actor=secretariat,
        council=council,
        **_texts("meeting"),
        held_on=today - timedelta(days=14),
        place="Астана · Astana",
    )
    decision_add(
        actor=secretariat,
        meeting=meeting,
        texts=dict(zip(("ru", "kk", "en"), TEXTS["decision"]["text"], strict=True)),
        action_owners=[russia, kazakhstan],
        action_due_on=today + timedelta(days=10),
    )
    seeding.created["commitments"] += 4


def _ensure_partnership(seeding: _Seeding) -> Agreement:
    secretariat = seeding.secretariat
    ministry, unv = seeding.organisations["ministry"], seeding.organisations["unv"]
    partnership = agreement_create(
        actor=secretariat,
        council=seeding.council,
        parties=[ministry, unv],
        **_texts("partnership"),
        starts_on=date(2021, 1, 1),
        ends_on=date(2023, 12, 31),
    )
    signatory_add(
        actor=secretariat,
        agreement=partnership,
        # The news names no signatory: the office signs.
        name="Министр информации и общественного развития Республики Казахстан",
        organisation=ministry,
    )
    agreement_sign(actor=secretariat, agreement=partnership, signed_on=date(2020, 12, 15))
    agreement_extend(
        actor=secretariat,
        agreement=partnership,
        ends_on=date(2026, 12, 31),
        signed_on=date(2023, 6, 22),
        note="Extended for three years under the full funding programme.",
    )
    seeding.created["agreements"] += 1
    return partnership


def _ensure_assignment(seeding: _Seeding) -> None:
    """An open UN Volunteers assignment funded under the ministry's partnership, with a
    volunteer of Kazakhstan in the talent pool on its longlist."""
    unv = seeding.organisations["unv"]
    partnership = Agreement.objects.filter(council=seeding.council, parties=unv).first()
    abroad = Country.objects.filter(code="KG").first() or Country.objects.get(code="RU")
    today = date.today()
    assignment = deployments.assignment_create(
        actor=seeding.secretariat,
        council=seeding.council,
        host=unv,
        **_texts("assignment"),
        country=abroad,
        duty_station="Бишкек · Bishkek" if abroad.code == "KG" else "Москва · Moscow",
        starts_on=today + timedelta(days=90),
        months=12,
        funding_agreement=partnership,
        funding_line="Full funding programme of the Government of Kazakhstan",
        languages=[(lang, "B2") for lang in Language.objects.filter(code="en")],
    )
    deployments.assignment_open(actor=seeding.secretariat, assignment=assignment)
    person = demo_volunteers().filter(home_country_id="KZ").first()
    if person is not None:
        deployments.pool_join(person=person, available_from=today, cross_border_consent=True)
        deployments.candidacy_apply(
            person=person, assignment=assignment, motivation="Я веду молодежные проекты."
        )
    seeding.created["assignments"] += 1


# The other programmes the demo projects belong to, by the Russian name the demo catalogue
# gives them (their names: "programme.<that name>" in the texts).
OTHER_PROGRAMMES = ("Серебряные волонтеры", "Год добровольца")


def _projects_of(name: str, organisations: dict[str, Organisation]) -> list[Project]:
    """The demo projects the catalogue puts in the programme of that (Russian) name."""
    found = []
    for spec in PROJECTS:
        if spec.programme == name:
            project = Project.objects.filter(
                owner=organisations[spec.owner], title_en=spec.title[2]
            ).first()
            if project is not None:
                found.append(project)
    return found


def _ensure_other_programmes(seeding: _Seeding) -> None:
    for key in OTHER_PROGRAMMES:
        projects = _projects_of(key, seeding.organisations)
        programme_create(
            actor=seeding.secretariat,
            council=seeding.council,
            **_texts(f"programme.{key}"),
            projects=projects,
            organisations=list({project.owner for project in projects}),
            countries=list({project.owner.country for project in projects}),
        )
        seeding.created["programmes"] += 1


def _ensure_exchange(seeding: _Seeding, programme: Programme) -> None:
    """An open call of “Volunteers of the World”: twenty volunteers from each country, a panel
    from both, and the first applications."""
    secretariat = seeding.secretariat
    today = date.today()
    exchange = exchanges.exchange_create(
        actor=secretariat,
        council=seeding.council,
        programme=programme,
        **_texts("exchange"),
        starts_on=today + timedelta(days=120),
        ends_on=today + timedelta(days=133),
        applications_close=today + timedelta(days=45),
    )
    for network in seeding.founders():
        exchanges.country_add(
            actor=secretariat,
            exchange=exchange,
            country=network.country,
            quota=20,
            network=network,
        )
    for names in TEXTS["criteria"]:
        exchanges.criterion_add(
            actor=secretariat,
            exchange=exchange,
            names=dict(zip(("ru", "kk", "en"), names, strict=True)),
        )
    for key in ("omsk", "almaty"):
        member = organiser_of(seeding.organisations[key].pk, MembershipRole.ADMIN)
        if member is not None:
            exchanges.panel_member_add(actor=secretariat, exchange=exchange, person=member)
    exchanges.exchange_open(actor=secretariat, exchange=exchange)
    applied: set[str] = set()
    for person in demo_volunteers():
        if person.home_country_id is None or person.home_country_id in applied:
            continue
        exchanges.application_submit(
            person=person,
            exchange=exchange,
            motivation="Хочу перенять опыт коллег и рассказать о нашем волонтерском центре.",
            cross_border_consent=True,
        )
        applied.add(person.home_country_id)
    seeding.created["exchanges"] += 1


def _ensure_corporate(organisations: dict[str, Organisation], created: Counter[str]) -> None:
    """The company's employee programme: its email domain, and a project whose opportunity is
    for its employees only."""
    company = organisations["company"]
    admin = organiser_of(company.pk, MembershipRole.ADMIN)
    if admin is None:
        return
    corporate.company_domain_set(actor=admin, company=company, domain="uec.example")
    today = date.today()
    project = project_create(
        actor=admin,
        owner=company,
        **_texts("corporate.project"),
        start_date=today + timedelta(days=20),
        end_date=today + timedelta(days=200),
    )
    opportunity_create(
        actor=admin,
        project=project,
        **_texts("corporate.opportunity"),
        is_online=True,
        members_only=True,
        capacity=40,
    )
    project_publish(actor=admin, project=project)
    created["employee programmes"] += 1
