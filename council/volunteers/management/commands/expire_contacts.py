from council.lib.commands import job_command
from council.volunteers.services.contact_retention import contacts_expire_job

Command = job_command(
    "Erase the organisations' contacts (imported volunteers) not accepted by their erase-after "
    "day: CONTACT_RETENTION_DAYS after they were added, or the day after their last "
    "invitation expired if that is later. Each keeps an anonymous tombstone and is audited "
    "once. Idempotent: run daily.",
    contacts_expire_job,
    "Contacts erased: {}.",
)
