"""Nothing of the exchanges is kept in the admin: the secretariat works through the pages."""
