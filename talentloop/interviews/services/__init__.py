"""Writes owned by interviews, one module per concern (templates, invitations, sessions, recordings)."""
