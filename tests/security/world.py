"""The people and objects the security matrix asks about, on top of `seed_demo`.

Two sides, Russia and Kazakhstan, each with an organisation, its national network, a company,
their projects, forums, delegations and people's own objects (applications, hours,
registrations, certificates, tokens). A third council of two other countries' networks, which
no persona but the secretariat has anything to do with, holds the council's objects
(agreements, signed copies, programmes, plans, meetings, exchanges, deployments).

Every persona is asked about the objects of the side it does not belong to; the read-only
member is asked about its own organisation's objects, where its writes must be a 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from council.accounts.models import User
from council.accounts.notifications import unsubscribe_token
from council.api.services import api_token_create
from council.cooperation.models import (
    AgreementDocument,
    Commitment,
    Council,
    CouncilMember,
    Meeting,
    Programme,
)
from council.cooperation.services.agreements import agreement_create
from council.dedup.models import AccountMerge, CandidateKind, DuplicateCandidate, MergeStatus
from council.deployments.models import Assignment, Candidacy
from council.exchanges.models import Exchange, ExchangeApplication, ExchangeCountry
from council.exchanges.tests.conftest import exchange_dates
from council.federation.models import Peer, PeerStatus
from council.forums.models import (
    Delegation,
    DelegationMember,
    Forum,
    ForumSession,
    Question,
    Registration,
)
from council.hours.models import Certificate, HoursEntry, RecommendationLetter, Reference
from council.hours.services.certificates import certificate_issue
from council.imports.models import ImportDuplicate, ImportJob
from council.interchange.models import ExchangeImport, ImportStatus
from council.messaging.models import Message
from council.news.services import news_create, news_publish
from council.orgs.models import (
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.projects.models import (
    Application,
    CalendarFeed,
    Handover,
    Opportunity,
    Project,
    Shift,
    Team,
    TeamInvite,
)
from council.push.models import PushSubscription
from council.reference.models import Country
from council.reports.models import ExportJob
from council.training.services.credentials import credential_create
from council.training.services.modules import (
    attachment_add,
    module_create,
    module_publish,
    question_add,
)
from council.volunteers.models import CONTACT_INVITATION_DAYS, Contact, contact_token_digest
from council.webhooks.models import WebhookDelivery, WebhookEndpoint
from council.webhooks.services.endpoints import secret_new

RU, KZ = "RU", "KZ"
# The read-only member is asked about its own organisation's (Russian) objects.
OWN = "own"
# The order of the matrix's columns.
PERSONAS = (
    "anonymous",
    "volunteer_ru",
    "volunteer_kz",
    "organiser_ru",
    "organiser_kz",
    "member_ru",
    "coordinator_ru",
    "coordinator_kz",
    "secretariat",
    "company_admin",
)


@dataclass
class World:
    # persona name -> user (None for the anonymous caller)
    people: dict[str, User | None]
    # persona name -> the side whose objects it is asked about
    asked_about: dict[str, str]
    # side -> object kind -> object
    objects: dict[str, dict[str, Any]]
    # object kind -> object of the third council, whatever the side
    council: dict[str, Any]
    # the same kinds in the demo's council, which the read-only member's network belongs to
    own_council: dict[str, Any]
    tokens: dict[str, dict[str, str]] = field(default_factory=dict)

    def object_for(self, persona: str, kind: str) -> Any:
        if kind in self.council:
            own = self.asked_about[persona] == OWN
            return (self.own_council if own else self.council)[kind]
        found = self.objects[self.asked_about[persona]][kind]
        if kind == "calendar":
            # Its owner may have asked for a new secret address since (me/calendar/).
            return CalendarFeed.objects.get(user_id=found.user_id)
        return found


def _user(email: str, country: str, **fields: Any) -> User:
    user = User.objects.create_user(
        email=email,
        password="matrix password",
        home_country_id=country,
        preferred_language="en",
        **fields,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _org(name: str, country: str, kind: str, admin: User) -> Organisation:
    organisation = Organisation.objects.create(
        name_en=name,
        name_ru=name,
        kind=kind,
        country_id=country,
        status=OrganisationStatus.VERIFIED,
    )
    Membership.objects.create(organisation=organisation, user=admin, role=MembershipRole.ADMIN)
    return organisation


def _by_name(name: str) -> Organisation:
    return Organisation.objects.get(name_en=name)


def _side(organisation: Organisation, network: Organisation, company: Organisation) -> dict:
    """One side's objects: the organisation's project with its people's objects, the
    network's forum with its delegation and registrations."""
    project = (
        Project.objects.filter(owner=organisation, opportunities__applications__isnull=False)
        .order_by("pk")
        .first()
    )
    assert project is not None, organisation
    application = Application.objects.filter(opportunity__project=project).order_by("pk").first()
    assert application is not None
    opportunity = application.opportunity
    shift = application.shift or Shift.objects.filter(opportunity=opportunity).first()
    entry = HoursEntry.objects.filter(organisation=organisation).order_by("pk").first()
    if entry is None:
        entry = HoursEntry.objects.create(
            volunteer=application.volunteer,
            organisation=organisation,
            project=project,
            opportunity=opportunity,
            date=timezone.localdate() - timedelta(days=3),
            hours=3,
            description="Sorting donations",
        )
    certificate = Certificate.objects.filter(organisation=organisation).first()
    if certificate is None:
        verified = HoursEntry.objects.filter(organisation=organisation, status="verified").first()
        assert verified is not None, organisation
        admin = Membership.objects.get(organisation=organisation, role=MembershipRole.ADMIN)
        certificate = certificate_issue(
            actor=admin.user,
            organisation=organisation,
            volunteer=verified.volunteer,
            kind="project",
            project=verified.project,
        )
    forum = Forum.objects.filter(host=network).order_by("pk").first()
    assert forum is not None, network
    # Co-hosts of the other country manage the forum with its host: none here.
    forum.co_hosts.set(forum.co_hosts.filter(country=network.country))
    delegation = Delegation.objects.filter(forum=forum, organisation=network).first()
    assert delegation is not None
    member = DelegationMember.objects.filter(delegation=delegation).order_by("pk").first()
    assert member is not None
    registration = Registration.objects.filter(forum=forum).order_by("pk").first()
    assert registration is not None
    opening = timezone.make_aware(datetime.combine(forum.starts_on, time(10)))
    session = ForumSession.objects.create(
        forum=forum,
        title_en="Opening plenary",
        start=opening,
        end=opening + timedelta(hours=2),
        capacity=50,
    )
    membership = (
        Membership.objects.filter(organisation=organisation)
        .exclude(role=MembershipRole.ADMIN)
        .order_by("pk")
        .first()
    )
    assert membership is not None
    invitation = Invitation.objects.create(
        organisation=organisation, email=f"invited.{organisation.pk}@example.org", role="member"
    )
    feed = CalendarFeed.objects.create(user=application.volunteer)
    # A team the side's volunteer leads, with one named member and one open invitation.
    Opportunity.objects.filter(pk=opportunity.pk).update(team_max_size=6)
    team = Team.objects.create(
        leader=application.volunteer,
        opportunity=opportunity,
        shift=shift,
        name="Class 9B",
        kind="class",
        size=3,
        seats_held=1,
        status="confirmed",
    )
    team_member = Application.objects.create(
        volunteer=_user(f"team.member.{organisation.pk}@example.org", organisation.country_id),
        opportunity=opportunity,
        shift=shift,
        status="confirmed",
        team=team,
    )
    team_invite = TeamInvite.objects.create(
        team=team, email=f"team.invited.{organisation.pk}@example.org"
    )
    handover = Handover.objects.create(
        application=application, email=f"colleague.{organisation.pk}@example.org"
    )
    message = Message.objects.create(
        audience="opportunity", opportunity=opportunity, subject="Meet at 9", body="At the gate."
    )
    # The volunteer, carrying their one-click unsubscribe token for organisers' messages.
    unsubscribe = User.objects.get(pk=application.volunteer_id)
    unsubscribe.token = unsubscribe_token(user=unsubscribe, kind="messages")  # type: ignore[attr-defined]
    coordinator = (
        Membership.objects.filter(organisation=network, role=MembershipRole.COORDINATOR)
        .first()
        .user
    )
    export = ExportJob.objects.create(
        requested_by=coordinator, kind="hours", format="csv", filters={}, language="en"
    )
    admin = Membership.objects.filter(organisation=organisation, role=MembershipRole.ADMIN)
    imported = ImportJob.objects.create(
        kind="volunteers",
        organisation=organisation,
        created_by=admin.first().user,
        source="matrix",
        filename="people.csv",
        sha256="0" * 64,
        headers=["Фамилия"],
        mapping={"0": "family_name"},
        status="checked",
    )
    duplicate = ImportDuplicate.objects.create(
        job=imported,
        row_number=2,
        candidate_type=ContentType.objects.get_for_model(Organisation),
        candidate_id=organisation.pk,
        candidate_repr="candidate",
        row_repr="row",
        score=0.9,
    )
    contact = _contact(organisation)
    # Made as rows: the address is never called (nobody in the matrix may send to it).
    hook = WebhookEndpoint.objects.create(
        organisation=organisation,
        url=f"https://hooks.example.org/{organisation.pk}",
        events=["seat.freed"],
        secret=secret_new(),
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=hook,
        event_type="seat.freed",
        event_id=f"msg_matrix{organisation.pk}",
        payload={"type": "seat.freed", "timestamp": "2026-12-01T10:00:00+00:00", "data": {}},
        status="succeeded",
        attempts=1,
    )
    exchange_import = ExchangeImport.objects.create(
        requested_by=coordinator, filename="registry.jsonl", status=ImportStatus.CHECKED
    )
    volunteer = application.volunteer
    twin = _user(f"twin.{organisation.pk}@matrix.example", organisation.country_id)
    candidate = DuplicateCandidate.objects.create(
        kind=CandidateKind.PERSON,
        left_user=volunteer,
        right_user=twin,
        score=0.9,
        reasons=["name_same_key"],
        country_id=organisation.country_id,
        other_country_id=organisation.country_id,
    )
    account_merge = AccountMerge.objects.create(
        survivor=volunteer,
        merged_user_id=twin.pk,
        merged_email=twin.email,
        status=MergeStatus.PROPOSED,
        candidate=candidate,
    )
    # A published item of the organisation's news.
    news = news_publish(
        actor=admin.first().user,
        item=news_create(
            actor=admin.first().user, organisation=organisation, title_en="Matrix news"
        ),
    )
    # A device of the side's volunteer that receives notifications (council/push).
    push_subscription = PushSubscription.objects.create(
        user=volunteer,
        endpoint=f"https://push.example/matrix/{organisation.pk}",
        p256dh="B" + "A" * 86,
        auth="A" * 22,
    )
    # The organisation's reference on the side's application, and a letter for its volunteer.
    reference = Reference.objects.create(
        application=application,
        volunteer=volunteer,
        organisation=organisation,
        rating=4,
        text="Matrix reference",
    )
    letter = RecommendationLetter.objects.create(
        volunteer=volunteer,
        volunteer_name="Matrix Volunteer",
        organisation=organisation,
        text="Matrix letter",
        language="en",
        hours=3,
        signatory_name="Matrix Organiser",
    )
    # A credential of the organisation and a published training module that grants it, with
    # a question of its quiz and a file (council/training).
    trainer = admin.first().user
    credential = credential_create(
        actor=trainer, organisation=organisation, name_en="Matrix first aid"
    )
    training_module = module_create(
        actor=trainer, organisation=organisation, title_en="Matrix module", credential=credential
    )
    quiz_question = question_add(
        actor=trainer, module=training_module, text_en="Q?", options_en="A\nB", correct=1
    )
    training_attachment = attachment_add(
        actor=trainer,
        module=training_module,
        title="Handout",
        upload=SimpleUploadedFile("handout.pdf", b"%PDF-1.4\n"),
    )
    module_publish(actor=trainer, module=training_module)
    return {
        "organisation": organisation,
        "credential": credential,
        "training_module": training_module,
        "quiz_question": quiz_question,
        "training_attachment": training_attachment,
        "reference": reference,
        "letter": letter,
        "news": news,
        "push_subscription": push_subscription,
        "network": network,
        "webhook_endpoint": hook,
        "webhook_delivery": delivery,
        "company": company,
        "membership": membership,
        "invitation": invitation,
        "project": project,
        "opportunity": opportunity,
        "shift": shift,
        "application": application,
        "calendar": feed,
        "team": team,
        "team_member": team_member,
        "team_invite": team_invite,
        "handover": handover,
        "message": message,
        "unsubscribe": unsubscribe,
        "entry": entry,
        "certificate": certificate,
        "forum": forum,
        "quota": delegation.quota,
        "question": Question.objects.filter(forum=forum).order_by("pk").first()
        or Question.objects.create(forum=forum, text_en="Your diet?", kind="text"),
        "session": session,
        "registration": registration,
        "delegation": delegation,
        "delegation_member": member,
        "export": export,
        "import": imported,
        "import_duplicate": duplicate,
        "contact": contact,
        "exchange_import": exchange_import,
        "duplicate": candidate,
        "account_merge": account_merge,
    }


