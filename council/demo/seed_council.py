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
from datetime import date, timedelta

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
from council.demo.demo_projects import PROJECTS
from council.demo.people import demo_volunteers, organiser_of
from council.deployments import services as deployments
from council.exchanges import services as exchanges
from council.forums.models import Forum
from council.orgs.models import MembershipRole, Organisation
from council.projects.models import Project
from council.projects.services.opportunities import opportunity_create
from council.projects.services.projects import project_create, project_publish
from council.reference.models import Country, Language

COUNCIL_NAME = "Volunteer Council of Russia and Kazakhstan"
FOUNDED = date(2019, 11, 8)
DIRECTIONS = (
    "Координация деятельности сторон для развития волонтерского движения в странах и усиления "
    "межстрановой кооперации в области добровольчества; развитие корпоративного "
    "волонтерства; реализация инициатив в области достижения Целей устойчивого развития.",
    "Елдердегі еріктілер қозғалысын дамыту және еріктілік саласындағы елдер арасындағы "
    "ынтымақтастықты күшейту үшін тараптардың қызметін үйлестіру; корпоративтік еріктілікті "
    "дамыту; Тұрақты даму мақсаттарына қол жеткізу бастамаларын іске асыру.",
    "Coordinating the parties' work to develop the volunteer movement in both countries and to "
    "strengthen cross-border cooperation in volunteering; developing corporate volunteering; "
    "carrying out initiatives towards the Sustainable Development Goals.",
)


def ensure_council(
    organisations: dict[str, Organisation], secretariat: User, created: Counter[str]
) -> Council:
    council = Council.objects.filter(name_en=COUNCIL_NAME).first()
    if council is not None:
        return council
    russia, kazakhstan = organisations["avc"], organisations["nvn"]
    council = council_create(
        actor=secretariat,
        name_ru="Волонтерский совет России и Казахстана",
        name_kk="Ресей мен Қазақстанның Еріктілер кеңесі",
        name_en=COUNCIL_NAME,
        description_ru=DIRECTIONS[0],
        description_kk=DIRECTIONS[1],
        description_en=DIRECTIONS[2],
        founded_on=FOUNDED,
        founded_at_ru="Омск",
        founded_at_kk="Омбы",
        founded_at_en="Omsk",
    )
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
        title_ru="Соглашение о создании Волонтерского совета",
        title_kk="Еріктілер кеңесін құру туралы келісім",
        title_en="Agreement on the establishment of the Volunteer Council",
        directions_ru=DIRECTIONS[0],
        directions_kk=DIRECTIONS[1],
        directions_en=DIRECTIONS[2],
        starts_on=FOUNDED,
    )
    # As the news names them.
    signatory_add(
        actor=secretariat,
        agreement=founding,
        name="Артём Метелев",
        position_ru="Председатель совета Ассоциации волонтерских центров",
        position_kk="Еріктілік орталықтар қауымдастығы кеңесінің төрағасы",
        position_en="Chair of the Board of the Association of Volunteer Centres",
        organisation=russia,
    )
    signatory_add(
        actor=secretariat,
        agreement=founding,
        name="Татьяна Миронюк",
        position_ru="Исполнительный директор Национальной волонтерской сети",
        position_kk="Ұлттық еріктілік желісінің атқарушы директоры",
        position_en="Executive Director of the National Volunteer Network",
        organisation=kazakhstan,
    )
    agreement_sign(
        actor=secretariat,
        agreement=founding,
        signed_on=FOUNDED,
        signed_at_ru="Омск, Форум молодежных лидеров России и Казахстана",
        signed_at_kk="Омбы, Ресей мен Қазақстан жастар көшбасшылары форумы",
        signed_at_en="Omsk, Forum of Youth Leaders of Russia and Kazakhstan",
    )
    created["agreements"] += 1
    _ensure_partnership(council, organisations, secretariat, created)
    programme = programme_create(
        actor=secretariat,
        council=council,
        countries=list(Country.objects.filter(code__in=["RU", "KZ"])),
        organisations=[russia, kazakhstan],
        projects=_projects_of("Волонтеры мира", organisations),
        agreement=founding,
        name_ru="Волонтеры мира",
        name_kk="Әлем еріктілері",
        name_en="Volunteers of the World",
        description_ru=(
            "Международная программа обмена опытом в области добровольчества: совместные "
            "проекты, делегации на форумах сторон, флагманские проекты."
        ),
        description_kk=(
            "Еріктілік саласында тәжірибе алмасудың халықаралық бағдарламасы: бірлескен "
            "жобалар, тараптардың форумдарына делегациялар, флагмандық жобалар."
        ),
        description_en=(
            "An international programme of exchanging experience in volunteering: joint "
            "projects, delegations to each other's forums, flagship projects."
        ),
        started_on=date(2017, 1, 1),
    )
    created["programmes"] += 1
    _ensure_other_programmes(council, organisations, secretariat, created)
    _ensure_plan(council, founding, organisations, secretariat, created)
    _ensure_exchange(council, programme, organisations, secretariat, created)
    _ensure_assignment(council, organisations, secretariat, created)
    _ensure_corporate(organisations, created)
    created["councils"] += 1
    return council


