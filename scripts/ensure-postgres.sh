#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries are on this machine (the app runs its own private server from them).
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL est introuvable : lancez en root « apt-get update && apt-get install -y postgresql » puis relancez." >&2
  exit 1
fi
echo "Installation de PostgreSQL (apt-get)..."
# RegisFlow starts its own server: do not let the package create and start a system-wide one.
mkdir -p /etc/postgresql-common
if [ ! -f /etc/postgresql-common/createcluster.conf ]; then
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
