"""The deployments models' fields kept in every language."""

from council.deployments.models import Assignment
from council.lib.translation import translated_fields_register

translated_fields_register({Assignment: ("title", "description")})
