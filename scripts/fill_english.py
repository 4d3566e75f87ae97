"""The English catalogue translates every message to itself (our msgids are English), with no
fuzzy flags: run after makemessages."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(path: Path) -> int:
    with path.open("rb") as po_file:
        catalogue = read_po(po_file, locale="en")
    catalogue.fuzzy = False
    catalogue.project = "volunteer-council"
    catalogue.version = "0.1.0"
    catalogue.last_translator = "Volunteer Council platform"
    catalogue.language_team = "English"
    catalogue.revision_date = catalogue.creation_date
    for message in catalogue:
        if not message.id:
            continue
        message.flags.discard("fuzzy")
        message.previous_id = ()
        message.string = message.id if isinstance(message.id, str) else tuple(message.id)
    with path.open("wb") as po_file:
        write_po(po_file, catalogue, width=100, include_previous=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
