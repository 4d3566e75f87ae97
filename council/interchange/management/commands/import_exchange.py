from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.interchange.access import OPERATOR
from council.interchange.services.imports import import_file


class Command(BaseCommand):
    help = (
        "Import an exchange-format file (JSON Lines, docs/exchange-format.md). Every line is "
        "checked against the schema and the signature with the issuer's public key "
        "(--issuer-key: base64, a JWK, a key set, or @file holding one; the platform's own "
        "keys are always known). All or nothing: any problem is reported by line and field and "
        "nothing is written. Importing the same records again updates them, never duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--issuer-key", default="")
        parser.add_argument("--dry-run", action="store_true", help="check and report only")

    def handle(self, *args: Any, **options: Any) -> None:
        key = options["issuer_key"]
        try:
            if key.startswith("@"):
                key = Path(key[1:]).read_text(encoding="utf-8")
            with open(options["path"], "rb") as stream:
                job = import_file(
                    actor=None,
                    reach=OPERATOR,
                    upload=File(stream, name=Path(options["path"]).name),
                    issuer_key=key,
                    dry_run=options["dry_run"],
                )
        except OSError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        report = job.report
        for problem in report["errors"]:
            where = f"line {problem['line']}: {problem['field'] or '-'}"
            self.stderr.write(f"{where}: {problem['message']}")
        self.stdout.write(json.dumps(report["counts"], sort_keys=True))
        if not report["ok"]:
            raise CommandError(
                f"{len(report['errors']) + report['more_errors']} problem(s); nothing written"
            )
        self.stdout.write("Dry run: nothing written." if options["dry_run"] else "Imported.")
