"""Reads: `search.py` (opportunity search), `matching.py` ("for you", suggested volunteers),
`applications.py` (lists of applications)."""
