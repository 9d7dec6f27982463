#!/usr/bin/env bash
# Starts RegisFlow on http://localhost:5000. Without ConnectionStrings__RegisFlow or DATABASE_URL it runs
# its own private PostgreSQL server (data in /var/lib/regisflow as root, ~/.local/share/regisflow otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ConnectionStrings__RegisFlow:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  scripts/ensure-postgres.sh
fi
scripts/ensure-heif.sh
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"

# Production refuses to start without a backup key. On a single machine started by this script, one is made
# once beside the data (the same file the app uses outside Production) and must be copied somewhere safe.
if [ -z "${BACKUP_ENCRYPTION_KEY:-}" ] && [ -z "${RegisFlow__Backups__Key:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then default_dir=/var/lib/regisflow; else default_dir="$HOME/.local/share/regisflow"; fi
  data_dir="${REGISFLOW_DATA_DIR:-$default_dir}"
  key_file="$data_dir/backup-encryption.key"
  if [ ! -f "$key_file" ]; then
    mkdir -p "$data_dir"
    (umask 077 && head -c 32 /dev/urandom | base64 > "$key_file")
    echo "Clé de chiffrement des sauvegardes créée dans $key_file : gardez-en une copie hors de cette machine (sans elle, les sauvegardes sont illisibles)." >&2
  fi
  BACKUP_ENCRYPTION_KEY="$(cat "$key_file")"
  export BACKUP_ENCRYPTION_KEY
fi

exec dotnet run --project RegisFlow.Web -c Release --no-launch-profile "$@"
