// Writes a CSV file as one data sheet of an .xlsx workbook with Backbone's XLSX wrapper, in
// constant-memory mode: the Swift side of "XLSX: one data sheet of 1M rows against Python's
// XlsxWriter" (Benchmarks/scripts/xlsx_compare.sh; the Python side is xlsx_peer.py).
//
// Usage: xlsx-write CSV OUT.xlsx [--rows N]
//
// The CSV is read with Columnar's reader (types inferred: integers, floats, text; the default
// missing-value tokens leave cells empty), then every row is written: a bold header, numbers as
// numbers, text as text, the header frozen and an autofilter over the data. Timings and memory
// (VmRSS after reading, VmHWM at the end, from /proc/self/status) go to stderr as one line of
// key=value pairs.
import Columnar
import XLSX

#if canImport(Glibc)
  import Glibc
#endif

/// Writes to standard error (file descriptor 2; the C `stderr` global is not concurrency-safe).
func printError(_ text: String) {
  var text = text
  text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
  printError("xlsx-write: \(message)\n")
  exit(1)
}

/// A field of /proc/self/status in kB (VmRSS, VmHWM), or 0 where there is none.
func procStatus(_ field: String) -> Int {
  guard let file = fopen("/proc/self/status", "r") else { return 0 }
  defer { fclose(file) }
  var line = [CChar](repeating: 0, count: 256)
  while fgets(&line, Int32(line.count), file) != nil {
    let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.hasPrefix(field + ":") {
      return Int(text.dropFirst(field.count + 1).filter(\.isNumber)) ?? 0
    }
  }
  return 0
}

func seconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

var arguments = Array(CommandLine.arguments.dropFirst())
var limit: Int?
if let flag = arguments.firstIndex(of: "--rows") {
  guard flag + 1 < arguments.count, let n = Int(arguments[flag + 1]), n > 0 else { fail("--rows needs a positive number") }
  limit = n
  arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count == 2 else { fail("usage: xlsx-write CSV OUT.xlsx [--rows N]") }

let started = seconds()
let table: Table
do {
  table = try CSVReader.read(path: arguments[0]).table
} catch {
  fail("\(error)")
}
let read = seconds()
let rssAfterRead = procStatus("VmRSS")
let rows = min(limit ?? table.rowCount, table.rowCount)

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

var cells = 0
do {
  let workbook = try Workbook(path: arguments[1], options: WorkbookOptions(constantMemory: true, nonFiniteNumbers: .blank))
  let sheet = try workbook.addWorksheet("Data")
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
  }
  let wrote = seconds()
  try workbook.close()
  let closed = seconds()
  printError(
    "rows=\(rows) cells=\(cells) read_s=\(read - started) cells_s=\(wrote - read) close_s=\(closed - wrote) "
      + "total_s=\(closed - started) rss_after_read_kb=\(rssAfterRead) peak_kb=\(procStatus("VmHWM"))\n")
} catch {
  fail("\(error)")
}
