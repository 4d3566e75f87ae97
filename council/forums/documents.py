"""A participant's badge (name in Cyrillic and Latin, delegation, country, QR code) and a
delegation member's visa-support invitation letter in the host's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from council.forums.models import DelegationMember, Registration
from council.lib.pdf import Document
from council.lib.qr import qr_png
from council.lib.translit import to_latin

# The language a host writes its letters in, by the host's country.
HOST_LANGUAGE = {"RU": "ru", "KZ": "kk"}


def latin_name(person: Any) -> str:
    """The Latin spelling the person gave (their passport's); a transliteration otherwise."""
    given = f"{person.given_name_latin} {person.family_name_latin}".strip()
    return given or to_latin(str(person.display_name))


def _date(value: Any) -> str:
    return str(formats.date_format(value, "DATE_FORMAT"))


def badge_pdf(registration: Registration, *, code: str) -> bytes:
    person = registration.person
    forum = registration.forum
    member = getattr(registration, "delegation_member", None)
    language = person.preferred_language or settings.LANGUAGE_CODE
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


def invitation_letter_pdf(member: DelegationMember) -> bytes:
    delegation = member.delegation
    forum = delegation.forum
    host = forum.host
    person = member.person
    language = HOST_LANGUAGE.get(host.country_id, "en")
    with translation.override(language):
        document = Document(_("Invitation letter"), author=str(host.name), lang=language)
        document.paragraph(str(host.name), bold=True)
        document.paragraph(_date(timezone.localdate()), size=10)
        document.heading(_("Invitation"), size=20)
        document.paragraph(
            _(
                "%(host)s invites %(name)s (%(latin)s), a citizen of %(country)s, to take part "
                "in %(forum)s in %(city)s from %(start)s to %(end)s as a member of the "
                "delegation of %(organisation)s."
            )
            % {
                "host": host.name,
                "name": person.display_name,
                "latin": latin_name(person),
                "country": person.home_country.name if person.home_country_id else "—",
                "forum": forum.title,
                "city": forum.city.name,
                "start": _date(forum.starts_on),
                "end": _date(forum.ends_on),
                "organisation": delegation.organisation.name,
            }
        )
        if member.arrival and member.departure:
            document.paragraph(
                _("Expected stay: from %(arrival)s to %(departure)s.")
                % {"arrival": _date(member.arrival), "departure": _date(member.departure)}
            )
        document.paragraph(
            _("We ask the consular authorities to issue the visa needed for this visit.")
        )
        if forum.venue:
            document.paragraph(_("Venue: %(venue)s") % {"venue": forum.venue}, size=10)
        return document.output()
