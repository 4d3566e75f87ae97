"""The hooks through which higher apps add to the data page and hear of a withdrawn consent."""

from __future__ import annotations

import pytest
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from council.accounts import registry
from council.accounts.models import ConsentPurpose
from council.accounts.services import consent_give, consent_withdraw
from council.conftest import reader


@pytest.fixture
def hooks():
    """The registries emptied for the test (the apps' own hooks put back after it)."""
    kept = {name: dict(table) for name, table in _tables().items()}
    for table in _tables().values():
        table.clear()
    yield registry
    for name, table in _tables().items():
        table.clear()
        table.update(kept[name])


def _tables():
    return {"sections": registry.DATA_SECTIONS, "withdrawn": registry.CONSENT_WITHDRAWN}


def test_a_withdrawn_consent_calls_the_hooks_with_it(hooks, volunteer):
    heard = []
    hooks.register_consent_withdrawn("test", lambda user, consent: heard.append((user, consent)))
    consent = consent_give(user=volunteer, purpose=ConsentPurpose.CROSS_BORDER)
    consent_withdraw(user=volunteer, purpose=ConsentPurpose.CROSS_BORDER)
    assert heard == [(volunteer, consent)]
    consent_withdraw(user=volunteer, purpose=ConsentPurpose.CROSS_BORDER)  # none live: no call
    assert len(heard) == 1


def test_the_data_page_shows_the_registered_sections(hooks, volunteer):
    hooks.register_data_section(
        "b", lambda user: format_html("<section>Second for {}</section>", user.given_name)
    )
    hooks.register_data_section("a", lambda user: mark_safe("<section>First</section>"))
    hooks.register_data_section("x", lambda user: "<b>not marked safe</b>")
    hooks.register_data_section("c", lambda user: "")
    page = reader("en", volunteer).get("/me/data/").content.decode()
    assert "<section>First</section>" in page
    assert page.index("First") < page.index("Second for Aliya")
    assert "&lt;b&gt;not marked safe&lt;/b&gt;" in page
