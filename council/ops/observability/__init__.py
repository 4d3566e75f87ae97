"""What an operator sees of the running platform: structured logs carrying a request id (also
into the background tasks a request enqueues), Prometheus metrics and the readiness checks.
docs/operations.md, "Observability", describes what each part gives."""
