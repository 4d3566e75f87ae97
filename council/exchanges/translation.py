"""The exchanges models' fields kept in every language."""

from council.exchanges.models import Exchange, ExchangeCriterion
from council.lib.translation import translated_fields_register

translated_fields_register(
    {
        Exchange: ("title", "description"),
        ExchangeCriterion: ("name",),
    }
)
