from council.forums.services import holds_remind
from council.lib.commands import job_command

Command = job_command(
    "Mail everyone whose offered forum seat expires within 12 hours, once per offer. "
    "Idempotent: run it every few minutes, with expire_forum_holds.",
    holds_remind,
    "Hold reminders sent: {}.",
)
