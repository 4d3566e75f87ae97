"""Every URL pattern of the project, as the resolver holds them, and how to fill its
parameters with the objects of world.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.world import World


@dataclass(frozen=True)
class Route:
    pattern: str  # the whole pattern, prefixes joined: "orgs/<int:pk>/edit/"
    name: str  # "namespace:name" or ""


def all_routes() -> list[Route]:
    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Route]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(n for n in (namespace, entry.namespace or "") if n)
                yield from walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = ":".join(n for n in (namespace, entry.name or "") if n)
                yield Route(prefix + str(entry.pattern), name)

    return list(walk(get_resolver(), "", ""))


# How each parameter is filled: (pattern regex, parameter) -> object kind of world.py, or a
# literal in quotes. The first matching line wins.
PARAMETERS: list[tuple[str, str, str]] = [
    (r"^training/orgs/", "organisation_pk", "organisation"),
    (r"^training/modules/", "pk", "training_module"),
    (r"^training/questions/", "pk", "quiz_question"),
    (r"^training/attachments/", "pk", "training_attachment"),
    (r"^training/credentials/", "pk", "credential"),
    (r"^news/", "organisation_pk", "organisation"),
    (r"^news/", "council_pk", "council"),
    (r"^news/", "language", "'en'"),
    (r"^news/", "pk", "news"),
    (r"^webhooks/orgs/", "pk", "organisation"),
    (r"^webhooks/deliveries/", "pk", "webhook_delivery"),
    (r"^webhooks/", "pk", "webhook_endpoint"),
    (r"^orgs/invitations/", "token", "invitation.token"),
    (r"^orgs/", "membership_pk", "membership"),
    (r"^orgs/", "invitation_pk", "invitation"),
    (r"^orgs/", "pk", "organisation"),
    (r"^volunteer/invitation/", "token", "contact.raw_token"),
    (r"^volunteer/orgs/", "pk", "organisation"),
    (r"^volunteer/contacts/", "pk", "contact"),
    (r"^projects/", "pk", "project"),
    (r"^opportunities/", "pk", "opportunity"),
    (r"^shifts/", "pk", "shift"),
    (r"^(me/)?applications/", "pk", "application"),
    (r"^messages/opportunities/", "pk", "opportunity"),
    (r"^messages/quotas/", "pk", "quota"),
    (r"^messages/delegations/", "pk", "delegation"),
    (r"^messages/", "pk", "message"),
    (r"^me/unsubscribe/", "token", "unsubscribe.token"),
    (r"^me/handovers/", "pk", "handover"),
    (r"^handovers/take/", "token", "handover.token"),
    (r"^handovers/", "pk", "handover"),
    (r"^me/teams/invites/", "pk", "team_invite"),
    (r"^me/teams/members/", "pk", "team_member"),
    (r"^teams/join/", "token", "team_invite.token"),
    (r"^(me/)?teams/", "pk", "team"),
    (r"^federation/apply/", "opportunity_pk", "opportunity"),
    (r"^federation/applications/", "pk", "application"),
    (r"^federation/forums/", "forum_pk", "forum"),
    (r"^federation/registrations/", "pk", "registration"),
    (r"^federation/exchanges/", "pk", "exchange"),
    (r"^federation/assignments/", "pk", "assignment"),
    (r"^calendar/", "token", "calendar.token"),
    (r"^hours/tickets/", "pk", "application"),
    (r"^hours/references/", "pk", "reference"),
    (r"^hours/applications/", "pk", "application"),
    (r"^hours/letters/", "pk", "letter"),
    (r"^hours/certificates/", "pk", "certificate"),
    (r"^hours/orgs/", "pk", "organisation"),
    (r"^hours/shifts/", "pk", "shift"),
    (r"^hours/", "pk", "entry"),
    (r"^verify/", "code", "certificate.code"),
    (r"^forums/questions/", "pk", "question"),
    (r"^forums/registrations/", "pk", "registration"),
    (r"^forums/quotas/", "pk", "quota"),
    (r"^forums/delegations/", "pk", "delegation"),
    (r"^forums/members/", "pk", "delegation_member"),
    (r"^forums/sessions/", "pk", "session"),
    (r"^forums/", "pk", "forum"),
    (r"^councils/", "pk", "council"),
    (r"^agreements/documents/", "pk", "document"),
    (r"^agreements/", "pk", "agreement"),
    (r"^programmes/", "pk", "programme"),
    (r"^commitments/", "pk", "commitment"),
    (r"^meetings/", "pk", "meeting"),
    (r"^exchanges/", "step", "'country'"),
    (r"^exchanges/", "pk", "exchange"),
    (r"^exchange-applications/", "pk", "exchange_application"),
    (r"^deployments/", "pk", "assignment"),
    (r"^candidacies/", "pk", "candidacy"),
    (r"^(reports/)?companies/", "pk", "company"),
    (r"^reports/orgs/", "pk", "organisation"),
    (r"^reports/networks/", "pk", "network"),
    (r"^reports/networks/", "table", "'regions'"),
    (r"^reports/tables/", "kind", "'countries'"),
    (r"^reports/exports/", "pk", "export"),
    (r"^exchange-format/imports/", "pk", "exchange_import"),
    (r"^imports/", "duplicate_pk", "import_duplicate"),
    (r"^imports/", "pk", "import"),
    (r"", "export_format", "'csv'"),
    (r"^tokens/", "pk", "token"),
    (r"^duplicates/merges/", "pk", "account_merge"),
    (r"^duplicates/", "pk", "duplicate"),
    (r"^ops/tasks/", "pk", "failed_task"),
    (r"^federation/peers/", "pk", "peer"),
    (r"^federation/v1/", "name", "'feed'"),
    (r"^accounts/", "key", "'no-such-key'"),
    (r"^accounts/", "uidb36", "'1'"),
    (r"^admin/r/", "content_type_id", "'1'"),
    (r"^admin/", "object_id", "organisation"),
    (r"^admin/", "id", "'1'"),
    (r"^admin/", "app_label", "'orgs'"),
    (r"^admin/", "url", "'no-such-page/'"),
    (r"^api/v1/", "path", "'no-such-operation'"),
    (r"^media/", "path", "'nothing.txt'"),
]

_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>\w+)>")
_GROUP = re.compile(r"\(\?P<(?P<parameter>\w+)>[^()]*(?:\([^()]*\)[^()]*)*\)")


def parameters_of(route: Route) -> list[str]:
    groups = [m["parameter"] for m in _GROUP.finditer(route.pattern)]
    rest = _GROUP.sub("", route.pattern)
    return groups + [m["parameter"] for m in _CONVERTER.finditer(rest)]


def filler(route: Route, parameter: str) -> str:
    for pattern, name, kind in PARAMETERS:
        if name == parameter and re.search(pattern, route.pattern):
            return kind
    raise LookupError(f"route {route.pattern} has a parameter {parameter} nobody fills")


def objects_in(route: Route, world: World, persona: str) -> list[object]:
    """The objects (model instances) the URL names, for checking that a write left them as
    they were."""
    found = []
    for parameter in parameters_of(route):
        kind = filler(route, parameter)
        if not kind.startswith("'"):
            found.append(world.object_for(persona, kind.split(".")[0]))
    return found


def url_for(route: Route, world: World, persona: str) -> str:
    def value(parameter: str) -> str:
        kind = filler(route, parameter)
        if kind.startswith("'"):
            return kind.strip("'")
        name, _, attribute = kind.partition(".")
        obj = world.object_for(persona, name)
        return str(getattr(obj, attribute or "pk"))

    path = _GROUP.sub(lambda m: value(m["parameter"]), route.pattern)
    path = _CONVERTER.sub(lambda m: value(m["parameter"]), path)
    return "/" + path.replace("^", "").replace("$", "")
