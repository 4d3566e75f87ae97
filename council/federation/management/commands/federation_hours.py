from council.federation.services.owner import send_verified_hours
from council.lib.commands import job_command

Command = job_command(
    "Send verified hours of people of other nodes to their home node, signed with this "
    "node's key: one message each through the outbox, with a transfer-log row; an entry is "
    "sent once however often this runs. Run it every five minutes.",
    send_verified_hours,
    "Hours entries sent: {}.",
)
