"""The organiser's check-in desk on a phone: 360 px wide, a typed code checks a volunteer
in, a scan made while the connection is lost is kept on the device and sent when it is back,
and a repeated scan is shown but not counted."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from council.conftest import make_org, make_user
from council.hours.models import CheckIn
from council.hours.services.checkin import ticket_for
from council.orgs.models import Membership, MembershipRole
from council.projects.models import Application, ApplicationStatus, Opportunity, Project, Shift
from council.reference.models import Country

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(transactional_db: Any) -> dict[str, Any]:
    kazakhstan = Country.objects.create(
        code="KZ",
        code3="KAZ",
        numeric="398",
        name_en="Kazakhstan",
        name_ru="Казахстан",
        is_council_member=True,
    )
    organisation = make_org("Astana Volunteer Centre", kazakhstan)
    organiser = make_user("desk@example.org", kazakhstan, given_name="Dana")
    Membership.objects.create(organisation=organisation, user=organiser, role=MembershipRole.ADMIN)
    project = Project.objects.create(
        owner=organisation, title_en="Astana Marathon", status="published"
    )
    opportunity = Opportunity.objects.create(
        project=project,
        title_en="First-aid post",
        timezone="Asia/Almaty",
        capacity=5,
        country=kazakhstan,
    )
    now = timezone.now()
    shift = Shift.objects.create(
        opportunity=opportunity,
        start=now - timedelta(hours=1),
        end=now + timedelta(hours=3),
        capacity=5,
    )
    codes = []
    for number, name in enumerate(["Aliya", "Arman"]):
        volunteer = make_user(f"v{number}@example.org", kazakhstan, given_name=name)
        application = Application.objects.create(
            volunteer=volunteer,
            opportunity=opportunity,
            shift=shift,
            status=ApplicationStatus.CONFIRMED,
        )
        codes.append(ticket_for(application=application).code)
    return {"organiser": organiser, "shift": shift, "codes": codes}


def sign_in(page: Any, user: Any, origin: str) -> None:
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


def test_the_desk_works_on_a_phone_and_through_a_lost_connection(
    new_page: Any, live_server: Any, desk: dict[str, Any], check_page: Any, small_screen: Any
) -> None:
    page = new_page(viewport={"width": 360, "height": 740})
    sign_in(page, desk["organiser"], live_server.url)
    page.goto(f"/hours/shifts/{desk['shift'].pk}/check-in/")
    expect(page.get_by_role("heading", name="Check-in")).to_be_visible()
    check_page(page, "check-in desk")
    small_screen(page, "check-in-desk")

    first, second = desk["codes"]
    code = page.get_by_label("Code")
    code.fill(first.lower())
    page.get_by_role("button", name="Send").click()
    expect(page.locator("[data-result]")).to_have_text("Aliya is checked in.")
    expect(page.locator('[data-count="present"]')).to_have_text("1")

    # The same code again: answered, not counted.
    code.fill(first)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("[data-result]")).to_contain_text("Aliya was already checked in at")
    expect(page.locator('[data-count="present"]')).to_have_text("1")

    # The connection drops: the scan is kept on the device (in localStorage, which a
    # reload or a closed tab keeps) and sent when the connection is back.
    page.context.set_offline(True)
    code.fill(second)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("[data-result]")).to_contain_text("Saved on this device")
    expect(page.locator("[data-pending]")).to_contain_text(second)
    stored = page.evaluate(f"localStorage.getItem('council-check-in-queue-{desk['shift'].pk}')")
    assert second in stored
    assert not CheckIn.objects.filter(code=second, checked_in_at__isnull=False).exists()
    page.context.set_offline(False)
    expect(page.locator("[data-pending]")).to_be_hidden()
    expect(page.locator('[data-count="present"]')).to_have_text("2")
    page.reload()
    expect(page.locator('[data-count="present"]')).to_have_text("2")
    row = CheckIn.objects.get(code=second)
    assert row.checked_in_at is not None
    # It keeps the time it was made, not the time it was sent.
    assert row.checked_in_at < timezone.now()


def test_a_check_out_shows_in_the_row_at_once_with_the_hours_in_russian(
    new_page: Any, live_server: Any, desk: dict[str, Any], small_screen: Any
) -> None:
    """The row's own button checks Aliya in, her typed code checks her out: her row says so
    (and the hours, with a Russian decimal comma) without the page being loaded again."""
    organiser = desk["organiser"]
    organiser.preferred_language = "ru"
    organiser.save(update_fields=["preferred_language"])
    page = new_page(viewport={"width": 360, "height": 740})
    sign_in(page, organiser, live_server.url)
    page.goto(f"/hours/shifts/{desk['shift'].pk}/check-in/")
    page.evaluate("window.notReloaded = true")
    row = page.locator("[data-roster] li", has_text="Aliya")
    row.get_by_role("button", name="Отметить приход").click()
    expect(page.locator("[data-result]")).to_have_text("Aliya: приход отмечен.")
    expect(row).to_contain_text("На месте")
    expect(row.get_by_role("button", name="Отметить уход")).to_be_visible()

    page.get_by_label("Отметить уход").check()
    page.get_by_label("Код").fill(desk["codes"][0])
    page.get_by_role("button", name="Отправить").click()
    expect(page.locator("[data-result]")).to_have_text("Aliya: уход отмечен, 0,01 ч.")
    expect(row).to_contain_text("Уход отмечен")
    expect(row.locator("[data-hours]")).to_have_text("0,01 ч")
    expect(row.get_by_role("button")).to_have_count(0)
    expect(page.locator('[data-count="left"]')).to_have_text("1")
    assert page.evaluate("window.notReloaded") is True
    small_screen(page, "check-in-desk-ru-checked-out")
    assert CheckIn.objects.get(code=desk["codes"][0]).checked_out_at is not None


def y4m_of(png: bytes, path: Any) -> None:
    """A one-frame YUV4MPEG2 video of the picture (grey): Chromium's fake camera plays it."""
    import io

    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("L")
    frame = Image.new("L", (640, 480), 255)
    picture = picture.resize((360, 360))
    frame.paste(picture, ((640 - 360) // 2, (480 - 360) // 2))
    chroma = bytes([128]) * (320 * 240)
    with open(path, "wb") as video:
        video.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        video.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


def test_the_camera_reads_the_qr_code_of_a_ticket(
    browser: Any, live_server: Any, desk: dict[str, Any], tmp_path: Any
) -> None:
    from council.lib.qr import qr_png
    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    _first, second = desk["codes"]
    video = tmp_path / "ticket.y4m"
    y4m_of(qr_png(second), video)
    camera = browser.browser_type.launch(
        executable_path=chromium_path(),
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera.new_context(
            base_url=live_server.url, viewport={"width": 360, "height": 740}
        )
        context.grant_permissions(["camera"], origin=live_server.url)
        page = context.new_page()
        sign_in(page, desk["organiser"], live_server.url)
        page.goto(f"/hours/shifts/{desk['shift'].pk}/check-in/")
        page.get_by_role("button", name="Scan with the camera").click()
        expect(page.locator("[data-result]")).to_have_text("Arman is checked in.", timeout=15_000)
        expect(page.locator('[data-count="present"]')).to_have_text("1")
    finally:
        camera.close()
    assert CheckIn.objects.get(code=second).checked_in_at is not None
