"""The phone app (council/push): the manifest is linked and parsed, the service worker takes
the site, and with the network cut the volunteer's ticket (with its QR code) and the
organiser's check-in desk still open; a check-in made offline waits on the device, counted,
and is sent once the connection is back."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from council.hours.models import CheckIn
from council.projects.models import Application
from tests.browser.test_check_in_desk import desk, sign_in

pytestmark = pytest.mark.browser

__all__ = ["desk"]


def worker_active(page: Any) -> bool:
    """Whether the service worker of the site's root scope is installed and activated."""
    page.wait_for_function(
        """async () => {
             const registration = await navigator.serviceWorker.getRegistration("/");
             return Boolean(registration && registration.active
               && registration.active.state === "activated");
           }"""
    )
    return page.evaluate(
        """async () => (await navigator.serviceWorker.ready).scope === location.origin + "/" """
    )


def test_the_ticket_and_the_desk_work_with_the_network_cut(
    new_page: Any, live_server: Any, desk: dict[str, Any], check_page: Any
) -> None:
    first, second = desk["codes"]
    ticket = Application.objects.get(check_in__code=first)
    volunteer = ticket.volunteer

    # The volunteer's phone: the app installs, the ticket is kept from "My applications".
    phone = new_page(viewport={"width": 360, "height": 740})
    sign_in(phone, volunteer, live_server.url)
    phone.goto("/me/applications/")
    manifest = phone.evaluate(
        """async () => {
             const link = document.querySelector('link[rel="manifest"]');
             const response = await fetch(link.href, { credentials: "include" });
             return { type: response.headers.get("content-type"), body: await response.json() };
           }"""
    )
    assert manifest["type"] == "application/manifest+json"
    assert manifest["body"]["name"] == "Volunteer Council"
    assert manifest["body"]["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["body"]["icons"]} == {"192x192", "512x512"}
    assert worker_active(phone)
    # The worker controls the page once it has claimed it (the next load at the latest).
    phone.reload()
    phone.wait_for_function("navigator.serviceWorker.controller !== null")
    check_page(phone, "my applications with the app installed")
    phone.get_by_role("link", name="Ticket for check-in").click()
    expect(phone.locator(".ticket .code")).to_have_text(first)
    ticket_url = phone.url

    phone.context.set_offline(True)
    # What the server would now say (checked in) is not what the phone shows: the page is
    # the one kept on the device, not fetched.
    CheckIn.objects.filter(code=first).update(checked_in_at=timezone.now())
    response = phone.goto(ticket_url)
    assert response is not None and response.from_service_worker
    expect(phone.locator(".ticket .code")).to_have_text(first)
    expect(phone.locator(".ticket")).not_to_contain_text("Checked in")
    expect(phone.locator(".ticket .qr svg")).to_be_visible()
    assert phone.evaluate("navigator.onLine") is False
    # A page that was never kept: the offline page, not the browser's error.
    phone.goto("/organisations-never-visited/")
    expect(phone.get_by_role("heading", name="No connection")).to_be_visible()
    phone.goto("/me/applications/")
    expect(phone.get_by_role("link", name="Ticket for check-in")).to_be_visible()
    phone.context.set_offline(False)

    # The organiser's desk: visited online, then the network goes.
    organiser = new_page(viewport={"width": 360, "height": 740})
    sign_in(organiser, desk["organiser"], live_server.url)
    desk_url = f"/hours/shifts/{desk['shift'].pk}/check-in/"
    organiser.goto(desk_url)
    assert worker_active(organiser)
    organiser.reload()
    organiser.wait_for_function("navigator.serviceWorker.controller !== null")
    expect(organiser.get_by_role("heading", name="Check-in")).to_be_visible()

    # Aliya's check-in (above) is on the desk as it was kept.
    expect(organiser.locator('[data-count="present"]')).to_have_text("1")

    organiser.context.set_offline(True)
    response = organiser.goto(desk_url)
    assert response is not None and response.from_service_worker
    expect(organiser.get_by_role("heading", name="Check-in")).to_be_visible()
    expect(organiser.locator('[data-count="present"]')).to_have_text("1")
    organiser.get_by_label("Code").fill(second)
    organiser.get_by_role("button", name="Send").click()
    expect(organiser.locator("[data-result]")).to_contain_text("Saved on this device")
    expect(organiser.locator("[data-pending]")).to_contain_text("(1)")
    expect(organiser.locator("[data-pending]")).to_contain_text(second)
    assert not CheckIn.objects.filter(code=second, checked_in_at__isnull=False).exists()

    organiser.context.set_offline(False)
    expect(organiser.locator("[data-pending]")).to_be_hidden()
    expect(organiser.locator('[data-count="present"]')).to_have_text("2")
    assert CheckIn.objects.get(code=second).checked_in_at is not None
    # Sent once: the queue is empty and a reload counts two check-ins, not three.
    organiser.reload()
    expect(organiser.locator('[data-count="present"]')).to_have_text("2")
    assert CheckIn.objects.filter(code=second, checked_in_at__isnull=False).count() == 1
