#!/usr/bin/env python3
"""Reads workbooks with openpyxl and prints every non-empty cell as JSON, for RealSoftwareTests.

Usage: read_back.py [--formulas] FILE.xlsx...

Output: {"FILE.xlsx": {"Sheet": {"B4": ["n", 79.5], ...}}}, where the type is openpyxl's
data_type: "s" text, "n" number, "b" boolean, "d" date (value in ISO form, 2026-09-30T14:05:00),
"f" formula (only with --formulas; otherwise a formula cell shows its stored result).
Run with Debian's python3-openpyxl (/usr/bin/python3).
"""

import datetime
import json
import sys

import openpyxl


def read(path, formulas):
    workbook = openpyxl.load_workbook(path, data_only=not formulas)
    sheets = {}
    for sheet in workbook.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None:
                    continue
                if isinstance(value, (datetime.datetime, datetime.date)):
                    cells[cell.coordinate] = ["d", value.isoformat()]
                else:
                    cells[cell.coordinate] = [cell.data_type, value]
        sheets[sheet.title] = cells
    return sheets


def main(arguments):
    formulas = "--formulas" in arguments
    paths = [a for a in arguments if a != "--formulas"]
    json.dump({path: read(path, formulas) for path in paths}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
