#!/usr/bin/env bash
# Copies the user guide's screenshots (taken by the browser tests under the test output) into docs/screenshots/.
# Run the browser tests first, e.g.: dotnet test RegisFlow.Tests --filter "FullyQualifiedName~RegisFlow.Tests.Browser"
set -euo pipefail
cd "$(dirname "$0")/.."

source_dir=$(ls -d RegisFlow.Tests/bin/*/net10.0/screenshots 2>/dev/null | head -1)
if [ -z "$source_dir" ]; then
  echo "Aucune capture : lancez d'abord les tests navigateur." >&2
  exit 1
fi
mkdir -p docs/screenshots
for name in $(grep -o 'screenshots/[a-z0-9-]*\.png' docs/guide-utilisateur.md | sort -u | sed 's|screenshots/||'); do
  cp "$source_dir/$name" "docs/screenshots/$name"
done
echo "Captures copiées de $source_dir vers docs/screenshots/."
