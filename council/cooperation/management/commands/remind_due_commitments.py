from council.cooperation.services.plan import DUE_REMINDER_DAYS, commitments_remind
from council.lib.commands import job_command

Command = job_command(
    f"Mail the admins and coordinators of the organisations that own an open commitment "
    f"or action item of a joint plan due within {DUE_REMINDER_DAYS} days, each in their "
    f"language: once per commitment and due date (a new due date arms it again). Run daily.",
    commitments_remind,
    "Commitments reminded: {}.",
)
