"""Every action code the services write has a label in the reader's language."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

from council.audit.labels import ACTION_LABELS, action_label

SOURCE = Path(settings.BASE_DIR) / "council"
LITERAL = re.compile(
    r"(?:\b_?audit|\brecord)\(\s*[^,()]*(?:\([^()]*\))?[^,()]*,\s*\"([a-z_]+\.[a-z_]+)\""
    r"|action=\"([a-z_]+\.[a-z_]+)\""
)
DYNAMIC = re.compile(r"(?:\b_?audit|\brecord)\([^,()]*,\s*f\"([a-z_]+)\.([a-z_]*)\{")


def _written_codes() -> set[str]:
    from council.deployments.models import CandidacyStatus
    from council.exchanges.models import ApplicationStatus as ExchangeStatus
    from council.forums.models import MemberStatus, RegistrationStatus
    from council.projects.models import ApplicationStatus

    statuses = {
        "application.": ApplicationStatus.values,
        "registration.": RegistrationStatus.values,
        "assignment.": CandidacyStatus.values,
        "delegation.member_": MemberStatus.values,
        "exchange.": [ExchangeStatus.NOMINATED, ExchangeStatus.NOT_NOMINATED],
    }
    codes: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        codes |= {a or b for a, b in LITERAL.findall(text)}
        for entity, prefix in DYNAMIC.findall(text):
            key = f"{entity}.{prefix}"
            assert key in statuses, f"{path}: a dynamic action code {key}… this test does not know"
            codes |= {f"{key}{status}" for status in statuses[key]}
    return codes


def test_every_action_written_has_a_label() -> None:
    codes = _written_codes()
    assert len(codes) > 100
    assert not codes - set(ACTION_LABELS), sorted(codes - set(ACTION_LABELS))


def test_labels_are_in_the_reader_s_language_and_no_code_is_shown() -> None:
    with translation.override("ru"):
        assert action_label("hours.verified") == "Часы подтверждены"
        assert action_label("application.pending") == "Заявка подана на рассмотрение"
        assert action_label("something.new") == "Другое изменение"
    with translation.override("kk"):
        assert action_label("hours.verified") == "Сағаттар расталды"
