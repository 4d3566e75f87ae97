from django.utils import timezone

from council.lib.commands import job_command
from council.projects.services.index import opportunities_mark_ended

Command = job_command(
    "Mark the opportunities whose last shift has ended, so that lists of open ones skip "
    "them in their index. Idempotent: run it every few minutes or hourly (cron or a task); "
    "searches stay exact without it, only slower as ended rows pile up.",
    lambda: opportunities_mark_ended(at=timezone.now()),
    "Opportunities marked as ended: {}.",
)
