#!/usr/bin/env python3
"""Python's XlsxWriter side of "XLSX: one data sheet of 1M rows against Python's XlsxWriter".

Usage: xlsx_peer.py CSV OUT.xlsx [--rows N] [--naive]

Writes the indicator CSV (Benchmarks/scripts/generate_indicators.py) as one sheet, in
constant_memory mode, the way Benchmarks/Tools/xlsx-write does with Backbone's XLSX wrapper:
a bold header, the 15 columns typed (indicator_id, count and denominator as integers; value,
lower_ci and upper_ci as floats; the rest text), missing values left empty (the tokens of
Columnar's reader: "", NA, N/A, .., -, *, x, :), the header frozen and an autofilter over the
data. The CSV is streamed with the csv module, and cells are written with the typed
write_number / write_string calls (XlsxWriter's fastest path). Prints the row and cell
counts to stderr, so that both sides can be checked to write the same cells.

--naive writes the same cells the way a quick script often does: every record read into a
list first, then the generic worksheet.write(), which inspects each value's type. Same output,
more time and memory; timed for context.
"""

import csv
import sys
import time

import xlsxwriter

INTEGER = {"indicator_id", "count", "denominator"}
FLOAT = {"value", "lower_ci", "upper_ci"}
MISSING = {"", "NA", "N/A", "..", "-", "*", "x", ":"}


def main(arguments):
    limit = None
    if "--rows" in arguments:
        i = arguments.index("--rows")
        limit = int(arguments[i + 1])
        del arguments[i:i + 2]
    naive = "--naive" in arguments
    if naive:
        arguments.remove("--naive")
    source, target = arguments
    started = time.monotonic()
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True})
    sheet = workbook.add_worksheet("Data")
    bold = workbook.add_format({"bold": True})
    cells = 0
    rows = 0
    with open(source, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        for j, name in enumerate(header):
            sheet.write_string(0, j, name, bold)
        sheet.freeze_panes(1, 0)
        kinds = ["i" if name in INTEGER else "f" if name in FLOAT else "s" for name in header]
        write_number = sheet.write_number
        write_string = sheet.write_string
        if naive:
            records = list(reader) if limit is None else [r for _, r in zip(range(limit), reader)]
            for record in records:
                rows += 1
                for j, field in enumerate(record):
                    if field in MISSING:
                        continue
                    kind = kinds[j]
                    sheet.write(rows, j, field if kind == "s" else int(field) if kind == "i" else float(field))
                    cells += 1
            reader = []
        for record in reader:
            if limit is not None and rows >= limit:
                break
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
        sheet.autofilter(0, 0, rows, len(header) - 1)
    wrote = time.monotonic()
    workbook.close()
    closed = time.monotonic()
    print("rows=%d cells=%d cells_s=%.3f close_s=%.3f xlsxwriter=%s"
          % (rows, cells, wrote - started, closed - wrote, xlsxwriter.__version__), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
