from council.hours.services.checkin import checkins_close_forgotten
from council.lib.commands import job_command

Command = job_command(
    "Close every check-in still open after its shift has ended, at the end of the shift, "
    "flagged for the organiser to verify. Idempotent: run it every few minutes (cron or a "
    "task).",
    checkins_close_forgotten,
    "Check-ins closed automatically: {}.",
)
