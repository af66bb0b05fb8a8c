"""Canonical URLs: tracking parameters and fragments stripped, host lower-cased (courlan)."""

from __future__ import annotations

from urllib.parse import urlsplit

from courlan import normalize_url


def canonical_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return url
    try:
        return normalize_url(url, strict=True)
    except ValueError:
        return url


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")
