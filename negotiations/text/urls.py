"""Canonical URLs: tracking parameters and fragments stripped, host lower-cased (courlan)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url


def canonical_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return url
    try:
        # Not strict: strict mode also drops parameters that identify the article (?story=12).
        normalized = normalize_url(url, strict=False)
    except ValueError:
        return url
    return urlunsplit(urlsplit(normalized)._replace(fragment=""))


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")
