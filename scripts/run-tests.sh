#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL binaries, Chromium, heif-convert, podman and the deployment test's local
# base images), runs every test, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-postgres.sh || exit 1
scripts/ensure-chromium.sh || exit 1
scripts/ensure-heif.sh || exit 1
scripts/ensure-libreoffice.sh || exit 1
# RegisFlow.Tests/Deployment runs docker/ with podman on local base images: built here once per machine, each long
# step announced (the app's own image is built by the tests, from this checkout).
scripts/podman-local-images.sh >/dev/null || exit 1

results="TestResults"
rm -rf "$results"
dotnet test RegisFlow.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "Aucun résultat de test (la compilation a-t-elle échoué ?)" >&2
  echo "0 passed, 0 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
passed=$(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/')
failed=$(echo "$counters" | sed -E 's/.* failed="([0-9]+)".*/\1/')
errors=$(echo "$counters" | sed -E 's/.* error="([0-9]+)".*/\1/')
failed=$((failed + errors))
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
