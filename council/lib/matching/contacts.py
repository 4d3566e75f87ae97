"""Email addresses and phone numbers in the one form the matcher compares."""

from __future__ import annotations

import unicodedata

from council.lib.phones import e164

# Without a country, a number written the national way is read as Russian: +7 numbers are
# Russia's and Kazakhstan's alike (8 701… and 8 916… give +7 701… and +7 916… either way).
FALLBACK_REGION = "RU"


def normalise_email(text: str) -> str:
    """The address lower-cased and trimmed ("mailto:" and angle brackets dropped).

    No provider rules (Gmail's dots and +tags, googlemail.com): they are one provider's
    delivery habits, invisible in the address, and a person may hold "a.b+volunteer@" apart
    from "ab@" on purpose; two spellings of one mailbox still meet through the name."""
    text = unicodedata.normalize("NFKC", text).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().strip("<>").strip().lower()


def normalise_phone(text: str, country: str = "") -> str | None:
    """The number in E.164 (+77012345678), or None when it is not a valid number.

    `country` (ISO 3166-1 alpha-2) is the region for a number written without its country
    code; placeholders such as 000-00-00 are not valid numbers and give None."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not any(c.isdigit() for c in text):
        return None
    region = (country or "").upper() or None
    if region is None and not text.startswith(("+", "00")):
        region = FALLBACK_REGION
    if text.startswith("00"):
        text = "+" + text[2:]
    return e164(text, region)[0] or None
