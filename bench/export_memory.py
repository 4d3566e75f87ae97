"""Memory and speed of the all-entries export on the bench data (run by `make bench` after
bench/reports.py has loaded the hours).

Each size runs in a fresh Python process that writes the first N rows of the export of every
verified entry of 2024–2026 (`council.reports.exports.hours_rows`) to an XLSX file with the
write-only workbook, as the background export does, and reports its peak resident memory
(`ru_maxrss`) and its rows per second. The export streams when the peak does not grow with N.
It reports figures; it asserts nothing about them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000, 1_000_000)

CHILD = """
import itertools, json, os, resource, sys, tempfile, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
import django
django.setup()
from django.db import connection
from council.lib import tables
from council.reports import exports
from council.reports.selectors.filters import Filters

rows_wanted = int(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rows = itertools.chain.from_iterable(
    exports.hours_rows(Filters(year=year)) for year in (2026, 2025, 2024)
)
started = time.perf_counter()
with tempfile.NamedTemporaryFile(suffix=".xlsx") as target:
    written = tables.write_xlsx(
        target.name, exports._hours_headers(), itertools.islice(rows, rows_wanted)
    )
    size = os.path.getsize(target.name)
seconds = time.perf_counter() - started
print(json.dumps({{
    "rows": written,
    "seconds": seconds,
    "file_mb": size / 1e6,
    "rss_before_mb": before / 1024,
    "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/council_bench"
    )
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    args = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": args.database_url, "DEBUG": "false"}
    print("XLSX export of verified entries (write-only workbook, rows read by key in chunks)")
    print(
        f"{'rows':>10} {'seconds':>8} {'rows/s':>8} {'file MB':>8} "
        f"{'RSS after setup MB':>19} {'peak RSS MB':>12}"
    )
    for size in (int(part) for part in args.sizes.split(",")):
        started = time.perf_counter()
        result = subprocess.run(  # noqa: S603 (this interpreter, our own code)
            [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(size)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            print(f"{size:>10} failed after {time.perf_counter() - started:.0f} s:")
            print(result.stderr[-2000:])
            return 1
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{figures['rows']:>10,} {figures['seconds']:>8.1f} "
            f"{figures['rows'] / figures['seconds']:>8,.0f} {figures['file_mb']:>8.1f} "
            f"{figures['rss_before_mb']:>19.0f} {figures['rss_peak_mb']:>12.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
