"""Volunteers, imported into an organisation's contact list: invited, not signed up (no
account, no password; council.volunteers.services.contacts). Names in both scripts, email,
phone, date of birth, language, home country, the id in the source system.

Likely duplicates are found with the matcher (council.lib.matching): the organisation's own
contacts (their blocking keys computed once per run) and the accounts with the same email
address or belonging to the organisation's members, looked up for a whole batch at once. The
same external id from the same source is the same contact, certainly."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy

from council.accounts.http import Viewer
from council.accounts.models import User
from council.imports.issues import Issue
from council.imports.kinds.base import (
    Candidate,
    Cell,
    Context,
    Field,
    Kind,
    Row,
    country,
    email,
    language,
    past_day,
    text,
)
from council.imports.models import ImportJob
from council.lib.matching import (
    Facts,
    PersonRecord,
    blocking_keys,
    compare,
    facts,
    normalise_email,
    screen,
)
from council.orgs.models import Membership, MembershipRole, Organisation
from council.orgs.selectors import coordinated_country_codes
from council.volunteers.models import Contact
from council.volunteers.services.contact_imports import (
    contact_check,
    contacts_import,
    contacts_with_external_ids,
)
from council.volunteers.services.contacts import contact_invite

NAMES = ("given_name", "family_name", "patronymic", "given_name_latin", "family_name_latin")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def admins_and_coordinators(user: Viewer) -> models.QuerySet[Organisation]:
    """The organisations a person may import into: those they administer; those of the
    countries whose national network they coordinate; every one for the secretariat."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_secretariat:
        return Organisation.objects.all()
    administered = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values(
        "organisation_id"
    )
    return Organisation.objects.filter(
        models.Q(pk__in=administered)
        | models.Q(country_id__in=coordinated_country_codes(user=user))
    )


def _phone(value: Cell, context: Context) -> str:
    # Kept as written; contact_check brings it to E.164 and names a wrong one.
    return text(40, plain=False)(value, context)  # type: ignore[no-any-return]


def _full_name(value: Cell, context: Context) -> dict[str, str]:
    """ "Сарсенбаева Айгерим Нурлановна" (family, given, patronymic) or "SARSENBAYEVA
    AIGERIM" (family first when in capitals) or "Aigerim Sarsenbayeva" (given first)."""
    words = text(200)(value, context).split()
    if CYRILLIC.search(" ".join(words)):
        family, given, *rest = [*words, ""] if len(words) == 1 else words
        return {"family_name": family, "given_name": given, "patronymic": " ".join(rest)}
    if len(words) == 1:
        return {"family_name_latin": words[0]}
    if words[0].isupper():
        return {
            "family_name_latin": words[0].title(),
            "given_name_latin": " ".join(words[1:]).title(),
        }
    return {"given_name_latin": " ".join(words[:-1]), "family_name_latin": words[-1]}


