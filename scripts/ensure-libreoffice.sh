#!/usr/bin/env bash
# The CSV test opens the export as a spreadsheet would (LibreOffice headless, Excel's rules for numbers and formulas):
# install LibreOffice Calc without its desktop parts when missing.
set -euo pipefail

if [ -x /usr/bin/soffice ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "LibreOffice est introuvable (test d'ouverture du CSV) : lancez en root « apt-get update && apt-get install -y libreoffice-calc-nogui »." >&2
  exit 0
fi
echo "Installation de LibreOffice Calc sans interface (apt-get, une seule fois)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
