"""The orgs models' fields kept in every language."""

from council.lib.translation import translated_fields_register
from council.orgs.models import Organisation

translated_fields_register({Organisation: ("name", "description")})
