// Writes the per-series summary of the 10M-row benchmark file (Benchmarks/scripts/series_summary.py)
// as a workbook with Backbone's XLSX wrapper, in constant-memory mode: a 20-row Summary sheet
// (a header and the first 19 indicators: series, periods, lowest and highest value) in front of a
// Series sheet with every series. The Swift side of "XLSX: a per-series summary behind a 20-row
// summary sheet" (Benchmarks/scripts/xlsx_summary_compare.sh; the Python side is
// xlsx_summary_peer.py).
//
// Usage: xlsx-summary SUMMARY.csv OUT.xlsx
//
// The CSV is read with Columnar's reader (types inferred; missing values leave cells empty).
// Series: a bold header, numbers as numbers, text as text, the header frozen, an autofilter. The
// Summary sheet is added first (it is the first tab) and written last, from totals gathered while
// the Series rows are written; in constant-memory mode each sheet keeps its own rows in order.
// Timings and memory go to stderr as one line of key=value pairs.
import Columnar
import XLSX

#if canImport(Glibc)
  import Glibc
#endif

func printError(_ text: String) {
  var text = text
  text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
  printError("xlsx-summary: \(message)\n")
  exit(1)
}

/// A field of /proc/self/status in kB (VmRSS, VmHWM), or 0 where there is none.
func procStatus(_ field: String) -> Int {
  guard let file = fopen("/proc/self/status", "r") else { return 0 }
  defer { fclose(file) }
  var line = [CChar](repeating: 0, count: 256)
  while fgets(&line, Int32(line.count), file) != nil {
    let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.hasPrefix(field + ":") { return Int(text.dropFirst(field.count + 1).filter(\.isNumber)) ?? 0 }
  }
  return 0
}

func seconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2 else { fail("usage: xlsx-summary SUMMARY.csv OUT.xlsx") }

let started = seconds()
let table: Table
do {
  table = try CSVReader.read(path: arguments[0]).table
} catch {
  fail("\(error)")
}
let read = seconds()
let rssAfterRead = procStatus("VmRSS")
guard let indicatorIndex = table.names.firstIndex(of: "indicator_id"),
  let periodsIndex = table.names.firstIndex(of: "periods"), let minimumIndex = table.names.firstIndex(of: "minimum"),
  let maximumIndex = table.names.firstIndex(of: "maximum")
else { fail("the CSV is not a series summary (series_summary.py)") }

/// A column's numbers as Double (integers converted), with its validity.
func numbers(_ column: Column) -> ([Double], Validity?) {
  switch column.values {
  case .integer(let v): (v.map(Double.init), column.validity)
  case .float(let v): (v, column.validity)
  case .text: fail("column is not numeric")
  }
}

// The columns split by type once, so that the row loop has no switch per cell.
var integers: [(column: Int, values: [Int64], validity: Validity?)] = []
var floats: [(column: Int, values: [Double], validity: Validity?)] = []
var texts: [(column: Int, codes: [UInt32], strings: [String], validity: Validity?)] = []
for (j, column) in table.columns.enumerated() {
  switch column.values {
  case .integer(let values): integers.append((j, values, column.validity))
  case .float(let values): floats.append((j, values, column.validity))
  case .text(let codes, let dictionary): texts.append((j, codes, dictionary.strings, column.validity))
  }
}
let (periods, _) = numbers(table.columns[periodsIndex])
let (minima, minimumValid) = numbers(table.columns[minimumIndex])
let (maxima, maximumValid) = numbers(table.columns[maximumIndex])
let indicatorColumn = table.columns[indicatorIndex]

/// Totals per indicator, in order of first appearance.
struct Totals {
  var label: String
  var series = 0
  var periods = 0.0
  var minimum = Double.infinity
  var maximum = -Double.infinity
}
var totals: [Totals] = []
var slot: [String: Int] = [:]
func indicatorLabel(_ r: Int) -> String {
  switch indicatorColumn.values {
  case .integer(let v): String(v[r])
  case .float(let v): String(v[r])
  case .text(let codes, let d): d.strings[Int(codes[r])]
  }
}

var cells = 0
let rows = table.rowCount
do {
  let workbook = try Workbook(
    path: arguments[1], options: WorkbookOptions(constantMemory: true, nonFiniteNumbers: .blank))
  let summary = try workbook.addWorksheet("Summary")
  let sheet = try workbook.addWorksheet("Series")
  let bold = try workbook.format(CellStyle(isBold: true))
  for (j, name) in table.names.enumerated() { try sheet.write(name, row: 0, column: j, format: bold) }
  try sheet.freezePanes(rows: 1)
  try sheet.setAutofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: rows, lastColumn: table.names.count - 1))
  for r in 0..<rows {
    let row = r + 1
    for c in integers where c.validity?[r] ?? true {
      try sheet.write(Double(c.values[r]), row: row, column: c.column)
      cells += 1
    }
    for c in floats where c.validity?[r] ?? true {
      try sheet.write(c.values[r], row: row, column: c.column)
      cells += 1
    }
    for c in texts where c.validity?[r] ?? true {
      try sheet.write(c.strings[Int(c.codes[r])], row: row, column: c.column)
      cells += 1
    }
    let label = indicatorLabel(r)
    let k: Int
    if let found = slot[label] {
      k = found
    } else {
      k = totals.count
      slot[label] = k
      totals.append(Totals(label: label))
    }
    totals[k].series += 1
    totals[k].periods += periods[r]
    if minimumValid?[r] ?? true { totals[k].minimum = min(totals[k].minimum, minima[r]) }
    if maximumValid?[r] ?? true { totals[k].maximum = max(totals[k].maximum, maxima[r]) }
  }
  for (j, name) in ["indicator_id", "series", "periods", "minimum", "maximum"].enumerated() {
    try summary.write(name, row: 0, column: j, format: bold)
  }
  for (i, t) in totals.prefix(19).enumerated() {
    try summary.write(t.label, row: i + 1, column: 0)
    try summary.write(Double(t.series), row: i + 1, column: 1)
    try summary.write(t.periods, row: i + 1, column: 2)
    if t.minimum.isFinite { try summary.write(t.minimum, row: i + 1, column: 3) }
    if t.maximum.isFinite { try summary.write(t.maximum, row: i + 1, column: 4) }
  }
  try summary.activate()
  let wrote = seconds()
  try workbook.close()
  let closed = seconds()
  printError(
    "rows=\(rows) cells=\(cells) indicators=\(totals.count) read_s=\(read - started) cells_s=\(wrote - read) "
      + "close_s=\(closed - wrote) total_s=\(closed - started) rss_after_read_kb=\(rssAfterRead) "
      + "peak_kb=\(procStatus("VmHWM"))\n")
} catch {
  fail("\(error)")
}
