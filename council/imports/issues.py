"""The problems an import finds, as codes with parameters: stored so, and rendered in the
reader's language when shown (a report read in Kazakh names the problems in Kazakh, whoever
ran the import)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Promise] = {
    "required": _("This field is required."),
    "too_long": _("At most %(limit)s characters (this has %(length)s)."),
    "email": _("“%(value)s” is not an email address."),
    "phone": _("“%(value)s” is not a phone number."),
    "date": _("“%(value)s” is not a date: write it as 31.12.1990, 1990-12-31 or 31 December 1990."),
    "future_date": _("%(value)s is in the future."),
    "number": _("“%(value)s” is not a number."),
    "yes_no": _("“%(value)s” is neither yes nor no."),
    "choice": _("“%(value)s” is not one of: %(choices)s."),
    "country": _("No country “%(value)s”: write its ISO code (KZ, RU) or its name."),
    "region": _("No region “%(value)s” in %(country)s."),
    "city": _("No city “%(value)s” in %(country)s."),
    "language": _("“%(value)s” is not a language of the platform (ru, kk, en)."),
    "sdg_goal": _("“%(value)s” is not an SDG goal number (1 to 17)."),
    "url": _("“%(value)s” is not a web address."),
    "registration_number": _("“%(value)s” is not a valid registration number: %(text)s"),
    "network": _("No verified national network “%(value)s” in %(country)s."),
    "other_country": _("You may import organisations of %(country)s only."),
    "in_file": _("The same as row %(row)s of this file."),
    "exists": _("Already on the platform: %(what)s."),
    "not_written": _("Could not be written: %(text)s"),
    "no_name": _("Give a given name or a family name, in either script."),
    "hours_in_a_day": _("“%(value)s” hours: write more than 0 and at most 24 hours a row."),
    "project": _("No project “%(value)s” of this organisation: write its id or its title."),
    "isco": _("No ISCO-08 group “%(value)s”: write its code (one or two digits, 32)."),
    "no_volunteer": _("Give the volunteer's email address or their id in the source system."),
    "no_account": _(
        "%(value)s has no account here yet: invite them first (their hours can be imported "
        "after they accept)."
    ),
    "not_accepted": _(
        "%(value)s has no account here yet: a contact of this organisation who has not "
        "accepted an invitation (invite them first; their hours can be imported after they "
        "accept)."
    ),
    "time": _("“%(value)s” is not a time: write it as 09:30."),
    "time_zone": _("“%(value)s” is not a time zone: write it as Asia/Almaty or Europe/Moscow."),
    "capacity": _("“%(value)s” volunteers: write a whole number from 1 to %(limit)s."),
    "cause": _("No cause “%(value)s”: write its name in any language of the platform."),
    "sdg_target": _("“%(value)s” is not an SDG target: write its code, as 3.1 or 4.a."),
    "no_city": _("Give the city, or write “online”: the organisation has no city to take."),
    "no_time": _("Give the time, in this column or with the date (01.03.2027 09:30)."),
    "past_shift": _("The shift starts %(value)s, in the past: import shifts still to come."),
    "shift_order": _("The shift must end after it starts."),
    "no_volunteer_id": _(
        "No volunteer with the id “%(value)s” among this organisation's contacts: import "
        "them as volunteers and invite them first (their hours can be imported after they "
        "accept)."
    ),
}


@dataclass
class Issue:
    """A problem of one row (row 0: of the whole file), in `column` of the file (its header)
    and `field` of the platform."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    row_number: int = 0
    column: str = ""
    field: str = ""


class Problem(Exception):
    """Raised by a field's parser: the value cannot be taken, for the reason `code`."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def issue_message(code: str, params: dict[str, Any]) -> str:
    """The problem in the active language."""
    template = MESSAGES.get(code)
    if template is None:
        return str(params.get("text", code))
    try:
        return str(template) % {key: _shown(value) for key, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return str(params.get("text", code))


def _shown(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 120:
        return value[:117] + "…"
    return value
