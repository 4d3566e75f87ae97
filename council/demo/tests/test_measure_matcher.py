import re
from io import StringIO

import pytest
from django.core.management import call_command

from council.demo.matching_set import POSITIVE_KINDS, build_pairs
from council.lib.matching.measure import LabelledPair

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

# The command and the set need no database, but the package's fixture loads reference data.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pairs() -> list[LabelledPair]:
    return build_pairs()


def test_the_set_has_2000_pairs_in_the_three_scripts(pairs: list[LabelledPair]) -> None:
    assert len(pairs) >= 2000
    assert sum(p.same for p in pairs) >= 1000
    assert sum(not p.same for p in pairs) >= 1000
    scripts = {script for pair in pairs for script in pair.scripts}
    assert scripts == {"ru", "kk", "latin"}
    assert {p.kind for p in pairs if p.same} == set(POSITIVE_KINDS)
    kazakh = [p for p in pairs if "kk" in p.scripts]
    written = " ".join(str(vars(p.a)) + str(vars(p.b)) for p in kazakh)
    assert KAZAKH_LETTERS & set(written)
    latin = [p.a for p in pairs if p.scripts[0] == "latin"]
    assert all(not re.search("[а-яё]", str(vars(r)), re.IGNORECASE) for r in latin)


def test_the_set_is_the_same_every_time(pairs: list[LabelledPair]) -> None:
    assert build_pairs()[:50] == pairs[:50]
    assert build_pairs(seed=21)[:50] != pairs[:50]


def test_the_command_prints_figures_meeting_the_target() -> None:
    out = StringIO()
    call_command("measure_matcher", "--verbose", "--worst", "3", stdout=out)
    text = out.getvalue()
    pairs = int(re.search(r"Labelled pairs: (\d+)", text).group(1))  # type: ignore[union-attr]
    assert pairs >= 2000
    found = re.search(r"precision ([\d.]+), recall ([\d.]+), F1 ([\d.]+)", text)
    assert found
    precision, recall, f1 = map(float, found.groups())
    assert precision >= 0.98
    assert recall >= 0.90
    assert 0.9 <= f1 <= 1
    assert ": met)" in text
    assert re.search(r"compare\(\): \d+ µs per pair", text)
    assert "married_name" in text
    assert "siblings" in text
    assert "Worst false negatives" in text
