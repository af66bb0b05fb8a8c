#!/usr/bin/env bash
# `make run`: migrate, load the curated seed record, make sure an admin account exists, serve.
# Embedded default (no DATABASE_URL / CELERY_BROKER_URL): SQLite file and in-process tasks.
# Full stack (both set): gunicorn + a Celery worker + Celery beat against the given services.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
mkdir -p var

# A local run gets a stable random secret key kept out of git (var/ is ignored), never a fixed one.
# The settings read it from var/secret_key, so later `manage.py` commands need nothing exported.
if [[ -z "${SECRET_KEY:-}" && ! -s var/secret_key ]]; then
  (umask 077; "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key)
fi
# `make run` is a local run over plain http; production sets DEBUG=0 (see README).
export DEBUG="${DEBUG:-1}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"

# A DATABASE_URL naming a PostgreSQL database that does not exist yet: create it (or say how).
"$BIN/python" scripts/ensure_database.py

"$BIN/python" manage.py migrate --no-input
"$BIN/python" manage.py load_seed_record
"$BIN/python" manage.py load_knowledge_base
"$BIN/python" manage.py load_exchange_rates
"$BIN/python" manage.py bootstrap_admin
"$BIN/python" manage.py collectstatic --no-input --verbosity 0

if [[ -n "${DATABASE_URL:-}" && -n "${CELERY_BROKER_URL:-}" ]]; then
  echo "Full stack: database ${DATABASE_URL%%@*}@..., broker ${CELERY_BROKER_URL}"
  pids=()
  trap 'kill "${pids[@]}" 2>/dev/null || true; wait' EXIT INT TERM
  "$BIN/celery" -A tracker worker --loglevel INFO --concurrency "${CELERY_CONCURRENCY:-2}" & pids+=($!)
  "$BIN/celery" -A tracker beat --loglevel INFO & pids+=($!)
  echo "Serving http://${HOST}:${PORT}/admin/"
  "$BIN/gunicorn" -c python:tracker.gunicorn_conf tracker.wsgi --bind "${HOST}:${PORT}" --workers "${WEB_CONCURRENCY:-2}" \
    --access-logfile - & pids+=($!)
  wait -n "${pids[@]}"
else
  echo "Embedded default: SQLite at db.sqlite3, tasks run in-process."
  echo "Serving http://${HOST}:${PORT}/admin/"
  exec "$BIN/python" manage.py runserver "${HOST}:${PORT}"
fi
