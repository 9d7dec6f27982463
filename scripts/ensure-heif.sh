#!/usr/bin/env bash
# iPhone photos (HEIC) are converted with libheif's heif-convert: install it when missing.
set -euo pipefail

if [ -x /usr/bin/heif-convert ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "heif-convert est introuvable (photos HEIC refusées) : lancez en root « apt-get update && apt-get install -y libheif-examples »." >&2
  exit 0
fi
echo "Installation de libheif-examples (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq libheif-examples >/dev/null
