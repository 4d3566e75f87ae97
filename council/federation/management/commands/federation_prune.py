from council.federation.services.outbox import federation_prune
from council.lib.commands import job_command

Command = job_command(
    "Delete the federation's expired signature nonces, stored answers to writes older than 90 "
    "days and logged calls older than 180 days. Run it daily.",
    lambda: federation_prune(),
    "Federation rows pruned: {}.",
)