def _ensure_plan(
    council: Council,
    founding: Agreement,
    organisations: dict[str, Organisation],
    secretariat: User,
    created: Counter[str],
) -> None:
    """The joint plan: commitments of the founding agreement (one done, one late, one ahead)
    and a meeting whose decision gives both networks an action item."""
    russia, kazakhstan = organisations["avc"], organisations["nvn"]
    today = date.today()
    delegations = commitment_create(
        actor=secretariat,
        council=council,
        owners=[russia, kazakhstan],
        agreement=founding,
        title_ru="Делегации на форумах сторон",
        title_kk="Тараптардың форумдарына делегациялар",
        title_en="Delegations to each other's forums",
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
        title_ru="Флагманский проект программы «Волонтеры мира»",
        title_kk="«Әлем еріктілері» бағдарламасының флагмандық жобасы",
        title_en="A flagship project of “Volunteers of the World”",
        due_on=today - timedelta(days=30),
        projects=_projects_of("Волонтеры мира", organisations),
    )
    commitment_status_set(
        actor=secretariat, commitment=flagship, status=CommitmentStatus.DONE, note="Launched."
    )
    commitment_create(
        actor=secretariat,
        council=council,
        owners=[kazakhstan],
        agreement=founding,
        title_ru="План корпоративного волонтерства",
        title_kk="Корпоративтік еріктілік жоспары",
        title_en="A plan for corporate volunteering",
        due_on=today - timedelta(days=10),  # late, on purpose: the plan shows it
    )
    meeting = meeting_create(
        actor=secretariat,
        council=council,
        title_ru="Заседание Волонтерского совета",
        title_kk="Еріктілер кеңесінің отырысы",
        title_en="Meeting of the Volunteer Council",
        held_on=today - timedelta(days=14),
        place="Астана · Astana",
        agenda_en="1. The International Volunteer Year 2026. 2. Exchanges in 2027.",
        agenda_ru="1. Международный год добровольцев 2026. 2. Обмены в 2027 году.",
        agenda_kk="1. Халықаралық еріктілер жылы 2026. 2. 2027 жылғы алмасулар.",
    )
    decision_add(
        actor=secretariat,
        meeting=meeting,
        texts={
            "ru": "Подготовить совместный отчет к Международному году добровольцев 2026",
            "kk": "2026 Халықаралық еріктілер жылына бірлескен есеп дайындау",
            "en": "Prepare a joint report for the International Volunteer Year 2026",
        },
        action_owners=[russia, kazakhstan],
        action_due_on=today + timedelta(days=10),
    )
    created["commitments"] += 4


