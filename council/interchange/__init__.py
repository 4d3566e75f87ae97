"""The open exchange format (docs/exchange-format.md): organisations, opportunities and verified
hours with their SDG goals, exported as signed JSON Lines and CSV, and imported back."""
