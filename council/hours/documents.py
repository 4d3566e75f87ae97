"""The files a volunteer takes away: the certificate and record book as PDF (in the person's
language, with Cyrillic and Kazakh letters), and the record book as a signed JSON document
that another platform can verify offline with our published key."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from council.accounts.models import User
from council.hours.models import Certificate, CertificateKind, HoursEntry
from council.hours.selectors import RecordBook
from council.hours.services.signing import document_sign
from council.lib.numbers import format_number
from council.lib.pdf import Document
from council.lib.qr import qr_png

RECORD_BOOK_TYPE = "council.record-book"
RECORD_BOOK_VERSION = 1


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("hours:verify", args=[certificate.code])


def _date(value: Any) -> str:
    return str(formats.date_format(value, "DATE_FORMAT"))


def _hours(value: Decimal) -> str:
    return format_number(value)


def certificate_pdf(certificate: Certificate, *, language: str | None = None) -> bytes:
    """In `language`; without one, in the language the certificate was issued in."""
    language = language or certificate.language
    with translation.override(language):
        document = Document(
            _("Certificate %(code)s") % {"code": certificate.code},
            author=str(certificate.organisation.name),
            lang=language,
        )
        document.heading(_("Certificate"), size=28)
        document.paragraph(_("This certifies that"))
        document.heading(certificate.volunteer_name, size=22)
        period = {"start": _date(certificate.period_start), "end": _date(certificate.period_end)}
        if certificate.kind == CertificateKind.PROJECT and certificate.project is not None:
            document.paragraph(
                _("took part as a volunteer in the project “%(project)s”")
                % {"project": certificate.project.title}
            )
        else:
            document.paragraph(
                _("worked as a volunteer with %(organisation)s")
                % {"organisation": certificate.organisation.name}
            )
        document.paragraph(_("from %(start)s to %(end)s") % period)
        document.paragraph(
            _("Verified hours of volunteer work: %(hours)s") % {"hours": _hours(certificate.hours)},
            bold=True,
        )
        document.paragraph(
            _("Issued by %(organisation)s on %(date)s")
            % {
                "organisation": certificate.organisation.name,
                "date": _date(timezone.localdate(certificate.issued_at)),
            }
        )
        url = verification_url(certificate)
        y = document.pdf.get_y() + 8
        document.image_png(qr_png(url), x=document.pdf.l_margin, y=y, w=35)
        document.pdf.set_y(y + 38)
        document.paragraph(
            _("Check this certificate at %(url)s or with the code %(code)s.")
            % {"url": url, "code": certificate.code},
            size=9,
        )
        return document.output()


def _organisation_shown(entry: HoursEntry) -> str:
    """The organisation that verified the entry, with the node it did so on for hours sent
    home by another national node."""
    if not entry.peer_node:
        return str(entry.organisation.name)
    return _("%(organisation)s, verified on the %(country)s node") % {
        "organisation": entry.organisation.name,
        "country": entry.organisation.country.name,
    }


def record_book_pdf(*, user: User, book: RecordBook, language: str) -> bytes:
    with translation.override(language):
        document = Document(_("Record book"), lang=language)
        document.heading(_("Record book of volunteer work"))
        document.paragraph(str(user.display_name), bold=True)
        document.paragraph(
            _("Verified hours of volunteer work: %(hours)s") % {"hours": _hours(book.total)}
        )
        if book.paid_work_time:
            document.paragraph(
                _("Verified hours during paid work time (not counted above): %(hours)s")
                % {"hours": _hours(book.paid_work_time)}
            )
        rows = [
            [
                pgettext("day", "Date"),
                _("Organisation"),
                _("Project and role"),
                _("Hours"),
                _("SDG"),
            ]
        ]
        for entry in book.entries:
            role = f" — {entry.opportunity.title}" if entry.opportunity else ""
            rows.append(
                [
                    _date(entry.date),
                    _organisation_shown(entry),
                    f"{entry.project.title}{role}",
                    _hours(entry.hours),
                    ", ".join(target.code for target in entry.sdg_targets.all()),
                ]
            )
        document.table(rows, widths=[25, 40, 65, 15, 25])
        if book.by_year:
            document.heading(_("Hours by year"), size=14)
            document.table(
                [[_("Year"), _("Hours")]]
                + [[str(year), _hours(hours)] for year, hours in book.by_year.items()],
                widths=[40, 40],
            )
        document.paragraph(
            _("Printed on %(date)s from %(site)s.")
            % {"date": _date(timezone.localdate()), "site": settings.SITE_URL},
            size=8,
        )
        return document.output()


def record_book_document(*, user: User, book: RecordBook) -> dict[str, Any]:
    """The record book as data: decimals as strings, dates in ISO 8601 (so the canonical
    JSON that is signed is the same on every platform)."""
    return {
        "type": RECORD_BOOK_TYPE,
        "version": RECORD_BOOK_VERSION,
        "issuer": settings.SITE_URL,
        "issued_at": timezone.now().replace(microsecond=0).isoformat(),
        "volunteer": {
            "id": user.pk,
            "name": str(user.display_name),
            "name_latin": f"{user.given_name_latin} {user.family_name_latin}".strip(),
            "home_country": user.home_country_id,
        },
        "entries": [
            {
                "id": entry.pk,
                "date": entry.date.isoformat(),
                "hours": str(entry.hours),
                "organisation": {
                    "id": entry.organisation_id,
                    "name": str(entry.organisation.name),
                    "country": entry.organisation.country_id,
                },
                "project": {"id": entry.project_id, "title": str(entry.project.title)},
                "role": str(entry.opportunity.title) if entry.opportunity else None,
                "mode": entry.mode,
                "during_paid_work": entry.during_paid_work,
                "occupation_isco08": entry.isco_group_id,
                "sdg_targets": [target.code for target in entry.sdg_targets.all()],
                "verified_at": entry.decided_at.replace(microsecond=0).isoformat()
                if entry.decided_at
                else None,
                "feedback": entry.feedback,
                # Hours verified on another national node and sent here signed by it.
                "verified_on_node": entry.peer_node or None,
            }
            for entry in book.entries
        ],
        "totals": {
            "volunteer_work_hours": str(book.total),
            "paid_work_time_hours": str(book.paid_work_time),
            "by_year": {str(year): str(hours) for year, hours in book.by_year.items()},
            "by_sdg_goal": {str(goal): str(hours) for goal, hours in book.by_goal.items()},
        },
    }


def record_book_signed(*, user: User, book: RecordBook) -> dict[str, Any]:
    document = record_book_document(user=user, book=book)
    return {
        "record_book": document,
        "signature": {
            **document_sign(document),
            "public_keys": settings.SITE_URL + reverse("hours:signing_keys"),
        },
    }
