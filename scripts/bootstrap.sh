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
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "bootstrap: $(go version), $(/usr/bin/chromium --version 2>/dev/null | head -n 1), njs $(njs -v), node $(node --version)"

if [ "${1:-}" = "--ci" ] || [ ! -d node_modules ]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