def _ensure_partnership(
    council: Council,
    organisations: dict[str, Organisation],
    secretariat: User,
    created: Counter[str],
) -> Agreement:
    ministry, unv = organisations["ministry"], organisations["unv"]
    partnership = agreement_create(
        actor=secretariat,
        council=council,
        parties=[ministry, unv],
        title_ru=(
            "Соглашение о партнерстве Министерства информации и общественного развития "
            "Республики Казахстан и программы добровольцев ООН"
        ),
        title_kk=(
            "Қазақстан Республикасы Ақпарат және қоғамдық даму министрлігі мен БҰҰ Еріктілері "
            "бағдарламасының серіктестік келісімі"
        ),
        title_en=(
            "Partnership Agreement between the Ministry of Information and Social Development "
            "of Kazakhstan and UN Volunteers"
        ),
        directions_en=(
            "National UN Volunteers from Kazakhstan in UN projects at home and abroad, under the "
            "full funding programme of the Government of Kazakhstan."
        ),
        directions_ru=(
            "Национальные добровольцы ООН из Казахстана в проектах ООН в стране и за рубежом "
            "по программе полного финансирования Правительством Казахстана."
        ),
        directions_kk=(
            "Қазақстаннан шыққан БҰҰ ұлттық еріктілері елдегі және шетелдегі БҰҰ жобаларында, "
            "Қазақстан Үкіметінің толық қаржыландыру бағдарламасы бойынша."
        ),
        starts_on=date(2021, 1, 1),
        ends_on=date(2023, 12, 31),
        funding_source_ru=(
            "Правительство Казахстана: полное финансирование назначений добровольцев ООН"
        ),
        funding_source_kk=(
            "Қазақстан Үкіметі: БҰҰ еріктілерінің тағайындауларын толық қаржыландыру"
        ),
        funding_source_en="Government of Kazakhstan: full funding of UN Volunteer assignments",
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
    created["agreements"] += 1
    return partnership


def _ensure_assignment(
    council: Council,
    organisations: dict[str, Organisation],
    secretariat: User,
    created: Counter[str],
) -> None:
    """An open UN Volunteers assignment funded under the ministry's partnership, with a
    volunteer of Kazakhstan in the talent pool on its longlist."""
    unv = organisations["unv"]
    partnership = Agreement.objects.filter(council=council, parties=unv).first()
    abroad = Country.objects.filter(code="KG").first() or Country.objects.get(code="RU")
    today = date.today()
    assignment = deployments.assignment_create(
        actor=secretariat,
        council=council,
        host=unv,
        title_ru="Национальный доброволец ООН: молодежные программы",
        title_kk="БҰҰ ұлттық еріктісі: жастар бағдарламалары",
        title_en="National UN Volunteer: youth programmes",
        description_ru="Поддерживает молодежные программы страновой группы ООН.",
        description_kk="БҰҰ елдік тобының жастар бағдарламаларына қолдау көрсетеді.",
        description_en="Supports the youth programmes of the UN country team.",
        country=abroad,
        duty_station="Бишкек · Bishkek" if abroad.code == "KG" else "Москва · Moscow",
        starts_on=today + timedelta(days=90),
        months=12,
        funding_agreement=partnership,
        funding_line="Full funding programme of the Government of Kazakhstan",
        languages=[(lang, "B2") for lang in Language.objects.filter(code="en")],
    )
    deployments.assignment_open(actor=secretariat, assignment=assignment)
    person = demo_volunteers().filter(home_country_id="KZ").first()
    if person is not None:
        deployments.pool_join(person=person, available_from=today, cross_border_consent=True)
        deployments.candidacy_apply(
            person=person, assignment=assignment, motivation="Я веду молодежные проекты."
        )
    created["assignments"] += 1


# The other programmes the demo projects belong to: (ru, kk, en) names by the Russian name
# the demo catalogue gives them.
OTHER_PROGRAMMES = {
    "Серебряные волонтеры": ("Серебряные волонтеры", "Күміс еріктілер", "Silver Volunteers"),
    "Год добровольца": ("Год добровольца", "Ерікті жылы", "Year of the Volunteer"),
}


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


def _ensure_other_programmes(
    council: Council,
    organisations: dict[str, Organisation],
    secretariat: User,
    created: Counter[str],
) -> None:
    for key, names in OTHER_PROGRAMMES.items():
        projects = _projects_of(key, organisations)
        programme_create(
            actor=secretariat,
            council=council,
            name_ru=names[0],
            name_kk=names[1],
            name_en=names[2],
            projects=projects,
            organisations=list({project.owner for project in projects}),
            countries=list({project.owner.country for project in projects}),
        )
        created["programmes"] += 1


def _ensure_exchange(
    council: Council,
    programme: Programme,
    organisations: dict[str, Organisation],
    secretariat: User,
    created: Counter[str],
) -> None:
    """An open call of “Volunteers of the World”: twenty volunteers from each country, a panel
    from both, and the first applications."""
    today = date.today()
    exchange = exchanges.exchange_create(
        actor=secretariat,
        council=council,
        programme=programme,
        title_ru="Волонтеры мира: обмен 2027",
        title_kk="Әлем еріктілері: 2027 алмасуы",
        title_en="Volunteers of the World: exchange 2027",
        description_en=(
            "Twenty volunteers from each country spend two weeks on a project in the other: "
            "Russians in Astana, Kazakhstanis in Moscow."
        ),
        description_ru=(
            "По двадцать волонтеров из каждой страны проводят две недели в проекте другой "
            "страны: россияне — в Астане, казахстанцы — в Москве."
        ),
        description_kk=(
            "Әр елден жиырма ерікті екі апта бойы екінші елдің жобасында жұмыс істейді: "
            "ресейліктер — Астанада, қазақстандықтар — Мәскеуде."
        ),
        starts_on=today + timedelta(days=120),
        ends_on=today + timedelta(days=133),
        applications_close=today + timedelta(days=45),
    )
    russia, kazakhstan = organisations["avc"], organisations["nvn"]
    for network in (russia, kazakhstan):
        exchanges.country_add(
            actor=secretariat,
            exchange=exchange,
            country=network.country,
            quota=20,
            network=network,
        )
    for names in (
        {"ru": "Мотивация", "kk": "Уәждеме", "en": "Motivation"},
        {"ru": "Опыт волонтерства", "kk": "Еріктілік тәжірибесі", "en": "Volunteering experience"},
        {"ru": "Языки", "kk": "Тілдер", "en": "Languages"},
    ):
        exchanges.criterion_add(actor=secretariat, exchange=exchange, names=names)
    for key in ("omsk", "almaty"):
        member = organiser_of(organisations[key].pk, MembershipRole.ADMIN)
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
    created["exchanges"] += 1


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
        title_ru="Зеленый Урал: посадка деревьев с сотрудниками",
        title_kk="Жасыл Орал: қызметкерлермен ағаш отырғызу",
        title_en="Green Urals: tree planting with employees",
        start_date=today + timedelta(days=20),
        end_date=today + timedelta(days=200),
    )
    opportunity_create(
        actor=admin,
        project=project,
        title_ru="Посадка деревьев (для сотрудников)",
        title_kk="Ағаш отырғызу (қызметкерлер үшін)",
        title_en="Tree planting (employees)",
        description_ru=(
            "Субботник для сотрудников компании и их семей; день волонтерства оплачивается."
        ),
        description_kk="Компания қызметкерлері мен олардың отбасыларына арналған сенбілік.",
        description_en=(
            "A planting day for the company's employees and their families; paid time off."
        ),
        is_online=True,
        members_only=True,
        capacity=40,
    )
    project_publish(actor=admin, project=project)
    created["employee programmes"] += 1
