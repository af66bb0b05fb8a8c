"""Fetching pages and feeds safely (server-side request forgery, bombs, endless bodies).

- Only http and https. Every connection, including each redirect hop, resolves the host and
  refuses private, loopback, link-local, multicast, reserved and unspecified addresses; the check
  runs where the socket is opened (a urllib3 connection class), so a DNS answer cannot change
  between the check and the connection. Environment proxies are ignored.
- Redirects are followed by hand: limited in number, loops detected, each target checked.
- Connect and read timeouts; the body is read raw and capped as sent (Content-Length checked
  first), then decompressed here with a cap on the decompressed size (gzip bombs).
- The content type must be one the caller accepts.
Errors are ``FetchError`` with a readable reason; ``transient`` says whether a retry may help.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "application/rdf+xml",
        "application/feed+json",
        "text/html",  # some servers label feeds as HTML; the parser decides
    }
)


class FetchError(Exception):
    def __init__(
        self, kind: str, message: str, *, transient: bool = False, retry_after: int | None = None
    ):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.transient = transient
        self.retry_after = retry_after  # seconds the server asked to wait (capped), if any

    def __str__(self) -> str:
        return self.message


class BlockedAddress(FetchError):
    def __init__(self, message: str):
        super().__init__("blocked_address", message)


@dataclass
class FetchResult:
    requested_url: str
    final_url: str
    status_code: int
    content_type: str
    charset: str
    headers: dict[str, str]
    body: bytes
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304


def check_address(ip: str) -> None:
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    if addr.is_loopback:
        if settings.INGEST_ALLOW_LOOPBACK:
            return
        raise BlockedAddress(f"refused: {addr} is a loopback address")
    for what, flag in (
        ("the unspecified address", addr.is_unspecified),
        ("a link-local address", addr.is_link_local),
        ("a multicast address", addr.is_multicast),
        ("a reserved address", addr.is_reserved),
        ("a private address", addr.is_private),
        ("not a globally routable address", not addr.is_global),
    ):
        if flag:
            raise BlockedAddress(f"refused: {addr} is {what}")


def resolve(host: str, port: int) -> list[tuple]:
    """The system resolver (``socket.getaddrinfo``): the one place a name is looked up, so the
    tests can answer for it without leaving loopback (tests/conftest.py)."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def check_host(host: str, port: int) -> None:
    """Refuse a host that can never be fetched: an address literal or a name whose addresses
    include a refused one (``BlockedAddress``); ``FetchError`` "dns" when the name does not
    resolve now."""
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        resolve_checked(host, port)
    else:
        check_address(host.strip("[]"))


def resolve_checked(host: str, port: int) -> list[tuple]:
    try:
        infos = resolve(host, port)
    except socket.gaierror as exc:
        raise FetchError("dns", f"could not resolve {host}: {exc}", transient=True) from exc
    if not infos:
        raise FetchError("dns", f"could not resolve {host}", transient=True)
    for info in infos:
        check_address(str(info[4][0]))
    return infos


class _GuardedConnectionMixin:
    """Resolve, check every address, then connect only to a checked one (no DNS rebinding).

    urllib3 has no public hook between resolving and connecting, so this overrides its
    connection's ``_new_conn`` and ``_dns_host``, pinned by the tests in tests/ingest/test_fetch*.
    """

    _dns_host: str
    port: int

    def _new_conn(self):
        infos = resolve_checked(self._dns_host, self.port)
        original = self._dns_host
        error: Exception | None = None
        try:
            for address in dict.fromkeys(info[4][0] for info in infos):
                self._dns_host = address  # connect to an address that was checked
                try:
                    return super()._new_conn()  # type: ignore[misc]  # urllib3's connection
                except (NewConnectionError, ConnectTimeoutError) as exc:
                    error = exc  # e.g. an IPv6 address without a route: try the next one
            raise error or FetchError("dns", "no address to connect to", transient=True)
        finally:
            self._dns_host = original


class GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type(
                "GuardedPool", (HTTPConnectionPool,), {"ConnectionCls": GuardedHTTPConnection}
            ),
            "https": type(
                "GuardedSPool", (HTTPSConnectionPool,), {"ConnectionCls": GuardedHTTPSConnection}
            ),
        }


