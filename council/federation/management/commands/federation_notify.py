from __future__ import annotations

from council.federation.services.sync import feed_notify
from council.lib.commands import job_command

Command = job_command(
    "Tell every live peer, through the outbox, that our catalogue feed has news when its head "
    "moved since the last notice to that peer (the write `changed`). Run it every minute.",
    feed_notify,
    "Peers told of news: {}.",
)
