"""docker/: there is no Docker engine here, so the files are checked for what can go wrong without
one: the compose file's shape and health checks, the Dockerfile's build steps (run for real where
they need no Docker), the web health probe against a live server, and the documented environment.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.urls import resolve

BASE_DIR = Path(__file__).resolve().parents[2]
DOCKER = BASE_DIR / "docker"
APP_SERVICES = {"migrate", "web", "worker", "beat"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DOCKER / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def services(compose: dict) -> dict:
    return compose["services"]


def command_line(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def one_shot(name: str, services: dict) -> bool:
    """Runs once to completion: never restarted, and what needs it waits for its success."""
    dependants = [s for s in services.values() if name in s.get("depends_on", {})]
    return (
        services[name].get("restart") == "no"
        and bool(dependants)
        and all(
            s["depends_on"][name]["condition"] == "service_completed_successfully"
            for s in dependants
        )
    )


def test_the_full_stack_is_there(services: dict) -> None:
    assert set(services) == APP_SERVICES | {"postgres", "redis", "proxy"}
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    for name in APP_SERVICES:
        assert services[name]["build"] == {"context": "..", "dockerfile": "docker/Dockerfile"}
        assert services[name]["env_file"] == ".env"
    assert command_line(services["web"]).startswith(
        "gunicorn --config=python:tracker.gunicorn_conf tracker.wsgi"
    )
    assert command_line(services["worker"]).startswith("celery -A tracker worker")
    beat = command_line(services["beat"])
    assert beat.startswith("celery -A tracker beat")
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat
    migrate = command_line(services["migrate"])
    assert migrate.index("manage.py migrate") < migrate.index("manage.py load_seed_record")


def test_every_service_has_a_health_check_or_is_one_shot(services: dict) -> None:
    for name, service in services.items():
        if one_shot(name, services):
            assert "healthcheck" not in service
            continue
        test = service.get("healthcheck", {}).get("test")
        assert test, f"{name} has no health check"
        assert test[0] in {"CMD", "CMD-SHELL"}, name
        assert service["restart"] == "unless-stopped", name
    checks = {
        name: " ".join(s["healthcheck"]["test"])
        for name, s in services.items()
        if name != "migrate"
    }
    assert "pg_isready" in checks["postgres"]
    assert "redis-cli ping" in checks["redis"]
    assert "docker/healthcheck.py" in checks["web"]
    assert "/proxy-health" in checks["proxy"]
    assert "celery -A tracker inspect ping" in checks["worker"]
    assert "celerybeat.pid" in checks["beat"]
    assert "--pidfile=/tmp/celerybeat.pid" in command_line(services["beat"])
    assert one_shot("migrate", services)


def test_services_start_only_after_what_they_need_is_healthy(services: dict) -> None:
    for name, service in services.items():
        for dependency, spec in service.get("depends_on", {}).items():
            condition = spec["condition"]
            if condition == "service_healthy":
                assert "healthcheck" in services[dependency], f"{name} -> {dependency}"
            else:
                assert condition == "service_completed_successfully", f"{name} -> {dependency}"
                assert one_shot(dependency, services)
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }
    assert services["migrate"]["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


def test_the_stack_wires_its_own_addresses(services: dict) -> None:
    env = services["web"]["environment"]
    assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert "${POSTGRES_PASSWORD:?" in env["DATABASE_URL"]  # no default password
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith(
        "${POSTGRES_PASSWORD:?"
    )
    # The web port is published on loopback only, behind a proxy.
    assert all(port.startswith("127.0.0.1:") for port in services["web"]["ports"])
    assert all(port.startswith("127.0.0.1:") for port in services["proxy"]["ports"])
    proxy = services["proxy"]
    assert proxy["environment"]["TRACKER_UPSTREAM"] == "web:8000"
    assert proxy["volumes"] == [
        "./nginx/tracker.conf.template:/etc/nginx/templates/default.conf.template:ro"
    ]
    assert proxy["depends_on"] == {"web": {"condition": "service_healthy"}}


def settings_env_vars() -> set[str]:
    """Every environment variable tracker/settings.py reads, found in its source."""
    tree = ast.parse((BASE_DIR / "tracker" / "settings.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = ast.unparse(node.func)
            if func in {"env_bool", "env_int", "env_list", "os.environ.get", "os.getenv"}:
                names.add(node.args[0].value)
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            names.add(ast.literal_eval(node.slice))
    return names


def documented_env_vars() -> set[str]:
    text = (DOCKER / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_every_setting_from_the_environment_is_documented() -> None:
    read = settings_env_vars()
    # The finder itself works: these are read today.
    assert {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL"} <= read
    missing = read - documented_env_vars()
    assert not missing, f"document these in docker/.env.example: {sorted(missing)}"


def test_every_variable_compose_interpolates_is_documented() -> None:
    # ${NAME} is filled in by compose; $${NAME} is left to the container's shell.
    text = (DOCKER / "compose.yaml").read_text()
    used = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", text))
    assert {"POSTGRES_PASSWORD", "WEB_PORT"} <= used
    assert used <= documented_env_vars()


def test_env_example_ships_no_secret() -> None:
    values = dict(
        line.split("=", 1)
        for line in (DOCKER / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert values["SECRET_KEY"] == ""
    assert values["POSTGRES_PASSWORD"] == ""
    assert values["DEBUG"] == "0"


def dockerfile() -> str:
    # Join continuation lines so that each instruction is one line.
    return (DOCKER / "Dockerfile").read_text().replace("\\\n", " ")


def test_dockerfile_builds_a_slim_non_root_gunicorn_image() -> None:
    text = dockerfile()
    instructions = [line.split(None, 1) for line in text.splitlines() if line and line[0] != "#"]
    assert instructions[0] == ["FROM", "python:3.11-slim"]
    users = [args for word, args in instructions if word == "USER"]
    assert users
    assert users[-1] not in {"root", "0"}
    runs = [args for word, args in instructions if word == "RUN"]
    assert any("pip install -r requirements.txt" in run for run in runs)
    assert not any(word == "ENV" and "SECRET_KEY" in args for word, args in instructions)
    cmd = [args for word, args in instructions if word == "CMD"][-1]
    assert cmd.startswith('["gunicorn", "-c", "python:tracker.gunicorn_conf", "tracker.wsgi"')
    ignored = (DOCKER / "Dockerfile.dockerignore").read_text().split()
    assert {".git", ".venv", "docker/.env", "db.sqlite3"} <= set(ignored)


def test_dockerfile_collectstatic_step_works_with_its_build_time_key(tmp_path: Path) -> None:
    """Run the Dockerfile's collectstatic step as written, with no database and no other env."""
    (step,) = [line for line in dockerfile().splitlines() if "collectstatic" in line]
    words = shlex.split(step.removeprefix("RUN "))
    env = {"PATH": os.environ["PATH"], "STATIC_ROOT": str(tmp_path / "static")}
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    assert words[:2] == ["python", "manage.py"]
    assert env["DEBUG"] == "0"
    assert env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, *words[1:]],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # DEBUG off: hashed names and a manifest, as whitenoise serves them in the container.
    assert (tmp_path / "static" / "staticfiles.json").is_file()
    assert list((tmp_path / "static" / "admin" / "css").glob("base.*.css"))


