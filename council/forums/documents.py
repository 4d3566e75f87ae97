"""A participant's badge (name in Cyrillic and Latin, delegation, country, QR code) and a
delegation member's visa-support invitation letter in the host's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from council.accounts.models import User
from council.forums.models import DelegationMember, Registration
from council.lib.pdf import Document
from council.lib.qr import qr_png
from council.lib.timezones import place_zone
from council.lib.translit import to_latin
from council.orgs.models import Membership, MembershipRole, Organisation
from council.volunteers.models import VolunteerProfile

# The language a host writes its letters in, by the host's country.
HOST_LANGUAGE = {"RU": "ru", "KZ": "kk"}


def latin_name(person: User) -> str:
    """The Latin spelling the person gave (their passport's); a transliteration otherwise."""
    given = f"{person.given_name_latin} {person.family_name_latin}".strip()
    return given or to_latin(str(person.display_name))


def _date(value: date) -> str:
    return str(formats.date_format(value, "DATE_FORMAT"))


def badge_pdf(registration: Registration, *, code: str) -> bytes:
    person = registration.person
    forum = registration.forum
    member = getattr(registration, "delegation_member", None)
    # Like every document downloaded in a browser: in the language the person reads in.
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        document = Document(_("Badge"), lang=language, margin=15)
        document.paragraph(str(forum.title), size=12, bold=True)
        document.paragraph(
            f"{forum.city.name} · {_date(forum.starts_on)} – {_date(forum.ends_on)}", size=10
        )
        document.heading(str(person.display_name), size=26)
        document.paragraph(latin_name(person), size=16)
        if member is not None:
            document.paragraph(str(member.delegation.organisation.name), size=13, bold=True)
        country = person.home_country.name if person.home_country_id else ""
        document.paragraph(str(country), size=13)
        y = document.pdf.get_y() + 6
        document.image_png(qr_png(code), x=document.pdf.l_margin, y=y, w=40)
        document.pdf.set_y(y + 42)
        document.paragraph(code, size=14, bold=True)
        return document.output()


def end_sentence(text: str) -> str:
    """A sentence whose last word is an abbreviation ("2026 г.", "2026 ж.") ends with its
    dot, not with two."""
    return text[:-1] if text.endswith("..") else text


def _translated(instance: Any, name: str, language: str) -> str:
    """A translated field in that language, else in the fallback order of the model."""
    return str(getattr(instance, f"{name}_{language}", "") or getattr(instance, name) or "")


def signatory(host: Organisation) -> tuple[str, str]:
    """Who signs for the host: its first administrator (name, "Administrator, <host>"), or
    the host organisation itself when it has none."""
    admin = (
        Membership.objects.filter(organisation=host, role=MembershipRole.ADMIN)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if admin is None:
        return str(host.name), ""
    return str(admin.user.display_name), f"{admin.get_role_display()}, {host.name}"


def invitation_letter_pdf(member: DelegationMember) -> bytes:
    """The visa-support letter in the host's language: whom the host invites (with the
    details of their passport the platform holds), to what, when and where, signed for the
    host."""
    delegation = member.delegation
    forum = delegation.forum
    host = forum.host
    person = member.person
    language = HOST_LANGUAGE.get(host.country_id, "en")
    profile = VolunteerProfile.objects.filter(user=person).only("date_of_birth").first()
    zone = place_zone(forum.timezone)
    with translation.override(language):
        document = Document(_("Invitation letter"), author=str(host.name), lang=language)
        document.paragraph(str(host.name), bold=True)
        document.paragraph(_date(timezone.localdate()), size=10)
        document.heading(_("Invitation"), size=20)
        country = person.home_country.name if person.home_country_id else "—"
        document.paragraph(
            end_sentence(
                _(
                    "%(host)s invites %(name)s (%(latin)s), a citizen of %(country)s, to take "
                    "part in %(forum)s in %(city)s from %(start)s to %(end)s as a member of the "
                    "delegation of %(organisation)s."
                )
                % {
                    "host": host.name,
                    "name": person.display_name,
                    "latin": latin_name(person),
                    "country": country,
                    "forum": forum.title,
                    "city": forum.city.name,
                    "start": _date(forum.starts_on),
                    "end": _date(forum.ends_on),
                    "organisation": delegation.organisation.name,
                }
            )
        )
        passport = [
            (_("Name as in the passport"), latin_name(person)),
            (pgettext("person", "Name"), str(person.display_name)),
            (_("Citizenship"), str(country)),
        ]
        if profile is not None and profile.date_of_birth:
            passport.insert(1, (_("Date of birth"), _date(profile.date_of_birth)))
        document.paragraph(_("Details of the invited person"), bold=True)
        document.table(passport, widths=(60, 110), header=False)
        if member.arrival and member.departure:
            document.paragraph(
                end_sentence(
                    _("Expected stay: from %(arrival)s to %(departure)s.")
                    % {
                        "arrival": _date(localtime(member.arrival, zone)),
                        "departure": _date(localtime(member.departure, zone)),
                    }
                )
            )
        venue = _translated(forum, "venue", language)
        if venue:
            document.paragraph(end_sentence(_("Venue: %(venue)s.") % {"venue": venue}))
        document.paragraph(
            _("We ask the consular authorities to issue the visa needed for this visit.")
        )
        name, position = signatory(host)
        document.pdf.ln(6)
        document.paragraph(_("Yours faithfully,"))
        document.paragraph(name, bold=True)
        if position:
            document.paragraph(position)
        document.pdf.ln(8)
        document.paragraph(
            _("Signature: %(line)s    Seal") % {"line": "_" * 24},
        )
        return document.output()
