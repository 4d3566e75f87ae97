"""Nothing of the employee programme is kept in the admin: it has no models of its own."""
