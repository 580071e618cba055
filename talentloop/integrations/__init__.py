"""Messaging channels: one folder per channel, each a ``Transport`` (talentloop/notifications/transports.py)."""
