/// What sniffing the start of a file found.
struct SniffResult {
  var delimiter: UInt8
  var delimiterDetected: Bool
  var lineEnding: CSVDialect.LineEnding
  /// Header fields as text (or `nil` without a header), and the byte offset where data starts.
  var header: [String]?
  var headerWasEmpty: [Bool]
  var columnCount: Int
  var dataStart: Int
  var skippedLines: Int
  var skippedDetected: Bool
  var preamble: [String]
  var headerLine: Int?
  var tagRow: [String]?
}

enum Sniffer {
  static let candidates: [UInt8] = [44, 59, 9, 124]  // , ; tab |
  static let sampleRecords = 64

  /// Detects delimiter, preamble, header and tag row from the first bytes of the file.
  ///
  /// - The delimiter is the candidate whose most common field count (above 1) is shared by the
  ///   most records of the sample; ties go to the larger count, then to the order `,` `;` tab `|`.
  /// - Without `skipRows`, the header is the first record with that most common count: the
  ///   records before it (World Bank's "Data Source" lines) are a preamble.
  /// - A record under the header whose non-empty fields all start with `#` is an HXL tag row.
  static func sniff(_ data: UnsafeRawBufferPointer, from start: Int, options: CSVReadOptions, file: String) throws(CSVError)
    -> SniffResult
  {
    let sampleEnd = min(data.count, start + (1 << 20))
    let sample = UnsafeRawBufferPointer(rebasing: data[0..<sampleEnd])
    let atEOF = sampleEnd == data.count

    // Skip declared lines first (physical lines, quotes ignored, as people count them).
    var recordsStart = start
    var skippedLines = 0
    if let skip = options.skipRows {
      var i = start
      while skippedLines < skip && i < data.count {
        let b = data[i]
        if b == 10 || b == 13 {
          skippedLines += 1
          i += (b == 13 && i + 1 < data.count && data[i + 1] == 10) ? 2 : 1
        } else {
          i += 1
        }
      }
      recordsStart = i
    }

    func records(_ d: UInt8) -> [RecordSplitter.Record] {
      var splitter = RecordSplitter(sample, delimiter: d, quote: options.quote, from: recordsStart)
      var out: [RecordSplitter.Record] = []
      while out.count < sampleRecords, let r = splitter.next() {
        if !atEOF && r.end == sampleEnd { break }  // possibly cut short by the sample's end
        out.append(r)
      }
      return out
    }

    // A record whose quoted fields do not end at their closing quote (`"a","b"` split at `;`)
    // supports no field count: split at the file's own delimiter, quoted fields are whole.
    func isWellFormed(_ r: RecordSplitter.Record) -> Bool {
      r.fields.allSatisfy { f in !f.isQuoted || (f.end - f.start >= 2 && sample[f.end - 1] == options.quote) }
    }

    func modalCount(_ rs: [RecordSplitter.Record]) -> (count: Int, support: Int) {
      var freq: [Int: Int] = [:]
      for r in rs where !r.isBlank && isWellFormed(r) { freq[r.fields.count, default: 0] += 1 }
      let best = freq.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }
      return best.map { ($0.key, $0.value) } ?? (0, 0)
    }

    var delimiter = options.delimiter ?? 44
    var sampled: [RecordSplitter.Record]
    if options.delimiter == nil {
      var best: (d: UInt8, count: Int, support: Int)? = nil
      var bestRecords: [RecordSplitter.Record] = []
      for d in candidates {
        let rs = records(d)
        let m = modalCount(rs)
        guard m.count > 1 else { continue }
        if best == nil || m.support > best!.support || (m.support == best!.support && m.count > best!.count) {
          best = (d, m.count, m.support)
          bestRecords = rs
        }
      }
      if let best {
        delimiter = best.d
        sampled = bestRecords
      } else {
        delimiter = 44
        sampled = records(44)
      }
    } else {
      sampled = records(delimiter)
    }

