"""Matching volunteers and opportunities, both ways, with the reasons a person can read.

Two stages, each a fixed number of queries whatever the number of rows:

1. Candidates, in one SQL statement (`sql.py`). The universe is what may be offered, already
   narrowed by indexes: open, eligible (age, work barred to minors, a medical qualification),
   not applied to, and within reach — onsite within `REACH_KM` of the volunteer's city (a
   bounding box on indexed coordinates), online for a volunteer who works remotely; for
   organisers, discoverable people, from another country only with a live cross-border
   consent. Every signal (a shared skill, a language spoken well enough, a shared cause or SDG
   goal, a place near by, online work for a remote volunteer) joins the universe to one narrow
   table; the database adds up the weights per candidate and keeps the best
   `CANDIDATES_PER_RESULT` × limit. The shared signals are written once for both directions
   (`sql.shared_signals`). The work follows the size of the universe, not of the tables
   (migration 0002_search adds covering indexes for it on PostgreSQL).
2. Ranking, in Python over those few candidates with their relations prefetched (`facts.py`):
   the exact score (distance, unmet language requirements, shift times in the place's local
   time against the volunteer's availability) and the reasons (`scoring.py`).

The two questions: `offers.opportunities_for_you` and `suggestions.volunteers_suggested`;
`requirements.opportunity_requirements` lists what one opportunity asks of one volunteer.
"""

from council.projects.selectors.matching.offers import opportunities_for_you
from council.projects.selectors.matching.requirements import Requirement, opportunity_requirements
from council.projects.selectors.matching.scoring import OpportunityMatch, VolunteerMatch
from council.projects.selectors.matching.suggestions import volunteers_suggested

__all__ = [
    "OpportunityMatch",
    "Requirement",
    "VolunteerMatch",
    "opportunities_for_you",
    "opportunity_requirements",
    "volunteers_suggested",
]
