from council.federation.services.home.erasure import erasures_reconcile
from council.lib.commands import job_command

Command = job_command(
    "Tell every peer node to erase the people whose data it holds and who have withdrawn the "
    "cross-border consent or erased their account here, when that was not sent yet (each "
    "peer once per sharing). Idempotent: run it every 15 minutes.",
    erasures_reconcile,
    "Erasures sent to peers: {}.",
)
