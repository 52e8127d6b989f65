#!/usr/bin/env python3
"""Writes the golden XML parts of the sample workbooks with Python's XlsxWriter.

Provenance: XlsxWriter 3.0.2 (pip install "xlsxwriter==3.0.2"), Python 3.11, run as
    python3 Tests/XLSXTests/Snapshots/make_goldens.py
from the repository root. XlsxWriter is the Python original that libxlsxwriter was ported
from, by the same author; libxlsxwriter 1.1.4 (Debian) dates from the same months as
XlsxWriter 3.0.2, so a workbook built call for call in both should have the same XML.

Each function below mirrors a builder in ../SampleWorkbooks.swift; keep them in step. The
workbook is unzipped into Snapshots/<sample>/<part> (every part, as in the zip), replacing
the folder. GoldenTests.swift compares the Swift wrapper's parts with these, after blanking
the dates of docProps/core.xml on both sides.
"""

import datetime
import math
import os
import shutil
import sys
import tempfile
import zipfile

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
CREATED = datetime.datetime(2026, 1, 1, 0, 0, 0)  # 1767225600


def cells(wb):
    ws = wb.add_worksheet("Cells")
    bold = wb.add_format({"bold": True})
    shaded = wb.add_format({"pattern": 1, "bg_color": "#E5E5E5"})
    ws.set_row(0, 20)
    ws.write_string(0, 0, "What", bold)
    ws.write_string(0, 1, "Value", bold)
    date_format = None
    datetime_format = None
    rows = [
        ("Plain text", "text", "Life expectancy at birth"),
        ("Decimal", "number", 79.5),
        ("Integer", "number", 1234567),
        ("Negative", "number", -0.25),
        ("Boolean", "boolean", True),
        ("Date", "date", datetime.datetime(2026, 9, 30)),
        ("Date and time", "datetime", datetime.datetime(2026, 9, 30, 14, 5)),
        ("Formula", "formula", ("=B3*2", 159)),
        ("Text formula", "formula", ('="Q"&3', "Q3")),
        ("Equals sign", "text", "=1+1"),
        ("Plus sign", "text", "+44 20 7946 0000"),
        ("Minus sign", "text", "-3+4"),
        ("At sign", "text", "@SUM(B3:B4)"),
        ("Escape-like", "text", "_x0041_ stays"),
        ("Line break", "text", "first line\nsecond line"),
        ("Unicode", "text", "Ünïcödé – ≥ 95 % 健康"),
        ("Not a number", "text", "NaN"),  # NonFiniteNumberPolicy.text
        ("Infinity", "text", "-Infinity"),
    ]
    for i, (label, kind, value) in enumerate(rows):
        r = i + 1
        ws.write_string(r, 0, label)
        if kind == "text":
            ws.write_string(r, 1, value)
        elif kind == "number":
            ws.write_number(r, 1, value)
        elif kind == "boolean":
            ws.write_boolean(r, 1, value)
        elif kind == "date":
            date_format = date_format or wb.add_format({"num_format": "yyyy-mm-dd"})
            ws.write_datetime(r, 1, value, date_format)
        elif kind == "datetime":
            datetime_format = datetime_format or wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
            ws.write_datetime(r, 1, value, datetime_format)
        elif kind == "formula":
            ws.write_formula(r, 1, value[0], None, value[1])
    blank = len(rows) + 1
    ws.write_string(blank, 0, "Shaded blank")
    ws.write_blank(blank, 1, None, shaded)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 20)
    ws.freeze_panes(1, 0)


def formats(wb):
    ws = wb.add_worksheet("Formats")
    percent = None
    rows = [
        ("Header", 1, {"bold": True, "pattern": 1, "bg_color": "#DDEBF7", "bottom": 2, "bottom_color": "#1F4E79"}),
        ("Percent", 0.734, "percent"),
        ("Thousands", 1234567.891, {"num_format": "#,##0"}),
        ("One decimal", 12.345, {"num_format": "0.0"}),
        ("Black font", 2, {"font_color": "#000000"}),
        ("Blue font", 3, {"font_color": "#0072B2", "italic": True, "underline": 1}),
        ("Font", 4, {"font_name": "Arial", "font_size": 14}),
        ("Aligned", 5, {"align": "center", "valign": "top", "text_wrap": True}),
        ("Indented", 6, {"align": "left", "indent": 2}),
        ("Boxed", 7, {"border": 1, "border_color": "#808080"}),
        ("Percent again", 0.5, "percent"),
    ]
    for i, (label, value, props) in enumerate(rows):
        ws.write_string(i, 0, label)
        if props == "percent":
            percent = percent or wb.add_format({"num_format": "0.0%"})
            fmt = percent
        else:
            fmt = wb.add_format(props)
        ws.write_number(i, 1, value, fmt)
    ws.set_column(0, 1, 16)