def test_the_web_health_check_path_exists() -> None:
    assert resolve("/healthz").url_name == "healthz"
    assert "http://127.0.0.1:8000/healthz" in (DOCKER / "healthcheck.py").read_text()


def probe(url: str, allowed_hosts: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DOCKER / "healthcheck.py")],
        env={"PATH": os.environ["PATH"], "HEALTHCHECK_URL": url, "ALLOWED_HOSTS": allowed_hosts},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_web_health_probe_against_a_live_server(live_server) -> None:
    url = f"{live_server.url}/healthz"
    # The probe sends the first allowed host, as Django requires; wildcards fall back sensibly.
    for allowed in ("localhost,tracker.example.org", ".localhost", "*"):
        result = probe(url, allowed)
        assert result.returncode == 0, (allowed, result.stderr)
    # A host the server does not serve is refused (400), and the probe says unhealthy.
    result = probe(url, "tracker.example.org")
    assert result.returncode == 1
    assert "unhealthy" in result.stderr
    assert "400" in result.stderr


def test_web_health_probe_fails_when_nothing_listens() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The port was free a moment ago and nothing listens on it now.
    result = probe(f"http://127.0.0.1:{port}/healthz", "localhost")
    assert result.returncode == 1
    assert "unhealthy" in result.stderr
