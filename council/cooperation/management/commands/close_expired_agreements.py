from council.cooperation.services.agreements import agreements_close_expired
from council.lib.commands import job_command

Command = job_command(
    "Mark agreements in force whose term ended before today as expired (each audited "
    "once; an extension recorded later puts it in force again). Idempotent: run daily.",
    agreements_close_expired,
    "Agreements expired: {}.",
)
