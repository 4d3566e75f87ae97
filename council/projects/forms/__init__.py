"""Forms, one module per concern (`manage.py`: projects, opportunities and shifts)."""
