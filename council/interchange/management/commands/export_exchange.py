from __future__ import annotations

import sys
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from council.interchange.access import OPERATOR
from council.interchange.exports import Scope
from council.interchange.models import ExchangeFormat, ExchangeKind
from council.interchange.services.exports import export_start


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from None


class Command(BaseCommand):
    help = (
        "Write an exchange-format file (docs/exchange-format.md): the organisations, "
        "opportunities and verified hours of one organisation, of one country's organisations "
        "(a national network's) or of everything, hours of a period, as signed JSON Lines or "
        "CSV. People are named only with --personal-data, and then only those whose home "
        "country is --recipient or who gave the cross-border consent; others by a pseudonym. "
        "Audited as the operator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", type=int, help="an organisation's number")
        parser.add_argument("--network", help="a country code: its organisations")
        parser.add_argument("--from", dest="date_from", help="first day of hours (YYYY-MM-DD)")
        parser.add_argument("--to", dest="date_to", help="last day of hours (YYYY-MM-DD)")
        parser.add_argument("--kind", choices=ExchangeKind.values, default=ExchangeKind.ALL)
        parser.add_argument("--format", choices=ExchangeFormat.values, default=ExchangeFormat.JSONL)
        parser.add_argument("--personal-data", action="store_true")
        parser.add_argument("--recipient", help="the receiving side's country code")
        parser.add_argument("--output", help="the file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        scope = Scope(
            organisation_id=options["organisation"],
            country=(options["network"] or "").upper() or None,
            date_from=_day(options["date_from"]) if options["date_from"] else None,
            date_to=_day(options["date_to"]) if options["date_to"] else None,
            kind=options["kind"],
            personal_data=options["personal_data"],
            recipient_country=(options["recipient"] or "").upper() or None,
        )
        try:
            exported = export_start(
                actor=None, reach=OPERATOR, scope=scope, export_format=options["format"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except (Http404, PermissionDenied):
            raise CommandError("no such organisation") from None
        if options["output"]:
            with open(options["output"], "wb") as stream:
                for block in exported.lines:
                    stream.write(block)
            self.stderr.write(f"Written {options['output']}")
        else:
            for block in exported.lines:
                sys.stdout.buffer.write(block)
            sys.stdout.buffer.flush()
