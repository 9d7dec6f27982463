#!/usr/bin/env bash
# The deployment test runs the Dockerfile and the compose file with Debian's podman: install what it needs when missing.
set -euo pipefail

missing=()
for tool in podman runc podman-compose debootstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Introuvable : ${missing[*]}. Lancez en root « apt-get update && apt-get install -y podman runc podman-compose debootstrap »." >&2
  exit 1
fi
echo "Installation de podman, runc, podman-compose et debootstrap (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq podman runc podman-compose debootstrap >/dev/null
