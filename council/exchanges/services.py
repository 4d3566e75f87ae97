"""Exchanges with joint selection (docs/exchanges.md): the secretariat prepares the call
(countries with quotas and nominating networks, published criteria, a panel with members from
every country) and opens it; volunteers of those countries apply; each national network
nominates its candidates; every panel member scores every nominated candidate on every
criterion; the ranking per country uses the mean of the panel members' totals; the selection
takes each country's quota from the top of its ranking, the next ones as a reserve.

Ties: a higher mean first, then the smaller disagreement (the spread between the highest and
the lowest total), then the earlier application."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Required, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.accounts.personal_mail import mail_person
from council.accounts.services import ensure_cross_border_consent
from council.audit.records import audit_for, create_audited, update_audited
from council.cooperation.models import Council, Programme
from council.cooperation.services.texts import has_text
from council.exchanges.access import nominating_countries
from council.exchanges.models import (
    ApplicationStatus,
    Exchange,
    ExchangeApplication,
    ExchangeCountry,
    ExchangeCriterion,
    ExchangeStatus,
    PanelMember,
    Score,
)
from council.exchanges.selectors import DISAGREEMENT_SHARE, Ranked, exchange_quotas, ranking
from council.lib.forms import clean_model_fields, translated_fields
from council.lib.locks import lock_row
from council.lib.mirrors import EXCHANGE_AT_HOME, ensure_local
from council.lib.translated import Texts
from council.orgs.models import Organisation
from council.projects.models import Project
from council.reference.models import Country

EXCHANGE_FIELDS = (
    *translated_fields("title", "description"),
    "programme",
    "project",
    "starts_on",
    "ends_on",
    "applications_close",
)

__all__ = ["DISAGREEMENT_SHARE", "Ranked", "ranking"]


_audit = audit_for("council")


def _locked(exchange: Exchange, status: str | None = None, refusal: str = "") -> Exchange:
    """The call, locked; refused with `refusal` unless it is at `status` (when given)."""
    locked = lock_row(Exchange, exchange.pk)
    assert locked is not None
    ensure_local(locked)  # another node's call is kept there
    if status is not None and locked.status != status:
        raise ValidationError(refusal)
    return locked


class ExchangeValues(Texts, total=False):
    starts_on: Required[date]
    ends_on: Required[date]
    applications_close: Required[date]
    programme: Programme | None
    project: Project | None


@transaction.atomic
def exchange_create(*, actor: User, council: Council, **values: Unpack[ExchangeValues]) -> Exchange:
    """A call being prepared, titled in at least one language."""
    ensure_local(council)
    exchange = Exchange(council=council, status=ExchangeStatus.DRAFT, **values)
    errors: dict[str, list[str]] = {}
    if not has_text(exchange, "title"):
        errors["title_ru"] = [_("Give the exchange a title in at least one language.")]
    if exchange.starts_on and exchange.ends_on and exchange.starts_on > exchange.ends_on:
        errors["ends_on"] = [_("The exchange ends before it starts.")]
    if (
        exchange.applications_close
        and exchange.starts_on
        and exchange.applications_close > exchange.starts_on
    ):
        errors["applications_close"] = [_("Applications close before the exchange starts.")]
    if errors:
        raise ValidationError(errors)
    exclude = ["council", "title", "description"]
    return create_audited(
        exchange, actor=actor, action="exchange.created", exclude=exclude, audit=_audit
    )


def _move(actor: User, exchange: Exchange, status: str, action: str, **data: int) -> Exchange:
    """The call's next step: its status saved and audited."""
    changes = {"status": status}
    return update_audited(exchange, changes, actor=actor, action=action, data=data, audit=_audit)


def _preparing(exchange: Exchange) -> Exchange:
    """The call, locked, while it is being prepared."""
    refusal = _("The call is open: its countries, criteria and panel are fixed.")
    return _locked(exchange, ExchangeStatus.DRAFT, refusal)


@transaction.atomic
def country_add(
    *, actor: User, exchange: Exchange, country: Country, quota: int, network: Organisation
) -> ExchangeCountry:
    exchange = _preparing(exchange)
    if network.country_id != country.pk:
        raise ValidationError({"network": _("The nominating organisation is of that country.")})
    if exchange.countries.filter(country=country).exists():
        raise ValidationError({"country": _("This country already takes part.")})
    row = ExchangeCountry.objects.create(
        exchange=exchange, country=country, quota=quota, network=network
    )
    _audit(actor, "exchange.country_added", exchange, country=country.pk, quota=quota)
    return row


