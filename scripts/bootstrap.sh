#!/usr/bin/env bash
# Install what a fresh Debian machine lacks for this repo: Go (the reference implementation),
# Chromium (e2e, Lighthouse), njs (the infra tests run the CloudFront Functions on it), fonts for
# screenshots, then the npm workspaces from the lockfile.
# Idempotent: a second run installs nothing. `--ci` always reinstalls npm packages with `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v go >/dev/null 2>&1 || missing+=(golang-go)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v njs >/dev/null 2>&1 || missing+=(njs)
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)
# The Debian packages and the npm packages install side by side (each mostly waits on the
# network and the disk); the versions are printed once both are done.
apt_pid=""
apt_log=$(mktemp)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  (
    $sudo apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  ) >"$apt_log" 2>&1 &
  apt_pid=$!
fi

npm_status=0
if [ "${1:-}" = "--ci" ] || [ ! -d node_modules ]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund --loglevel=error || npm_status=$?
fi

if [ -n "$apt_pid" ] && ! wait "$apt_pid"; then
  cat "$apt_log" >&2
  rm -f "$apt_log"
  echo "bootstrap: apt-get could not install ${missing[*]} (output above); install them and run again" >&2
  exit 1
fi
rm -f "$apt_log"
[ "$npm_status" -eq 0 ] || { echo "bootstrap: npm ci failed (exit $npm_status)" >&2; exit "$npm_status"; }
echo "bootstrap: $(go version), $(/usr/bin/chromium --version 2>/dev/null | head -n 1), njs $(njs -v), node $(node --version)"
