"""The message's subject and text, written in one or more languages."""

from council.lib.translation import translated_fields_register
from council.messaging.models import Message

translated_fields_register({Message: ("subject", "body")})
