"""Every write of the council's work: agreements (and later the joint plan)."""
