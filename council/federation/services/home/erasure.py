"""When a person withdraws the cross-border consent or erases their account here, every peer
that holds their data is told to erase it ("person-erase" through the outbox), once per
sharing (`SharedPerson.erasure_sent_at`). Their applications still open on those peers are
closed here: the owner node erases the person and cannot go on with them.

The consent's withdrawal and the erasure call `person_erase_send` through the accounts app's
hooks (council.accounts.registry); the job `federation_erasures` catches any sharing left
behind (a hook that failed, a consent closed some other way)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from council.accounts.models import Consent, ConsentPurpose, User
from council.audit.services import record
from council.federation.models import Direction, SharedPerson
from council.federation.protocol import PERSON_ERASE
from council.federation.services.home.outbox import enqueue
from council.federation.transfers import transfer_record
from council.projects.models import LIVE_STATUSES, Application, ApplicationStatus

CONSENT_WITHDRAWN = "consent_withdrawn"
ACCOUNT_ERASED = "account_erased"


def _close_applications(user: User, node_id: str) -> None:
    live = Application.objects.select_for_update(of=("self",)).filter(
        volunteer=user, opportunity__origin_node=node_id, status__in=LIVE_STATUSES
    )
    for application in live.select_related("opportunity__project"):
        application.status = ApplicationStatus.WITHDRAWN
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at"])
        record(
            actor=None,
            action="application.withdrawn",
            target=application,
            organisation_id=application.opportunity.project.owner_id,
            data={"status": application.status, "node": node_id, "by": "erasure"},
        )


def _close_registrations(user: User, node_id: str) -> None:
    """The person's live registrations for that node's forums end with their data there."""
    from council.forums.models import LIVE_REGISTRATION, Registration, RegistrationStatus

    live = Registration.objects.select_for_update(of=("self",)).filter(
        person=user, forum__origin_node=node_id, status__in=LIVE_REGISTRATION
    )
    for registration in live.select_related("forum"):
        registration.status = RegistrationStatus.CANCELLED
        registration.decided_at = timezone.now()
        registration.save(update_fields=["status", "decided_at"])
        record(
            actor=None,
            action="registration.cancelled",
            target=registration,
            organisation_id=registration.forum.host_id,
            data={"status": registration.status, "node": node_id, "by": "erasure"},
        )


@transaction.atomic
def person_erase_send(*, user: User, reason: str) -> int:
    """Tell every peer holding the person's data to erase it (each once). Returns how many
    were told."""
    pending = SharedPerson.objects.select_for_update().filter(
        user=user, erasure_sent_at__isnull=True
    )
    told = 0
    for shared in pending.select_related("peer"):
        enqueue(
            peer=shared.peer,
            kind=PERSON_ERASE,
            payload={"person": shared.ref, "reason": reason},
            person=user,
        )
        transfer_record(
            direction=Direction.OUT,
            peer=shared.peer,
            person=user,
            purpose=PERSON_ERASE,
            fields=["ref"],
            consent_ref=str(shared.consent_id or ""),
        )
        shared.erasure_sent_at = timezone.now()
        shared.save(update_fields=["erasure_sent_at"])
        _close_applications(user, shared.peer.node_id)
        _close_registrations(user, shared.peer.node_id)
        record(
            actor=None,
            action="federation.person_erase_sent",
            target=shared,
            data={"node": shared.peer.node_id, "reason": reason},
        )
        told += 1
    return told


def on_consent_withdrawn(user: User, consent: Consent) -> None:
    """The accounts app's hook: the cross-border consent was withdrawn."""
    if consent.purpose == ConsentPurpose.CROSS_BORDER:
        person_erase_send(user=user, reason=CONSENT_WITHDRAWN)


def on_account_erased(user: User) -> None:
    """The accounts app's eraser: the account is being erased."""
    person_erase_send(user=user, reason=ACCOUNT_ERASED)


def erasures_reconcile() -> int:
    """Send the erasures that are due and were not sent: people erased here, or without a
    live cross-border consent, whose data a peer still holds. Returns how many were sent."""
    live_consent = Consent.objects.filter(
        user=OuterRef("user"), purpose=ConsentPurpose.CROSS_BORDER, withdrawn_at__isnull=True
    )
    due = (
        SharedPerson.objects.filter(erasure_sent_at__isnull=True)
        .filter(Q(user__erased_at__isnull=False) | ~Exists(live_consent))
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    for user in User.objects.filter(pk__in=list(due)).order_by("pk"):
        reason = ACCOUNT_ERASED if user.erased_at is not None else CONSENT_WITHDRAWN
        sent += person_erase_send(user=user, reason=reason)
    return sent
