"""Every write of an import: the person's steps (journey), the background work (run) and
undo."""

from council.imports.services.journey import (
    duplicate_decide,
    import_cancel,
    import_check,
    import_confirm,
    import_map,
    import_upload,
)
from council.imports.services.run import import_check_run, import_run
from council.imports.services.undo import import_undo, touched_reasons

__all__ = [
    "duplicate_decide",
    "import_cancel",
    "import_check",
    "import_check_run",
    "import_confirm",
    "import_map",
    "import_run",
    "import_undo",
    "import_upload",
    "touched_reasons",
]
