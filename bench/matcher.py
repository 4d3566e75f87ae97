"""The person matcher's precision, recall and cost on its labelled set (`make bench`).

The same figures as `manage.py measure_matcher` (council/demo/matching_set builds 2,520
pairs in Russian Cyrillic, Kazakh Cyrillic and Latin; council/lib/matching/measure.py
measures them). Pure Python, no database: a few seconds.

    .venv/bin/python bench/matcher.py [--verbose]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    # `make bench` passes every script the bench database; the matcher does not use it.
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    import django

    django.setup()
    from council.demo.matching_set import build_pairs
    from council.lib.matching.measure import measure, report

    print("Person matcher (labelled set, manage.py measure_matcher)", flush=True)
    for line in report(measure(build_pairs()), verbose=args.verbose):
        print(line, flush=True)


if __name__ == "__main__":
    main()
