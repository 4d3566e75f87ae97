"""Precision and recall of `compare` on labelled pairs (council/demo/matching_set.py builds
them; `manage.py measure_matcher` and bench/matcher.py print what `measure` finds)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from council.lib.matching import THRESHOLD, Match, PersonRecord, _prepare, blocking_keys, compare

TARGET_PRECISION = 0.98
TARGET_RECALL = 0.90
CURVE = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class LabelledPair:
    a: PersonRecord
    b: PersonRecord
    same: bool  # one person (a positive) or two (a negative)
    kind: str  # the variation (positives) or the kind of different people (negatives)
    scripts: tuple[str, str] = ("", "")  # "ru", "kk" (Kazakh Cyrillic), "latin"


@dataclass(frozen=True)
class Outcome:
    pair: LabelledPair
    match: Match


@dataclass
class Figures:
    pairs: int
    positives: int
    negatives: int
    true_positives: int
    false_positives: int
    false_negatives: int
    microseconds_per_pair: float  # from raw records: both normalised, then compared
    microseconds_per_prepared_pair: float  # records normalised already (as in a queue)
    # Kind → (pairs, called likely), for positives (found) and negatives (false positives).
    positive_kinds: dict[str, tuple[int, int]]
    negative_kinds: dict[str, tuple[int, int]]
    scripts: dict[str, int]  # "latin+ru" → pairs
    # Threshold → (precision, recall).
    curve: dict[float, tuple[float, float]]
    # Likely pairs (true or not) and how many of them share a blocking key.
    likely: int
    likely_blocked: int
    worst_false_positives: list[Outcome] = field(default_factory=list)
    worst_false_negatives: list[Outcome] = field(default_factory=list)

    @property
    def precision(self) -> float:
        called = self.true_positives + self.false_positives
        return self.true_positives / called if called else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.positives if self.positives else 1.0

    @property
    def f1(self) -> float:
        both = self.precision + self.recall
        return 2 * self.precision * self.recall / both if both else 0.0

    @property
    def meets_target(self) -> bool:
        return self.precision >= TARGET_PRECISION and self.recall >= TARGET_RECALL


def _precision_recall(outcomes: Sequence[Outcome], threshold: float) -> tuple[float, float]:
    called = [o for o in outcomes if o.match.score >= threshold]
    true = sum(1 for o in called if o.pair.same)
    positives = sum(1 for o in outcomes if o.pair.same)
    return (true / len(called) if called else 1.0, true / positives if positives else 1.0)


def measure(pairs: Sequence[LabelledPair], worst: int = 10) -> Figures:
    """Compare every pair (timed, from cold: each record prepared once, as in an import)."""
    _prepare.cache_clear()
    started = time.perf_counter()
    matches = [compare(pair.a, pair.b) for pair in pairs]
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    for pair in pairs:
        compare(pair.a, pair.b)
    prepared = time.perf_counter() - started
    outcomes = [Outcome(pair, match) for pair, match in zip(pairs, matches, strict=True)]
    kinds: dict[bool, dict[str, list[int]]] = {True: {}, False: {}}
    for outcome in outcomes:
        counts = kinds[outcome.pair.same].setdefault(outcome.pair.kind, [0, 0])
        counts[0] += 1
        counts[1] += outcome.match.is_likely
    likely = [o for o in outcomes if o.match.is_likely]
    blocked = sum(1 for o in likely if blocking_keys(o.pair.a) & blocking_keys(o.pair.b))
    false_positives = [o for o in likely if not o.pair.same]
    false_negatives = [o for o in outcomes if o.pair.same and not o.match.is_likely]
    return Figures(
        pairs=len(pairs),
        positives=sum(1 for p in pairs if p.same),
        negatives=sum(1 for p in pairs if not p.same),
        true_positives=len(likely) - len(false_positives),
        false_positives=len(false_positives),
        false_negatives=len(false_negatives),
        microseconds_per_pair=elapsed / len(pairs) * 1e6 if pairs else 0.0,
        microseconds_per_prepared_pair=prepared / len(pairs) * 1e6 if pairs else 0.0,
        positive_kinds={kind: (c[0], c[1]) for kind, c in kinds[True].items()},
        negative_kinds={kind: (c[0], c[1]) for kind, c in kinds[False].items()},
        scripts=dict(Counter("+".join(sorted(p.scripts)) for p in pairs)),
        curve={t: _precision_recall(outcomes, t) for t in (*CURVE, THRESHOLD)},
        likely=len(likely),
        likely_blocked=blocked,
        worst_false_positives=sorted(false_positives, key=lambda o: -o.match.score)[:worst],
        worst_false_negatives=sorted(false_negatives, key=lambda o: o.match.score)[:worst],
    )


def _record(record: PersonRecord) -> str:
    shown = {key: value for key, value in vars(record).items() if value and key != "country"}
    return ", ".join(f"{key}={value}" for key, value in shown.items())


def report(figures: Figures, verbose: bool = False) -> list[str]:
    """The figures as the lines `manage.py measure_matcher` and bench/matcher.py print."""
    met = "met" if figures.meets_target else "NOT met"
    lines = [
        f"Labelled pairs: {figures.pairs} ({figures.positives} one person, "
        f"{figures.negatives} two people)",
        "Scripts (pairs): "
        + ", ".join(f"{name} {count}" for name, count in sorted(figures.scripts.items())),
        f"At threshold {THRESHOLD:.2f}: precision {figures.precision:.4f}, "
        f"recall {figures.recall:.4f}, F1 {figures.f1:.4f} "
        f"(target: precision >= {TARGET_PRECISION} at recall >= {TARGET_RECALL}: {met})",
        f"  {figures.true_positives} found, {figures.false_positives} false positives, "
        f"{figures.false_negatives} missed",
        f"compare(): {figures.microseconds_per_pair:.0f} µs per pair from raw records "
        f"(both normalised), {figures.microseconds_per_prepared_pair:.0f} µs on prepared ones",
        f"Blocking keys: {figures.likely_blocked} of {figures.likely} pairs called likely "
        "share one",
        "Precision / recall by threshold: "
        + "; ".join(
            f"{threshold:.1f}: {p:.3f} / {r:.3f}"
            for threshold, (p, r) in sorted(figures.curve.items())
        ),
        "",
        f"{'one person, written as':<24} {'pairs':>6} {'found':>6} {'recall':>7}",
    ]
    for kind, (count, likely) in figures.positive_kinds.items():
        lines.append(f"{kind:<24} {count:>6} {likely:>6} {likely / count:>7.3f}")
    lines += ["", f"{'two people':<24} {'pairs':>6} {'likely':>6} {'share':>7}"]
    for kind, (count, likely) in figures.negative_kinds.items():
        lines.append(f"{kind:<24} {count:>6} {likely:>6} {likely / count:>7.3f}")
    if verbose:
        for title, outcomes in (
            ("Worst false positives (two people called likely)", figures.worst_false_positives),
            ("Worst false negatives (one person missed)", figures.worst_false_negatives),
        ):
            lines += ["", title]
            for outcome in outcomes:
                lines.append(
                    f"  {outcome.match.score:.3f} {outcome.pair.kind}: "
                    + ", ".join(outcome.match.reasons)
                )
                lines.append(f"      a: {_record(outcome.pair.a)}")
                lines.append(f"      b: {_record(outcome.pair.b)}")
    return lines
