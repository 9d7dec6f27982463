#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (no browser download); the HTTPS tests trust the app's authority in Chromium's
# certificate database (certutil, from libnss3-tools) and reach an app in its own network namespace with curl.
# Installs what is missing.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/certutil ] && [ -x /usr/bin/curl ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium, certutil ou curl est introuvable : lancez en root « apt-get update && apt-get install -y chromium libnss3-tools curl » puis relancez." >&2
  exit 1
fi
echo "Installation de Chromium, libnss3-tools et curl (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core libnss3-tools curl >/dev/null
