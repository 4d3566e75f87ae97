"""The one shape of a POST action view: access → form → service → message → redirect.

A view fetches what it acts on through its app's access helpers (a foreign object is a 404),
then hands the rest here:

    @login_required
    @require_POST
    def cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
        registration = access.get_own_registration(user=request.user, pk=pk)
        return post_action(
            request,
            lambda: services.registration_cancel(actor=request.user, registration=registration),
            success=_("Your registration is cancelled."),
            redirect_to=reverse("forums:detail", args=[registration.forum_id]),
        )

With a form, the service receives its cleaned data; the form's errors and the service's
ValidationError alike come back as messages headed by the field's label.

Where the view is nothing but that shape on one object, `action_view` declares it in a line:

    registration_cancel = action_view(
        access.get_own_registration, services.registration_cancel, "registration",
        success=_("Your registration is cancelled."), redirect_to=to_forum,
    )

A signed-in page of one object is declared likewise, its access helper, its name in the
template, the template and what else the page shows:

    longlist = object_page(
        access.get_assignment_for_manager, "assignment", "deployments/longlist.html", _longlist
    )

The other shape, a page with its form: `saved` runs the service on a valid form (its errors go
on the form) and `form_page` shows the page again, status 400 when the form failed;
`create_page` is the whole "new …" page on the template `FORM_PAGE`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.views.decorators.http import require_POST

from council.lib.forms import add_service_errors, flash_errors, valid_data

Result = TypeVar("Result")
Target = TypeVar("Target")
Message = str | Promise | Callable[[Any], str | Promise] | None


def post_action(
    request: HttpRequest,
    action: Callable[..., Result],
    *,
    success: Message,
    redirect_to: str | Callable[[Any], str],
    form: forms.BaseForm | None = None,
    failure_to: str | None = None,
) -> HttpResponseRedirect:
    """Run `action` (with the form's cleaned data as its one argument when a form is given),
    flash `success` (a text, or a function of the action's result) or the errors, and
    redirect to `redirect_to` (`failure_to` after errors, when given). `redirect_to` may be a
    function of the action's result; `failure_to` is then required."""
    try:
        result = action(valid_data(form)) if form is not None else action()
    except ValidationError as error:
        flash_errors(request, error, form)
        back = failure_to or redirect_to
        assert isinstance(back, str), "failure_to is required when redirect_to is a function"
        return HttpResponseRedirect(back)
    text = success(result) if callable(success) else success
    if text:
        messages.success(request, str(text))
    return HttpResponseRedirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def action_view(
    fetch: Callable[..., Target],
    service: Callable[..., Any],
    target: str,
    *,
    success: Message,
    redirect_to: Callable[[Target], str],
    form: Callable[..., forms.BaseForm] | None = None,
    form_takes_target: bool = False,
    files: bool = False,
    data: Callable[[HttpRequest, Target], dict[str, Any]] | None = None,
    actor: str = "actor",
    failure_to: Callable[[Target], str] | None = None,
    result_to: Callable[[Any], str] | None = None,
) -> Callable[..., HttpResponse]:
    """A signed-in POST view on one object: `fetch(user=…, pk=…)` (an access helper) finds it,
    then `service(<actor>=the user, <target>=the object, **the form's cleaned data)` acts on it
    through `post_action`. `form` is called with the POST data (then the uploaded files with
    `files`, and `<target>=the object` with `form_takes_target`).

    Without a form, `data(request, the object)` may give the service's other arguments; it runs
    within the action, so a ValidationError it raises (`valid_data` of a form it builds) is
    flashed as it is, its messages not headed by field labels. With `result_to`, success goes
    to `result_to(the service's result)` and errors to `redirect_to(the object)`."""

    @login_required
    @require_POST
    def view(request: HttpRequest, **url: Any) -> HttpResponse:
        found = fetch(user=request.user, **url)
        bound = None
        if form is not None:
            extra = {target: found} if form_takes_target else {}
            bound = form(request.POST, *([request.FILES] if files else []), **extra)

        def act(cleaned: dict[str, Any] | None = None) -> Any:
            given = data(request, found) if data is not None else cleaned or {}
            return service(**{actor: request.user, target: found}, **given)

        here = redirect_to(found)
        return post_action(
            request,
            act,
            success=success,
            redirect_to=result_to or here,
            form=bound,
            failure_to=here if failure_to is None else failure_to(found),
        )

    view.__name__ = view.__qualname__ = getattr(service, "__name__", "action")
    return view


def actions(
    fetch: Callable[..., Any], target: str, **shared: Any
) -> Callable[..., Callable[..., HttpResponse]]:
    """What several `action_view`s on the same object share (its fetch, its name, where they
    go back to…), bound once: each is then declared by its service and its message,
    `on(service, success, **its other options)`; an option it gives (`fetch` too) overrides the
    shared one."""

    def declare(service: Callable[..., Any], success: Message, **options: Any) -> Any:
        found = options.pop("fetch", fetch)
        return action_view(found, service, target, success=success, **{**shared, **options})

    return declare


def object_page(
    fetch: Callable[..., Target],
    name: str,
    template: str,
    context: Callable[[HttpRequest, Target], Mapping[str, Any]] | None = None,
) -> Callable[..., HttpResponse]:
    """A signed-in page of one object: `fetch(user=…, pk=…)` (an access helper) finds it and
    `template` shows it as `name`, beside `context(request, the object)`."""

    @login_required
    def view(request: HttpRequest, **url: Any) -> HttpResponse:
        found = fetch(user=request.user, **url)
        more = context(request, found) if context is not None else {}
        return render(request, template, {name: found, **more})

    view.__name__ = view.__qualname__ = f"{name}_page"
    return view


def list_page(template: str, name: str, rows: Callable[[], Any]) -> Callable[..., HttpResponse]:
    """A public page listing `rows()` under `name` on `template`."""

    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template, {name: rows()})

    view.__name__ = view.__qualname__ = f"{name}_list"
    return view


def page(name: str, attr: str = "pk") -> Callable[[Any], str]:
    """An `action_view` `redirect_to` (or `result_to`): the URL named `name` with the object's
    `attr` (its pk, or the id of what it belongs to, as `"exchange_id"`)."""
    return lambda found: reverse(name, args=[getattr(found, attr)])


def form_data(form_class: Callable[..., forms.BaseForm]) -> Callable[[HttpRequest, Any], Any]:
    """An `action_view` `data`: the cleaned data of `form_class(request.POST)`, its errors
    flashed as they are."""
    return lambda request, _target: valid_data(form_class(request.POST))


def posted(
    field: str, name: str | None = None, *, equals: str | None = None
) -> Callable[[HttpRequest, Any], dict[str, Any]]:
    """An `action_view` `data`: the service's argument `name` (the field's own name by default)
    is the posted `field` ("" when missing) or, with `equals`, whether it was posted as that."""

    def data(request: HttpRequest, _target: Any) -> dict[str, Any]:
        value = request.POST.get(field, "")
        return {name or field: value if equals is None else value == equals}

    return data


def saved(form: forms.BaseForm, save: Callable[[], Result], *, valid: bool = True) -> Result | None:
    """What the service returned, or None when the form (or `valid`, for formsets beside it)
    or the service refused; the service's errors are put on the form."""
    if not (form.is_valid() and valid):
        return None
    try:
        return save()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def form_page(
    request: HttpRequest, template: str, context: Mapping[str, Any], *, failed: bool
) -> HttpResponse:
    """The page with its form, status 400 when the form shows errors."""
    return render(request, template, dict(context), status=400 if failed else 200)


# The council's "new …" page (a council, an agreement, a programme, a call, an assignment).
FORM_PAGE = "cooperation/form_page.html"


def create_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[dict[str, Any]], Any],
    success: str | Promise,
    redirect_to: Callable[[Any], str],
    heading: str | Promise,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The form, the service that records it (`save` receives a copy of the cleaned data), the
    service's errors shown on the form (status 400), or a message and `redirect_to(what the
    service returned)`."""
    if request.method == "POST":
        created = saved(form, lambda: save(dict(form.cleaned_data)))
        if created is not None:
            messages.success(request, str(success))
            return HttpResponseRedirect(redirect_to(created))
    page = {**(context or {}), "form": form, "heading": heading}
    return form_page(request, FORM_PAGE, page, failed=request.method == "POST")


def saved_or_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], Result],
    success: str | Promise,
    *,
    redirect_to: Callable[[Result], str],
    template: str,
    failed: bool = False,
    valid: bool = True,
    **context: Any,
) -> HttpResponse:
    """A page with a form that a service saves: posted and saved (`saved`), the message and the
    redirect to `redirect_to(what the service returned)`; else the page with the form and the
    context, status 400 when the form (or, by `failed`, what stands beside it) shows errors."""
    if request.method == "POST":
        done = saved(form, save, valid=valid)
        if done is not None:
            messages.success(request, str(success))
            return HttpResponseRedirect(redirect_to(done))
    page = {**context, "form": form}
    return form_page(request, template, page, failed=failed or bool(form.errors))
