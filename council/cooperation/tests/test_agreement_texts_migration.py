"""The place of signing, the source of funding and the signatories' positions written before
they were translated become their Russian (default-language) text: nothing is lost."""

from __future__ import annotations

from typing import Any

import pytest

from council.lib.tests.migrations import migrate_to_latest, models_before

BEFORE = [("cooperation", "0009_founded_at_translated")]


@pytest.mark.django_db(transaction=True)
def test_agreement_texts_become_their_russian_text(kz_network: Any) -> None:
    with models_before(BEFORE) as old:
        # Organisations are as they are now: the migration does not touch them.
        party = old.get_model("orgs", "Organisation").objects.get(pk=kz_network.pk)
        council = old.get_model("cooperation", "Council").objects.create(
            name="Волонтерский совет", name_ru="Волонтерский совет"
        )
        agreement = old.get_model("cooperation", "Agreement").objects.create(
            council=council,
            title="Соглашение",
            title_ru="Соглашение",
            signed_at="Омск, Форум молодежных лидеров",
            funding_source="Средства сторон",
        )
        old.get_model("cooperation", "Signatory").objects.create(
            agreement=agreement, name="Татьяна Миронюк", position="Директор", organisation=party
        )

        migrate_to_latest()

        from council.cooperation.models import Agreement, Signatory

        moved = Agreement.objects.get(pk=agreement.pk)
        assert moved.signed_at_ru == "Омск, Форум молодежных лидеров"
        assert moved.funding_source_ru == "Средства сторон"
        assert moved.signed_at_kk is None and moved.funding_source_en is None
        assert Signatory.objects.get().position_ru == "Директор"
