from django.contrib import admin

from council.hours.models import (
    DECISION_FIELDS,
    VALUATION_FIELDS,
    Certificate,
    ExchangeRate,
    HoursEntry,
    WageRate,
)


@admin.register(WageRate)
class WageRateAdmin(admin.ModelAdmin):
    """The wage table that values volunteer hours; also loadable with `manage.py
    load_wage_rates`."""

    list_display = ["country", "isco_group", "year", "hourly_rate", "currency", "source"]
    list_filter = ["country", "year", "currency"]
    search_fields = ["isco_group__code", "source"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """Stated rates that reports use to print one total over several currencies."""

    list_display = ["currency", "to_currency", "rate", "as_of", "source"]
    list_filter = ["to_currency", "currency"]


@admin.register(HoursEntry)
class HoursEntryAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "organisation", "project", "date", "hours", "status"]
    list_filter = ["status", "source", "during_paid_work"]
    search_fields = ["volunteer__email", "project__title"]
    raw_id_fields = ["volunteer", "organisation", "project", "opportunity", "shift"]
    # Decisions go through the organisation's pages, where they are checked and audited.
    readonly_fields = [
        "status",
        *DECISION_FIELDS,
        *VALUATION_FIELDS,
        "created_by",
        "created_at",
    ]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        # Deleting goes through hours_delete, which keeps the reports' aggregates right.
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "volunteer_name", "organisation", "kind", "hours", "issued_at"]
    list_filter = ["kind"]
    search_fields = ["code", "volunteer_name"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False
