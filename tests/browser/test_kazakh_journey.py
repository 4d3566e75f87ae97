"""A volunteer's whole journey in Kazakh on a phone (360 px), in a real browser: sign up,
confirm the address from the mail, fill the volunteer profile, find an opportunity by a
Kazakh word, apply, open the ticket; the organiser (in a second browser) checks the volunteer
in and out at the desk, which verifies the hours, and issues the certificates; the volunteer
sees the hours verified, downloads the certificate and checks it at /verify/.

Every page on the way is read in Kazakh (its text asserted as the Kazakh catalogue has it),
checked with axe-core (serious and critical violations fail), for HTTP and JavaScript errors,
and for sideways scrolling at 360 px; each step is saved as test-results/kk-journey/NN-step.png.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from council.accounts.models import User
from council.conftest import known_city, make_user, member_country
from council.hours.models import Certificate, CheckIn, EntryStatus, HoursEntry
from council.orgs.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.projects.models import (
    Application,
    ApplicationMode,
    ApplicationStatus,
    Opportunity,
    Project,
    ProjectStatus,
    Shift,
)
from council.projects.services.index import opportunity_refresh, project_refresh
from tests.browser.conftest import SMALL_SCREEN

pytestmark = pytest.mark.browser

EMAIL = "aigerim.journey@example.org"
PASSWORD = "a long enough passphrase 42"  # a test account's password
NAME = "Әйгерім Сапарова"
TITLE_KK = "Ағаш отырғызу: Есіл жағалауы"
SEARCH_WORD = "ағаш"


@pytest.fixture
def journey(transactional_db: Any) -> dict[str, Any]:
    """Two countries, Astana, a verified organisation with a Kazakh-speaking organiser, and a
    published tree-planting opportunity (from 16) with a shift later today."""
    kazakhstan = member_country("KZ")
    member_country("RU")
    astana = known_city(kazakhstan, "astana")
    organisation = Organisation.objects.create(
        name_en="Green Astana",
        name_ru="Зелёная Астана",
        name_kk="Жасыл Астана",
        kind=OrganisationKind.NGO,
        country=kazakhstan,
        status=OrganisationStatus.VERIFIED,
    )
    organiser = make_user(
        "organiser.journey@example.org",
        kazakhstan,
        given_name="Дана",
        family_name="Серікова",
        preferred_language="kk",
    )
    Membership.objects.create(organisation=organisation, user=organiser, role=MembershipRole.ADMIN)
    project = Project.objects.create(
        owner=organisation,
        status=ProjectStatus.PUBLISHED,
        title_en="Green banks of the Ishim",
        title_ru="Зелёные берега Ишима",
        title_kk="Есілдің жасыл жағалауы",
    )
    project_refresh(project=project)
    opportunity = Opportunity.objects.create(
        project=project,
        title_en="Tree planting on the Ishim embankment",
        title_ru="Посадка деревьев на набережной Ишима",
        title_kk=TITLE_KK,
        description_en="We plant young trees along the river.",
        description_ru="Сажаем молодые деревья вдоль реки.",
        description_kk="Өзен бойына жас ағаш көшеттерін отырғызамыз.",
        application_mode=ApplicationMode.INSTANT,
        city=astana,
        timezone="Asia/Almaty",
        min_age=16,
        capacity=10,
    )
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=30)
    shift = Shift.objects.create(
        opportunity=opportunity, start=start, end=start + timedelta(hours=3), capacity=10
    )
    opportunity_refresh(opportunity=opportunity)
    return {
        "organisation": organisation,
        "organiser": organiser,
        "project": project,
        "opportunity": opportunity,
        "shift": shift,
    }


def sign_in(page: Any, user: Any, origin: str) -> None:
    """The organiser's browser is signed in by its session cookie (their sign-in is not what
    this journey is about)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": origin,
            }
        ]
    )


