// libFuzzer target for the CSV reader (Sources/Columnar/CSV).
//
// Built by fuzz/run.sh together with every file of Sources/Columnar into one module, so that
// internal types (NumberParser, Sniffer, RecordSplitter) are reachable without @testable.
//
// Input layout: byte 0 and byte 1 choose the options, the rest is the CSV.
//   byte 0  bits 0-2  delimiter: 0...3 sniffed, 4 ",", 5 ";", 6 tab, 7 "|"
//           bit 3     badRows: 0 fail, 1 quarantine
//           bit 4     decimal separator ","
//           bits 5-6  threads - 1 (1...4; with few threads batches hold 2 chunks, so the
//                     quote state is also carried from batch to batch)
//           bit 7     hasHeader = false (names column_1 ...)
//   byte 1            small chunk size: 1 + byte1 below 16, else 16 + 2 * (byte1 - 16)
//                     (1...494 bytes; the other read uses chunkSize 0, one chunk)
//           bit 0     thousands separator: "." with decimal ",", " " with decimal "."
//           bits 1-2  without a header: declare column_1 as -, integer, float, text
//
// Invariants (a broken one calls fatalError, which libFuzzer reports as a crash):
//   1. reading never traps (any trap, ASan report or precondition failure is a crash);
//   2. chunkSize 0 (one chunk) and the small chunk size give the same result: the same error
//      (kind, line, field, found, message) or the same names, row count, column types, cells
//      (compared through TableWriter.csvBytes), missing-value tokens, rejected rows (line, kind,
//      field, reason, raw bytes), warnings and recordsRead;
//   3. quarantining: recordsRead == table.rowCount + rejected.count, and recordsRead equals the
//      number of non-blank records a reference splitter (RecordSplitter) finds after the header;
//   4. every column has table.rowCount rows; validity, absences and text codes are consistent;
//      every text cell is valid UTF-8;
//   5. the table written as CSV and read back (",", every column declared with its type,
//      skipRows 0, missingTokens [""], no tag row) writes the same CSV bytes again;
//   6. the reader's number parser agrees with the standard library (Int64(String),
//      Double(String)) on every field made only of digits, "+-.eE", whenever both accept it.
//
// Nothing is excluded: the known bugs A and B and the two round-trip limitations that were
// excluded before are fixed (see fuzz/README.md and Tests/ColumnarTests/FuzzRegressionTests.swift).

private func fail(_ message: String) -> Never {
  fatalError("FUZZ INVARIANT: " + message)
}

private struct Outcome {
  var error: CSVError?
  var result: CSVReadResult?
}

private func read(_ bytes: [UInt8], _ options: CSVReadOptions) -> Outcome {
  do {
    return Outcome(error: nil, result: try CSVReader.read(bytes: bytes, name: "fuzz", options: options))
  } catch {
    return Outcome(error: error, result: nil)
  }
}

/// Whether every text cell that holds a value is valid UTF-8.
private func textIsValidUTF8(_ t: Table) -> Bool {
  for c in t.columns {
    guard case .text(let codes, let d) = c.values else { continue }
    var checked = Set<UInt32>()
    for (r, code) in codes.enumerated() where c.isValid(r) && Int(code) < d.count && checked.insert(code).inserted {
      if d.withBytes(of: code, { firstInvalidUTF8($0) }) != nil { return false }
    }
  }
  return true
}

private func describe(_ o: Outcome) -> String {
  if let e = o.error { return "error \(e.kind) line \(e.line.map(String.init) ?? "-") field \(e.field.map(String.init) ?? "-"): \(e.message)" }
  let r = o.result!
  return "table \(r.table.names) rows \(r.table.rowCount) types \(r.table.columns.map(\.type)) rejected \(r.rejected.map { "\($0.line):\($0.kind):\($0.field.map(String.init) ?? "-")" })"
}

private func text(_ bytes: [UInt8]) -> String {
  String(decoding: bytes.prefix(600), as: UTF8.self).debugDescription
}

