"""Phone numbers to E.164, each written form parsed once.

phonenumbers' parse and validity check cost tens of microseconds a number, and an import
asks for each row's number more than once: its check brings the number as written to E.164
(council.volunteers), then the matcher (council.lib.matching) reads that E.164 form again.
`e164` remembers the answers: by the text and region as given (a bounded LRU cache), and the
E.164 forms it produced, which are numbers written with their country code, so they read the
same whatever the region (a fixed point: the E.164 form of a valid number's E.164 form is
itself, valid)."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

# Why a number has no E.164 form.
NOT_A_NUMBER = "not_a_number"  # phonenumbers cannot read it
NOT_VALID = "not_valid"  # read, but no such number (wrong digits for the country)

# The E.164 forms produced (their own E.164 form, valid): at most this many kept, then
# forgotten at once (an import needs them for one batch, between its check and its matching).
_KNOWN_LIMIT = 8_192
_known: set[str] = set()


def e164(text: str, region: str | None) -> tuple[str, str]:
    """(the number in E.164, "") or ("", NOT_A_NUMBER or NOT_VALID): `text` read as a number
    of `region` (ISO 3166-1 alpha-2) unless it starts with "+", as `phonenumbers.parse` reads
    it, without cleaning it first."""
    if text in _known:
        return text, ""
    return _e164(text, region)


@lru_cache(maxsize=4_096)
def _e164(text: str, region: str | None) -> tuple[str, str]:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return "", NOT_A_NUMBER
    if not phonenumbers.is_valid_number(number):
        return "", NOT_VALID
    value = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if len(_known) >= _KNOWN_LIMIT:
        _known.clear()
    _known.add(value)
    return value, ""
