from council.federation.services.owner import send_status_changes
from council.lib.commands import job_command

Command = job_command(
    "Tell the home node of each person of another node every new status of their "
    "applications, registrations, exchange applications and candidacies here (decided, "
    "promoted from the waiting list, offered a seat, rejected, withdrawn by the organiser): "
    "one status message each through the outbox, remembered in the same transaction, so "
    "running it again or twice at once sends nothing twice. Run it every minute.",
    send_status_changes,
    "Statuses sent: {}.",
)
