"""The person block: what another node learns about one of our people."""

from __future__ import annotations

from datetime import date

from council.accounts.models import ConsentPurpose
from council.accounts.services import consent_give
from council.federation.models import Peer, SharingChoice
from council.federation.people import consent_block, person_block, person_ref, sent_fields
from council.reference.models import IscoGroup, Language, Skill, SkillGroup
from council.volunteers.models import LanguageSkill, VolunteerProfile

from .conftest import born


def test_the_ref_is_stable_per_peer_and_hides_the_id(aliya, ru_peer, kazakhstan):
    other = Peer.objects.create(node_id="by", country=kazakhstan, url="https://by.example/")
    ref = person_ref(aliya, ru_peer)
    assert ref == person_ref(aliya, ru_peer)
    assert ref.startswith("psn_") and len(ref) == 36
    assert ref != person_ref(aliya, other)


def test_the_block_names_both_scripts_age_band_languages_skills(aliya, ru_peer):
    profile = VolunteerProfile.objects.get(user=aliya)
    kazakh = Language.objects.create(code="kk", name_en="Kazakh")
    LanguageSkill.objects.create(profile=profile, language=kazakh, level="C2")
    group = SkillGroup.objects.create(slug="care", name_en="Care", position=1)
    major = IscoGroup.objects.create(code="2", name_en="Professionals")
    profile.skills.add(
        Skill.objects.create(slug="first-aid", group=group, name_en="First aid", isco_major=major)
    )
    block = person_block(aliya, peer=ru_peer, on=date(2026, 12, 20))
    assert block == {
        "ref": person_ref(aliya, ru_peer),
        "given_name": "Әлия",
        "family_name": "Серікқызы",
        "given_name_latin": "Aliya",
        "family_name_latin": "Serikkyzy",
        "age_band": "adult",
        "languages": [{"code": "kk", "level": "C2"}],
        "skills": ["first-aid"],
        "contact": {"email": "aliya@example.kz"},
        "preferred_language": "kk",
        "guardian_consent": False,
    }
    assert "date_of_birth" not in block
    assert sent_fields(block)[-1] == "contact.email"


def test_the_age_band_is_the_one_on_the_day(aliya, ru_peer):
    born(aliya, date(2009, 6, 1))
    assert person_block(aliya, peer=ru_peer, on=date(2027, 5, 31))["age_band"] == "14_17"
    assert person_block(aliya, peer=ru_peer, on=date(2027, 6, 1))["age_band"] == "adult"


def test_a_minor_carries_the_guardians_consent(aliya, ru_peer):
    born(aliya, date(2011, 1, 1))
    assert person_block(aliya, peer=ru_peer, on=date(2027, 1, 1))["guardian_consent"] is False
    consent_give(user=aliya, purpose=ConsentPurpose.GUARDIAN, guardian_name="Серік Ахметов")
    assert person_block(aliya, peer=ru_peer, on=date(2027, 1, 1))["guardian_consent"] is True


def test_the_email_goes_only_when_the_person_shares_it(aliya, ru_peer):
    SharingChoice.objects.create(user=aliya, share_email=False)
    block = person_block(aliya, peer=ru_peer, on=date(2027, 1, 1))
    assert block["contact"] == {}
    assert "contact.email" not in sent_fields(block)


def test_the_consent_block(aliya):
    consent = aliya.consents.get(purpose=ConsentPurpose.CROSS_BORDER)
    assert consent_block(consent) == {
        "id": str(consent.pk),
        "version": consent.text_version,
        "given_at": consent.given_at.isoformat(),
    }


def test_a_profile_with_more_skills_than_the_protocol_carries_sends_the_first_ones(aliya, ru_peer):
    from council.federation.tests.test_schemas import errors

    profile = VolunteerProfile.objects.get(user=aliya)
    group = SkillGroup.objects.create(slug="care", name_en="Care", position=1)
    major = IscoGroup.objects.create(code="2", name_en="Professionals")
    profile.skills.add(
        *[
            Skill.objects.create(
                slug=f"skill-{n:02}", group=group, name_en=f"Skill {n}", isco_major=major
            )
            for n in range(60)
        ]
    )
    block = person_block(aliya, peer=ru_peer, on=date(2026, 12, 20))
    assert block["skills"] == [f"skill-{n:02}" for n in range(50)]
    body = {
        "application": "1",
        "opportunity": "2",
        "shift": None,
        "person": block,
        "consent": consent_block(consent_give(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)),
        "motivation": "",
        "answers": [],
    }
    assert errors("apply", body) == []