@transaction.atomic
def criterion_add(
    *, actor: User, exchange: Exchange, names: dict[str, str], max_score: int = 10
) -> ExchangeCriterion:
    exchange = _preparing(exchange)
    if not any(names.values()):
        raise ValidationError({"name_ru": _("Name the criterion in at least one language.")})
    if not 1 <= max_score <= 100:
        raise ValidationError({"max_score": _("The highest score is between 1 and 100.")})
    criterion = ExchangeCriterion(
        exchange=exchange,
        max_score=max_score,
        **{f"name_{code}": name for code, name in names.items()},
    )
    clean_model_fields(criterion, *(f"name_{code}" for code in names))
    criterion.save()
    _audit(actor, "exchange.criterion_added", exchange, criterion=criterion.pk)
    return criterion


@transaction.atomic
def panel_member_add(*, actor: User, exchange: Exchange, person: User) -> PanelMember:
    """A panel member scores for the country of their home."""
    exchange = _preparing(exchange)
    country_id = person.home_country_id
    if country_id is None or not exchange.countries.filter(country_id=country_id).exists():
        raise ValidationError({"email": _("Panel members come from the countries taking part.")})
    if exchange.panel.filter(user=person).exists():
        raise ValidationError({"email": _("This person is on the panel already.")})
    member = PanelMember.objects.create(exchange=exchange, user=person, country_id=country_id)
    _audit(actor, "exchange.panel_member_added", exchange, person=person.pk)
    return member


@transaction.atomic
def exchange_open(*, actor: User, exchange: Exchange) -> Exchange:
    exchange = _preparing(exchange)
    countries = set(exchange.countries.values_list("country_id", flat=True))
    if len(countries) < 2:
        raise ValidationError(_("An exchange needs at least two countries."))
    if not exchange.criteria.exists():
        raise ValidationError(_("Publish the criteria before opening the call."))
    if set(exchange.panel.values_list("country_id", flat=True)) != countries:
        raise ValidationError(_("The panel needs members from every country taking part."))
    return _move(actor, exchange, ExchangeStatus.OPEN, "exchange.opened")


@transaction.atomic
def application_submit(
    *,
    person: User,
    exchange: Exchange,
    motivation: str,
    cross_border_consent: bool = False,
    today: date | None = None,
) -> ExchangeApplication:
    """A volunteer of a participating country applies while the call is open. The panel has
    members from the other countries: the application needs the cross-border consent."""
    # Another node's call decides there: the person's home node sends the application.
    ensure_local(exchange, message=EXCHANGE_AT_HOME)
    exchange = _locked(exchange)
    day = today or timezone.localdate()
    if exchange.status != ExchangeStatus.OPEN or day > exchange.applications_close:
        raise ValidationError(_("This call is not open for applications."))
    country_id = person.home_country_id
    if country_id is None or not exchange.countries.filter(country_id=country_id).exists():
        raise ValidationError(_("This call is for volunteers of the countries taking part."))
    if not motivation.strip():
        raise ValidationError({"motivation": _("Tell the panel why you should go.")})
    if exchange.applications.filter(person=person).exists():
        raise ValidationError(_("You have already applied."))
    ensure_cross_border_consent(
        person=person,
        given=cross_border_consent,
        refusal=_(
            "The panel has members from other countries: agree to share your "
            "application with them to apply."
        ),
    )
    application = ExchangeApplication.objects.create(
        exchange=exchange,
        person=person,
        country_id=country_id,
        motivation=motivation.strip(),
    )
    _audit(person, "exchange.applied", exchange, application=application.pk)
    return application


@transaction.atomic
def applications_close(*, actor: User, exchange: Exchange) -> Exchange:
    """The call stops taking applications; nominations go on and the panel scores."""
    exchange = _locked(exchange, ExchangeStatus.OPEN, _("Only an open call can be closed."))
    return _move(actor, exchange, ExchangeStatus.SCORING, "exchange.closed")


