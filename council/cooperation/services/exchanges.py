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
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import ConsentPurpose
from council.accounts.services import consent_give, has_live_consent
from council.audit.services import record
from council.cooperation.access import nominating_countries
from council.cooperation.models import (
    ApplicationStatus,
    Council,
    Exchange,
    ExchangeApplication,
    ExchangeCountry,
    ExchangeCriterion,
    ExchangeStatus,
    PanelMember,
    Score,
)
from council.lib.forms import clean_model_fields
from council.lib.locks import lock_row
from council.orgs.models import Organisation

# A spread of the panel members' totals of at least this share of the highest possible total
# is shown as a disagreement.
DISAGREEMENT_SHARE = Decimal("0.3")
EXCHANGE_FIELDS = (
    "title_ru",
    "title_kk",
    "title_en",
    "description_ru",
    "description_kk",
    "description_en",
    "programme",
    "project",
    "starts_on",
    "ends_on",
    "applications_close",
)


def _audit(actor: Any, action: str, exchange: Exchange, **data: Any) -> None:
    record(
        actor=actor,
        action=action,
        target=exchange,
        data={"council": exchange.council_id, **data},
    )


def _locked(exchange: Exchange) -> Exchange:
    locked = lock_row(Exchange, exchange.pk)
    assert locked is not None
    return locked


@transaction.atomic
def exchange_create(*, actor: Any, council: Council, **fields: Any) -> Exchange:
    exchange = Exchange(council=council, status=ExchangeStatus.DRAFT)
    for name in EXCHANGE_FIELDS:
        if name in fields:
            setattr(exchange, name, fields[name])
    errors: dict[str, list[str]] = {}
    if not any(getattr(exchange, f"title_{code}") for code in settings.LANGUAGE_CODES):
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
    exchange.full_clean(exclude=["council", "title", "description"])
    exchange.save()
    _audit(actor, "exchange.created", exchange)
    return exchange


def _preparing(exchange: Exchange) -> None:
    if exchange.status != ExchangeStatus.DRAFT:
        raise ValidationError(_("The call is open: its countries, criteria and panel are fixed."))


@transaction.atomic
def country_add(
    *, actor: Any, exchange: Exchange, country: Any, quota: int, network: Organisation
) -> ExchangeCountry:
    exchange = _locked(exchange)
    _preparing(exchange)
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
    *, actor: Any, exchange: Exchange, names: dict[str, str], max_score: int = 10
) -> ExchangeCriterion:
    exchange = _locked(exchange)
    _preparing(exchange)
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
def panel_member_add(*, actor: Any, exchange: Exchange, person: Any) -> PanelMember:
    """A panel member scores for the country of their home."""
    exchange = _locked(exchange)
    _preparing(exchange)
    if not exchange.countries.filter(country_id=person.home_country_id).exists():
        raise ValidationError({"email": _("Panel members come from the countries taking part.")})
    if exchange.panel.filter(user=person).exists():
        raise ValidationError({"email": _("This person is on the panel already.")})
    member = PanelMember.objects.create(
        exchange=exchange, user=person, country_id=person.home_country_id
    )
    _audit(actor, "exchange.panel_member_added", exchange, person=person.pk)
    return member


@transaction.atomic
def exchange_open(*, actor: Any, exchange: Exchange) -> Exchange:
    exchange = _locked(exchange)
    _preparing(exchange)
    countries = set(exchange.countries.values_list("country_id", flat=True))
    if len(countries) < 2:
        raise ValidationError(_("An exchange needs at least two countries."))
    if not exchange.criteria.exists():
        raise ValidationError(_("Publish the criteria before opening the call."))
    if set(exchange.panel.values_list("country_id", flat=True)) != countries:
        raise ValidationError(_("The panel needs members from every country taking part."))
    exchange.status = ExchangeStatus.OPEN
    exchange.save(update_fields=["status"])
    _audit(actor, "exchange.opened", exchange)
    return exchange


@transaction.atomic
def application_submit(
    *,
    person: Any,
    exchange: Exchange,
    motivation: str,
    cross_border_consent: bool = False,
    today: date | None = None,
) -> ExchangeApplication:
    """A volunteer of a participating country applies while the call is open. The panel has
    members from the other countries: the application needs the cross-border consent."""
    exchange = _locked(exchange)
    day = today or timezone.localdate()
    if exchange.status != ExchangeStatus.OPEN or day > exchange.applications_close:
        raise ValidationError(_("This call is not open for applications."))
    if not exchange.countries.filter(country_id=person.home_country_id).exists():
        raise ValidationError(_("This call is for volunteers of the countries taking part."))
    if not motivation.strip():
        raise ValidationError({"motivation": _("Tell the panel why you should go.")})
    if exchange.applications.filter(person=person).exists():
        raise ValidationError(_("You have already applied."))
    if not has_live_consent(user=person, purpose=ConsentPurpose.CROSS_BORDER):
        if not cross_border_consent:
            raise ValidationError(
                {
                    "cross_border_consent": _(
                        "The panel has members from other countries: agree to share your "
                        "application with them to apply."
                    )
                }
            )
        consent_give(user=person, purpose=ConsentPurpose.CROSS_BORDER)
    application = ExchangeApplication.objects.create(
        exchange=exchange,
        person=person,
        country_id=person.home_country_id,
        motivation=motivation.strip(),
    )
    _audit(person, "exchange.applied", exchange, application=application.pk)
    return application


