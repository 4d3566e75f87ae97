"""The reads of the reports, one module per concern:

- `filters.py`: the filter object (`Filters`) and the countries a report shows;
- `sums.py`: verified hours, values and people by country, month and age band (`Sums`);
- `sdg.py`: the SDG breakdown by goal and target;
- `money.py`: valuation (exchange-rate conversion, wage table sources);
- `suppression.py`: small-cell suppression of the open statistics;
- `council.py`, `network.py`, `organisation.py`, `volunteer.py`, `statistics.py`: one per
  dashboard (the council's, a national network's, an organisation's, a volunteer's own, the
  open statistics);
- `cooperation.py`: what they read from the cooperation apps (deployments, commitments,
  joint projects, a company's programme), in one place.
"""
