"""Projects, their opportunities and shifts; the opportunity search, "for you" and suggested
volunteers. One router made of one module per concern: `projects.py`, `search.py`,
`opportunities.py` (with shifts), `series.py` (series of shifts); the shapes in `schemas.py`
(out) and `payloads.py` (in), the input through the pages' forms in `parsing.py`.

Reads of published projects are public; writes are for organisers (administrators and
coordinators) of the owner organisation and go through the services of
council/projects/services/, which hold the rules. The organiser pages' forms check the input
first, so that errors name the field as they do on the pages.
"""

from __future__ import annotations

from ninja import Router

from council.api.routers.projects import opportunities, projects, search, series

router = Router(tags=["projects"])
router.add_router("", projects.router)
# Before opportunities: /opportunities/search is not an opportunity's id.
router.add_router("", search.router)
router.add_router("", opportunities.router)
router.add_router("", series.router)
