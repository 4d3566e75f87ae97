"""An opportunity that requires a credential: refused without it or with it expired (the
message names it and links to the module that grants it), accepted with it; "for you" ranks
it by the credential."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.projects.models import Application
from council.projects.selectors.matching import opportunities_for_you
from council.projects.services import applications as application_services
from council.projects.services.opportunities import opportunity_update
from council.projects.tests.conftest import adult, make_opportunity, make_project
from council.training.services.credentials import credential_grant
from council.training.services.quiz import quiz_submit
from council.training.tests.conftest import make_credential, right_answers
from council.volunteers.models import VolunteerCredential, VolunteerProfile


@pytest.fixture
def needs_first_aid(org: Any, org_admin: Any, credential: Any, astana: Any) -> Any:
    opportunity = make_opportunity(make_project(org), city=astana, title_en="Field medic")
    return opportunity_update(actor=org_admin, opportunity=opportunity, credentials=[credential])


def _apply(volunteer: Any, opportunity: Any) -> Application:
    return application_services.application_submit(
        volunteer=volunteer, opportunity=opportunity, shift=opportunity.shifts.get()
    )


def test_applying_without_the_credential_is_refused(
    needs_first_aid: Any, volunteer: Any, module: Any
) -> None:
    adult(volunteer)
    with pytest.raises(ValidationError) as refused:
        _apply(volunteer, needs_first_aid)
    assert refused.value.messages == ["This opportunity requires the credential “First aid”."]
    quiz_submit(volunteer=volunteer, module=module, answers=right_answers(module))
    assert _apply(volunteer, needs_first_aid).status == "confirmed"


def test_an_expired_credential_is_refused(
    needs_first_aid: Any, volunteer: Any, credential: Any, org: Any
) -> None:
    adult(volunteer)
    yesterday = timezone.localdate() - timedelta(days=1)
    credential_grant(
        volunteer=volunteer,
        credential=credential,
        source="organiser",
        organisation=org,
        expires_on=yesterday,
        actor=None,
    )
    with pytest.raises(ValidationError) as refused:
        _apply(volunteer, needs_first_aid)
    assert "expired on" in refused.value.messages[0]
    # Valid today but not on the day of the shift, a week ahead: still refused.
    VolunteerCredential.objects.update(expires_on=timezone.localdate())
    with pytest.raises(ValidationError):
        _apply(volunteer, needs_first_aid)
    VolunteerCredential.objects.update(expires_on=timezone.localdate() + timedelta(days=30))
    assert _apply(volunteer, needs_first_aid).status == "confirmed"


def test_the_page_names_the_credential_and_links_to_the_module(
    client: Any, needs_first_aid: Any, volunteer: Any, module: Any
) -> None:
    adult(volunteer)
    client.force_login(volunteer)
    page = client.get(f"/opportunities/{needs_first_aid.pk}/").content.decode()
    assert "This opportunity requires the credential “First aid”." in page
    assert f'<a href="/training/modules/{module.pk}/">How to earn it</a>' in page
    assert "Credential" in page  # the requirements list


def test_without_a_module_the_link_is_the_credential_page(
    client: Any, org: Any, org_admin: Any, volunteer: Any, astana: Any
) -> None:
    children = make_credential(org_admin, org, name_en="Working with children")
    opportunity = make_opportunity(make_project(org), city=astana)
    opportunity_update(actor=org_admin, opportunity=opportunity, credentials=[children])
    adult(volunteer)
    client.force_login(volunteer)
    page = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert f'<a href="/training/credentials/{children.pk}/">How to earn it</a>' in page
    credential_page = client.get(f"/training/credentials/{children.pk}/").content.decode()
    assert "an organiser confirms it from a certificate" in credential_page


def test_another_organisations_credential_cannot_be_required(
    needs_first_aid: Any, org_admin: Any, other_admin: Any, other_org: Any
) -> None:
    foreign = make_credential(other_admin, other_org, name_en="Interpreting")
    with pytest.raises(ValidationError) as refused:
        opportunity_update(actor=org_admin, opportunity=needs_first_aid, credentials=[foreign])
    assert "credentials" in refused.value.message_dict


def test_for_you_ranks_the_holder_higher_and_marks_what_is_lacking(
    needs_first_aid: Any, volunteer: Any, module: Any, org: Any, astana: Any
) -> None:
    VolunteerProfile.objects.create(user=volunteer, city=astana)
    make_opportunity(make_project(org), city=astana, title_en="Plain helper")
    ranked = opportunities_for_you(user=volunteer)
    assert [str(match.opportunity.title) for match in ranked] == ["Plain helper", "Field medic"]
    assert "requires a credential you do not hold yet" in ranked[1].reasons
    quiz_submit(volunteer=volunteer, module=module, answers=right_answers(module))
    ranked = opportunities_for_you(user=volunteer)
    assert [str(match.opportunity.title) for match in ranked] == ["Field medic", "Plain helper"]
    assert "you hold a credential it requires" in ranked[0].reasons
