#!/usr/bin/env bash
# Debian packages the project needs beyond the Python ones (idempotent; skips what is present).
set -euo pipefail
needed=()
command -v pg_isready >/dev/null || needed+=(postgresql-client)
command -v redis-server >/dev/null || needed+=(redis-server)
# Browser tests (tests/browser) drive Debian's Chromium headless through Playwright.
[[ -x /usr/bin/chromium ]] || needed+=(chromium)
if ((${#needed[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install_system_packages: need root to install: ${needed[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}"
fi
