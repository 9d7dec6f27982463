#!/usr/bin/env bash
# The benchmark of issue 15 (docs/performance.md): installs what it needs, publishes the app, then runs RegisFlow.Benchmarks.
#   scripts/benchmark.sh run [--quick] [options]      measures a published app and rewrites docs/performance.md
#   scripts/benchmark.sh generate --connection "..."  only fills a database with generated sales
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-postgres.sh
command="${1:-}"
if [ "$command" = "run" ]; then
  scripts/ensure-chromium.sh
  scripts/ensure-heif.sh
fi

work_dir=/tmp/regisflow-bench
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--work-dir" ] && [ $((i + 1)) -lt ${#args[@]} ]; then work_dir="${args[$((i + 1))]}"; fi
done

dotnet build RegisFlow.Benchmarks -c Release -v quiet -nologo
if [ "$command" = "run" ]; then
  publish="$work_dir/publish"
  echo "Publication de RegisFlow.Web dans $publish..."
  dotnet publish RegisFlow.Web -c Release -o "$publish" -v quiet -nologo
  set -- "$@" --app "$publish/RegisFlow.Web.dll"
fi
exec dotnet RegisFlow.Benchmarks/bin/Release/net10.0/RegisFlow.Benchmarks.dll "$@"