def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxies or netrc from the environment
    adapter = _GuardedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update(
        {
            "User-Agent": settings.INGEST_USER_AGENT,
            "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        }
    )
    return session


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError("bad_url", f"refused: only http and https URLs are fetched ({url!r})")
    if not parts.hostname:
        raise FetchError("bad_url", f"refused: no host in URL {url!r}")
    if parts.username or parts.password:
        raise FetchError("bad_url", "refused: URLs with credentials are not fetched")


def _decompress(body: bytes, encoding: str, limit: int) -> bytes:
    encoding = (encoding or "identity").strip().lower()
    if encoding in {"", "identity"}:
        return body
    if encoding in {"gzip", "x-gzip"}:
        wbits = 16 + zlib.MAX_WBITS
    elif encoding == "deflate":
        wbits = zlib.MAX_WBITS
    else:
        raise FetchError("encoding", f"unsupported content encoding {encoding!r}")
    try:
        d = zlib.decompressobj(wbits)
        out = d.decompress(body, limit + 1)
        if len(out) > limit or d.unconsumed_tail:
            raise FetchError(
                "too_large",
                f"refused: body decompresses to more than {limit} bytes (compression bomb?)",
            )
        out += d.flush(limit + 1 - len(out))
        if len(out) > limit:
            raise FetchError("too_large", f"refused: body decompresses to more than {limit} bytes")
        return out
    except zlib.error as exc:
        if encoding == "deflate":  # some servers send raw deflate
            try:
                d = zlib.decompressobj(-zlib.MAX_WBITS)
                out = d.decompress(body, limit + 1)
                if len(out) <= limit and not d.unconsumed_tail:
                    return out
            except zlib.error:
                pass
        raise FetchError("encoding", f"corrupt {encoding} body: {exc}") from exc


def retry_after_seconds(value: str | None) -> int | None:
    """A Retry-After header (seconds or an HTTP date) as seconds, capped at
    INGEST_RETRY_AFTER_MAX; None when absent or unreadable."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        seconds = int(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            return None
        seconds = int(when.timestamp() - time.time())
    return max(0, min(seconds, settings.INGEST_RETRY_AFTER_MAX))


def _check_deadline(deadline: float, url: str) -> None:
    if time.monotonic() > deadline:
        raise FetchError(
            "deadline",
            f"refused: fetching {url} took longer than the "
            f"{settings.INGEST_FETCH_DEADLINE}-second deadline (INGEST_FETCH_DEADLINE)",
        )


def _read_capped(response: requests.Response, limit: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(
            "too_large", f"refused: Content-Length {int(declared)} exceeds the {limit}-byte cap"
        )
    chunks = []
    total = 0
    # read1 returns what has arrived, so that a page dripping bytes meets the deadline.
    while chunk := response.raw.read1(64 * 1024, decode_content=False):
        _check_deadline(deadline, response.url)
        total += len(chunk)
        if total > limit:
            raise FetchError("too_large", f"refused: body exceeds the {limit}-byte cap")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    accept: frozenset[str] = HTML_TYPES,
    etag: str = "",
    last_modified: str = "",
) -> FetchResult:
    """GET ``url`` safely; raise FetchError with a readable reason."""
    session = _session()
    seen: list[str] = []
    current = url
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = (settings.INGEST_CONNECT_TIMEOUT, settings.INGEST_READ_TIMEOUT)
    deadline = time.monotonic() + settings.INGEST_FETCH_DEADLINE
    try:
        for _ in range(settings.INGEST_MAX_REDIRECTS + 1):
            _check_deadline(deadline, current)
            _check_url(current)
            if current in seen:
                raise FetchError("redirect_loop", f"redirect loop: {' -> '.join([*seen, current])}")
            seen.append(current)
            try:
                response = session.get(
                    current, headers=headers, timeout=timeout, allow_redirects=False, stream=True
                )
            except FetchError:
                raise
            except requests.exceptions.Timeout as exc:
                raise FetchError(
                    "timeout", f"timed out fetching {current}", transient=True
                ) from exc
            except requests.exceptions.ConnectionError as exc:
                inner: BaseException | None = exc
                while inner is not None:
                    if isinstance(inner, FetchError):
                        raise inner from exc
                    inner = inner.__context__ or inner.__cause__
                raise FetchError(
                    "connection", f"could not connect to {current}: {exc}", transient=True
                ) from exc
            except requests.exceptions.RequestException as exc:
                raise FetchError("request", f"request failed for {current}: {exc}") from exc
            with response:
                if response.is_redirect:
                    location = response.headers.get("Location", "")
                    if not location:
                        raise FetchError(
                            "bad_redirect", f"redirect without Location from {current}"
                        )
                    current = urljoin(current, location)
                    continue
                return _finish(url, current, seen, response, accept, deadline)
        raise FetchError(
            "too_many_redirects",
            f"more than {settings.INGEST_MAX_REDIRECTS} redirects: {' -> '.join(seen)}",
        )
    finally:
        session.close()


def _finish(url, current, seen, response, accept, deadline) -> FetchResult:
    status = response.status_code
    if status == 304:
        return FetchResult(url, current, status, "", "", dict(response.headers), b"", seen[:-1])
    if status >= 500 or status in {408, 425, 429}:
        wait = None
        if status in {429, 503}:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
        asked = f" (Retry-After: {wait} s)" if wait is not None else ""
        raise FetchError(
            "http_status", f"HTTP {status} from {current}{asked}", transient=True, retry_after=wait
        )
    if status >= 400:
        raise FetchError("http_status", f"HTTP {status} from {current}")
    raw_type = response.headers.get("Content-Type", "")
    content_type = raw_type.split(";", 1)[0].strip().lower()
    if content_type and content_type not in accept:
        raise FetchError("content_type", f"refused: content type {content_type!r} at {current}")
    charset = ""
    for part in raw_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    try:
        raw = _read_capped(response, settings.INGEST_MAX_BODY_BYTES, deadline)
    except requests.exceptions.RequestException as exc:
        raise FetchError("read", f"reading {current} failed: {exc}", transient=True) from exc
    except Exception as exc:  # urllib3 read/protocol errors
        if isinstance(exc, FetchError):
            raise
        raise FetchError("read", f"reading {current} failed: {exc}", transient=True) from exc
    body = _decompress(
        raw, response.headers.get("Content-Encoding", ""), settings.INGEST_MAX_DECOMPRESSED_BYTES
    )
    return FetchResult(
        url, current, status, content_type, charset, dict(response.headers), body, seen[:-1]
    )
