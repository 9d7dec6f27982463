#!/usr/bin/env bash
# Starts RegisFlow on http://localhost:5000. Without ConnectionStrings__RegisFlow or DATABASE_URL it runs
# its own private PostgreSQL server (data in /var/lib/regisflow as root, ~/.local/share/regisflow otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ConnectionStrings__RegisFlow:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  scripts/ensure-postgres.sh
fi
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
exec dotnet run --project RegisFlow.Web -c Release --no-launch-profile "$@"
