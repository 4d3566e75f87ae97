"""The README leads with what a newcomer needs, and names every demo person it lists."""

from __future__ import annotations

from django.conf import settings

from council.demo.personas import DEMO_PASSWORD, PERSONAS

README = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
START = README.split("\n## ")[1]  # the first section


def test_the_first_section_has_the_commands_the_port_the_mail_and_the_password() -> None:
    assert START.startswith("Start here")
    for words in ("make run", "make test", "PORT=8101", DEMO_PASSWORD, "demo_logins"):
        assert words in START, words
    assert "Mail is printed in the terminal where `make run` runs" in START


def test_it_lists_every_main_persona_and_every_organisation_admin() -> None:
    for persona in PERSONAS:
        if persona.main or persona.role.startswith("admin,"):
            assert f"| `{persona.email}` |" in START, persona.email


def test_the_benchmark_tables_live_in_docs() -> None:
    benchmarks = (settings.BASE_DIR / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert "docs/benchmarks.md" in README
    assert "| case | run 1 p50 |" in benchmarks and "| case | run 1 p50 |" not in README
    assert "registrations/s" in benchmarks and "registrations/s" not in README
