"""The one shape of an API action on one object: the access helper finds the object the path
names for the caller (a foreign one is a 404), a service acts on it, the endpoint answers
what the service returned, or `answer(request, object, result)` (201 with `created`).

The decorated function names the endpoint (its name is the operation id, its docstring the
description) and turns the payload into the service's other keyword arguments:

    @router.post("/registrations/{registration_id}/cancel", response=RegistrationOut)
    @acts_on(access.get_registration_for_person, services.registration_cancel, "registration")
    def registration_cancel() -> Arguments:
        return {}

    @router.post("/hours/{entry_id}/reject", response=HoursEntryOut)
    @acts_on(access.get_entry_for_verifier, services.hours_reject, "entry")
    def hours_reject(payload: RejectIn) -> Arguments:
        \"\"\"Reject with a reason, which is mailed to the volunteer.\"\"\"
        return {"reason": payload.reason}

The path parameter is `<target>_id` (or `path_id=`); a `payload` parameter of the function is
the request body, a second parameter receives the object found."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.http import HttpRequest
from ninja import Status

from council.api.schemas import Id

Arguments = dict[str, Any]


def acts_on(
    fetch: Callable[..., Any],
    service: Callable[..., Any],
    target: str,
    *,
    actor: str = "actor",
    created: bool = False,
    answer: Callable[..., Any] | None = None,
    path_id: str | None = None,
) -> Callable[[Callable[..., Arguments]], Callable[..., Any]]:
    """`fetch(user=the caller, pk=<path id>)`, then `service(<actor>=the caller, <target>=the
    object, **arguments(payload[, object]))`; the answer is the service's result, or
    `answer(request, object, result)`, with 201 when `created`."""
    pk_name = path_id or f"{target}_id"

    def declare(arguments: Callable[..., Arguments]) -> Callable[..., Any]:
        hints = typing.get_type_hints(arguments)
        takes = list(inspect.signature(arguments).parameters)
        body = hints.get("payload") if "payload" in takes else None

        @wraps(arguments)
        def endpoint(request: HttpRequest, **values: Any) -> Any:
            found = fetch(user=request.user, pk=values[pk_name])
            given = [values["payload"]] if body is not None else []
            extra = arguments(*given, *([found] if len(takes) > len(given) else []))
            result = service(**{actor: request.user, target: found}, **extra)
            if answer is not None:
                result = answer(request, found, result)
            return Status(201, result) if created else result

        parameters = [
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            inspect.Parameter(pk_name, inspect.Parameter.KEYWORD_ONLY, annotation=Id),
        ]
        if body is not None:
            parameters.append(
                inspect.Parameter("payload", inspect.Parameter.KEYWORD_ONLY, annotation=body)
            )
        endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        del endpoint.__wrapped__  # the signature above, not the function's, is the endpoint's
        return endpoint

    return declare


# The caller signs up for the object (registers, applies, stands as a candidate): the service
# takes them as `person` and makes what the 201 answers.
signs_up = partial(acts_on, actor="person", created=True)
