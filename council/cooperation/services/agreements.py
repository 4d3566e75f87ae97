"""Agreements: drafted and signed by the secretariat, extended with the history kept, signed
copies attached (PDF only), closed when their term ends, and the secretariat reminded 90 and
30 days before that — once per threshold and end date."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader

from council.accounts.models import User
from council.accounts.personal_mail import mail_person
from council.audit.records import audit_for
from council.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementExtension,
    AgreementReminder,
    AgreementStatus,
    Council,
    Signatory,
)
from council.cooperation.services.texts import require_text
from council.lib.forms import clean_model_fields
from council.lib.locks import lock_row
from council.lib.mirrors import ensure_local
from council.lib.translated import Texts, stripped_texts
from council.orgs.models import Organisation

REMINDER_DAYS = (90, 30)
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def _check(agreement: Agreement) -> None:
    require_text(agreement, "title", _("Give the agreement a title in at least one language."))
    if agreement.starts_on and agreement.ends_on and agreement.starts_on > agreement.ends_on:
        raise ValidationError({"ends_on": _("The agreement ends before it comes into force.")})
    if agreement.funding_amount is not None and not agreement.funding_currency:
        raise ValidationError({"funding_currency": _("Give the currency of the funding.")})
    agreement.funding_currency = (agreement.funding_currency or "").upper()
    agreement.full_clean(exclude=["council", "title", "directions"])


def _status_on(agreement: Agreement, today: date) -> str:
    if agreement.signed_on is None:
        return AgreementStatus.DRAFT
    if agreement.ends_on is not None and agreement.ends_on < today:
        return AgreementStatus.EXPIRED
    return AgreementStatus.ACTIVE


_audit = audit_for("council")


# The texts of a signatory and of a signature: "" where not given, stripped.
class Positions(TypedDict, total=False):
    position_ru: str
    position_kk: str
    position_en: str


class SignedAt(TypedDict, total=False):
    signed_at_ru: str
    signed_at_kk: str
    signed_at_en: str


class AgreementValues(Texts, total=False):
    starts_on: date | None
    ends_on: date | None
    funding_amount: Decimal | None
    funding_currency: str


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    council: Council,
    parties: list[Organisation],
    **values: Unpack[AgreementValues],
) -> Agreement:
    """A draft agreement of the council between at least two parties."""
    ensure_local(council)
    agreement = Agreement(council=council, status=AgreementStatus.DRAFT, **values)
    errors: dict[str, list[str]] = {}
    if len(set(parties)) < 2:
        errors["parties"] = [_("An agreement has at least two parties.")]
    try:
        _check(agreement)
    except ValidationError as error:
        errors |= error.message_dict
    if errors:
        raise ValidationError(errors)
    agreement.save()
    agreement.parties.set(parties)
    _audit(actor, "agreement.created", agreement, parties=[party.pk for party in parties])
    return agreement


@transaction.atomic
def signatory_add(
    *,
    actor: User,
    agreement: Agreement,
    name: str,
    organisation: Organisation,
    **positions: Unpack[Positions],
) -> Signatory:
    """A signatory of the agreement for one of its parties; the position in each language."""
    ensure_local(agreement)
    if not agreement.parties.filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("A signatory signs for one of the parties.")})
    if not name.strip():
        raise ValidationError({"name": _("Give the signatory's name.")})
    texts = stripped_texts(positions, "position")
    signatory = Signatory(
        agreement=agreement, name=name.strip(), organisation=organisation, **texts
    )
    clean_model_fields(signatory, "name", *texts)
    signatory.save()
    _audit(actor, "agreement.signatory_added", agreement, signatory=signatory.pk)
    return signatory


@transaction.atomic
def agreement_sign(
    *,
    actor: User,
    agreement: Agreement,
    signed_on: date,
    today: date | None = None,
    **places: Unpack[SignedAt],
) -> Agreement:
    """Record the signature: the agreement is in force (or expired, for a term already over).
    The place (and event) of signing is given in each language."""
    ensure_local(agreement)
    agreement = lock_row(Agreement, agreement.pk) or agreement
    if agreement.status != AgreementStatus.DRAFT:
        raise ValidationError(_("This agreement is already signed."))
    if not agreement.signatories.exists():
        raise ValidationError(_("Add the signatories before recording the signature."))
    agreement.signed_on = signed_on
    given = stripped_texts(places, "signed_at")
    for column, place in given.items():
        setattr(agreement, column, place)
    place_fields = list(given)
    clean_model_fields(agreement, "signed_on", *place_fields)
    agreement.status = _status_on(agreement, today or timezone.localdate())
    agreement.save(update_fields=["signed_on", *place_fields, "status"])
    _audit(actor, "agreement.signed", agreement, signed_on=signed_on.isoformat())
    return agreement


@transaction.atomic
def agreement_extend(
    *,
    actor: User,
    agreement: Agreement,
    ends_on: date,
    signed_on: date | None = None,
    note: str = "",
    today: date | None = None,
) -> AgreementExtension:
    """Extend the term: the new end comes after the current one; the old end stays in the
    history; an expired agreement is in force again."""
    ensure_local(agreement)
    agreement = lock_row(Agreement, agreement.pk) or agreement
    if agreement.status == AgreementStatus.DRAFT:
        raise ValidationError(_("Sign the agreement before extending it."))
    if agreement.ends_on is not None and ends_on <= agreement.ends_on:
        raise ValidationError({"ends_on": _("The new end must come after the current one.")})
    extension = AgreementExtension(
        agreement=agreement,
        previous_ends_on=agreement.ends_on,
        ends_on=ends_on,
        signed_on=signed_on,
        note=note.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    clean_model_fields(extension, "ends_on", "signed_on", "note")
    extension.save()
    agreement.ends_on = ends_on
    agreement.status = _status_on(agreement, today or timezone.localdate())
    agreement.save(update_fields=["ends_on", "status"])
    _audit(
        actor,
        "agreement.extended",
        agreement,
        previous_ends_on=extension.previous_ends_on.isoformat()
        if extension.previous_ends_on
        else None,
        ends_on=ends_on.isoformat(),
    )
    return extension


def _check_pdf(upload: UploadedFile) -> None:
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-" or not (upload.name or "").lower().endswith(".pdf"):
        raise ValidationError({"file": _("Upload the signed copy as a PDF file.")})
    problem = _pdf_problem(upload)
    upload.seek(0)
    if problem is not None:
        raise ValidationError({"file": problem})


def _pdf_problem(upload: UploadedFile) -> str | None:
    """Whether the file is a PDF that readers open: it parses, has pages and no password.
    Starting with "%PDF-" is not enough."""
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            return _("The PDF is protected by a password; upload a copy without one.")
        if len(reader.pages) < 1:
            return _("The PDF has no pages.")
    except Exception:  # a damaged file fails wherever the parser meets the damage
        return _("The file is damaged or not a real PDF; export the PDF again and upload it.")
    return None


@transaction.atomic
def document_add(
    *, actor: User, agreement: Agreement, title: str, upload: UploadedFile
) -> AgreementDocument:
    ensure_local(agreement)
    _check_pdf(upload)
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    document = AgreementDocument(
        agreement=agreement,
        title=title.strip(),
        size=upload.size or 0,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    clean_model_fields(document, "title")
    document.file.save("signed.pdf", upload, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)  # no file without its row
        raise
    _audit(actor, "agreement.document_added", agreement, document=document.pk, size=document.size)
    return document


def agreements_close_expired(*, today: date | None = None) -> int:
    """Agreements in force whose term has ended become expired, each audited once (another
    node's agreements expire there, and come back through its feed)."""
    day = today or timezone.localdate()
    closed = 0
    local = Agreement.objects.filter(origin_node="")
    for pk in local.filter(status=AgreementStatus.ACTIVE, ends_on__lt=day).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            updated = Agreement.objects.filter(
                pk=pk, status=AgreementStatus.ACTIVE, ends_on__lt=day
            ).update(status=AgreementStatus.EXPIRED)
            if updated:
                agreement = Agreement.objects.get(pk=pk)
                _audit(None, "agreement.expired", agreement)
                closed += 1
    return closed


def agreements_remind(*, today: date | None = None) -> int:
    """Mail the council's secretariat about each agreement in force that ends within 90 days,
    and again within 30: once per threshold and end date (the reminder row is the proof it
    was sent, so a second run, even a concurrent one, sends nothing). Returns the number of
    reminders."""
    day = today or timezone.localdate()
    longest = max(REMINDER_DAYS)
    sent = 0
    ending = Agreement.objects.filter(
        origin_node="",  # another node's secretariat is reminded there
        status=AgreementStatus.ACTIVE,
        ends_on__gte=day,
        ends_on__lte=day + timedelta(days=longest),
    ).select_related("council")
    for agreement in ending:
        assert agreement.ends_on is not None
        left = (agreement.ends_on - day).days
        threshold = min(days for days in REMINDER_DAYS if left <= days)
        if AgreementReminder.objects.filter(
            agreement=agreement, days_before=threshold, ends_on=agreement.ends_on
        ).exists():
            continue
        try:
            with transaction.atomic():
                AgreementReminder.objects.create(
                    agreement=agreement, days_before=threshold, ends_on=agreement.ends_on
                )
                _mail_secretariat(agreement, left)
        except IntegrityError:
            continue  # a concurrent run sent it
        sent += 1
    return sent


def _mail_secretariat(agreement: Agreement, days_left: int) -> None:
    keepers = User.objects.filter(is_secretariat=True, is_active=True).order_by("pk")
    assert agreement.ends_on is not None
    context = {"agreement": agreement, "days": days_left, "ends_on": agreement.ends_on.isoformat()}
    for keeper in keepers:
        mail_person(keeper, "cooperation/mail/agreement_expiring", context)
