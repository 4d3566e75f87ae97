"""The volunteers models' fields kept in every language."""

from council.lib.translation import translated_fields_register
from council.volunteers.models import Credential, VolunteerProfile

translated_fields_register({VolunteerProfile: ("bio",)})
translated_fields_register({Credential: ("name", "description")})
