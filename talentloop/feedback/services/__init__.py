"""Writes owned by feedback, one module per concern (reports; growth paths; review requests)."""
