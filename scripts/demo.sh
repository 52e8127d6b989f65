#!/bin/sh
# The main job on bundled data: the quarterly funder pack (examples/quarterly-funder-pack.yaml,
# outputs under examples/reports/), then a tour of the commands on real and messy exports:
# recognise their layouts, turn them into canonical observations, analyse every series and assess
# a results chain. Those outputs go to demo-output/.
set -eu
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build -c release --product backbone >&2
bb=.build/release/backbone
mkdir -p demo-output

echo "== The quarterly funder pack (examples/quarterly-funder-pack.yaml): a workbook and a Markdown"
echo "   report from one model, written atomically, recorded in the run history"
$bb run examples/quarterly-funder-pack.yaml
echo
sed -n '1,9p' examples/reports/2023-24-Q4/report.md
echo

echo "== A World Bank download (preamble, BOM, trailing commas, one column per year)"
$bb inspect fixtures/worldbank-physicians-per-1000.csv | sed -n '1,4p;/^layout/,$p'
$bb convert fixtures/worldbank-physicians-per-1000.csv --canonical -o demo-output/worldbank-physicians.canonical.csv

echo
echo "== An SDMX-CSV file from the OECD, with observation status codes"
$bb convert fixtures/sdmx-oecd-life-expectancy.csv --canonical -o - | cut -d, -f1,3,7,9,12,17 | head -n 8

echo
echo "== A partner's spreadsheet export (';', decimal comma, suppressed values, one broken row)"
$bb inspect fixtures/northfield-partnership-export.csv --decimal-comma --thousands ' ' \
  --bad-rows quarantine --rejected demo-output/northfield.rejected.csv | sed -n '/^layout/,$p'
$bb convert fixtures/northfield-partnership-export.csv --decimal-comma --thousands ' ' \
  --bad-rows quarantine --rejected demo-output/northfield.rejected.csv --canonical \
  --fiscal-year-start April -o demo-output/northfield.canonical.csv

echo
echo "== Is under-five mortality falling? (Our World in Data, three countries)"
$bb analyze fixtures/owid-child-mortality-3-countries.csv
$bb analyze fixtures/owid-child-mortality-3-countries.csv --format md -o demo-output/owid-analysis.md
$bb analyze fixtures/worldbank-physicians-per-1000.csv --format csv -o demo-output/worldbank-analysis.csv
$bb analyze fixtures/worldbank-physicians-per-1000.csv --format summary 2>/dev/null

echo
echo "== Does the partnership's work contribute to healthier weight? (a results chain)"
$bb chain indicators/chains/healthy-weight.yaml fixtures/chains/healthy-weight.csv 2>/dev/null | sed -n '1,12p;/^Final outcomes/,$p'
$bb chain indicators/chains/healthy-weight.yaml fixtures/chains/healthy-weight.csv --format md \
  -o demo-output/healthy-weight-chain.md 2>/dev/null

echo
echo "== Written:"
ls -l demo-output
