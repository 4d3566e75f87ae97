"""The cooperation models' fields kept in every language."""

from council.cooperation.models import (
    Agreement,
    Commitment,
    Council,
    Decision,
    Meeting,
    Programme,
    Signatory,
)
from council.lib.translation import translated_fields_register

translated_fields_register(
    {
        Council: ("name", "description", "founded_at"),
        Agreement: ("title", "directions", "signed_at", "funding_source"),
        Signatory: ("position",),
        Programme: ("name", "description"),
        Commitment: ("title",),
        Meeting: ("title", "agenda", "minutes"),
        Decision: ("text",),
    }
)
