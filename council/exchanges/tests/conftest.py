"""The council of the two national networks comes from the cooperation tests; pytest passes it
in by name."""

from council.cooperation.tests.conftest import council  # noqa: F401