class Volunteers(Kind):
    key = "volunteers"
    label = gettext_lazy("Volunteers (invited as contacts)")
    created_action = "contact.imported"
    # An invitation sent by the import (or later) does not stop an undo; an acceptance does.
    own_actions = ("contact.imported", "contact.invited")
    batch_size = 2000
    fields = (
        Field(
            "family_name",
            gettext_lazy("Family name"),
            text(80, plain=False),
            aliases=("фамилия", "тегі", "тегi", "family name", "last name", "surname"),
        ),
        Field(
            "given_name",
            gettext_lazy("Given name"),
            text(80, plain=False),
            aliases=("имя", "аты", "есімі", "given name", "first name", "forename", "name"),
        ),
        Field(
            "patronymic",
            gettext_lazy("Patronymic"),
            text(80, plain=False),
            aliases=("отчество", "әкесінің аты", "patronymic", "middle name", "father's name"),
        ),
        Field(
            "family_name_latin",
            gettext_lazy("Family name in Latin"),
            text(80, plain=False),
            aliases=(
                "фамилия латиницей",
                "тегі латынша",
                "family name latin",
                "last name latin",
                "surname latin",
                "surname in latin",
            ),
        ),
        Field(
            "given_name_latin",
            gettext_lazy("Given name in Latin"),
            text(80, plain=False),
            aliases=(
                "имя латиницей",
                "аты латынша",
                "given name latin",
                "first name latin",
                "name in latin",
            ),
        ),
        Field(
            "full_name",
            gettext_lazy("Full name"),
            _full_name,
            aliases=(
                "фио",
                "ф.и.о.",
                "полное имя",
                "аты-жөні",
                "толық аты",
                "full name",
                "name and surname",
            ),
        ),
        Field(
            "email",
            gettext_lazy("Email address"),
            email,
            aliases=(
                "email",
                "e-mail",
                "эл. почта",
                "электронная почта",
                "электрондық пошта",
                "почта",
                "mail",
                "email address",
            ),
        ),
        Field(
            "phone",
            gettext_lazy("Phone number"),
            _phone,
            aliases=(
                "телефон",
                "тел",
                "мобильный",
                "телефон нөмірі",
                "ұялы телефон",
                "phone",
                "mobile",
                "phone number",
                "tel",
            ),
        ),
        Field(
            "date_of_birth",
            gettext_lazy("Date of birth"),
            past_day,
            aliases=(
                "дата рождения",
                "туған күні",
                "туған күн",
                "date of birth",
                "dob",
                "birth date",
                "birthday",
                "д.р.",
            ),
        ),
        Field(
            "preferred_language",
            gettext_lazy("Language"),
            language,
            aliases=("язык", "тіл", "language", "preferred language", "язык общения"),
        ),
        Field(
            "home_country",
            gettext_lazy("Home country"),
            country,
            aliases=(
                "страна",
                "гражданство",
                "ел",
                "азаматтығы",
                "country",
                "citizenship",
                "home country",
            ),
        ),
        Field(
            "external_id",
            gettext_lazy("Id in the source system"),
            text(64, plain=False),
            aliases=(
                "id",
                "идентификатор",
                "номер",
                "id добро.рф",
                "dobro id",
                "external id",
                "uid",
            ),
        ),
    )

    def organisations(self, *, user: Viewer) -> models.QuerySet[Organisation]:
        return admins_and_coordinators(user)

    def _contact(self, clean: dict[str, Any], context: Context) -> Contact:
        values = dict(clean)
        values.update(values.pop("full_name", {}) or {})
        for name in NAMES:
            values.setdefault(name, "")
        values["home_country_id"] = values.pop("home_country", None)
        return Contact(
            organisation=context.organisation,
            source=self.source(context),
            **{k: v for k, v in values.items() if v is not None or k == "home_country_id"},
        )

    @staticmethod
    def source(context: Context) -> str:
        return context.job.source.strip()[:40] or "manual"

    def rules(self, clean: dict[str, Any], context: Context) -> list[Issue]:
        contact = self._contact(clean, context)
        try:
            contact_check(contact, today=context.today)
        except ValidationError as error:
            return [
                Issue("not_written", {"text": " ".join(messages)}, field=_field_of(name, clean))
                for name, messages in error.message_dict.items()
            ]
        # The normalised values (E.164 phone, the name search key…) are what is written.
        clean["_contact"] = contact
        return []

    def file_keys(self, clean: dict[str, Any]) -> list[str]:
        contact: Contact = clean["_contact"]
        keys = [f"id:{contact.external_id}"] if contact.external_id else []
        if contact.email:
            keys.append(f"email:{contact.email}|{contact.name_search}")
        return keys

    def describe(self, clean: dict[str, Any]) -> str:
        return _described(clean["_contact"])

    def describe_record(self, record: models.Model) -> str:
        """One of the organisation's own contacts as its list shows it (an erased one by its
        number only); anything else by its usual text."""
        if isinstance(record, Contact) and record.erased_at is None:
            return _described(record)
        return str(record)

    def _record(self, contact: Contact | User, country_code: str) -> PersonRecord:
        return PersonRecord(
            given_name=contact.given_name,
            family_name=contact.family_name,
            patronymic=getattr(contact, "patronymic", ""),
            given_name_latin=contact.given_name_latin,
            family_name_latin=contact.family_name_latin,
            email=contact.email,
            phone=getattr(contact, "phone", ""),
            date_of_birth=getattr(contact, "date_of_birth", None),
            country=country_code,
        )

    def start(self, context: Context) -> None:
        """The organisation's contacts by blocking key, once per run."""
        country_code = context.organisation.country_id
        by_key: dict[str, list[int]] = defaultdict(list)
        records: dict[int, PersonRecord] = {}
        # Their email, phone and date of birth, normalised once: most contacts sharing a
        # key with a row are namesakes whom these rule out without comparing the names.
        contact_facts: dict[int, Facts] = {}
        existing = Contact.objects.filter(organisation=context.organisation, erased_at__isnull=True)
        for contact in existing.only(*NAMES, "email", "phone", "date_of_birth").iterator(2000):
            record = self._record(contact, country_code)
            records[contact.pk] = record
            for key in blocking_keys(record):
                by_key[key].append(contact.pk)
            contact_facts[contact.pk] = facts(record)
        context.cache["contact_keys"] = by_key
        context.cache["contact_records"] = records
        context.cache["contact_facts"] = contact_facts
        # The organisation's members' accounts, by blocking key too.
        members = User.objects.filter(memberships__organisation=context.organisation).distinct()
        member_keys: dict[str, list[int]] = defaultdict(list)
        people: dict[int, User] = {}
        for user in members:
            people[user.pk] = user
            for key in blocking_keys(self._record(user, country_code)):
                member_keys[key].append(user.pk)
        context.cache["member_keys"] = member_keys
        context.cache["members"] = people

    def candidates(self, rows: Sequence[Row], context: Context) -> list[Candidate]:
        country_code = context.organisation.country_id
        by_key: dict[str, list[int]] = context.cache["contact_keys"]
        records: dict[int, PersonRecord] = context.cache["contact_records"]
        contact_facts: dict[int, Facts] = context.cache["contact_facts"]
        contacts = [clean["_contact"] for _number, clean in rows]
        same_id = contacts_with_external_ids(
            organisation=context.organisation,
            source=self.source(context),
            external_ids=[contact.external_id for contact in contacts],
        )
        emails = {normalise_email(contact.email) for contact in contacts if contact.email}
        users = {user.email: user for user in User.objects.filter(email__in=emails)}
        members: dict[int, User] = context.cache["members"]
        found: list[tuple[int, str, int, float, list[str], bool]] = []
        for (number, _clean), contact in zip(rows, contacts, strict=True):
            record = self._record(contact, country_code)
            taken = same_id.get(contact.external_id) if contact.external_id else None
            if taken is not None:
                found.append((number, "contact", taken.pk, 1.0, ["external_id"], True))
            keys = blocking_keys(record)
            nearby = {pk for key in keys for pk in by_key.get(key, ())}
            nearby.discard(taken.pk if taken else -1)
            for pk in screen(facts(record), contact_facts, sorted(nearby)):
                match = compare(record, records[pk])
                if match.is_likely:
                    found.append((number, "contact", pk, match.score, list(match.reasons), False))
            people = {
                pk: members[pk] for key in keys for pk in context.cache["member_keys"].get(key, ())
            }
            if contact.email and normalise_email(contact.email) in users:
                person = users[normalise_email(contact.email)]
                people[person.pk] = person
            for pk, person in sorted(people.items()):
                match = compare(record, self._record(person, country_code))
                if match.is_likely:
                    found.append((number, "user", pk, match.score, list(match.reasons), False))
        contact_rows = Contact.objects.in_bulk(
            {pk for _n, kind, pk, *_r in found if kind == "contact"}
        )
        user_rows = {**members, **{user.pk: user for user in users.values()}}
        chosen: dict[str, dict[int, Any]] = {"contact": contact_rows, "user": user_rows}
        return [
            Candidate(number, chosen[kind][pk], score, reasons, certain)
            for number, kind, pk, score, reasons, certain in found
            if pk in chosen[kind]
        ]

    def write(self, rows: Sequence[Row], context: Context) -> list[tuple[int, models.Model]]:
        created = contacts_import(
            organisation=context.organisation,
            actor=context.actor,
            contacts=[clean["_contact"] for _number, clean in rows],
            source=self.source(context),
            audit_data={"import": context.job.pk},
        )
        return [(number, contact) for (number, _clean), contact in zip(rows, created, strict=True)]

    def finish(self, job: ImportJob, context: Context) -> None:
        """Invite the imported contacts that have an email address, one transaction each."""
        if not job.send_invitations:
            return
        from council.imports.models import ImportedObject

        ids = ImportedObject.objects.filter(job=job).values_list("object_id", flat=True)
        for contact in Contact.objects.filter(pk__in=ids).exclude(email="").iterator(500):
            try:
                with transaction.atomic():
                    contact_invite(contact=contact, actor=context.actor)
            except ValidationError:
                continue

    def touched(self, job: ImportJob, created: dict[type[models.Model], list[int]]) -> list[str]:
        from django.utils.translation import gettext as _

        ids = created.get(Contact, [])
        reasons: list[str] = []
        used = Contact.objects.filter(pk__in=ids)
        if used.filter(models.Q(user__isnull=False) | models.Q(accepted_at__isnull=False)).exists():
            reasons.append(_("Some of the imported volunteers have accepted their invitation."))
        if used.filter(erased_at__isnull=False).exists():
            reasons.append(_("Some of the imported volunteers have been erased."))
        return reasons


def _described(contact: Contact) -> str:
    parts = [contact.display_name, contact.latin_name, contact.email, contact.phone]
    if contact.date_of_birth:
        parts.append(contact.date_of_birth.isoformat())
    return " · ".join(dict.fromkeys(part for part in parts if part))


def _field_of(name: str, clean: dict[str, Any]) -> str:
    """The import's field for a contact field's error (a name that came from the full name
    column is that column's)."""
    if name in NAMES and name not in clean and "full_name" in clean:
        return "full_name"
    return "" if name == "__all__" else name
