"""Common Russian and Kazakh names for synthetic volunteers, and the words that synthetic
organisation names are made of. Family names are given in their masculine form; the feminine
one is derived (Иванов → Иванова, Соколовский → Соколовская)."""

from __future__ import annotations

from council.demo.datafiles import values

# The lists: council/demo/data/names.json.
RU_MALE: tuple[str, ...] = values("names", "RU_MALE")
RU_FEMALE: tuple[str, ...] = values("names", "RU_FEMALE")
RU_FAMILY: tuple[str, ...] = values("names", "RU_FAMILY")
KZ_MALE: tuple[str, ...] = values("names", "KZ_MALE")
KZ_FEMALE: tuple[str, ...] = values("names", "KZ_FEMALE")
KZ_FAMILY: tuple[str, ...] = values("names", "KZ_FAMILY")
MOTTOS: tuple[tuple[str, str, str], ...] = values("names", "MOTTOS")
# (kind, share in percent, ru, kk, en) for synthetic organisations.
KINDS: tuple[tuple[str, int, str, str, str], ...] = values("names", "KINDS")


def feminine(family_name: str) -> str:
    if family_name.endswith("ский"):
        return family_name[:-2] + "ая"
    return family_name + "а"
