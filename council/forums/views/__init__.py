"""Forum pages by concern: `registrations` (the list, a forum's page and the person's own
registration and sessions), `delegations` (forming a delegation, its members, their answers
and travel, the roster and letters), `host` (the host's forum, quotas, sessions, questions and
decisions) and `check_in` (badges and the check-in desk)."""
