#!/usr/bin/env python3
"""Python's XlsxWriter side of "XLSX: a per-series summary behind a 20-row summary sheet".

Usage: xlsx_summary_peer.py SUMMARY.csv OUT.xlsx

Writes the per-series summary (Benchmarks/scripts/series_summary.py) the way
Benchmarks/Tools/xlsx-summary does with Backbone's XLSX wrapper, in constant_memory mode: a
Summary sheet (first tab; a bold header and the first 19 indicators with their series, periods,
lowest and highest value), written last from totals gathered while writing, and a Series sheet
with every row: a bold header, indicator_id and periods as integers, the four values as floats,
the rest text, missing values empty, the header frozen and an autofilter. The CSV is streamed
with the csv module and cells are written with the typed write_number / write_string calls.
Prints row and cell counts to stderr.
"""

import csv
import math
import sys
import time

import xlsxwriter

INTEGER = {"indicator_id", "periods"}
FLOAT = {"first_value", "last_value", "minimum", "maximum"}
MISSING = {"", "NA", "N/A", "..", "-", "*", "x", ":"}


def main(source, target):
    started = time.monotonic()
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True})
    summary = workbook.add_worksheet("Summary")
    sheet = workbook.add_worksheet("Series")
    bold = workbook.add_format({"bold": True})
    totals = {}
    cells = 0
    rows = 0
    with open(source, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        for j, name in enumerate(header):
            sheet.write_string(0, j, name, bold)
        sheet.freeze_panes(1, 0)
        kinds = ["i" if name in INTEGER else "f" if name in FLOAT else "s" for name in header]
        ind, per, lo, hi = (header.index(n) for n in ("indicator_id", "periods", "minimum", "maximum"))
        write_number = sheet.write_number
        write_string = sheet.write_string
        for record in reader:
            rows += 1
            for j, field in enumerate(record):
                if field in MISSING:
                    continue
                kind = kinds[j]
                if kind == "s":
                    write_string(rows, j, field)
                elif kind == "i":
                    write_number(rows, j, int(field))
                else:
                    write_number(rows, j, float(field))
                cells += 1
            t = totals.get(record[ind])
            if t is None:
                t = totals[record[ind]] = [0, 0.0, math.inf, -math.inf]
            t[0] += 1
            t[1] += int(record[per])
            if record[lo] not in MISSING:
                t[2] = min(t[2], float(record[lo]))
            if record[hi] not in MISSING:
                t[3] = max(t[3], float(record[hi]))
        sheet.autofilter(0, 0, rows, len(header) - 1)
    for j, name in enumerate(["indicator_id", "series", "periods", "minimum", "maximum"]):
        summary.write_string(0, j, name, bold)
    for i, (label, t) in enumerate(list(totals.items())[:19]):
        summary.write_string(i + 1, 0, label)
        summary.write_number(i + 1, 1, t[0])
        summary.write_number(i + 1, 2, t[1])
        if math.isfinite(t[2]):
            summary.write_number(i + 1, 3, t[2])
        if math.isfinite(t[3]):
            summary.write_number(i + 1, 4, t[3])
    summary.activate()
    wrote = time.monotonic()
    workbook.close()
    closed = time.monotonic()
    print("rows=%d cells=%d indicators=%d cells_s=%.3f close_s=%.3f xlsxwriter=%s"
          % (rows, cells, len(totals), wrote - started, closed - wrote, xlsxwriter.__version__), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: xlsx_summary_peer.py SUMMARY.csv OUT.xlsx")
    main(sys.argv[1], sys.argv[2])
