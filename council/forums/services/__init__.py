"""Every write of forums: registrations (seats, waiting list, holds), sessions, the check-in
desk, the host's forum (`forums`) and delegations (`delegations`).

The seat counts and the desk's counters are reads (`council.forums.selectors`); they are
named here too, beside the writes that keep them."""

from council.forums.selectors import Availability, checkin_counts, open_quota, quota_availability
from council.forums.services.check_in import CheckInResult, badge_code_for, registration_check_in
from council.forums.services.registrations import (
    clean_answers,
    holds_expire,
    holds_remind,
    is_abroad,
    registration_accept_offer,
    registration_cancel,
    registration_create,
)
from council.forums.services.sessions import session_leave, session_sign_up

__all__ = [
    "Availability",
    "CheckInResult",
    "badge_code_for",
    "checkin_counts",
    "clean_answers",
    "holds_expire",
    "holds_remind",
    "is_abroad",
    "open_quota",
    "quota_availability",
    "registration_accept_offer",
    "registration_cancel",
    "registration_check_in",
    "registration_create",
    "session_leave",
    "session_sign_up",
]
