"""Webhooks: organisations and national networks subscribe an HTTPS endpoint to events, which
are signed with the Standard Webhooks scheme and delivered through the task queue."""
