#!/usr/bin/env bash
# Runs the whole test suite (scripts/run-tests.sh) with the clock of every process shifted, by libfaketime, to dates where
# date-dependent code breaks: the 1st of a month after the 02:00 purge, the last evening of a month, and the two
# daylight-saving switch days in Paris. The tests must pass whatever the date: they never assert on the real clock.
# Usage: scripts/run-tests-at-dates.sh [dotnet test arguments...]   (e.g. --filter "FullyQualifiedName~Backups")
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "faketime est introuvable : lancez en root « apt-get update && apt-get install -y faketime »." >&2
    exit 1
  fi
  echo "Installation de faketime (apt-get)..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
fi

# Build once on the real clock (restoring packages over TLS with a shifted clock could fail on certificate dates).
dotnet build RegisFlow.sln -c Release --nologo -v quiet || exit 1

dates=(
  "2027-01-01 02:30:00 UTC"   # 1 January, 03:30 in Paris: just after the monthly and nightly 02:00 runs
  "2027-01-31 22:30:00 UTC"   # 31 January, 23:30 in Paris: the last evening of a month
  "2027-03-28 01:30:00 UTC"   # 28 March, 03:30 in Paris: the spring switch (02:00 → 03:00) has just happened
  "2027-10-31 00:30:00 UTC"   # 31 October, 02:30 in Paris (summer time): the hour that repeats at the autumn switch
)
summary=()
status=0
for date in "${dates[@]}"; do
  # A constant offset (not a fixed start time), so that every process — tests, app, PostgreSQL, Chromium — agrees.
  # FAKETIME_FORCE_MONOTONIC_FIX: without it, .NET's timed waits expire at once under libfaketime.
  offset=$(( $(date -d "$date" +%s) - $(date +%s) ))
  echo "=== Horloge décalée au $date ==="
  log=$(mktemp)
  FAKETIME_FORCE_MONOTONIC_FIX=1 faketime -f "+${offset}" scripts/run-tests.sh --no-build "$@" 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  summary+=("$date : $(tail -n 1 "$log")")
  rm -f "$log"
done
echo "=== Résumé ==="
printf '%s\n' "${summary[@]}"
exit $status
