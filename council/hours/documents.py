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
from council.hours.models import (
    Certificate,
    CertificateKind,
    HoursEntry,
    RecommendationLetter,
    Reference,
)
from council.hours.selectors import RecordBook
from council.hours.services.signing import document_sign
from council.lib.numbers import format_number
from council.lib.pdf import Document
from council.lib.qr import qr_png
from council.volunteers.models import VolunteerCredential

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
        _check_with_qr(
            document,
            url,
            _("Check this certificate at %(url)s or with the code %(code)s.")
            % {"url": url, "code": certificate.code},
        )
        return document.output()


def _check_with_qr(document: Document, url: str, text: str) -> None:
    """The QR code of the verification page and the line that says where to check, on a new
    page when the rest of this one is too short for them."""
    if document.pdf.get_y() + 60 > document.pdf.h - document.pdf.b_margin:
        document.pdf.add_page()
    y = document.pdf.get_y() + 8
    document.image_png(qr_png(url), x=document.pdf.l_margin, y=y, w=35)
    document.pdf.set_y(y + 38)
    document.paragraph(text, size=9)


def letter_verification_url(letter: RecommendationLetter) -> str:
    return settings.SITE_URL + reverse("hours:verify", args=[letter.code])


def letter_pdf(letter: RecommendationLetter) -> bytes:
    """The letter in the organisation's name, in the language it was written in (its frame
    too, so the page reads in one language), with the code and QR code that verify it."""
    organisation = letter.organisation
    with translation.override(letter.language):
        document = Document(
            _("Letter of recommendation %(code)s") % {"code": letter.code},
            author=str(organisation.name),
            lang=letter.language,
        )
        document.heading(str(organisation.name), size=16)
        document.paragraph(str(organisation.country.name), size=9)
        document.paragraph(_date(timezone.localdate(letter.issued_at)))
        document.heading(_("Letter of recommendation"), size=22)
        document.paragraph(
            _("%(name)s has volunteered with %(organisation)s: %(hours)s verified hours.")
            % {
                "name": letter.volunteer_name,
                "organisation": organisation.name,
                "hours": _hours(letter.hours),
            }
        )
        for block in letter.text.replace("\r\n", "\n").split("\n\n"):
            if block.strip():
                document.paragraph(block.strip())
        document.paragraph(letter.signatory_name, bold=True)
        document.paragraph(
            _("on behalf of %(organisation)s") % {"organisation": organisation.name}, size=9
        )
        url = letter_verification_url(letter)
        _check_with_qr(
            document,
            url,
            _("Check this letter at %(url)s or with the code %(code)s.")
            % {"url": url, "code": letter.code},
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
        _record_book_recognition(document, book)
        document.paragraph(
            _("Printed on %(date)s from %(site)s.")
            % {"date": _date(timezone.localdate()), "site": settings.SITE_URL},
            size=8,
        )
        return document.output()


def _record_book_recognition(document: Document, book: RecordBook) -> None:
    """The milestones and the references the volunteer chose to show."""
    if book.milestones:
        document.heading(_("Milestones"), size=14)
        document.table(
            [[pgettext("day", "Date"), _("Milestone")]]
            + [
                [
                    _date(milestone.achieved_on),
                    f"{milestone.label}: {milestone.detail}"
                    if milestone.detail
                    else str(milestone.label),
                ]
                for milestone in book.milestones
            ],
            widths=[30, 140],
        )
    if book.references:
        document.heading(_("References from organisations"), size=14)
        for reference in book.references:
            document.paragraph(
                _("%(organisation)s, %(date)s: %(rating)s out of 5")
                % {
                    "organisation": reference.organisation.name,
                    "date": _date(timezone.localdate(reference.written_at)),
                    "rating": reference.rating,
                },
                bold=True,
            )
            if reference.text:
                document.paragraph(reference.text)


def _reference_data(reference: Reference) -> dict[str, Any]:
    application = reference.application
    return {
        "id": reference.pk,
        "organisation": {
            "id": reference.organisation_id,
            "name": str(reference.organisation.name),
            "country": reference.organisation.country_id,
        },
        "role": str(application.opportunity.title),
        "shift_ended_at": application.shift.end.replace(microsecond=0).isoformat()
        if application.shift
        else None,
        "rating": reference.rating,
        "no_show": reference.no_show,
        "punctual": reference.punctual,
        "text": reference.text,
        "written_at": reference.written_at.replace(microsecond=0).isoformat(),
    }


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
        # Milestones by stable key ("hours_10" … "hours_500", "first_forum",
        # "first_cross_border") and the references the volunteer chose to show.
        "milestones": [
            {
                "key": milestone.key,
                "achieved_on": milestone.achieved_on.isoformat(),
                "detail": milestone.detail,
            }
            for milestone in book.milestones
        ],
        "references": [_reference_data(reference) for reference in book.references],
        # The credentials held (expired ones too, with their date): who granted each, how
        # ("training" or "organiser"), from when and until when (null: no expiry).
        "credentials": [_credential_data(held) for held in book.credentials],
    }


def _credential_data(held: VolunteerCredential) -> dict[str, Any]:
    return {
        "id": held.credential_id,
        "name": str(held.credential.name),
        "granted_by": {"id": held.organisation_id, "name": str(held.organisation.name)}
        if held.organisation
        else None,
        "source": held.source,
        "earned_on": held.earned_on.isoformat(),
        "expires_on": held.expires_on.isoformat() if held.expires_on else None,
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
