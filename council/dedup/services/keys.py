"""Blocking keys of people (council.lib.matching.blocking_keys), kept in `DedupKey` so that
the candidate search joins people on shared keys instead of comparing everyone with
everyone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction

from council.accounts.models import User
from council.dedup.models import DedupKey
from council.lib.matching import PersonRecord, blocking_keys
from council.volunteers.models import VolunteerProfile

# Written in chunks of this many rows.
BATCH = 2000


def person_record(user: User, date_of_birth: date | None = None) -> PersonRecord:
    """What the matcher compares of a person (the platform keeps no phone or patronymic)."""
    return PersonRecord(
        given_name=user.given_name,
        family_name=user.family_name,
        patronymic="",
        given_name_latin=user.given_name_latin,
        family_name_latin=user.family_name_latin,
        full_name="",
        email=user.email,
        phone="",
        date_of_birth=date_of_birth,
        country=user.home_country_id or "",
    )


def person_records(user_ids: Iterable[int]) -> dict[int, PersonRecord]:
    """Records of the active people among `user_ids`: two queries a chunk, no model
    instances."""
    ids = sorted(set(user_ids))
    births: dict[int, date | None] = {}
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        births.update(
            VolunteerProfile.objects.filter(pk__in=chunk, date_of_birth__isnull=False)
            .values_list("pk", "date_of_birth")
        )  # fmt: skip
        rows += User.objects.filter(pk__in=chunk, is_active=True).values_list(
            "pk", "given_name", "family_name", "given_name_latin", "family_name_latin", "email",
            "home_country_id",
        )  # fmt: skip
    return {
        pk: PersonRecord(
            given_name=given,
            family_name=family,
            given_name_latin=given_latin,
            family_name_latin=family_latin,
            email=email,
            date_of_birth=births.get(pk),
            country=country or "",
        )
        for pk, given, family, given_latin, family_latin, email, country in rows
    }


def _keys_of(record: PersonRecord) -> set[str]:
    return {key[: DedupKey._meta.get_field("key").max_length] for key in blocking_keys(record)}


@transaction.atomic
def keys_refresh(*, users: Sequence[User] | Sequence[int]) -> int:
    """Make the people's keys again (an inactive person has none); returns how many people."""
    ids = [user if isinstance(user, int) else user.pk for user in users]
    records = person_records(ids)
    wanted = {pk: _keys_of(record) for pk, record in records.items()}
    have: dict[int, set[str]] = {pk: set() for pk in ids}
    for pk, key in DedupKey.objects.filter(user_id__in=ids).values_list("user_id", "key"):
        have[pk].add(key)
    gone = [(pk, key) for pk in ids for key in have[pk] - wanted.get(pk, set())]
    for pk in {pk for pk, _key in gone}:
        DedupKey.objects.filter(
            user_id=pk, key__in=[key for owner, key in gone if owner == pk]
        ).delete()
    DedupKey.objects.bulk_create(
        [
            DedupKey(user_id=pk, key=key)
            for pk, keys in wanted.items()
            for key in sorted(keys - have[pk])
        ],
        batch_size=BATCH,
    )
    return len(ids)
