"""Nothing of the deployments is kept in the admin: the secretariat works through the pages."""
