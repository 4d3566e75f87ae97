"""Exporting exchange files: the scope is checked against the person's reach, the export is
journalled and audited, and the file is handed back as a stream of bytes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.interchange import exports
from council.interchange.access import Reach, check_export
from council.interchange.exports import Scope
from council.interchange.models import ExchangeExport, ExchangeFormat, ExchangeKind
from council.lib import tables
from council.orgs.models import Organisation
from council.reference.models import Country

JSONL_TYPE = "application/jsonl; charset=utf-8"


@dataclass(frozen=True)
class ExportFile:
    lines: Iterator[bytes]
    filename: str
    content_type: str

    def response(self) -> StreamingHttpResponse:
        """The file as a download, streamed as it is written (constant memory)."""
        response = StreamingHttpResponse(self.lines, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


def _check_scope(scope: Scope, export_format: str) -> None:
    if scope.kind not in ExchangeKind.values:
        raise ValidationError({"kind": _("Choose which records to export.")})
    if export_format not in ExchangeFormat.values:
        raise ValidationError({"format": _("Choose JSON Lines or CSV.")})
    if export_format == ExchangeFormat.CSV and scope.kind == ExchangeKind.ALL:
        raise ValidationError(
            {
                "kind": _(
                    "A CSV file holds one kind of record: choose organisations, "
                    "opportunities or hours."
                )
            }
        )
    if scope.organisation_id is not None and scope.country:
        raise ValidationError(
            {"country": _("Choose an organisation or a national network, not both.")}
        )
    if scope.date_from and scope.date_to and scope.date_from > scope.date_to:
        raise ValidationError({"date_to": _("The end of the period comes before its start.")})
    for name, code in (("country", scope.country), ("recipient_country", scope.recipient_country)):
        if code and not Country.objects.filter(code=code).exists():
            raise ValidationError({name: _("Unknown country code.")})


def export_start(
    *, actor: User | None, reach: Reach, scope: Scope, export_format: str
) -> ExportFile:
    """Check that the person may export this scope (another organisation is a 404; another
    country or everything, when not theirs, a 403), journal and audit the export, and return
    the file's bytes to stream."""
    _check_scope(scope, export_format)
    organisation = None
    if scope.organisation_id is not None:
        organisation = Organisation.objects.filter(pk=scope.organisation_id).first()
        if organisation is None:
            raise Http404
    check_export(reach=reach, organisation=organisation, country=scope.country)
    with transaction.atomic():
        journal = ExchangeExport.objects.create(
            requested_by=actor,
            organisation=organisation,
            country=scope.country or "",
            date_from=scope.date_from,
            date_to=scope.date_to,
            kind=scope.kind,
            format=export_format,
            personal_data=scope.personal_data,
            recipient_country=scope.recipient_country or "",
        )
        record(
            actor=actor,
            action="exchange.exported",
            target=journal,
            organisation_id=organisation.pk if organisation else None,
            data={
                "kind": scope.kind,
                "format": export_format,
                "country": scope.country or "",
                "from": scope.date_from.isoformat() if scope.date_from else "",
                "to": scope.date_to.isoformat() if scope.date_to else "",
                "personal_data": scope.personal_data,
                "recipient_country": scope.recipient_country or "",
            },
        )
    content_type = JSONL_TYPE if export_format == ExchangeFormat.JSONL else tables.CSV_TYPE
    return ExportFile(
        lines=exports.file_lines(scope, export_format),
        filename=exports.filename(scope, export_format),
        content_type=content_type,
    )
