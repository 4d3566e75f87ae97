"""`seed_demo --scale N`, second part: volunteer profiles, projects, opportunities, shifts and
applications in the proportions of a national platform.

Per million volunteers: 300,000 volunteer profiles (30 %), 40,000 projects (two per
organisation), 200,000 opportunities (the two projects of an organisation share ten), about
1,020,000 shifts (1–10 per opportunity; an online opportunity may have none and one overall
capacity instead) and about 5,000,000 applications (up to 13 wanted per shift, about 5 on
average once ineligible and duplicate picks are dropped; 10–40 per opportunity without shifts).
Measured at --scale 1000000: 299k profiles, 1,044k shifts, 5,123k applications.

Like the people, everything is a pure function of (seed, index): project j belongs to
organisation ⌈j/2⌉, its opportunities, shifts and applications hang off j, and applicants are
drawn from that organisation's 50 volunteers (60 %) or from all volunteers up to its block
(40 %). A run writes the projects that are missing, each with everything under it, so `--scale
N` twice writes nothing new and `--scale 2N` adds the second half. Profiles are written for the
profile holders among 1..N that have none, so volunteers made by an older version get theirs.

Invariants that hold as they would through the services (this path writes in bulk for speed;
`council/demo/tests/test_scale_invariants.py` checks them on its output):

- the denormalised search fields of an opportunity (country, region, coordinates, time zone,
  is_published, first_start/last_end) are what `opportunity_refresh` would
  write, and the full-text index gets every new opportunity;
- an onsite opportunity is in a city of the owner's or a partner's country; a project's
  `countries` are its organisations' countries;
- per shift (or per opportunity without shifts): confirmed ≤ capacity, a waiting list only when
  the shift is full, and no volunteer twice (so at most one live application per volunteer and
  shift);
- applicants have a profile and are eligible: old enough on the day of the shift, adults for
  restricted work, a medical qualification where required, and minors have a guardian's
  consent; they applied after they joined and after the opportunity was created, before the
  shift started and not after today;
- only published and completed projects have applications; pending and rejected
  organisations have draft projects only.

Not kept, for speed: one volunteer's confirmed shifts may overlap in time (the service refuses
that); applications and decisions write no audit events and send no mail; scale volunteers who
apply are only the 30 % with a profile (the service would create an empty profile on applying).

The full-text index is written set-based per chunk: the search keys are computed in Python like
`search_backend.opportunity_document` (cached per repeated sentence, which is what makes 200k
opportunities take seconds instead of minutes) and stored with `search_backend.store_documents`
when that exists, else with the same SQL as `store_document` (COPY into a temporary table, then
one INSERT … SELECT on PostgreSQL; executemany on SQLite).
"""

from council.demo.activity.generator import ActivityGenerator
from council.demo.activity.reference import Reference
from council.demo.activity.writing import write_activity

__all__ = ["ActivityGenerator", "Reference", "write_activity"]
