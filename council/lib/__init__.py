"""Small pure helpers with no Django models; each module has its own tests."""