def _contact(organisation: Organisation) -> Contact:
    """A person on the organisation's contact list, invited: the raw token of the link is
    kept on the instance (`raw_token`) for the routes that take it."""
    token = f"matrix-invitation-{organisation.pk}-" + "x" * 24
    now = timezone.now()
    contact = Contact.objects.create(
        organisation=organisation,
        given_name="Invited",
        family_name="Person",
        email=f"contact.{organisation.pk}@matrix.example",
        preferred_language="en",
        source="manual",
        invitation_token=contact_token_digest(token),
        invited_at=now,
        invitation_expires_at=now + timedelta(days=CONTACT_INVITATION_DAYS),
        invitation_count=1,
        erase_after=timezone.localdate() + timedelta(days=365),
    )
    contact.raw_token = token  # type: ignore[attr-defined]
    return contact


def _third_council(secretariat: User) -> dict[str, Any]:
    """A council that no persona but the secretariat belongs to, with one of everything."""
    for code, code3, numeric, name in (
        ("UZ", "UZB", "860", "Uzbekistan"),
        ("KG", "KGZ", "417", "Kyrgyzstan"),
    ):
        Country.objects.get_or_create(
            code=code, defaults={"code3": code3, "numeric": numeric, "name_en": name}
        )
    admin_uz = _user("admin.uz@matrix.example", "UZ")
    admin_kg = _user("admin.kg@matrix.example", "KG")
    network_uz = _org("Uzbek Volunteer Network", "UZ", OrganisationKind.NATIONAL_NETWORK, admin_uz)
    network_kg = _org("Kyrgyz Volunteer Network", "KG", OrganisationKind.NATIONAL_NETWORK, admin_kg)
    council = Council.objects.create(name_en="Council of Uzbekistan and Kyrgyzstan")
    for network in (network_uz, network_kg):
        CouncilMember.objects.create(council=council, organisation=network)
    today = date.today()
    agreement = agreement_create(
        actor=secretariat,
        council=council,
        parties=[network_uz, network_kg],
        title_en="Founding agreement",
        starts_on=today - timedelta(days=30),
    )
    document = AgreementDocument(
        agreement=agreement, title="Signed copy", size=20, uploaded_by=secretariat
    )
    document.file.save("signed.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    programme = Programme.objects.create(council=council, agreement=agreement, name_en="Steppe")
    commitment = Commitment.objects.create(
        council=council, title_en="Joint forum", kind="commitment"
    )
    commitment.owners.set([network_uz])
    meeting = Meeting.objects.create(council=council, title_en="First meeting", held_on=today)
    exchange = Exchange.objects.create(
        council=council,
        programme=programme,
        title_en="Exchange 2027",
        **exchange_dates(today, 60, 70),
        status="open",
    )
    ExchangeCountry.objects.create(exchange=exchange, country_id="UZ", network=network_uz, quota=5)
    applicant = _user("applicant.uz@matrix.example", "UZ")
    exchange_application = ExchangeApplication.objects.create(
        exchange=exchange, person=applicant, country_id="UZ", motivation="I want to go."
    )
    assignment = Assignment.objects.create(
        council=council,
        host=network_kg,
        title_en="Youth programmes",
        country_id="KG",
        duty_station="Bishkek",
        starts_on=today + timedelta(days=90),
        months=6,
        status="open",
    )
    candidacy = Candidacy.objects.create(assignment=assignment, person=applicant)
    return {
        "council": council,
        "agreement": agreement,
        "document": document,
        "programme": programme,
        "commitment": commitment,
        "meeting": meeting,
        "exchange": exchange,
        "exchange_application": exchange_application,
        "assignment": assignment,
        "candidacy": candidacy,
        "failed_task": _failed_task(),
        "peer": _peer(),
    }


def _peer() -> Peer:
    """A peer node, its peering suspended by the other side: none of the secretariat's
    buttons (accept, suspend, resume) applies to it, so a write leaves it as it was."""
    peer, _ = Peer.objects.get_or_create(
        node_id="uz",
        defaults={
            "country_id": "UZ",
            "url": "https://uz.matrix.example",
            "status": PeerStatus.SUSPENDED,
            "we_accepted_at": timezone.now(),
            "they_accepted_at": timezone.now(),
            "suspended_at": timezone.now(),
        },
    )
    return peer


def _failed_task() -> DBTaskResult:
    """A mail the worker could not send, as django-tasks-db leaves it (the secretariat's to
    retry: ops/tasks/)."""
    return DBTaskResult.objects.create(
        status="FAILED",
        task_path="council.accounts.tasks.mail_deliver",
        args_kwargs={
            "args": [],
            "kwargs": {
                "to": "nobody@example.org",
                "subject": "Hello",
                "body": "Hello",
                "html": "",
                "from_email": "council@example.org",
            },
        },
        backend_name="default",
        finished_at=timezone.now(),
        worker_ids=["matrix"],
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback="Traceback …\nsmtplib.SMTPServerDisconnected: Connection unexpectedly closed",
    )


def build_world() -> World:
    """Call after `seed_demo()`, inside the package's transaction."""
    people: dict[str, User | None] = {
        "anonymous": None,
        "volunteer_ru": User.objects.get(email="volunteer.ru@council.example"),
        "volunteer_kz": User.objects.get(email="volunteer.kz@council.example"),
        "organiser_ru": User.objects.get(email="org.admin@council.example"),
        "organiser_kz": User.objects.get(email="admin.green@council.example"),
        "member_ru": _user("reader@matrix.example", RU),
        "coordinator_ru": User.objects.get(email="coordinator.ru@council.example"),
        "coordinator_kz": User.objects.get(email="coordinator.kz@council.example"),
        "secretariat": User.objects.get(email="secretariat@council.example"),
        "company_admin": User.objects.get(email="company.lead@council.example"),
    }
    spb = _by_name("Kind Petersburg Volunteer Centre")
    green = _by_name("Green Almaty Initiative Group")
    # A plain member of its organisation and of a council's member network.
    for organisation in (spb, _by_name("Association of Volunteer Centres")):
        Membership.objects.create(
            organisation=organisation, user=people["member_ru"], role=MembershipRole.MEMBER
        )
    kz_company = _org(
        "Steppe Telecom JSC",
        KZ,
        OrganisationKind.COMPANY,
        _user("company.kz@matrix.example", KZ),
    )
    objects = {
        OWN: {},
        RU: _side(
            spb, _by_name("Association of Volunteer Centres"), _by_name("Ural Energy Company JSC")
        ),
        KZ: _side(
            green,
            _by_name("National Volunteer Network of the Republic of Kazakhstan"),
            kz_company,
        ),
    }
    asked_about = {
        "anonymous": RU,
        "volunteer_ru": KZ,
        "volunteer_kz": RU,
        "organiser_ru": KZ,
        "organiser_kz": RU,
        "member_ru": OWN,
        "coordinator_ru": KZ,
        "coordinator_kz": RU,
        "secretariat": RU,
        "company_admin": KZ,
    }
    for side in (RU, KZ):
        owner = objects[side]["application"].volunteer
        api_token_create(user=owner, name="matrix", scope="write")
        objects[side]["token"] = owner.api_tokens.get()
    objects[OWN] = objects[RU]
    council = _third_council(people["secretariat"])  # type: ignore[arg-type]
    return World(
        people=people,
        asked_about=asked_about,
        objects=objects,
        council=council,
        own_council=_demo_council(people["secretariat"]),  # type: ignore[arg-type]
    )


def _demo_council(secretariat: User) -> dict[str, Any]:
    """The demo's council of Russia and Kazakhstan, with a signed copy of its founding
    agreement."""
    council = Council.objects.get(name_en__startswith="Volunteer Council of Russia")
    agreement = council.agreements.order_by("pk").first()
    document = AgreementDocument(
        agreement=agreement, title="Signed copy", size=20, uploaded_by=secretariat
    )
    document.file.save("founding.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    exchange = Exchange.objects.get(council=council)
    assignment = Assignment.objects.get(council=council)
    return {
        "council": council,
        "agreement": agreement,
        "document": document,
        "programme": Programme.objects.filter(council=council).order_by("pk").first(),
        "commitment": Commitment.objects.filter(council=council).order_by("pk").first(),
        "meeting": Meeting.objects.get(council=council),
        "exchange": exchange,
        "exchange_application": exchange.applications.order_by("pk").first(),
        "assignment": assignment,
        "candidacy": assignment.candidacies.order_by("pk").first(),
        "failed_task": DBTaskResult.objects.get(status="FAILED"),
        "peer": _peer(),
    }
