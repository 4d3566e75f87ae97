"""Fuzzing the API from its own OpenAPI document (schemathesis), in-process through the WSGI
application, against the real database: an anonymous caller and two tokens of different roles
(a volunteer's and an organisation administrator's, both with write scope).

Two checks, zero failures allowed: no answer is a server error, and every answer matches the
schema the document gives for it. Bounded (FUZZ_EXAMPLES cases per operation, mode and caller;
about two minutes on PostgreSQL) and derandomised, so that a run repeats the one before it.
`make test` runs it in the PostgreSQL pass (marker `fuzz`); by hand:

    DATABASE_URL=postgres://... pytest -m fuzz council/api/tests/test_api_fuzz.py
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from council.accounts.models import User
from council.api.models import TokenScope
from council.api.services import api_token_create
from council.api.tests.conftest import bearer
from council.forums.tests.conftest import make_forum
from council.orgs.models import Organisation
from council.projects.tests.conftest import make_opportunity, make_project

pytestmark = pytest.mark.fuzz

# Cases per operation, generation mode and caller (about 4,700 cases in all, one to three
# minutes on PostgreSQL, by the load of the machine); FUZZ_EXAMPLES=100 for a longer hunt.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
CHECKS = [not_a_server_error, response_schema_conformance]


# --- the run -------------------------------------------------------------------------------


@dataclass
class Tally:
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    nothing_to_vary: int = 0

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)


@pytest.fixture
def callers(transactional_db: Any, volunteer: User, org_admin: User) -> dict[str, dict[str, str]]:
    _token, volunteer_key = api_token_create(user=volunteer, name="fuzz", scope=TokenScope.WRITE)
    _token, admin_key = api_token_create(user=org_admin, name="fuzz", scope=TokenScope.WRITE)
    return {
        "anonymous": {},
        "volunteer": bearer(volunteer_key),
        "organisation admin": bearer(admin_key),
    }


@pytest.fixture
def known_ids(org: Organisation, astana: Any, reference: dict[str, Any]) -> dict[str, int]:
    """Ids of real objects, so that part of the cases reach past the 404."""
    project = make_project(org)
    opportunity = make_opportunity(project, capacity=3)
    forum = make_forum(org, astana)
    return {
        "organisation_id": org.pk,
        "project_id": project.pk,
        "opportunity_id": opportunity.pk,
        "shift_id": opportunity.shifts.get().pk,
        "forum_id": forum.pk,
    }


def _run(operation: Any, strategy: Any, caller: str, headers: dict[str, str], tally: Tally) -> None:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def fuzz(case: Any) -> None:
        tally.cases += 1
        response = case.call(headers=headers)
        tally.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as failure:
            tally.failures.append(f"{operation.label} as {caller}: {failure}")

    try:
        fuzz()
    except Unsatisfiable:
        # Nothing to vary (no parameters, or no way to break them in negative mode).
        tally.nothing_to_vary += 1


def test_the_api_holds_its_schema_for_every_caller(
    callers: dict[str, dict[str, str]], known_ids: dict[str, int], capsys: Any
) -> None:
    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    tally = Tally()
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        names = {parameter.name for parameter in operation.path_parameters}
        fixed = {name: known_ids[name] for name in names if name in known_ids}
        for caller, headers in callers.items():
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                strategies = [operation.as_strategy(generation_mode=mode)]
                if fixed and len(fixed) == len(names):
                    strategies.append(
                        operation.as_strategy(generation_mode=mode, path_parameters=fixed)
                    )
                _run(operation, st.one_of(strategies), caller, headers, tally)
    elapsed = time.monotonic() - started
    with capsys.disabled():  # the figures show in every run, not only a failing one
        print(
            f"\nAPI fuzz: {len(operations)} operations × {len(callers)} callers, "
            f"{tally.cases} cases generated in {elapsed:.0f} s; 5xx seen: {tally.server_errors}; "
            f"failures: {len(tally.failures)}; statuses: {dict(sorted(tally.statuses.items()))}"
        )
    for failure in tally.failures:
        print(failure)
    assert tally.failures == []
    assert tally.server_errors == 0
