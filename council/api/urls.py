"""The REST API under /api/v1/: one NinjaAPI, one router per domain app, errors as problems."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError, ValidationErrorContext
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from council.api.auth import SIGNED_IN, Anonymous
from council.api.errors import (
    PROBLEM_CONTENT_TYPE,
    Problem,
    install_problem_handlers,
    problem_response,
    validation_errors,
)
from council.api.routers import (
    applications,
    contacts,
    cooperation,
    dedup,
    deployments,
    exchanges,
    forums,
    hours,
    imports,
    interchange,
    messaging,
    news,
    orgs,
    projects,
    push,
    reference,
    references,
    reports,
    teams,
    training,
    volunteers,
    webhooks,
)
from council.api.throttling import API_THROTTLES

View = Callable[..., HttpResponseBase]
ANONYMOUS = Anonymous.__name__


def _with_problems(view: View) -> View:
    """Turns what ninja answers outside its operations (an unknown method, the bare root)
    into problem details too."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return problem_response(404)
        if response.status_code == 405 and response.get("Content-Type") != PROBLEM_CONTENT_TYPE:
            allow = response.get("Allow", "")
            problem = problem_response(
                405, _("The method %(method)s is not allowed here.") % {"method": request.method}
            )
            problem["Allow"] = allow
            return problem
        return response

    return wrapper


def _not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    return problem_response(404)


def _problem_pattern(pattern: URLPattern | URLResolver) -> URLPattern | URLResolver:
    if not isinstance(pattern, URLPattern):
        return pattern
    return URLPattern(
        pattern.pattern, _with_problems(pattern.callback), pattern.default_args, pattern.name
    )


def problem_urls(api: NinjaAPI) -> tuple[list[URLPattern | URLResolver], str, str]:
    """`api.urls` for the URLconf, every view answering problems, and after them a catch-all
    that makes any other path under the API a problem 404 rather than the site's HTML page."""
    patterns, app_name, namespace = api.urls
    return (
        [
            *(_problem_pattern(pattern) for pattern in patterns),
            re_path(r"^(?P<path>.*)$", _not_found, name="not-found"),
        ],
        app_name,
        namespace,
    )


ROUTERS = "council.api.routers."
# Routers that were split out of another (issue 18) keep the operation ids they had, so that
# clients generated from the schema keep their names.
OPERATION_MODULES = {"exchanges": "cooperation", "deployments": "cooperation"}


class CouncilApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """`council_api_routers_<domain>_<function>`, as ninja names it, for a router module
        or a package of them alike (`routers/projects/shifts.py` is still `projects`)."""
        module = operation.view_func.__module__
        if module.startswith(ROUTERS):
            domain = module.removeprefix(ROUTERS).split(".")[0]
            module = ROUTERS + OPERATION_MODULES.get(domain, domain)
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> ValidationError:
        return validation_errors(error_contexts)

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        schema["components"]["schemas"].update(problem.pop("$defs", {}))
        schema["components"]["schemas"]["Problem"] = problem
        # ninja lists `anonymous` as {"Anonymous": []}: no scheme of its own, but an empty
        # requirement, so that these operations may also be called without credentials.
        schema["components"].get("securitySchemes", {}).pop(ANONYMOUS, None)
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                operation["responses"]["4XX"] = {
                    "description": _("An error, as RFC 9457 problem details"),
                    "content": {
                        PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
                    },
                }
                if "security" in operation:
                    operation["security"] = [
                        {} if requirement == {ANONYMOUS: []} else requirement
                        for requirement in operation["security"]
                    ]
        return schema


api = CouncilApi(
    title="Volunteer Council API",
    version="1.0.0",
    description=(
        "Send a personal API token as `Authorization: Bearer <token>` (create one on the "
        "API tokens page), or use the browser session with its CSRF token. Lists are "
        "cursor-paginated: pass `next_cursor` back as `cursor`. Errors are RFC 9457 problem "
        "details in the language of `Accept-Language`."
    ),
    urls_namespace="api-1.0.0",
    docs_url="/docs",
    # Swagger UI is served from ninja's bundled static files; no validator badge, which would
    # call out to swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    auth=SIGNED_IN,
    # Anonymous callers per address, each token (and session) on its own; 429 with Retry-After.
    throttle=API_THROTTLES,
)
install_problem_handlers(api)
api.add_router("/reference", reference.router)
api.add_router("", orgs.router)
api.add_router("/volunteers", volunteers.router)
api.add_router("", contacts.router)
api.add_router("", projects.router)
api.add_router("", applications.router)
api.add_router("", teams.router)
api.add_router("", messaging.router)
api.add_router("", hours.router)
api.add_router("", references.router)
api.add_router("", forums.router)
api.add_router("", cooperation.router)
api.add_router("", exchanges.router)
api.add_router("", deployments.router)
api.add_router("", reports.router)
api.add_router("", imports.router)
api.add_router("", dedup.router)
api.add_router("", interchange.router)
api.add_router("", webhooks.router)
api.add_router("", news.router)
api.add_router("", push.router)
api.add_router("", training.router)

urls = problem_urls(api)
