"""The cooperation app's pages, one module per concern: councils, agreements, programmes and
the joint plan."""
