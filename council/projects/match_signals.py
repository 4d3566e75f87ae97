"""What "for you" ranks an opportunity on, kept in its own row (`Opportunity.match_signals`)
so that ranking reads it with the row instead of joining four tables per candidate.

The value is a JSON object: `s<skill>` → 1 for each required skill, `l<language>` → the rank
of the minimum level (`CEFR_ORDER`; 99 for a level it does not know, which nobody meets),
`c<cause>` → 1 for each cause of the project, `g<goal>` → how many of the project's SDG
targets belong to that goal (the ranking statement counts targets), `r<credential>` → 1 for
each credential it requires. `opportunity_refresh`
writes it (every service that changes an opportunity, its project or their classification
calls it), so does the demo's bulk path; migration 0016 filled it for the rows before it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from council.volunteers.models import CEFR_ORDER

UNKNOWN_LEVEL = 99


def skill_key(pk: int) -> str:
    return f"s{pk}"


def language_key(code: str) -> str:
    return f"l{code}"


def cause_key(pk: int) -> str:
    return f"c{pk}"


def goal_key(pk: int) -> str:
    return f"g{pk}"


def credential_key(pk: int) -> str:
    return f"r{pk}"


def match_signals(
    *,
    skills: Iterable[int],
    languages: Iterable[tuple[str, str]],
    causes: Iterable[int],
    target_goals: Iterable[int],
    credentials: Iterable[int] = (),
) -> dict[str, int]:
    """The signals of an opportunity from its skills, its (language, minimum level) pairs,
    its project's causes, the goal of each of its project's SDG targets and the credentials
    it requires."""
    signals = {skill_key(pk): 1 for pk in sorted(skills)}
    for code, level in sorted(languages):
        signals[language_key(code)] = CEFR_ORDER.get(level, UNKNOWN_LEVEL)
    signals.update({cause_key(pk): 1 for pk in sorted(causes)})
    for goal, targets in sorted(Counter(target_goals).items()):
        signals[goal_key(goal)] = targets
    signals.update({credential_key(pk): 1 for pk in sorted(credentials)})
    return signals
