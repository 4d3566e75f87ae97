"""Every figure of the dashboards, the SDG report and the open statistics as JSON, with the
filters and rules of the pages (council/reports/). Filters: `year`, `month`, `country`,
`region`, `organisation`, `cause` (slug), `goal`; a bad one is a 400 naming it.

The endpoints are in `endpoints.py`, their input and output schemas in `schemas.py`.
"""

from council.api.routers.reports.endpoints import router

__all__ = ["router"]
