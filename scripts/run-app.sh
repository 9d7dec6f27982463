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

# Production refuses to start without a backup key and a session secret. On a single machine started by this
# script, they are made once beside the data (the backup key must also be copied somewhere safe).
if [ "$(id -u)" -eq 0 ]; then default_dir=/var/lib/regisflow; else default_dir="$HOME/.local/share/regisflow"; fi
data_dir="${REGISFLOW_DATA_DIR:-$default_dir}"
secret_from_file() { # variable, file, bytes, message
  local file="$data_dir/$2"
  if [ ! -f "$file" ]; then
    mkdir -p "$data_dir"
    (umask 077 && head -c "$3" /dev/urandom | base64 -w0 > "$file")
    echo "$4 : $file" >&2
  fi
  export "$1=$(cat "$file")"
}
if [ -z "${BACKUP_ENCRYPTION_KEY:-}" ] && [ -z "${RegisFlow__Backups__Key:-}" ]; then
  secret_from_file BACKUP_ENCRYPTION_KEY backup-encryption.key 32 \
    "Clé de chiffrement des sauvegardes créée (gardez-en une copie hors de cette machine : sans elle, les sauvegardes sont illisibles)"
fi
if [ -z "${SESSION_SECRET:-}" ]; then
  secret_from_file SESSION_SECRET session.secret 48 "Secret de session créé"
fi

exec dotnet run --project RegisFlow.Web -c Release --no-launch-profile "$@"