/// Invariant 4: the table's shape.
private func checkShape(_ t: Table, _ label: String) {
  if t.names.count != t.columns.count { fail("\(label): \(t.names.count) names for \(t.columns.count) columns") }
  if Set(t.names).count != t.names.count { fail("\(label): duplicate names \(t.names)") }
  for (k, c) in t.columns.enumerated() {
    if c.count != t.rowCount { fail("\(label): column \(k) has \(c.count) rows, the table \(t.rowCount)") }
    if let v = c.validity, v.count != c.count { fail("\(label): column \(k) validity covers \(v.count) of \(c.count) rows") }
    let missing = c.count - c.validCount
    if c.absences.rows.count != missing || c.absences.tokens.count != missing {
      fail("\(label): column \(k) lists \(c.absences.rows.count) absences for \(missing) missing rows")
    }
    var previous = -1
    for r in c.absences.rows {
      if r <= previous || r >= c.count || c.isValid(r) { fail("\(label): column \(k) absence row \(r) is wrong") }
      previous = r
    }
    if case .text(let codes, let d) = c.values {
      for (r, code) in codes.enumerated() where c.isValid(r) && Int(code) >= d.count {
        fail("\(label): column \(k) row \(r) has code \(code) of \(d.count)")
      }
    }
  }
}

/// Invariant 2: the one-chunk and the many-chunk reads agree.
private func checkSame(_ a: Outcome, _ b: Outcome, _ chunkSize: Int) {
  let what = "chunkSize 0 vs \(chunkSize)"
  switch (a.error, b.error) {
  case (let x?, let y?):
    if x.kind != y.kind || x.line != y.line || x.field != y.field || x.found != y.found || x.message != y.message {
      fail("\(what): different errors:\n  \(describe(a))\n  \(describe(b))")
    }
    return
  case (nil, nil): break
  default: fail("\(what): one read failed:\n  \(describe(a))\n  \(describe(b))")
  }
  let x = a.result!, y = b.result!
  if x.table.names != y.table.names || x.table.rowCount != y.table.rowCount
    || x.table.columns.map(\.type) != y.table.columns.map(\.type)
  {
    fail("\(what): different tables:\n  \(describe(a))\n  \(describe(b))")
  }
  let cx = TableWriter.csvBytes(x.table), cy = TableWriter.csvBytes(y.table)
  if cx != cy { fail("\(what): different cells:\n  \(text(cx))\n  \(text(cy))") }
  for k in x.table.columns.indices where x.table.columns[k].absences != y.table.columns[k].absences {
    fail("\(what): column \(k) missing-value tokens differ: \(x.table.columns[k].absences) vs \(y.table.columns[k].absences)")
  }
  if x.rejected != y.rejected {
    let show = { (rows: [RejectedRow]) in rows.map { "\($0.line):\($0.kind):\($0.field.map(String.init) ?? "-"):\($0.raw): \($0.reason)" } }
    fail("\(what): different rejected rows:\n  \(show(x.rejected))\n  \(show(y.rejected))")
  }
  if x.recordsRead != y.recordsRead { fail("\(what): recordsRead \(x.recordsRead) vs \(y.recordsRead)") }
  if x.warnings != y.warnings { fail("\(what): different warnings:\n  \(x.warnings)\n  \(y.warnings)") }
}

/// Invariant 3b: data records after the header, by the scalar reference splitter.
private func referenceRecordCount(_ bytes: [UInt8], _ options: CSVReadOptions, delimiter: UInt8) -> Int? {
  bytes.withUnsafeBytes { data -> Int? in
    var start = 0
    if data.count >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF { start = 3 }
    guard let sniff = try? Sniffer.sniff(data, from: start, options: options, file: "fuzz") else { return nil }
    var splitter = RecordSplitter(data, delimiter: delimiter, quote: options.quote, from: sniff.dataStart)
    var n = 0
    while let r = splitter.next() { if !r.isBlank { n += 1 } }
    return n
  }
}

/// Invariant 5: write, read back with every type declared, write again.
private func checkRoundTrip(_ table: Table, _ label: String) {
  guard !table.columns.isEmpty else { return }
  let written = TableWriter.csvBytes(table)
  var options = CSVReadOptions()
  options.delimiter = 44
  options.skipRows = 0
  options.missingTokens = [""]
  options.skipTagRow = false
  options.threads = 1
  var types: [String: ColumnType] = [:]
  for (n, c) in zip(table.names, table.columns) { types[n] = c.type }
  options.columnTypes = types
  let back: CSVReadResult
  do {
    back = try CSVReader.read(bytes: written, name: "roundtrip", options: options)
  } catch {
    fail("\(label): round trip: reading the written CSV fails: \(error)\n  written: \(text(written))")
  }
  checkShape(back.table, "\(label) round trip")
  let again = TableWriter.csvBytes(back.table)
  if again != written {
    fail("\(label): round trip changes the CSV:\n  written: \(text(written))\n  again:   \(text(again))")
  }
}

