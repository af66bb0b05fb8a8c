"""docker/nginx/tracker.conf.template, run for real: Debian's nginx (installed by
scripts/install_system_packages.sh) in front of a loopback upstream answers the errors it meets
before Django is reached in the API's JSON shape, and lets Django's own answers through untouched.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from string import Template

import pytest

TEMPLATE = Path(__file__).resolve().parents[2] / "docker" / "nginx" / "tracker.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian installs it in sbin

# nginx comes from scripts/install_system_packages.sh (run by .ci/run): the test always runs.
pytestmark = pytest.mark.integration

Proxy = Callable[..., int]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        assert process.poll() is None, f"nginx stopped: {log.read_text()}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nginx did not listen on {port}: {log.read_text()}")


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[Proxy]:
    """Start nginx with the shipped server block in front of ``upstream`` ("host:port"); return
    its port. The http{} frame around it is what the nginx image gives the rendered template."""
    started: list[subprocess.Popen] = []

    def start(upstream: str, read_timeout: str = "60s") -> int:
        root = tmp_path / f"nginx-{len(started)}"
        root.mkdir()
        port = free_port()
        server = Template(TEMPLATE.read_text()).safe_substitute(
            TRACKER_UPSTREAM=upstream,
            PROXY_LISTEN=f"127.0.0.1:{port}",
            PROXY_READ_TIMEOUT=read_timeout,
        )
        (root / "tracker.conf").write_text(server)
        user = "user root;\n" if os.geteuid() == 0 else ""
        (root / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {root}/nginx.pid;\n"
            f"error_log {root}/error.log;\nevents {{}}\n"
            "http {\n    access_log off;\n"
            f"    client_body_temp_path {root}/body;\n    proxy_temp_path {root}/proxy;\n"
            f"    fastcgi_temp_path {root}/fastcgi;\n    uwsgi_temp_path {root}/uwsgi;\n"
            f"    scgi_temp_path {root}/scgi;\n    include {root}/tracker.conf;\n}}\n"
        )
        log = root / "stderr.log"
        with log.open("w") as sink:
            process = subprocess.Popen(
                [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"],
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        wait_for_port(port, process, log)
        return port

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def silent_upstream() -> Iterator[str]:
    """An app server that takes connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    for connection in held:
        connection.close()
    listener.close()


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path, headers=headers or {})
        response = client.getresponse()
        body = response.read().decode()
        return response.status, response.getheader("Content-Type", ""), json.loads(body)
    finally:
        client.close()


def test_a_request_line_too_long_is_a_json_414(proxy: Proxy) -> None:
    port = proxy(f"127.0.0.1:{free_port()}")  # nothing there: nginx answers before
    status, content_type, body = get(port, "/api/statements/?q=" + "x" * 9000)
    assert (status, content_type) == (414, "application/json")
    assert body["code"] == "request_line_too_long"
    assert body == {"status": 414, "code": body["code"], "detail": body["detail"], "errors": {}}


def test_a_header_too_long_is_a_json_431(proxy: Proxy) -> None:
    port = proxy(f"127.0.0.1:{free_port()}")
    status, content_type, body = get(port, "/api/statements/", {"X-Filler": "y" * 9000})
    assert (status, content_type, body["code"]) == (431, "application/json", "headers_too_large")


def test_an_app_server_down_is_a_json_503_with_retry_after(proxy: Proxy) -> None:
    port = proxy(f"127.0.0.1:{free_port()}")
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", "/api/statements/")
    response = client.getresponse()
    body = json.loads(response.read())
    client.close()
    assert (response.status, response.getheader("Content-Type")) == (503, "application/json")
    assert (body["code"], response.getheader("Retry-After")) == ("unavailable", "30")


def test_an_app_server_too_slow_is_a_json_504(proxy: Proxy, silent_upstream: str) -> None:
    port = proxy(silent_upstream, read_timeout="1s")
    status, content_type, body = get(port, "/api/statements/")
    assert (status, content_type, body["code"]) == (504, "application/json", "timeout")


@pytest.mark.django_db(transaction=True)
def test_django_answers_pass_through_untouched(proxy: Proxy, live_server) -> None:
    port = proxy(live_server.url.removeprefix("http://"))
    status, content_type, body = get(port, "/api/no-such-list/")
    # Django's own JSON 404 (negotiations/api/errors.py), not nginx's.
    assert (status, content_type) == (404, "application/json")
    assert body == {"status": 404, "code": "not_found", "detail": "No such URL.", "errors": {}}
    status, content_type, body = get(port, "/healthz")
    assert status == 200