TABLE_ROWS = [
    ("Smoking prevalence", "2022/23", 12.4, 11.2),
    ("Smoking prevalence", "2023/24", 11.9, 10.8),
    ("Smoking prevalence", "2024/25", 11.1, 10.0),
    ("Smoking prevalence", "2025/26", 10.6, 9.5),
]

FILTERED_ROWS = [("Northfield", 412, 38.2), ("Southmoor", 95, 12.75), ("Eastbrook", 1030, 51.0)]


def table(wb):
    ws = wb.add_worksheet("Observations")
    one = wb.add_format({"num_format": "0.0"})
    for i, header in enumerate(["indicator", "period", "value", "lower"]):
        ws.write_string(0, i, header)
    ws.add_table(0, 0, len(TABLE_ROWS) + 1, 3, {
        "name": "SmokingObservations",
        "style": "Table Style Medium 2",
        "total_row": True,
        "columns": [
            {"header": "indicator", "total_string": "Mean"},
            {"header": "period"},
            {"header": "value", "format": one, "total_function": "average", "total_value": 11.5},
            {"header": "lower", "format": one},
        ],
    })
    for i, row in enumerate(TABLE_ROWS):
        ws.write_string(i + 1, 0, row[0])
        ws.write_string(i + 1, 1, row[1])
        ws.write_number(i + 1, 2, row[2], one)
        ws.write_number(i + 1, 3, row[3], one)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 3, 10)

    filtered = wb.add_worksheet("Filtered")
    header = wb.add_format({"bold": True})
    for i, name in enumerate(["area", "count", "rate"]):
        filtered.write_string(0, i, name, header)
    for i, row in enumerate(FILTERED_ROWS):
        filtered.write_string(i + 1, 0, row[0])
        filtered.write_number(i + 1, 1, row[1])
        filtered.write_number(i + 1, 2, row[2])
    filtered.autofilter(0, 0, len(FILTERED_ROWS), 2)
    filtered.freeze_panes(1, 1)
    filtered.activate()


STATUS_WORDS = ["Improving", "No change", "Worsening"]
STATUS_ROWS = [
    ("Smoking prevalence", "Improving", 10.6, 12),
    ("Physically active adults", "No change", 66.1, 70),
    ("Breastfeeding at birth", "Worsening", 0.95, 0.9),
    ("Cancer screening coverage", "Improving", None, 75),
]


def rules(wb):
    ws = wb.add_worksheet("Status")
    lists = wb.add_worksheet("Lists")
    title = wb.add_format({"bold": True, "align": "center"})
    good = wb.add_format({"font_color": "#004D40", "pattern": 1, "bg_color": "#B2DFDB"})
    bad = wb.add_format({"font_color": "#6A1B00", "pattern": 1, "bg_color": "#FFCC80"})
    neutral = wb.add_format({"italic": True})
    strong = wb.add_format({"bold": True})
    missing = wb.add_format({"pattern": 1, "bg_color": "#EEEEEE"})
    ws.merge_range(0, 0, 0, 3, "Indicator status, 2026 Q3", title)
    for i, header in enumerate(["Indicator", "Status", "Actual", "Target"]):
        ws.write_string(1, i, header, strong)
    for i, row in enumerate(STATUS_ROWS):
        ws.write_string(i + 2, 0, row[0])
        ws.write_string(i + 2, 1, row[1])
        if row[2] is not None:
            ws.write_number(i + 2, 2, row[2])
        ws.write_number(i + 2, 3, row[3])
    for i, word in enumerate(STATUS_WORDS):
        lists.write_string(i, 0, word)
    ws.conditional_format(2, 1, 5, 1, {"type": "cell", "criteria": "==", "value": '"Improving"', "format": good})
    ws.conditional_format(2, 1, 5, 1, {"type": "cell", "criteria": "==", "value": '"Worsening"', "format": bad})
    ws.conditional_format(2, 1, 5, 1, {"type": "text", "criteria": "containing", "value": "No", "format": neutral})
    ws.conditional_format(2, 2, 5, 2, {"type": "cell", "criteria": ">", "value": 60, "format": strong})
    ws.conditional_format(2, 2, 5, 2, {"type": "cell", "criteria": "between", "minimum": 0.5, "maximum": 1,
                                       "format": neutral})
    ws.conditional_format(2, 0, 5, 0, {"type": "formula", "criteria": "=$C3<$D3", "format": bad})
    ws.conditional_format(2, 2, 5, 2, {"type": "blanks", "format": missing})
    ws.conditional_format(2, 3, 5, 3, {"type": "2_color_scale", "min_color": "#FFFFFF", "max_color": "#0072B2"})
    ws.conditional_format(2, 2, 5, 2, {"type": "3_color_scale", "min_color": "#E69F00", "mid_color": "#FFFFFF",
                                       "max_color": "#009E73"})
    ws.conditional_format(2, 3, 5, 3, {"type": "data_bar", "bar_color": "#56B4E9"})
    ws.data_validation(2, 4, 5, 4, {
        "validate": "list", "source": STATUS_WORDS,
        "input_title": "Status", "input_message": "Choose a status word",
        "error_title": "Not a status", "error_message": "Use one of the listed words",
    })
    ws.data_validation(2, 7, 5, 7, {"validate": "list", "source": "=Lists!$A$1:$A$3"})
    ws.set_column(0, 0, 30)