@transaction.atomic
def applications_close(*, actor: Any, exchange: Exchange) -> Exchange:
    """The call stops taking applications; nominations go on and the panel scores."""
    exchange = _locked(exchange)
    if exchange.status != ExchangeStatus.OPEN:
        raise ValidationError(_("Only an open call can be closed."))
    exchange.status = ExchangeStatus.SCORING
    exchange.save(update_fields=["status"])
    _audit(actor, "exchange.closed", exchange)
    return exchange


@transaction.atomic
def application_nominate(
    *, actor: Any, application: ExchangeApplication, nominate: bool
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
    *, actor: Any, application: ExchangeApplication, values: dict[int, int]
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


@dataclass
class Ranked:
    application: ExchangeApplication
    totals: list[int] = field(default_factory=list)
    mean: Decimal | None = None
    spread: int = 0
    disagreement: bool = False
    complete: bool = False
    rank: int | None = None


def ranking(*, exchange: Exchange) -> dict[str, list[Ranked]]:
    """Each country's nominated candidates in ranking order, with the panel members' totals,
    their mean (2 decimals), the spread and whether the panel disagrees. A candidate not yet
    scored by the whole panel is listed last, without a rank."""
    criteria = exchange.criteria.count()
    most = sum(exchange.criteria.values_list("max_score", flat=True))
    panel = exchange.panel.count()
    nominated = list(
        exchange.applications.filter(
            status__in=(
                ApplicationStatus.NOMINATED,
                ApplicationStatus.SELECTED,
                ApplicationStatus.RESERVE,
                ApplicationStatus.NOT_SELECTED,
            )
        )
        # After the selection: not the applicants left undecided by their network (not
        # selected, never scored).
        .exclude(scores__isnull=True, status=ApplicationStatus.NOT_SELECTED)
        .select_related("person")
        .distinct()
    )
    totals: dict[int, list[int]] = defaultdict(list)
    for sums in (
        Score.objects.filter(application__in=nominated)
        .values("application_id", "panel_member_id")
        .annotate(total=Sum("value"), scored=Count("pk"))
        .order_by("application_id", "panel_member_id")
    ):
        if sums["scored"] == criteria:
            totals[sums["application_id"]].append(sums["total"])
    by_country: dict[str, list[Ranked]] = defaultdict(list)
    for application in nominated:
        own = totals.get(application.pk, [])
        ranked = Ranked(application, totals=own)
        if own:
            ranked.mean = (Decimal(sum(own)) / len(own)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            ranked.spread = max(own) - min(own)
            ranked.disagreement = most > 0 and ranked.spread >= DISAGREEMENT_SHARE * most
        ranked.complete = panel > 0 and len(own) == panel
        by_country[application.country_id].append(ranked)
    for rows in by_country.values():
        rows.sort(
            key=lambda r: (
                not r.complete,
                -(r.mean or Decimal(0)),
                r.spread,
                r.application.created_at,
                r.application.pk,
            )
        )
        for number, row in enumerate((r for r in rows if r.complete), start=1):
            row.rank = number
    return dict(by_country)


@transaction.atomic
def exchange_select(*, actor: Any, exchange: Exchange) -> dict[str, int]:
    """Select each country's quota from the top of its ranking and as many again as a reserve;
    everyone else who applied is not selected. Every applicant hears by mail, in their
    language. Refused while a nominated candidate lacks a score of the whole panel."""
    exchange = _locked(exchange)
    if exchange.status != ExchangeStatus.SCORING:
        raise ValidationError(_("Close the call and score the candidates before selecting."))
    ranked = ranking(exchange=exchange)
    unscored = sum(1 for rows in ranked.values() for row in rows if not row.complete)
    if unscored:
        raise ValidationError(
            _("%(count)d nominated candidates still lack scores from the whole panel.")
            % {"count": unscored}
        )
    quotas = dict(exchange.countries.values_list("country_id", "quota"))
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
    exchange.status = ExchangeStatus.SELECTED
    exchange.save(update_fields=["status"])
    _audit(actor, "exchange.selected", exchange, **counts)
    return dict(counts)


def _decide(application: ExchangeApplication, status: str, moment: Any) -> None:
    application.status = status
    application.decided_at = moment
    application.save(update_fields=["status", "decided_at"])
    person = application.person
    mail_send(
        to=person.email,
        template=f"cooperation/mail/exchange_{status}",
        language=person.preferred_language,
        context={"application": application, "exchange": application.exchange},
    )
