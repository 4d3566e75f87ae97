"""Writes for projects, opportunities, shifts and applications, one module per concern:
`projects.py` (projects, opportunities, shifts), `applications.py` (apply, decide, withdraw,
waiting list), `index.py` (denormalised search fields)."""
