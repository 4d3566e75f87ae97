"""The visa-support letter as a consulate reads it: in the host's language (Kazakh for a host
in Kazakhstan), with the details of the invited person's passport the platform holds, the
venue in the letter's language, a signatory and a place to sign; no sentence ends in "..";
and nobody outside the delegation, its senders and the host can download it."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pypdf

from council.conftest import make_user
from council.forums.models import Forum
from council.forums.services.delegations import member_travel_update
from council.forums.tests.test_badges_and_check_in import confirmed_delegate
from council.forums.tests.test_registration import signed_in
from council.volunteers.models import VolunteerProfile


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_letter_names_the_passport_the_venue_and_who_signs(
    forum: Forum,
    ru_network: Any,
    ru_coordinator: Any,
    org_admin: Any,
    kz_coordinator: Any,
    russia: Any,
) -> None:
    forum.venue_kk = "Тәуелсіздік сарайы"
    forum.venue_en = "Palace of Independence"
    forum.venue_ru = "Дворец Независимости"
    forum.save()
    member = confirmed_delegate(forum, ru_network, ru_coordinator, org_admin, russia)
    person = member.person
    person.given_name_latin, person.family_name_latin = "Ivan", "ZHUKOV"
    person.save()
    VolunteerProfile.objects.create(user=person, date_of_birth=date(1990, 3, 14))
    member_travel_update(
        actor=person,
        member=member,
        arrival=forum.registration_opens.replace(year=2027, month=5, day=19, hour=9, minute=0),
        departure=forum.registration_opens.replace(year=2027, month=5, day=23, hour=9, minute=0),
    )
    response = signed_in(person).get(f"/forums/members/{member.pk}/invitation.pdf")
    text = pdf_text(response.content)
    flat = " ".join(text.split())
    # The host is in Kazakhstan: the letter is in Kazakh, the venue too.
    assert "Тәуелсіздік сарайы" in flat
    assert "Palace of Independence" not in flat and "Дворец" not in flat
    # What the platform holds of the passport: the Latin name, birth date, citizenship.
    assert "Ivan ZHUKOV" in flat
    assert "Аты-жөні Иван Жуков" in flat
    assert "14 наурыз 1990" in flat.lower()
    assert "Азаматтығы" in flat and "Ресей" in flat
    # Signed for the host by its administrator, with a line to sign and the seal's place.
    assert "Dana" in flat and "Әкімші" in flat
    assert "Қолы:" in flat and "____" in flat
    assert ".." not in flat
    assert "23 мамыр 2027 ж." in flat.lower()
    # The host, the delegation's head and the member read it; another delegation does not.
    head = signed_in(ru_coordinator)
    assert head.get(f"/forums/members/{member.pk}/invitation.pdf").status_code == 200
    other = signed_in(kz_coordinator)
    assert other.get(f"/forums/members/{member.pk}/invitation.pdf").status_code == 404
    stranger = make_user("stranger@example.org", russia)
    assert signed_in(stranger).get(f"/forums/members/{member.pk}/invitation.pdf").status_code == 404
