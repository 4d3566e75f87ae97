from __future__ import annotations

from django_tasks import task


@task()
def contacts_invite_run(*, organisation_id: int, actor_id: int | None) -> None:
    """Invite an organisation's contacts not yet invited
    (council.volunteers.services.contacts.contacts_invite_pending)."""
    from council.accounts.models import User
    from council.orgs.models import Organisation
    from council.volunteers.services.contacts import contacts_invite_pending

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return
    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    contacts_invite_pending(organisation=organisation, actor=actor)
