#!/usr/bin/env bash
# Makes sure a Chromium for the e2e tests exists: CHROMIUM_PATH, Debian's /usr/bin/chromium, or
# install Debian's package (Playwright's own browser download does not work on these machines).
set -euo pipefail
for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$c" ] && [ -x "$c" ]; then exit 0; fi
done
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
  echo "ensure-chromium: no Chromium found; install Debian's 'chromium' package or set CHROMIUM_PATH" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
echo "ensure-chromium: installing Debian's chromium"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
