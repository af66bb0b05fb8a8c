#!/usr/bin/env bash
# Debian packages the project needs beyond the Python ones (idempotent; skips what is present).
set -euo pipefail
needed=()
command -v pg_isready >/dev/null || needed+=(postgresql-client)
command -v redis-server >/dev/null || needed+=(redis-server)
# Browser tests (tests/browser) drive Debian's Chromium headless through Playwright.
[[ -x /usr/bin/chromium ]] || needed+=(chromium)
# The proxy's configuration (docker/nginx/) runs for real in tests/docker/test_proxy.py.
[[ -x /usr/sbin/nginx ]] || needed+=(nginx-light)
if ((${#needed[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install_system_packages: need root to install: ${needed[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  # Install only: no package starts its service here (nginx would take port 80). A policy the
  # machine has already is left in place.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}"
fi
