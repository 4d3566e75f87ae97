"""What one opportunity asks of a volunteer, and whether one volunteer has it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from council.accounts.http import Viewer
from council.accounts.models import User
from council.projects.models import Opportunity
from council.projects.selectors.credentials import holds_valid, required_credentials
from council.projects.selectors.matching.facts import volunteer_facts
from council.projects.selectors.matching.scoring import speaks_well_enough
from council.volunteers.models import ADULT_AGE


@dataclass
class Requirement:
    """One thing an opportunity asks of a volunteer, as its page shows it: `met` is None when
    nobody is asking, or the profile does not say (no date of birth)."""

    kind: str
    value: str
    met: bool | None = None


def _level_name(level: str) -> str:
    return _("native") if level == "native" else level


def opportunity_requirements(
    *, opportunity: Opportunity, user: Viewer | None = None, on: date
) -> list[Requirement]:
    """Languages with their minimum level, skills, credentials, minimum age, a medical
    qualification and work barred to minors, in the reader's language; for a volunteer with a
    profile each is marked met or not (by the rules of matching and of applying, the age on
    the day `on`)."""
    wanted_languages = opportunity.languages.select_related("language").order_by(
        "language__position", "language_id"
    )
    facts = volunteer_facts(user) if isinstance(user, User) else None
    profile, side = (facts[0], facts[1]) if facts is not None else (None, None)
    age = profile.age(on) if profile is not None else None

    user_known = user is not None and user.is_authenticated

    def when_known(met: bool) -> bool | None:
        return met if side is not None else None

    items = []
    for wanted in wanted_languages:
        level = side.languages.get(wanted.language_id) if side is not None else None
        values = {"language": wanted.language.name, "level": _level_name(wanted.min_level)}
        items.append(
            Requirement(
                _("Language"),
                _("%(language)s — %(level)s") % values,
                when_known(speaks_well_enough(level, wanted.min_level)),
            )
        )
    for skill in opportunity.skills.order_by("name"):
        met = side is not None and skill.pk in side.skills
        items.append(Requirement(_("Skill"), str(skill.name), when_known(met)))
    if opportunity.min_age:
        items.append(
            Requirement(
                _("Minimum age"),
                str(opportunity.min_age),
                None if age is None else age >= opportunity.min_age,
            )
        )
    for credential in required_credentials(opportunity=opportunity, volunteer=user):
        met = holds_valid(credential, on)
        items.append(
            Requirement(_("Credential"), str(credential.name), met if user_known else None)
        )
    if opportunity.medical_required:
        met = profile is not None and profile.medical_qualification
        items.append(Requirement(_("Medical qualification"), _("required"), when_known(met)))
    if opportunity.restricted_category:
        items.append(
            Requirement(
                _("Not for minors"),
                str(opportunity.get_restricted_category_display()),
                None if age is None else age >= ADULT_AGE,
            )
        )
    return items
