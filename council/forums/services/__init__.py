"""Every write of forums: registrations (seats, waiting list, holds) and delegations."""

from council.forums.services.registrations import (
    Availability,
    CheckInResult,
    badge_code_for,
    checkin_counts,
    clean_answers,
    holds_expire,
    holds_remind,
    is_abroad,
    open_quota,
    quota_availability,
    registration_accept_offer,
    registration_cancel,
    registration_check_in,
    registration_create,
    session_leave,
    session_sign_up,
)

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