/// Invariant 6: number parsing against the standard library, on the input's fields.
private func checkNumbers(_ bytes: [UInt8], delimiter: UInt8) {
  let parser = NumberParser()
  var fieldStart = 0
  func check(_ s: Int, _ e: Int) {
    let n = e - s
    guard n > 0 && n <= 64 else { return }
    for i in s..<e {
      switch bytes[i] {
      case 48...57, 43, 45, 46, 69, 101: continue
      default: return
      }
    }
    let str = String(decoding: bytes[s..<e], as: UTF8.self)
    bytes.withUnsafeBufferPointer { b in
      let p = b.baseAddress! + s
      if let v = parser.parseInteger(p, n), let w = Int64(str), v != w {
        fail("parseInteger(\(str)) = \(v), Int64 says \(w)")
      }
      if let v = parser.parseDouble(p, n), let w = Double(str), w.isFinite,
        v.bitPattern != w.bitPattern
      {
        fail("parseDouble(\(str)) = \(v), Double says \(w)")
      }
    }
  }
  for (i, b) in bytes.enumerated() where b == delimiter || b == 10 || b == 13 || b == 34 {
    check(fieldStart, i)
    fieldStart = i + 1
  }
  check(fieldStart, bytes.count)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size >= 2 else { return 0 }
  let b0 = data[0], b1 = data[1]
  let bytes = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))

  var options = CSVReadOptions()
  switch b0 & 7 {
  case 4: options.delimiter = 44
  case 5: options.delimiter = 59
  case 6: options.delimiter = 9
  case 7: options.delimiter = 124
  default: options.delimiter = nil
  }
  options.badRows = b0 & 8 != 0 ? .quarantine : .fail
  if b0 & 16 != 0 { options.decimalSeparator = 44 }
  if b1 & 1 != 0 { options.thousandsSeparator = options.decimalSeparator == 44 ? 46 : 32 }
  options.threads = 1 + Int((b0 >> 5) & 3)
  if b0 & 128 != 0 {
    options.hasHeader = false
    switch (b1 >> 1) & 3 {
    case 1: options.columnTypes = ["column_1": .integer]
    case 2: options.columnTypes = ["column_1": .float]
    case 3: options.columnTypes = ["column_1": .text]
    default: break
    }
  }
  // Mostly 16...494 bytes; 1...16 for one input in 16 (tiny chunks are slow to read).
  let smallChunk = b1 < 16 ? 1 + Int(b1) : 16 + 2 * (Int(b1) - 16)

  // 1 + 2: one chunk, then many small chunks.
  options.chunkSize = 0
  let one = read(bytes, options)
  options.chunkSize = smallChunk
  let many = read(bytes, options)

  for (o, label) in [(one, "chunkSize 0"), (many, "chunkSize \(smallChunk)")] {
    guard let r = o.result else { continue }
    // 3
    if options.badRows == .quarantine && r.recordsRead != r.table.rowCount + r.rejected.count {
      fail("\(label): recordsRead \(r.recordsRead) != rows \(r.table.rowCount) + rejected \(r.rejected.count)")
    }
    if options.badRows == .fail && !r.rejected.isEmpty { fail("\(label): rejected rows without quarantine") }
    // 4
    checkShape(r.table, label)
    // 4: text holds valid UTF-8 (bytes that are not are rejected, never loaded).
    if !textIsValidUTF8(r.table) { fail("\(label): a text cell is not valid UTF-8: \(describe(o))") }
  }
  checkSame(one, many, smallChunk)

  if let r = one.result {
    // 3b
    if options.badRows == .quarantine,
      let n = referenceRecordCount(bytes, options, delimiter: r.dialect.delimiter), n != r.recordsRead
    {
      fail("recordsRead \(r.recordsRead), the reference splitter finds \(n) records")
    }
    // 5
    checkRoundTrip(r.table, "chunkSize 0")
  }
  // 6
  checkNumbers(bytes, delimiter: one.result?.dialect.delimiter ?? options.delimiter ?? 44)
  return 0
}
