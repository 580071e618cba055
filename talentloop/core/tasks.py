"""Operational tasks of the core app."""

from celery import shared_task


@shared_task(name="core.echo_task")
def echo_task(token: str) -> str:
    """Return ``token`` unchanged: ``talentloop manage worker_ping`` uses it to prove that a worker consumes the
    broker's queue and that results come back."""
    return token
