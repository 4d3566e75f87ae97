"""Writes for webhooks, one module per concern: `endpoints.py` (subscribe, change, pause,
resume, rotate the secret), `emit.py` (`webhook_emit`, the one entry point of the other
apps, and the test event), `delivery.py` (attempts, retries, pausing, redelivery)."""

from council.webhooks.services.emit import webhook_emit

__all__ = ["webhook_emit"]
