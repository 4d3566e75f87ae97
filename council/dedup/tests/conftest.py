"""A scene with one of everything a person can be named in, and a factory per relation to the
user model that makes a row pointing at a given person.

`ROW_FACTORIES` must name every relation Django knows at test time
(test_account_merge.test_every_relation_to_people_is_covered): a new model that points at
people fails that test until a factory here makes one of its rows and the merge test shows
where it goes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import count
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from council.accounts.models import ConsentPurpose, NotificationOptOut, User
from council.accounts.services import consent_give
from council.api.models import ApiToken, TokenScope
from council.audit.services import record
from council.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementExtension,
    Commitment,
    CommitmentNote,
    Council,
    CouncilRole,
    CouncilRoleKind,
)
from council.dedup.models import (
    AccountMerge,
    CandidateKind,
    DedupKey,
    DuplicateCandidate,
    MergeStatus,
)
from council.deployments.models import Assignment, Candidacy, TalentPoolEntry
from council.exchanges.models import Exchange, ExchangeApplication, PanelMember
from council.federation.models import (
    OutboxMessage,
    Peer,
    RemotePerson,
    SharedPerson,
    SharingChoice,
    Transfer,
)
from council.forums.models import (
    Delegation,
    DelegationMember,
    MemberStatus,
    Quota,
    QuotaKind,
    Registration,
    RegistrationStatus,
)
from council.forums.tests.conftest import make_forum
from council.hours.models import (
    Certificate,
    CertificateKind,
    CheckIn,
    ExperienceRating,
    HoursEntry,
    RecommendationLetter,
    Reference,
)
from council.hours.services.entries import hours_verify, volunteer_entry
from council.imports.models import ImportDuplicate, ImportJob, ImportKind
from council.interchange.models import (
    ExchangeExport,
    ExchangeFormat,
    ExchangeImport,
    ExchangeKind,
)
from council.interchange.models import ImportStatus as ExchangeImportStatus
from council.messaging.models import Delivery, Message
from council.news.models import NewsItem
from council.orgs.models import Invitation, Membership, MembershipRole, Organisation
from council.projects.models import (
    Application,
    ApplicationStatus,
    Handover,
    Project,
    Shift,
    ShiftSeries,
    Team,
)
from council.projects.services.calendar import calendar_feed_get
from council.projects.tests.conftest import interpreting_skill, make_opportunity, make_project
from council.push.models import PushSubscription
from council.reference.models import Cause, Language, SdgGoal
from council.reports.models import ExportJob
from council.training.models import ModuleAttachment, QuizAttempt, TrainingModule
from council.volunteers.models import (
    Contact,
    Credential,
    LanguageSkill,
    VolunteerCredential,
    VolunteerProfile,
)
from council.webhooks.models import WebhookEndpoint


class Scene:
    """What the rows hang on: an organisation with a project and an ended shift, a forum with
    an open quota and a delegation's quota, a council with an agreement, a commitment, an
    exchange and an assignment."""

    def __init__(self, org: Organisation, org_admin: User, astana: Any, russia: Any) -> None:
        self.org = org
        self.admin = org_admin
        self.russia = russia
        self.project: Project = make_project(org)
        self.opportunity = make_opportunity(self.project, capacity=5)
        now = timezone.now()
        self.shift = Shift.objects.create(
            opportunity=self.opportunity,
            start=now - timedelta(days=3, hours=4),
            end=now - timedelta(days=3),
            capacity=5,
        )
        self.forum = make_forum(org, astana)
        self.open_quota = Quota.objects.create(
            forum=self.forum, kind=QuotaKind.OPEN, name="Individuals", size=5
        )
        self.council = Council.objects.create(name_en="Volunteer Council", name_ru="Совет")
        self.agreement = Agreement.objects.create(council=self.council, title_en="Memorandum")
        self.commitment = Commitment.objects.create(council=self.council, title_en="Forum")
        today = date.today()
        self.exchange = Exchange.objects.create(
            council=self.council,
            title_en="Youth exchange",
            starts_on=today + timedelta(days=60),
            ends_on=today + timedelta(days=70),
            applications_close=today + timedelta(days=30),
        )
        self.assignment = Assignment.objects.create(
            council=self.council,
            host=org,
            title_en="Flood response",
            country=org.country,
            duty_station="Astana",
            starts_on=today + timedelta(days=30),
            months=3,
        )
        self.group = Group.objects.create(name="Editors")
        self.permission = Permission.objects.order_by("pk").first()
        self.skill = interpreting_skill()
        self.cause, _ = Cause.objects.get_or_create(slug="health", defaults={"name_en": "Health"})
        self.goal, _ = SdgGoal.objects.get_or_create(
            number=3, defaults={"short_name_en": "Good health", "colour": "#4C9F38"}
        )
        self.language, _ = Language.objects.get_or_create(code="kk", defaults={"name_en": "Kazakh"})
        self.delegation_quotas = 0


def _profile(scene: Scene, person: User) -> Model:
    profile, _ = VolunteerProfile.objects.update_or_create(
        user=person, defaults={"date_of_birth": date(1995, 4, 1), "bio": "Medic"}
    )
    profile.skills.add(scene.skill)
    profile.causes.add(scene.cause)
    profile.sdg_goals.add(scene.goal)
    return profile


def _language(scene: Scene, person: User) -> Model:
    _profile(scene, person)
    row, _ = LanguageSkill.objects.update_or_create(
        profile_id=person.pk, language=scene.language, defaults={"level": "B1"}
    )
    return row


def _application(scene: Scene, person: User) -> Application:
    existing = Application.objects.filter(volunteer=person, shift=scene.shift).first()
    if existing is not None:
        return existing
    return Application.objects.create(
        volunteer=person,
        opportunity=scene.opportunity,
        shift=scene.shift,
        status=ApplicationStatus.CONFIRMED,
        decided_by=person,
    )


def _hours(scene: Scene, person: User) -> HoursEntry:
    entry = volunteer_entry(
        person, scene.project, date(2026, 3, 11), Decimal("6"), "First aid", actor=None
    )
    entry = hours_verify(actor=scene.admin, entry=entry)
    HoursEntry.objects.filter(pk=entry.pk).update(created_by=person, decided_by=person)
    return entry


def _certificate(scene: Scene, person: User) -> Certificate:
    return Certificate.objects.create(
        kind=CertificateKind.PROJECT,
        volunteer=person,
        volunteer_name=person.display_name,
        organisation=scene.org,
        project=scene.project,
        period_start=date(2026, 3, 11),
        period_end=date(2026, 3, 11),
        hours=Decimal("6"),
        language="en",
        issued_by=person,
        revoked_by=person,
    )


def _check_in(scene: Scene, person: User) -> CheckIn:
    return CheckIn.objects.create(
        application=_application(scene, person), checked_in_by=person, checked_out_by=person
    )


def _delegation(scene: Scene, person: User) -> Delegation:
    scene.delegation_quotas += 1
    quota = Quota.objects.create(
        forum=scene.forum,
        kind=QuotaKind.COUNTRY,
        name=f"Russia {scene.delegation_quotas}",
        country_id="RU",
        organisation=scene.org,
        size=3,
    )
    return Delegation.objects.create(
        forum=scene.forum, quota=quota, organisation=scene.org, head=person
    )


def _organisation(scene: Scene, person: User) -> Organisation:
    return Organisation.objects.create(
        name_en="Other centre",
        kind="ngo",
        country=scene.org.country,
        created_by=person,
        verified_by=person,
    )


def _import_job(scene: Scene, person: User) -> ImportJob:
    return ImportJob.objects.create(
        kind=ImportKind.VOLUNTEERS,
        organisation=scene.org,
        created_by=person,
        confirmed_by=person,
        source="Our spreadsheet",
        filename="volunteers.csv",
        sha256="0" * 64,
    )


def _contact(scene: Scene, person: User) -> Contact:
    return Contact.objects.create(
        organisation=scene.org,
        given_name="Aigerim",
        email=person.email,
        created_by=person,
        user=person,
    )


def _peer(scene: Scene) -> Peer:
    peer, _created = Peer.objects.get_or_create(
        node_id="ru", defaults={"country": scene.russia, "url": "https://ru.example.org"}
    )
    return peer


def _remote_person(scene: Scene, person: User) -> RemotePerson:
    return RemotePerson.objects.create(
        peer=_peer(scene), remote_ref=f"psn_{person.pk}", user=person
    )


def _candidate(scene: Scene, person: User, third: User | None = None) -> DuplicateCandidate:
    """A pair of the person with a newer account (the person on the left), or with `third`."""
    third = third or User.objects.create_user(email=f"third-{next(THIRDS)}@example.org")
    left, right = sorted((person, third), key=lambda user: user.pk)
    return DuplicateCandidate.objects.create(
        kind=CandidateKind.PERSON, left_user=left, right_user=right, score=0.9
    )


def _earlier_merge(scene: Scene, person: User) -> AccountMerge:
    return AccountMerge.objects.create(
        survivor=person,
        merged_user_id=10**9 + person.pk,
        merged_email="old@example.org",
        status=MergeStatus.DONE,
        proposed_by=person,
    )


THIRDS = count(1)
Factory = Callable[[Scene, User], Any]


def _reference(scene: Scene, person: User) -> Any:
    application = _application(scene, person)
    return Reference.objects.get_or_create(
        application=application,
        defaults={
            "volunteer": person,
            "organisation": scene.org,
            "rating": 4,
            "written_by": person,
        },
    )


def _rating(scene: Scene, person: User) -> Any:
    application = _application(scene, person)
    return ExperienceRating.objects.get_or_create(
        application=application,
        defaults={"volunteer": person, "organisation": scene.org, "rating": 5},
    )


def _letter(scene: Scene, person: User) -> Any:
    return RecommendationLetter.objects.create(
        volunteer=person,
        volunteer_name="Aigerim",
        organisation=scene.org,
        text="A reliable volunteer.",
        language="en",
        hours=Decimal("12"),
        signatory_name="Director",
        issued_by=person,
        revoked_by=person,
    )


def _training(scene: Scene, person: User) -> Any:
    module = TrainingModule.objects.create(
        organisation=scene.org, title="First aid", created_by=person
    )
    ModuleAttachment.objects.create(
        module=module,
        title="Slides",
        file="training/slides.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=person,
    )
    return QuizAttempt.objects.create(module=module, volunteer=person, score=90, passed=True)


def _credential(scene: Scene, person: User) -> Any:
    credential = Credential.objects.create(name="First aid", organisation=scene.org)
    return VolunteerCredential.objects.create(
        volunteer=person,
        credential=credential,
        source="organiser",
        earned_on=date.today(),
        confirmed_by=person,
    )


def _message(scene: Scene, person: User) -> Any:
    message = Message.objects.create(
        audience="opportunity",
        opportunity=scene.opportunity,
        subject="Meet at 9",
        body="At the gate.",
        author=person,
    )
    return Delivery.objects.create(
        message=message, recipient=person, language="ru", status="queued"
    )


# "<app>.<model>.<field>" of every relation to a person (and to a row keyed by a person)
# → a row pointing at that person. One row may serve several of its fields.
ROW_FACTORIES: dict[str, Factory] = {
    "account.emailaddress.user": lambda s, p: EmailAddress.objects.get_or_create(
        user=p, email=f"second-{p.pk}@example.org", defaults={"verified": True}
    ),
    "accounts.consent.user": lambda s, p: consent_give(user=p, purpose=ConsentPurpose.PROCESSING),
    "accounts.user_groups.user": lambda s, p: p.groups.add(s.group),
    "accounts.user_user_permissions.user": lambda s, p: p.user_permissions.add(s.permission),
    "admin.logentry.user": lambda s, p: LogEntry.objects.create(
        user=p,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(p.pk),
        object_repr="x",
        action_flag=ADDITION,
    ),
    "api.apitoken.user": lambda s, p: ApiToken.objects.create(
        user=p, name="script", prefix=f"vc_{p.pk}", key_hash=f"{p.pk:064d}", scope=TokenScope.READ
    ),
    "audit.auditevent.actor": lambda s, p: record(actor=p, action="test.acted", target=s.org),
    "cooperation.agreementdocument.uploaded_by": lambda s, p: AgreementDocument.objects.create(
        agreement=s.agreement, title="Scan", file="agreements/scan.pdf", size=1, uploaded_by=p
    ),
    "cooperation.agreementextension.created_by": lambda s, p: AgreementExtension.objects.create(
        agreement=s.agreement, ends_on=date(2030, 1, 1), created_by=p
    ),
    "cooperation.commitmentnote.author": lambda s, p: CommitmentNote.objects.create(
        commitment=s.commitment, author=p
    ),
    "cooperation.councilrole.user": lambda s, p: CouncilRole.objects.get_or_create(
        council=s.council, user=p, role=CouncilRoleKind.REPRESENTATIVE
    ),
    "dedup.accountmerge.proposed_by": _earlier_merge,
    "dedup.accountmerge.survivor": _earlier_merge,
    "dedup.dedupkey.user": lambda s, p: DedupKey.objects.get_or_create(user=p, key="n:test"),
    "dedup.duplicatecandidate.decided_by": lambda s, p: DuplicateCandidate.objects.filter(
        pk=_candidate(s, p).pk
    ).update(decided_by=p),
    "dedup.duplicatecandidate.left_user": _candidate,
    "dedup.duplicatecandidate.right_user": lambda s, p: _candidate(s, p, s.admin),
    "deployments.candidacy.person": lambda s, p: Candidacy.objects.create(
        assignment=s.assignment, person=p
    ),
    "deployments.talentpoolentry.user": lambda s, p: TalentPoolEntry.objects.get_or_create(
        user=p, defaults={"available_from": date.today()}
    ),
    "exchanges.exchangeapplication.person": lambda s, p: ExchangeApplication.objects.create(
        exchange=s.exchange, person=p, country=s.russia, motivation="Why not"
    ),
    "exchanges.panelmember.user": lambda s, p: PanelMember.objects.create(
        exchange=s.exchange, user=p, country=s.russia
    ),
    "federation.outboxmessage.person": lambda s, p: OutboxMessage.objects.create(
        peer=_peer(s), kind="apply", idempotency_key=f"ru-{p.pk}", person=p
    ),
    "federation.peer.added_by": lambda s, p: Peer.objects.filter(pk=_peer(s).pk).update(added_by=p),
    "federation.remoteperson.user": _remote_person,
    "federation.sharedperson.user": lambda s, p: SharedPerson.objects.create(
        peer=_peer(s), user=p, ref=f"psn_shared_{p.pk}"
    ),
    "federation.sharingchoice.user": lambda s, p: SharingChoice.objects.get_or_create(user=p),
    "federation.transfer.person": lambda s, p: Transfer.objects.create(
        direction="out", peer=_peer(s), person=p, person_ref=str(p.pk), purpose="apply"
    ),
    "forums.delegation.head": _delegation,
    "forums.delegationmember.person": lambda s, p: DelegationMember.objects.create(
        delegation=_delegation(s, p), person=p, status=MemberStatus.CONFIRMED
    ),
    "forums.registration.person": lambda s, p: Registration.objects.create(
        forum=s.forum, quota=s.open_quota, person=p, status=RegistrationStatus.CONFIRMED
    ),
    "hours.certificate.issued_by": _certificate,
    "hours.certificate.revoked_by": _certificate,
    "hours.certificate.volunteer": _certificate,
    "hours.checkin.checked_in_by": _check_in,
    "hours.checkin.checked_out_by": _check_in,
    "hours.hoursentry.created_by": _hours,
    "hours.hoursentry.decided_by": _hours,
    "hours.hoursentry.volunteer": _hours,
    "imports.importduplicate.decided_by": lambda s, p: ImportDuplicate.objects.create(
        job=_import_job(s, p),
        row_number=2,
        candidate_type=ContentType.objects.get_for_model(User),
        candidate_id=p.pk,
        candidate_repr="Aigerim",
        row_repr="Aigerim",
        score=0.9,
        decided_by=p,
    ),
    "imports.importjob.confirmed_by": _import_job,
    "imports.importjob.created_by": _import_job,
    "interchange.exchangeexport.requested_by": lambda s, p: ExchangeExport.objects.create(
        requested_by=p, kind=ExchangeKind.HOURS, format=ExchangeFormat.JSONL
    ),
    "interchange.exchangeimport.requested_by": lambda s, p: ExchangeImport.objects.create(
        requested_by=p, filename="hours.jsonl", status=ExchangeImportStatus.CHECKED
    ),
    "mfa.authenticator.user": lambda s, p: Authenticator.objects.create(
        user=p, type=Authenticator.Type.TOTP, data={"secret": "x"}
    ),
    "orgs.invitation.invited_by": lambda s, p: Invitation.objects.create(
        organisation=s.org, email="new@example.org", role=MembershipRole.MEMBER, invited_by=p
    ),
    "orgs.membership.user": lambda s, p: Membership.objects.get_or_create(
        organisation=s.org, user=p, defaults={"role": MembershipRole.MEMBER}
    ),
    "orgs.organisation.created_by": _organisation,
    "orgs.organisation.verified_by": _organisation,
    "projects.application.decided_by": _application,
    "projects.application.volunteer": _application,
    "projects.calendarfeed.user": lambda s, p: calendar_feed_get(user=p),
    "projects.project.created_by": lambda s, p: Project.objects.filter(pk=s.project.pk).update(
        created_by=p
    ),
    "projects.team.leader": lambda s, p: Team.objects.create(
        leader=p, opportunity=s.opportunity, name="9B", kind="class", size=2, status="withdrawn"
    ),
    "projects.handover.taker": lambda s, p: Handover.objects.create(
        application=Application.objects.filter(opportunity=s.opportunity).first()
        or _application(s, p),
        email="colleague@example.org",
        status="declined",
        taker=p,
    ),
    "accounts.notificationoptout.user": lambda s, p: NotificationOptOut.objects.get_or_create(
        user=p, kind="messages", channel="email"
    ),
    "messaging.message.author": _message,
    "messaging.delivery.recipient": _message,
    "projects.shiftseries.created_by": lambda s, p: ShiftSeries.objects.create(
        opportunity=s.opportunity,
        rule="FREQ=WEEKLY;COUNT=1",
        first_date=date(2027, 6, 1),
        start_time=time(18),
        end_time=time(21),
        capacity=2,
        created_by=p,
    ),
    "news.newsitem.created_by": lambda s, p: NewsItem.objects.create(
        title="Council session", organisation=s.org, created_by=p
    ),
    "push.pushsubscription.user": lambda s, p: PushSubscription.objects.create(
        user=p, endpoint=f"https://push.example.org/{p.pk}", p256dh="key", auth="auth"
    ),
    "hours.reference.volunteer": _reference,
    "hours.reference.written_by": _reference,
    "hours.experiencerating.volunteer": _rating,
    "hours.recommendationletter.volunteer": _letter,
    "hours.recommendationletter.issued_by": _letter,
    "hours.recommendationletter.revoked_by": _letter,
    "training.trainingmodule.created_by": _training,
    "training.moduleattachment.uploaded_by": _training,
    "training.quizattempt.volunteer": _training,
    "volunteers.volunteercredential.volunteer": _credential,
    "volunteers.volunteercredential.confirmed_by": _credential,
    "reports.exportjob.requested_by": lambda s, p: ExportJob.objects.create(
        requested_by=p, kind="hours", format="csv", language="en"
    ),
    "volunteers.contact.created_by": _contact,
    "volunteers.contact.user": _contact,
    "volunteers.volunteerprofile.user": _profile,
    "webhooks.webhookendpoint.created_by": lambda s, p: WebhookEndpoint.objects.create(
        organisation=s.org, url="https://example.org/hook", secret="whsec_x", created_by=p
    ),
    # Rows keyed by a person's profile (its primary key is the person's).
    "volunteers.languageskill.profile": _language,
    "volunteers.volunteerprofile_causes.volunteerprofile": _profile,
    "volunteers.volunteerprofile_sdg_goals.volunteerprofile": _profile,
    "volunteers.volunteerprofile_skills.volunteerprofile": _profile,
}


def every_row(scene: Scene, person: User) -> None:
    """One row of every relation pointing at `person`."""
    for factory in dict.fromkeys(ROW_FACTORIES.values()):
        factory(scene, person)


@pytest.fixture
def scene(org: Organisation, org_admin: User, astana: Any, russia: Any) -> Scene:
    return Scene(org, org_admin, astana, russia)


def signed_in(user: User) -> User:
    """The user, as one who has signed in before."""
    user.last_login = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    user.save(update_fields=["last_login"])
    return user
