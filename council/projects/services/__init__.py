"""Writes for projects, opportunities, shifts and applications, one module per concern:
`projects.py` (projects and partners), `opportunities.py` (opportunities and their language
requirements), `shifts.py` (shifts), `series.py` (series of shifts by a recurrence rule;
signing up for one: `series_sign_up.py`), `organising.py` (what those share: who may write,
closed projects, the audit, the limits), `applications.py` (apply, decide,
withdraw, waiting list), `calendar.py` (the iCal feed), `reminders.py`, `index.py`
(denormalised search fields)."""
