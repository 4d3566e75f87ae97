"""The audit events written while the exchanges and the deployments were part of
`cooperation` are renamed to the new apps' labels; those of the models that stay keep theirs.
(Also run: the tables stay, so unapplying and reapplying the move loses no row.)"""

from __future__ import annotations

import pytest

from council.lib.tests.migrations import migrate_to_latest, models_before

# Before the split: the new apps unapplied (their 0001 is a parent of cooperation 0011, not a
# child, so naming cooperation 0010 alone would leave them applied), audit in the state.
BEFORE: list[tuple[str, str | None]] = [
    ("cooperation", "0010_agreement_texts_translated"),
    ("exchanges", None),
    ("deployments", None),
    ("audit", "0001_initial"),
]
STATE = [("cooperation", "0010_agreement_texts_translated"), ("audit", "0001_initial")]
OLD_TO_NEW = {
    "cooperation.exchange": "exchanges.exchange",
    "cooperation.exchangeapplication": "exchanges.exchangeapplication",
    "cooperation.assignment": "deployments.assignment",
    "cooperation.talentpoolentry": "deployments.talentpoolentry",
    "cooperation.agreement": "cooperation.agreement",
    "forums.forum": "forums.forum",
}


@pytest.mark.django_db(transaction=True)
def test_old_audit_events_follow_the_moved_models() -> None:
    with models_before(BEFORE, STATE) as old:
        AuditEvent = old.get_model("audit", "AuditEvent")
        for target_type in OLD_TO_NEW:
            AuditEvent.objects.create(action="x.y", target_type=target_type, target_id="1")

        migrate_to_latest()

        from council.audit.models import AuditEvent as Current

        assert sorted(Current.objects.values_list("target_type", flat=True)) == sorted(
            OLD_TO_NEW.values()
        )
