"""No mail to an address under the reserved `.invalid` domain (an erased or merged account,
or the local account of a person of another node, who hears through their home node)."""

from __future__ import annotations

from typing import Any

import pytest

from council.accounts.mail import is_undeliverable, mail_send

pytestmark = pytest.mark.django_db


def test_it_sends_nothing_to_an_invalid_domain(
    mailbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(
            to="psn_0123@kz.node.invalid",
            template="projects/mail/application_confirmed",
            context={},
            language="en",
        )

    assert mailbox == []
    assert is_undeliverable("erased-4@erased.invalid")
    assert not is_undeliverable("aliya@mail.kz")
