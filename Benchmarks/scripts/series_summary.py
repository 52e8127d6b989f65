#!/usr/bin/env python3
"""The per-series summary of an indicator CSV (Benchmarks/scripts/generate_indicators.py), the
input of "XLSX: a per-series summary behind a 20-row summary sheet" (xlsx_summary_compare.sh).

Usage: series_summary.py IN.csv OUT.csv

One row per series, a series being the rows with the same (indicator_id, area_code, area_type,
sex, age), in order of first appearance, with 12 columns:

    indicator_id,area_code,area_type,sex,age,periods,first_period,last_period,
    first_value,last_value,minimum,maximum

periods counts the series' rows; first_period and last_period are those of its first and last
row (the generator writes each series' periods in order); first_value, last_value, minimum and
maximum are over the rows with a value (the missing-value tokens of Columnar's reader and
xlsx_peer.py: "", NA, N/A, .., -, *, x, :) and empty when there is none. Values are written with
repr(), which round-trips. Standard library only; the output depends only on the input.
"""

import csv
import sys

MISSING = {"", "NA", "N/A", "..", "-", "*", "x", ":"}
HEADER = ["indicator_id", "area_code", "area_type", "sex", "age", "periods", "first_period", "last_period",
          "first_value", "last_value", "minimum", "maximum"]


def main(source, target):
    series = {}
    with open(source, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        key_columns = [col[n] for n in ("indicator_id", "area_code", "area_type", "sex", "age")]
        period, value = col["period"], col["value"]
        for record in reader:
            key = tuple(record[i] for i in key_columns)
            s = series.get(key)
            if s is None:
                s = series[key] = [0, record[period], record[period], None, None, None, None]
            s[0] += 1
            s[2] = record[period]
            field = record[value]
            if field not in MISSING:
                x = float(field)
                if s[3] is None:
                    s[3] = s[5] = s[6] = x
                s[4] = x
                if x < s[5]:
                    s[5] = x
                if x > s[6]:
                    s[6] = x
    with open(target + ".tmp", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        for key, s in series.items():
            writer.writerow(list(key) + [s[0], s[1], s[2]] + ["" if x is None else repr(x) for x in s[3:]])
    import os
    os.replace(target + ".tmp", target)
    print("series=%d" % len(series), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: series_summary.py IN.csv OUT.csv")
    main(sys.argv[1], sys.argv[2])