    let nonBlank = sampled.filter { !$0.isBlank }
    guard let firstRecord = nonBlank.first else {
      throw CSVError(
        .noHeader, file: file, line: skippedLines + 1, message: "the file holds no records",
        expected: "a header line followed by data",
        hint: options.skipRows != nil ? "check --skip-rows" : "check that the export finished")
    }
    // Header: the first record with the modal count, unless lines were skipped explicitly.
    let modal = modalCount(sampled).count
    var headerIndex = 0
    if options.skipRows == nil {
      headerIndex = nonBlank.firstIndex { $0.fields.count == modal } ?? 0
      // Data rows with a trailing delimiter under a header without one: the header is one short.
      if headerIndex > 0 && nonBlank[headerIndex - 1].fields.count == modal - 1 {
        let lastEmpty = nonBlank[headerIndex...].allSatisfy { r in
          r.fields.count != modal || r.fields[modal - 1].start == r.fields[modal - 1].end
        }
        if lastEmpty { headerIndex -= 1 }
      }
    }
    let headerRecord = nonBlank[headerIndex]
    let splitter = RecordSplitter(data, delimiter: delimiter, quote: options.quote)
    let preamble = nonBlank[..<headerIndex].map { r in r.fields.map { splitter.text($0) }.joined(separator: " ").trimmingSpaces() }
    _ = firstRecord

    var result = SniffResult(
      delimiter: delimiter, delimiterDetected: options.delimiter == nil, lineEnding: .none, header: nil,
      headerWasEmpty: [], columnCount: headerRecord.fields.count, dataStart: headerRecord.start,
      skippedLines: 0, skippedDetected: options.skipRows == nil && headerIndex > 0, preamble: preamble,
      headerLine: nil, tagRow: nil)
    result.lineEnding = lineEnding(data, from: start, delimiter: delimiter, quote: options.quote)
    let headerLine = 1 + countLines(data, from: 0, to: headerRecord.start)
    result.skippedLines = headerLine - 1

    if options.hasHeader {
      if let bad = firstInvalidUTF8(UnsafeRawBufferPointer(rebasing: data[headerRecord.start..<headerRecord.end])) {
        throw CSVError(
          .invalidUTF8, file: file, line: headerLine, found: CSVError.quoted(data[(headerRecord.start + bad)...].prefix(8)),
          message: "the header is not valid UTF-8", expected: "text encoded as UTF-8",
          hint: "re-save the file as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8 in.csv > out.csv)")
      }
      result.header = headerRecord.fields.map { splitter.text($0) }
      result.headerLine = headerLine
      var next = headerRecord.end
      next = skipTerminator(data, next)
      result.dataStart = next
      // Tag row.
      if options.skipTagRow, let tagIndex = sampled.firstIndex(where: { $0.start == next }) {
        let r = sampled[tagIndex]
        let texts = r.fields.map { splitter.text($0) }
        let nonEmpty = texts.filter { !$0.isEmpty }
        if !nonEmpty.isEmpty && nonEmpty.allSatisfy({ $0.hasPrefix("#") }) {
          result.tagRow = texts
          result.dataStart = skipTerminator(data, r.end)
        }
      }
    } else {
      result.dataStart = headerRecord.start
    }
    return result
  }

  static func skipTerminator(_ data: UnsafeRawBufferPointer, _ i: Int) -> Int {
    guard i < data.count else { return i }
    if data[i] == 13 { return i + 1 < data.count && data[i + 1] == 10 ? i + 2 : i + 1 }
    if data[i] == 10 { return i + 1 }
    return i
  }

  /// The terminator of the first record that has one, within the first MiB after `start`
  /// (quotes as the reader reads them: ``RecordSplitter``).
  static func lineEnding(
    _ data: UnsafeRawBufferPointer, from start: Int, delimiter: UInt8, quote: UInt8
  ) -> CSVDialect.LineEnding {
    let limit = min(data.count, start + (1 << 20))
    var splitter = RecordSplitter(UnsafeRawBufferPointer(rebasing: data[0..<limit]), delimiter: delimiter, quote: quote, from: start)
    while let r = splitter.next() {
      guard r.end < limit else { break }
      if data[r.end] == 10 { return .lf }
      return r.end + 1 < data.count && data[r.end + 1] == 10 ? .crlf : .cr
    }
    return .none
  }

  /// Number of line terminators (LF, CRLF, lone CR) in `from..<to`, quotes ignored.
  static func countLines(_ data: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
    var lines = 0
    var i = from
    while i < to {
      let b = data[i]
      if b == 10 { lines += 1 } else if b == 13 && !(i + 1 < data.count && data[i + 1] == 10) { lines += 1 }
      i += 1
    }
    return lines
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}
