from council.lib.commands import job_command
from council.projects.services.teams import teams_release_unnamed


def _run() -> int:
    return teams_release_unnamed()


Command = job_command(
    "Once a team's names are due (the opportunity's days before the shift), give the seats "
    "it still holds for unnamed members to the waiting list and tell the leader. Each team "
    "in its own transaction, re-checked under the seat pool's lock: idempotent; run every "
    "15 minutes.",
    _run,
    "Teams whose unnamed seats were released: {}.",
)
