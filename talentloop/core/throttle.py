"""A fixed-window attempt counter in the cache, for HTML forms open to anonymous visitors (the REST API uses DRF's
throttles). One counter per scope and key (usually the client's IP address)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the request came from as the web server saw it (a proxy must set REMOTE_ADDR correctly)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def throttle_hit(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt; True while the attempts in the current window are at most ``limit``."""
    cache_key = f"throttle:{scope}:{key}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
