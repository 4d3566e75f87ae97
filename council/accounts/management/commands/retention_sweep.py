from council.accounts.retention import retention_sweep_job
from council.lib.commands import job_command

Command = job_command(
    "Erase the accounts nobody has signed in to for ACCOUNT_RETENTION_YEARS, "
    "ACCOUNT_RETENTION_WARNING_DAYS after mailing each person a warning in their language "
    "(signing in cancels it); the aggregates are kept, as for any erasure. Idempotent: run "
    "daily.",
    retention_sweep_job,
    "Accounts warned or erased: {}.",
)
