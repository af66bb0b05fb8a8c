"""Health probe of the web container: GET /healthz from the gunicorn in the same container.

Django only answers host names in ALLOWED_HOSTS, so the probe sends the first of them as its Host
header. /healthz is exempt from the https redirect (tracker/settings.py), so plain http works.
Exit status 0 means healthy. Standard library only: the slim image has no curl.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request


def host_header(allowed_hosts: str) -> str:
    for host in allowed_hosts.split(","):
        host = host.strip()
        if host and host != "*":
            # ".example.org" allows example.org and its subdomains.
            return host.lstrip(".")
    return "localhost"


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    request = urllib.request.Request(  # noqa: S310 (a fixed http URL, or the operator's own)
        url, headers={"Host": host_header(os.environ.get("ALLOWED_HOSTS", ""))}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            body = json.load(response)
    except Exception as exc:
        print(f"unhealthy: {url}: {exc}", file=sys.stderr)
        return 1
    if body.get("status") != "ok":
        print(f"unhealthy: {url} answered {body!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
