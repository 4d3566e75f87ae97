"""The owner node's minimal record of a person of another node."""

from __future__ import annotations

from typing import Any

import pytest

from council.federation.models import RemotePerson
from council.federation.protocol import ProtocolError
from council.federation.services.owner import remote_person_upsert
from council.federation.tests.owner.conftest import CONSENT, person_block
from council.volunteers.models import VolunteerProfile


def test_it_keeps_what_the_action_sent_on_an_account_that_cannot_sign_in(
    peer: Any, first_aid: Any
) -> None:
    user = remote_person_upsert(peer=peer, person=person_block(), consent=CONSENT)

    assert user.email == "psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@kz.node.invalid"
    assert "aliya@mail.kz" not in user.email
    assert (user.given_name, user.family_name) == ("Алия", "Сейткали")
    assert (user.given_name_latin, user.family_name_latin) == ("Aliya", "Seitkali")
    assert user.preferred_language == "kk"
    assert user.home_country_id == "KZ"
    assert user.home_node == "kz"
    assert not user.is_active
    assert not user.has_usable_password()
    profile = VolunteerProfile.objects.get(user=user)
    assert profile.date_of_birth is None
    assert profile.attested_age_band == "adult"
    assert sorted(profile.languages.values_list("language_id", "level")) == [
        ("kk", "native"),
        ("ru", "C1"),
    ]
    assert [skill.slug for skill in profile.skills.all()] == ["first-aid"]
    remote = RemotePerson.objects.get(user=user)
    assert (remote.peer_id, remote.remote_ref, remote.consent_ref) == (
        peer.pk,
        "psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "c-41",
    )
    assert remote.contact == {"email": "aliya@mail.kz"}
    assert "contact.email" in remote.fields and "given_name" in remote.fields


def test_the_next_action_rewrites_it_and_clears_what_was_not_sent_again(
    peer: Any, first_aid: Any
) -> None:
    first = remote_person_upsert(peer=peer, person=person_block(), consent=CONSENT)
    again = remote_person_upsert(
        peer=peer,
        person=person_block(
            given_name_latin="",
            family_name_latin="",
            languages=[{"code": "ru", "level": "B2"}],
            skills=[],
            contact={},
            age_band="silver",
        ),
        consent={"id": "c-42"},
    )

    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.given_name_latin, again.family_name_latin) == ("", "")
    profile = VolunteerProfile.objects.get(user=again)
    assert list(profile.languages.values_list("language_id", "level")) == [("ru", "B2")]
    assert not profile.skills.exists()
    assert profile.attested_age_band == "silver"
    remote = RemotePerson.objects.get(user=again)
    assert remote.contact == {}
    assert remote.consent_ref == "c-42"
    assert "contact.email" not in remote.fields
    assert "given_name_latin" not in remote.fields
    assert RemotePerson.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"given_name": ""}, "person.given_name"),
        ({"family_name": None}, "person.family_name"),
        ({"age_band": "17"}, "person.age_band"),
        ({"preferred_language": "de"}, "person.preferred_language"),
        ({"ref": "42"}, "person.ref"),
        ({"languages": [{"code": "kk", "level": "fluent"}]}, "person.languages"),
        ({"given_name": "x" * 81}, "person.given_name"),
    ],
)
def test_a_bad_person_block_is_refused_naming_the_field(
    peer: Any, first_aid: Any, change: dict[str, Any], field: str
) -> None:
    with pytest.raises(ProtocolError) as refused:
        remote_person_upsert(peer=peer, person=person_block(**change), consent=CONSENT)

    assert (refused.value.code, refused.value.field) == ("invalid_body", field)
    assert not RemotePerson.objects.exists()


def test_an_unknown_skill_or_a_missing_consent_is_refused(peer: Any, first_aid: Any) -> None:
    with pytest.raises(ProtocolError) as refused:
        remote_person_upsert(peer=peer, person=person_block(skills=["juggling"]), consent=CONSENT)
    assert (refused.value.code, refused.value.field) == ("unknown_reference", "person.skills")

    with pytest.raises(ProtocolError) as refused:
        remote_person_upsert(peer=peer, person=person_block(), consent={})
    assert refused.value.code == "consent_missing"


def test_the_duplicate_finder_never_proposes_another_nodes_person(
    peer: Any, first_aid: Any, kazakhstan: Any
) -> None:
    from datetime import date

    from council.dedup.models import DuplicateCandidate
    from council.dedup.services.candidates import duplicates_find
    from council.dedup.tests.test_find_duplicates import person

    born = date(1998, 3, 14)
    twins = [
        person("aliya@mail.kz", kazakhstan, "Алия", "Сейткали", born),
        person("a.seitkali@example.org", kazakhstan, "Aliya", "Seitkali", born),
    ]
    remote = remote_person_upsert(peer=peer, person=person_block(), consent=CONSENT)
    # Even were its record as full as the twins' (it never holds a date of birth).
    VolunteerProfile.objects.filter(user=remote).update(date_of_birth=born)
    duplicates_find()
    pairs = [
        {candidate.left_user_id, candidate.right_user_id}
        for candidate in DuplicateCandidate.objects.filter(kind="person")
    ]
    assert pairs == [{twins[0].pk, twins[1].pk}]  # the local twins, and not the remote record
    assert all(remote.pk not in pair for pair in pairs)
