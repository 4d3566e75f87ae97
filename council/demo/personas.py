"""The demo people: one place for `seed_demo` (which creates them) and `demo_logins` (which
lists them). Every persona signs in with DEMO_PASSWORD and a verified email address."""

from __future__ import annotations

from dataclasses import dataclass

from council.demo.datafiles import table

DEMO_PASSWORD = "demo12345"  # noqa: S105 (published demo logins)


@dataclass(frozen=True)
class Persona:
    role: str
    email: str
    given_name: str
    family_name: str
    given_name_latin: str
    family_name_latin: str
    language: str
    country: str
    # (organisation key from catalogue.ORGANISATIONS, membership role)
    memberships: tuple[tuple[str, str], ...] = ()
    is_secretariat: bool = False
    is_superuser: bool = False
    # The main personas are the ones a demo walks through; the others keep every demo
    # organisation with an administrator, as the platform requires, or are volunteers with
    # profiles who apply to the demo projects.
    main: bool = True


# The main personas first; then the admins of the other demo organisations (every
# organisation has one, as the platform requires), then the volunteers with full profiles (see
# council/demo/profiles.py) who apply to the demo projects, fill a shift to its waiting list
# and give the searches and matches people. Memberships are (organisation key from
# catalogue.ORGANISATIONS, membership role) pairs.
PERSONAS: tuple[Persona, ...] = table("personas", "personas", Persona)


def persona(email: str) -> Persona:
    return next(p for p in PERSONAS if p.email == email)