@transaction.atomic
def application_nominate(
    *, actor: User, application: ExchangeApplication, nominate: bool
) -> ExchangeApplication:
    """The country's network nominates its candidate (or not), until the selection."""
    exchange = _locked(application.exchange)
    application = ExchangeApplication.objects.select_for_update().get(pk=application.pk)
    if exchange.status not in (ExchangeStatus.OPEN, ExchangeStatus.SCORING):
        raise ValidationError(_("Nominations are closed."))
    if application.country_id not in nominating_countries(user=actor, exchange=exchange):
        raise ValidationError(_("Only the nominating organisation of this country nominates."))
    application.status = (
        ApplicationStatus.NOMINATED if nominate else ApplicationStatus.NOT_NOMINATED
    )
    application.save(update_fields=["status"])
    if not nominate:
        application.scores.all().delete()
    _audit(actor, f"exchange.{application.status}", exchange, application=application.pk)
    return application


@transaction.atomic
def scores_set(
    *, actor: User, application: ExchangeApplication, values: dict[int, int]
) -> list[Score]:
    """A panel member scores a nominated candidate on every criterion (again, to change)."""
    exchange = Exchange.objects.get(pk=application.exchange_id)
    application = ExchangeApplication.objects.get(pk=application.pk)
    member = PanelMember.objects.filter(exchange=exchange, user=actor).first()
    if member is None:
        raise ValidationError(_("Only the panel scores."))
    if exchange.status != ExchangeStatus.SCORING:
        raise ValidationError(_("Scoring starts when the call closes and ends with the selection."))
    if application.status != ApplicationStatus.NOMINATED:
        raise ValidationError(_("Only nominated candidates are scored."))
    errors: dict[str, list[str]] = {}
    criteria = list(exchange.criteria.all())
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value is None or not 0 <= value <= criterion.max_score:
            errors[f"criterion_{criterion.pk}"] = [
                _("Give a score from 0 to %(max)d.") % {"max": criterion.max_score}
            ]
    if errors:
        raise ValidationError(errors)
    scores = []
    for criterion in criteria:
        score, _created = Score.objects.update_or_create(
            application=application,
            panel_member=member,
            criterion=criterion,
            defaults={"value": values[criterion.pk], "scored_at": timezone.now()},
        )
        scores.append(score)
    _audit(actor, "exchange.scored", exchange, application=application.pk)
    return scores


@transaction.atomic
def exchange_select(*, actor: User, exchange: Exchange) -> dict[str, int]:
    """Select each country's quota from the top of its ranking and as many again as a reserve;
    everyone else who applied is not selected. Every applicant hears by mail, in their
    language. Refused while a nominated candidate lacks a score of the whole panel."""
    refusal = _("Close the call and score the candidates before selecting.")
    exchange = _locked(exchange, ExchangeStatus.SCORING, refusal)
    ranked = ranking(exchange=exchange)
    unscored = sum(1 for rows in ranked.values() for row in rows if not row.complete)
    if unscored:
        raise ValidationError(
            _("%(count)d nominated candidates still lack scores from the whole panel.")
            % {"count": unscored}
        )
    quotas = exchange_quotas(exchange=exchange)
    moment = timezone.now()
    counts: dict[str, int] = defaultdict(int)
    decided: set[int] = set()
    for country, rows in ranked.items():
        quota = quotas.get(country, 0)
        for row in rows:
            assert row.rank is not None
            if row.rank <= quota:
                status = ApplicationStatus.SELECTED
            elif row.rank <= 2 * quota:
                status = ApplicationStatus.RESERVE
            else:
                status = ApplicationStatus.NOT_SELECTED
            _decide(row.application, status, moment)
            decided.add(row.application.pk)
            counts[status] += 1
    for application in exchange.applications.exclude(pk__in=decided).exclude(
        status=ApplicationStatus.NOT_NOMINATED
    ):
        _decide(application, ApplicationStatus.NOT_SELECTED, moment)
        counts[ApplicationStatus.NOT_SELECTED] += 1
    _move(actor, exchange, ExchangeStatus.SELECTED, "exchange.selected", **counts)
    return dict(counts)


def _decide(application: ExchangeApplication, status: str, moment: datetime) -> None:
    application.status = status
    application.decided_at = moment
    application.save(update_fields=["status", "decided_at"])
    context = {"application": application, "exchange": application.exchange}
    mail_person(application.person, f"exchanges/mail/exchange_{status}", context)
