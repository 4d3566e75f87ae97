from council.federation.services.outbox import outbox_send_due
from council.lib.commands import job_command

Command = job_command(
    "Send the federation's outbox messages that are due: new ones the task queue missed and "
    "retries whose back-off (1, 2, 4 … 60 minutes) has run out, to live peers (the peering's "
    "own messages to any peer). Safe to run twice at once (each message is claimed first). "
    "Run it every minute.",
    lambda: outbox_send_due(),
    "Outbox messages tried: {}.",
)