TREND_HEADER = ["Period", "Value", "Lower", "Upper", "Target"]
TREND_ROWS = [
    ("2021/22", 14.1, 13.2, 15.0, 12),
    ("2022/23", 13.4, 12.6, 14.3, 12),
    ("2023/24", 12.9, 12.0, 13.8, 12),
    ("2024/25", 12.1, 11.3, 13.0, 12),
    ("2025/26", 11.6, 10.8, 12.5, 12),
]


def charts(wb):
    ws = wb.add_worksheet("Trends")
    for i, header in enumerate(TREND_HEADER):
        ws.write_string(0, i, header)
    for i, row in enumerate(TREND_ROWS):
        ws.write_string(i + 1, 0, row[0])
        for j, value in enumerate(row[1:]):
            ws.write_number(i + 1, j + 1, value)
    last = len(TREND_ROWS)
    periods = ["Trends", 1, 0, last, 0]

    def column(c):
        return ["Trends", 1, c, last, c]

    line = wb.add_chart({"type": "line"})
    line.add_series({
        "values": column(1), "categories": periods, "name": ["Trends", 0, 1],
        "line": {"color": "#0072B2", "width": 2.25},
        "marker": {"type": "circle", "size": 7, "fill": {"color": "#0072B2"}, "border": {"color": "#0072B2"}},
    })
    for c in (2, 3):
        line.add_series({
            "values": column(c), "categories": periods, "name": ["Trends", 0, c],
            "line": {"color": "#999999", "width": 1, "dash_type": "dash"}, "marker": {"type": "none"},
        })
    line.add_series({
        "values": column(4), "categories": periods, "name": "Target",
        "line": {"color": "#D55E00", "dash_type": "long_dash"}, "marker": {"type": "none"},
    })
    line.set_title({"name": "Smoking prevalence (%)"})
    line.set_x_axis({"name": "Period"})
    line.set_y_axis({"name": "%", "min": 0, "max": 20, "num_format": "0"})
    line.set_legend({"position": "bottom"})
    line.show_blanks_as("gap")
    ws.insert_chart(1, 6, line, {"x_scale": 1.5, "description": "Trend of smoking prevalence"})

    bar = wb.add_chart({"type": "bar"})
    bar.add_series({
        "values": column(1), "categories": periods, "name": "Value", "fill": {"color": "#009E73"},
        "data_labels": {"value": True, "num_format": "0.0"},
    })
    bar.set_title({"none": True})
    bar.set_x_axis({"name": "%", "min": 0})
    bar.set_legend({"none": True})
    ws.insert_chart(17, 6, bar)

    col = wb.add_chart({"type": "column"})
    col.add_series({"values": column(1), "categories": periods})
    ws.insert_chart(33, 6, col, {"x_offset": 10, "y_offset": 5})


BAND_HEADER = ["Period", "Value", "Lower", "Upper", "Width", "Target"]


