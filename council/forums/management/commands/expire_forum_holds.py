from council.forums.services import holds_expire
from council.lib.commands import job_command

Command = job_command(
    "Expire offered seats whose hold has run out and offer each freed seat to the next "
    "person waiting in the quota. Idempotent and safe to run twice at once (each hold is "
    "re-checked under the forum and quota locks): run it every few minutes.",
    holds_expire,
    "Holds expired: {}.",
)