def confirmation_path(timeout: float = 5.0) -> str:
    deadline = time.monotonic() + timeout
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    messages = [message for message in mail.outbox if message.to == [EMAIL]]
    assert len(messages) == 1, [message.subject for message in mail.outbox]
    assert "Электрондық пошта мекенжайыңызды растаңыз" in messages[0].subject
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", messages[0].body)
    assert match, f"no confirmation link in:\n{messages[0].body}"
    return match.group(1)


def on_screen(locator: Any) -> None:
    """The element is within the 360 px of the screen, not beyond a sideways scroll (of the
    page or of a table's own scroll box)."""
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not shown"
    assert box["x"] >= 0 and box["x"] + box["width"] <= SMALL_SCREEN["width"], (
        f"{locator} is off the screen: {box}"
    )


def submit(page: Any, field_name: str) -> None:
    """Press the first submit button of the form that holds the field `field_name`."""
    form = page.locator("form", has=page.locator(f'[name="{field_name}"]'))
    form.locator('button[type="submit"]').first.click()


@pytest.fixture
def step(
    request: pytest.FixtureRequest, check_page: Callable[[Any, str], None]
) -> Callable[[Any, str], None]:
    """Check a page of the journey: in Kazakh, axe clean, no errors, no sideways scroll at
    360 px; saved as test-results/kk-journey/NN-name.png in the order of the steps."""
    folder = Path(request.config.rootpath) / "test-results" / "kk-journey"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    taken: list[str] = []

    def take(page: Any, name: str) -> None:
        taken.append(name)
        label = f"step {len(taken)}, {name}"
        assert page.viewport_size == SMALL_SCREEN
        expect(page.locator("html")).to_have_attribute("lang", "kk")
        check_page(page, label)
        path = folder / f"{len(taken):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        if not fits:
            wide = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                     .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
                     .slice(0, 10).map(el => el.tagName.toLowerCase()
                        + (typeof el.className === 'string' && el.className
                           ? '.' + el.className.trim().split(/\\s+/).join('.') : ''))"""
            )
            raise AssertionError(f"{label} ({page.url}) scrolls sideways at 360 px: {wide}")

    return take


def test_a_volunteer_goes_the_whole_way_in_kazakh_on_a_phone(
    new_page: Callable[..., Any],
    live_server: Any,
    journey: dict[str, Any],
    step: Callable[[Any, str], None],
) -> None:
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    page = new_page(viewport=SMALL_SCREEN, locale="kk-KZ")
    main = page.locator("main")

    # --- 1. Sign up ---------------------------------------------------------------------------
    page.goto("/accounts/signup/")
    expect(page.locator("h1")).to_have_text("Тіркелу")
    step(page, "sign-up")
    page.fill('[name="email"]', EMAIL)
    page.fill('[name="password1"]', PASSWORD)
    page.fill('[name="password2"]', PASSWORD)
    page.fill('[name="given_name"]', "Әйгерім")
    page.fill('[name="family_name"]', "Сапарова")
    page.fill('[name="given_name_latin"]', "Aigerim")
    page.fill('[name="family_name_latin"]', "Saparova")
    page.select_option('[name="home_country"]', "KZ")
    page.check('[name="consent_processing"]')
    submit(page, "password2")
    page.wait_for_url("**/accounts/confirm-email/")
    step(page, "verification-sent")

    # --- 2. Confirm from the mail, in the same browser: signed in, on the profile -------------
    page.goto(confirmation_path())
    step(page, "confirm-address")
    page.get_by_role("button", name="Растау", exact=True).click()
    page.wait_for_url("**/volunteer/")
    expect(page.locator("header .signed-in")).to_have_text(NAME)
    expect(page.locator("header")).to_contain_text("Шығу")
    expect(page.locator("h1")).to_have_text("Ерікті профилі")
    expect(main).to_contain_text(f"{EMAIL} мекенжайы расталды.")
    expect(main).to_contain_text(f"{NAME} ретінде сәтті кірдіңіз.")
    user = User.objects.get(email=EMAIL)
    assert user.preferred_language == "kk"

    # --- 3. Fill the volunteer profile --------------------------------------------------------
    step(page, "profile-to-fill")
    page.fill('[name="date_of_birth"]', "1999-04-12")
    page.fill('[name="bio_kk"]', "Астанада тұрамын, табиғатты қорғауға көмектескім келеді.")
    submit(page, "bio_kk")
    expect(main).to_contain_text("Ерікті профиліңіз сақталды.")
    step(page, "profile-saved")

    # --- 4. Find the opportunity by a Kazakh word ---------------------------------------------
    page.locator('header nav a[href="/search/"]').click()
    expect(page.locator("h1")).to_have_text("Мүмкіндік табу")
    # On a phone the filters fold away once search-filters.js has run (the heading can show
    # before it has), leaving the one search button by the words.
    expect(page.locator("#search-filters")).not_to_have_attribute("open", "")
    page.fill('[name="q"]', SEARCH_WORD)
    page.locator("form.search-form").get_by_role("button", name="Іздеу", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]q="))
    results = page.locator("#search-results")
    expect(results.locator(".result-count")).to_have_text("1 мүмкіндік табылды")
    result = results.get_by_role("link", name=TITLE_KK)
    expect(result).to_be_visible()
    step(page, "search-results")

    # --- 5. Apply for the shift ---------------------------------------------------------------
    result.click()
    expect(page.locator("h1")).to_have_text(TITLE_KK)
    expect(main).to_contain_text("Өзен бойына жас ағаш көшеттерін отырғызамыз.")
    # The profile holds the date of birth: no request to add it.
    expect(main).not_to_contain_text("туған күніңізді қосыңыз")
    # What it takes, marked for this volunteer; the place's clock by name, the month lower-case.
    requirements = main.locator(".requirements")
    expect(requirements).to_contain_text("Ең төменгі жас: 16")
    expect(requirements.locator("li.met")).to_contain_text("сіз сәйкессіз")
    expect(main).not_to_contain_text("Asia/Almaty")
    expect(main).to_contain_text("(UTC+5)")
    months = "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан"
    expect(main.locator(".shift-list label").first).to_contain_text(
        re.compile(rf"\d+ ({'|'.join(months.split())}) \d{{4}}")
    )
    step(page, "opportunity")
    page.locator('input[name="shift"]').first.check()
    page.get_by_role("button", name="Өтінім беру", exact=True).click()
    page.wait_for_url("**/me/applications/")
    expect(page.locator("h1")).to_have_text("Менің өтінімдерім")
    expect(main).to_contain_text("Орныңыз расталды.")
    expect(main.locator(".badge.confirmed")).to_have_text("Расталды")
    ticket_link = main.get_by_role("link", name="Белгілеуге арналған билет")
    on_screen(ticket_link)
    step(page, "applications")

    # --- 6. The ticket ------------------------------------------------------------------------
    ticket_link.click()
    expect(page.locator("h1")).to_have_text(TITLE_KK)
    expect(main).to_contain_text("Белгілеу кодыңыз")
    code = page.locator(".ticket .code").inner_text().strip()
    application = Application.objects.get(volunteer=user, shift=journey["shift"])
    assert application.status == ApplicationStatus.CONFIRMED
    assert CheckIn.objects.get(application=application).code == code
    step(page, "ticket")

    # --- 7. The organiser checks the volunteer in and out at the desk (a second browser) ------
    desk = new_page(viewport=SMALL_SCREEN, locale="kk-KZ")
    sign_in(desk, journey["organiser"], live_server.url)
    desk.goto(f"/hours/shifts/{journey['shift'].pk}/check-in/")
    expect(desk.locator("h1")).to_have_text("Қатысуды белгілеу")
    step(desk, "desk")
    desk.get_by_label("Код").fill(code)
    desk.get_by_role("button", name="Жіберу", exact=True).click()
    expect(desk.locator("[data-result]")).to_have_text(f"{NAME}: келуі белгіленді.")
    expect(desk.locator('[data-count="present"]')).to_have_text("1")
    step(desk, "desk-checked-in")
    desk.get_by_label("Кетуін белгілеу").check()
    desk.get_by_label("Код").fill(code)
    desk.get_by_role("button", name="Жіберу", exact=True).click()
    # The hours read with the Kazakh decimal comma ("0,01 сағ."), and the roster row changes
    # at once, without a reload.
    expect(desk.locator("[data-result]")).to_have_text(
        re.compile(rf"^{NAME}: кетуі белгіленді, \d+,\d\d сағ\.$")
    )
    expect(desk.locator('[data-count="left"]')).to_have_text("1")
    expect(desk.locator(".roster")).to_contain_text(NAME)
    expect(desk.locator(".roster .badge.confirmed")).to_have_text("Кетуі белгіленді")
    expect(desk.locator(".roster [data-hours]")).to_have_text(re.compile(r"^\d+,\d\d сағ$"))
    step(desk, "desk-checked-out")
    entry = HoursEntry.objects.get(volunteer=user)
    assert entry.status == EntryStatus.VERIFIED  # the organiser's own check-out verifies

    # --- 8. The organiser issues the project's certificates -----------------------------------
    organisation: Organisation = journey["organisation"]
    desk.goto(f"/hours/orgs/{organisation.pk}/certificates/")
    expect(desk.locator("h1")).to_contain_text("Сертификаттар")
    desk.select_option('[name="project"] >> nth=0', str(journey["project"].pk))
    desk.get_by_role("button", name="Сертификаттарды беру", exact=True).click()
    expect(desk.locator("main")).to_contain_text("Берілген сертификаттар: 1.")
    issued = desk.locator("main table .badge.confirmed")  # in the list of issued ones
    expect(issued).to_have_text("Жарамды")
    on_screen(issued)
    step(desk, "certificates-issued")
    certificate = Certificate.objects.get(volunteer=user)

    # --- 9. The volunteer sees the hours verified ---------------------------------------------
    page.goto("/")
    page.locator('header nav a[href="/hours/"]').click()
    expect(page.locator("h1")).to_have_text("Менің сағаттарым")
    expect(main.locator(".badge.verified")).to_have_text("Расталған")
    on_screen(main.locator(".badge.verified"))
    expect(main).to_contain_text(TITLE_KK)
    step(page, "hours-verified")

    # --- 10. Download the certificate ---------------------------------------------------------
    page.goto("/hours/certificates/")
    expect(page.locator("h1")).to_have_text("Менің сертификаттарым")
    expect(main).to_contain_text(certificate.code)
    download_link = main.get_by_role("link", name="PDF жүктеп алу")
    on_screen(main.get_by_role("link", name=certificate.code))
    on_screen(download_link)
    step(page, "certificates")
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{certificate.code}.pdf"
    pdf = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    text = " ".join(" ".join(pdf_page.extract_text().split()) for pdf_page in pdf.pages)
    assert certificate.code in text
    assert NAME in text
    assert "Жасыл Астана" in text
    assert "Осымен расталады:" in text  # "This certifies that"
    assert "Еріктілік жұмысының расталған сағаттары:" in text
    assert "коды арқылы тексеруге болады." in text
    # The address's host is SITE_URL's (issue 17, item 7); its path leads to the check.
    assert f"/verify/{certificate.code}/" in text.replace(" ", "")

    # --- 11. Check it at /verify/ -------------------------------------------------------------
    page.goto("/verify/")
    expect(page.locator("h1")).to_have_text("Сертификатты немесе хатты тексеру")
    step(page, "verify-form")
    page.fill('[name="code"]', certificate.code)
    page.get_by_role("button", name="Тексеру", exact=True).click()
    page.wait_for_url(f"**/verify/{certificate.code}/")
    verdict = page.locator(".verdict.valid")
    expect(verdict).to_contain_text("Жарамды")
    expect(verdict).to_contain_text(
        "бұл сертификат осы платформада берілген және оның күші жойылмаған."
    )
    expect(main).to_contain_text(NAME)
    expect(main).to_contain_text("Жасыл Астана")
    step(page, "verified")
