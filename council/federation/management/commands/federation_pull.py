from __future__ import annotations

from council.federation.services.sync import peers_pull
from council.lib.commands import job_command

Command = job_command(
    "Pull the catalogue feed of every live peer from the cursor we keep for it, and apply it "
    "to the local copies of its records. A peer that cannot be reached keeps its rows as of "
    "their last sync. Run it every 5 minutes (a peer's `changed` notice also pulls at once).",
    peers_pull,
    "Feed items applied: {}.",
)
