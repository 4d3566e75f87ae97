from django.utils import timezone

from council.lib.commands import job_command
from council.projects.services.reminders import shift_reminders_send

Command = job_command(
    "Mail a reminder to every confirmed volunteer of each shift that starts within the next "
    "24 hours, once per shift. Idempotent: run it every few minutes (cron or a task).",
    lambda: shift_reminders_send(now=timezone.now()),
    "{} reminder(s) sent.",
)
