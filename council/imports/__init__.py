"""Imports of organisations, volunteers, projects and hours from CSV, XLSX and ODS files:
mapping, dry run, background run with progress, undo; and the contact list of imported
volunteers, who are invited, not signed up."""
