#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (no browser download): install it when missing.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium est introuvable : lancez en root « apt-get update && apt-get install -y chromium » puis relancez." >&2
  exit 1
fi
echo "Installation de Chromium (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
