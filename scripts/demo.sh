#!/bin/sh
# The main job on bundled data: read real and messy exports, say what is in them, and write
# them back as clean CSV and JSON Lines under demo-output/.
set -eu
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build -c release --product backbone >&2
bb=.build/release/backbone
mkdir -p demo-output

echo "== A World Bank download (preamble, BOM, trailing commas, one column per year)"
$bb inspect fixtures/worldbank-physicians-per-1000.csv | head -n 12
echo "   ..."
$bb convert fixtures/worldbank-physicians-per-1000.csv -o demo-output/worldbank-physicians.jsonl

echo
echo "== A partner's spreadsheet export (';', decimal comma, suppressed values, one broken row)"
$bb inspect fixtures/northfield-partnership-export.csv --decimal-comma --thousands ' ' \
  --bad-rows quarantine --rejected demo-output/northfield.rejected.csv
$bb convert fixtures/northfield-partnership-export.csv --decimal-comma --thousands ' ' \
  --bad-rows quarantine --rejected demo-output/northfield.rejected.csv -o demo-output/northfield.csv

echo
echo "== Written:"
ls -l demo-output
