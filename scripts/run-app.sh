#!/usr/bin/env bash
# Starts RegisFlow in Production on http://0.0.0.0:5000 and https://0.0.0.0:5001 (the shop's network; tablets use HTTPS
# for the camera, with a certificate the app makes). Without ConnectionStrings__RegisFlow or
# DATABASE_URL it runs its own private PostgreSQL server (data in /var/lib/regisflow as root,
# ~/.local/share/regisflow otherwise, or REGISFLOW_DATA_DIR). Arguments go to the app (e.g. --urls http://127.0.0.1:8080).
# The app is published once into RegisFlow.Web/bin/run-app and published again only when the sources change; then this
# script replaces itself with the app's process, so Ctrl+C and SIGTERM reach the app, which stops its PostgreSQL too.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ -z "${ConnectionStrings__RegisFlow:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  scripts/ensure-postgres.sh
fi
scripts/ensure-heif.sh
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"

# Production refuses to start without a backup key, a photo key and a session secret. On a single machine started by
# this script, they are made once in <data>/keys (0600 files in a 0700 folder, the folder where the app keeps the keys it
# makes itself); both keys must also be copied somewhere safe, away from this machine.
if [ "$(id -u)" -eq 0 ]; then default_dir=/var/lib/regisflow; else default_dir="$HOME/.local/share/regisflow"; fi
data_dir="${REGISFLOW_DATA_DIR:-$default_dir}"
export REGISFLOW_DATA_DIR="$data_dir"
secret_from_file() { # variable, file, bytes, message
  local file="$data_dir/keys/$2"
  (umask 077 && mkdir -p "$data_dir/keys")
  if [ ! -f "$file" ] && [ -f "$data_dir/$2" ]; then
    mv "$data_dir/$2" "$file"   # made by an older version directly in the data folder
  fi
  if [ ! -f "$file" ]; then
    (umask 077 && head -c "$3" /dev/urandom | base64 -w0 > "$file")
    echo "$4 : $file" >&2
  fi
  chmod 600 "$file"
  export "$1=$(cat "$file")"
}
if [ -z "${BACKUP_ENCRYPTION_KEY:-}" ] && [ -z "${RegisFlow__Backups__Key:-}" ]; then
  secret_from_file BACKUP_ENCRYPTION_KEY backup-encryption.key 32 \
    "Clé de chiffrement des sauvegardes créée (gardez-en une copie hors de cette machine : sans elle, les sauvegardes sont illisibles)"
fi
if [ -z "${PHOTO_ENCRYPTION_KEY:-}" ] && [ -z "${RegisFlow__Photos__Key:-}" ]; then
  secret_from_file PHOTO_ENCRYPTION_KEY photo-encryption.key 32 \
    "Clé de chiffrement des photos créée (gardez-en une copie hors de cette machine, avec celle des sauvegardes : sans elle, les photos sont illisibles)"
fi
if [ -z "${SESSION_SECRET:-}" ]; then
  secret_from_file SESSION_SECRET session.secret 48 "Secret de session créé"
fi

# Publish when there is no published app yet or when the sources changed since the last publication (a fingerprint of
# their names, sizes and modification times: unlike comparing dates, it holds if the clock moved).
publish_dir="$root/RegisFlow.Web/bin/run-app"
stamp="$publish_dir/.sources"
fingerprint=$(find RegisFlow.Web RegisFlow.Domain Directory.Build.props Directory.Packages.props \
  \( -name bin -o -name obj \) -prune -o -type f -printf '%p %s %T@\n' | sort | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$fingerprint" ]; then
  echo "Compilation de RegisFlow (au premier démarrage ou après une mise à jour, 1 à 3 minutes)..." >&2
  rm -rf "$publish_dir"
  dotnet publish RegisFlow.Web -c Release -o "$publish_dir" --nologo -v quiet
  echo "$fingerprint" > "$stamp"
fi

# Readable lines on a terminal; JSON lines (one per event) when the output goes to a file or a log collector.
if [ -t 1 ] && [ -z "${LOG_FORMAT:-}" ]; then
  export LOG_FORMAT=text
fi
case "${1:-}" in
  backup|restore|reset-password) echo "RegisFlow $1 ($ASPNETCORE_ENVIRONMENT) ; données : $data_dir" >&2 ;;
  *) echo "Démarrage de RegisFlow ($ASPNETCORE_ENVIRONMENT) ; données : $data_dir" >&2 ;;
esac
# The published static files (MudBlazor, Blazor script) are found from the content root.
export ASPNETCORE_CONTENTROOT="$publish_dir"
exec dotnet "$publish_dir/RegisFlow.Web.dll" "$@"
