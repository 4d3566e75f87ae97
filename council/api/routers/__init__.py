"""One router module per domain app; each endpoint calls an access helper, then a selector or
a service of that app."""
