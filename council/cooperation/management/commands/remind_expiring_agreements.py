from council.cooperation.services.agreements import agreements_remind
from council.lib.commands import job_command

Command = job_command(
    "Mail the council's secretariat, in each person's language, about every agreement in "
    "force that ends within 90 days and again within 30 days: once per threshold and end "
    "date, so running it twice (or at once) sends nothing more, and an extension arms the "
    "reminders again. Run daily.",
    agreements_remind,
    "Reminders sent: {}.",
)