def band(wb):
    ws = wb.add_worksheet("Band")
    for i, header in enumerate(BAND_HEADER):
        ws.write_string(0, i, header)
    for i, (period, value, lower, upper, target) in enumerate(TREND_ROWS):
        ws.write_string(i + 1, 0, period)
        for j, number in enumerate([value, lower, upper, upper - lower, target]):
            ws.write_number(i + 1, j + 1, number)
    last = len(TREND_ROWS)
    periods = ["Band", 1, 0, last, 0]

    def column(c):
        return ["Band", 1, c, last, c]

    area = wb.add_chart({"type": "area", "subtype": "stacked"})
    area.add_series({
        "values": column(2), "categories": periods, "name": ["Band", 0, 2],
        "line": {"none": True}, "fill": {"none": True},
    })
    area.add_series({
        "values": column(4), "categories": periods, "name": "95% interval",
        "line": {"none": True}, "fill": {"color": "#77AADD", "transparency": 60},
    })
    line = wb.add_chart({"type": "line"})
    line.add_series({
        "values": column(1), "categories": periods, "name": ["Band", 0, 1],
        "line": {"color": "#4477AA", "width": 2.25},
        "marker": {"type": "circle", "size": 6, "fill": {"color": "#4477AA"}},
    })
    line.add_series({
        "values": column(5), "categories": periods, "name": ["Band", 0, 5],
        "line": {"color": "#EE6677", "width": 1.5, "dash_type": "long_dash"},
    })
    area.combine(line)
    area.set_title({"name": "Smoking prevalence (%)"})
    area.set_x_axis({"name": "Period"})
    area.set_y_axis({"name": "%", "num_format": "0.0"})
    area.set_legend({"position": "bottom", "delete_series": [0]})
    area.show_blanks_as("gap")
    ws.insert_chart(1, 7, area, {"x_scale": 1.3, "description": "Smoking prevalence with its 95% interval"})

    plain = wb.add_chart({"type": "area"})
    plain.add_series({
        "values": column(1), "categories": periods, "name": "Value",
        "fill": {"color": "#4477AA", "transparency": 25},
    })
    ws.insert_chart(17, 7, plain)


def properties(wb):
    wb.set_properties({
        "title": "Quarterly funder workbook", "subject": "Indicator results, 2026 Q3", "author": "Backbone",
        "manager": "Partnership manager", "company": "Northfield Partnership", "category": "Monitoring",
        "keywords": "indicators, funder", "comments": "Generated from the partnership's exports",
        "status": "Final", "created": CREATED,
    })
    wb.set_custom_property("Backbone version", "0.1.0")
    ws = wb.add_worksheet("About")
    ws.write_string(0, 0, "Backbone funder workbook")


DATA_HEADER = ["area", "year", "value", "published", "note"]


def data_rows():
    areas = ["Northfield", "Southmoor", "Eastbrook", "Westdale"]
    for i in range(20):
        value = math.nan if i % 7 == 3 else 40 + i * 1.25
        yield (areas[i % 4], 2015 + i // 4, value, datetime.datetime(2026, 1 + i % 12, 1 + i),
               "=provisional" if i % 5 == 0 else "final")


def constant_memory(wb):
    ws = wb.add_worksheet("Data")
    header = wb.add_format({"bold": True, "bottom": 1})
    value_format = wb.add_format({"num_format": "0.00"})
    date_format = None
    for i, name in enumerate(DATA_HEADER):
        ws.write_string(0, i, name, header)
    ws.set_column(0, 4, 14)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, 20, 4)
    for i, (area, year, value, date, note) in enumerate(data_rows()):
        r = i + 1
        ws.write_string(r, 4, note)
        ws.write_string(r, 0, area)
        ws.write_number(r, 1, year)
        if math.isnan(value):
            ws.write_blank(r, 2, None, value_format)  # NonFiniteNumberPolicy.blank
        else:
            ws.write_number(r, 2, value, value_format)
        date_format = date_format or wb.add_format({"num_format": "yyyy-mm-dd"})
        ws.write_datetime(r, 3, date, date_format)


SAMPLES = {
    "cells": (cells, {}),
    "formats": (formats, {}),
    "table": (table, {}),
    "rules": (rules, {}),
    "charts": (charts, {}),
    "band": (band, {}),
    "properties": (properties, {}),
    "constantMemory": (constant_memory, {"constant_memory": True}),
}


def main(names):
    with tempfile.TemporaryDirectory() as tmp:
        for name in names or SAMPLES:
            build, options = SAMPLES[name]
            path = os.path.join(tmp, name + ".xlsx")
            wb = xlsxwriter.Workbook(path, options)
            wb.set_properties({"created": CREATED})
            build(wb)
            wb.close()
            out = os.path.join(HERE, name)
            shutil.rmtree(out, ignore_errors=True)
            with zipfile.ZipFile(path) as z:
                for part in z.namelist():
                    target = os.path.join(out, part)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as f:
                        f.write(z.read(part))
            print("wrote", out, "with XlsxWriter", xlsxwriter.__version__)


if __name__ == "__main__":
    main(sys.argv[1:])
