/// What every chunk parser needs to know, fixed before parsing starts.
struct ParseConfig: Sendable {
  let delimiter: UInt8
  let quote: UInt8
  let columnNames: [String]
  let declaredTypes: [ColumnType?]
  let missing: MissingMatcher
  let numbers: NumberParser
  let badRows: CSVReadOptions.BadRows
  var columnCount: Int { columnNames.count }
}

/// Recognises missing-value tokens from bytes.
struct MissingMatcher: Sendable {
  let tokens: [String]
  /// Index of the empty token, if empty means missing.
  let emptyIndex: UInt8?
  /// Non-empty tokens packed into a word (all are at most 8 bytes), with their lengths.
  private let packed: [(word: UInt64, length: Int, index: UInt8)]
  private let longTokens: [([UInt8], UInt8)]
  let maxLength: Int

  init(tokens: [String]) {
    self.tokens = tokens
    var empty: UInt8? = nil
    var packed: [(UInt64, Int, UInt8)] = []
    var long: [([UInt8], UInt8)] = []
    var maxLength = 0
    for (i, t) in tokens.enumerated() {
      let bytes = Array(t.utf8)
      maxLength = max(maxLength, bytes.count)
      if bytes.isEmpty {
        if empty == nil { empty = UInt8(i) }
      } else if bytes.count <= 8 {
        var w: UInt64 = 0
        for (k, b) in bytes.enumerated() { w |= UInt64(b) << UInt64(8 * k) }
        packed.append((w, bytes.count, UInt8(i)))
      } else {
        long.append((bytes, UInt8(i)))
      }
    }
    self.emptyIndex = empty
    self.packed = packed
    self.longTokens = long
    self.maxLength = maxLength
  }

  /// The token index of an unquoted, non-empty field, or `nil`.
  @inline(__always)
  func match(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt8? {
    guard n <= maxLength else { return nil }
    if n <= 8 {
      var w: UInt64 = 0
      for k in 0..<n { w |= UInt64(p[k]) << UInt64(8 * k) }
      for t in packed where t.length == n && t.word == w { return t.index }
      return nil
    }
    for (bytes, index) in longTokens where bytes.count == n {
      if (0..<n).allSatisfy({ p[$0] == bytes[$0] }) { return index }
    }
    return nil
  }
}

/// A record problem found while parsing, located by byte offset; lines are resolved later.
struct PendingProblem {
  var recordStart: Int
  var recordEnd: Int
  var field: Int?
  var kind: CSVError.Kind
  var message: String
  var expected: String?
  var hint: String?
  var found: String?
  var raw: [UInt8]
}

/// What one chunk produced.
struct ChunkResult {
  var columns: ChunkColumns? = nil
  var rowCount = 0
  /// Byte range of the records this chunk owns.
  var recordStart = 0
  var recordEnd = 0
  var rejected: [PendingProblem] = []
  var error: PendingProblem? = nil
  var extraDelimiterRows = 0
}

/// Parses the records that start inside one chunk of the input.
///
/// A record belongs to the chunk where it starts; the parser reads past the chunk's end to
/// finish its last record. Quote state at the chunk's start comes from the parity of quotes
/// before it, so chunks parse independently and in parallel.
struct ChunkParser {
  let base: UnsafePointer<UInt8>
  /// End of the input.
  let end: Int
  let config: ParseConfig
  let scanner: StructuralScanner
  var result = ChunkResult()
  /// The columns being built (owned by `result.columns`).
  var columns: UnsafeMutablePointer<RawColumn>
  var rowCount = 0
  let emptyToken: UInt8?
  let quote: UInt8
  /// Scratch for unescaping quoted fields.
  var scratch: [UInt8] = []
  /// Starts of records rejected so far (to skip them when re-reading a column).
  var rejectedStarts = Set<Int>()
  var stopped = false
  /// The last field failure, set when an append returns false.
  var failure: PendingProblem? = nil

  init(base: UnsafePointer<UInt8>, end: Int, config: ParseConfig, reusing reused: ChunkColumns? = nil) {
    self.base = base
    self.end = end
    self.config = config
    self.scanner = StructuralScanner(delimiter: config.delimiter, quote: config.quote)
    let kinds = config.declaredTypes.map { t in t.map { $0 == .integer ? .integer : $0 == .float ? .float : .text } ?? ColumnBuilder.Kind.pending }
    let owner: ChunkColumns
    if let reused {
      reused.reset(kinds: kinds)
      owner = reused
    } else {
      owner = ChunkColumns(kinds: kinds)
    }
    self.result.columns = owner
    self.columns = owner.columns
    self.emptyToken = config.missing.emptyIndex
    self.quote = config.quote
  }

  /// The first record start at or after `start`, given whether `start` is inside quotes.
  func firstRecordStart(from start: Int, insideQuotes: Bool, isRecordStart: Bool) -> Int {
    if isRecordStart { return start }
    if !insideQuotes && start > 0 {
      let previous = base[start - 1]
      if previous == 10 { return start }
      if previous == 13 { return start < end && base[start] == 10 ? start + 1 : start }
    }
    var carry: UInt64 = insideQuotes ? ~0 : 0
    var pos = start
    while pos < end {
      let m = pos + 64 <= end ? scanner.masks(base + pos) : scanner.tailMasks(base + pos, count: end - pos)
      let inside = StructuralScanner.prefixXor(m.quotes) ^ carry
      carry = UInt64(bitPattern: Int64(bitPattern: inside) >> 63)
      var ends = m.structural & ~inside
      while ends != 0 {
        let p = pos + ends.trailingZeroBitCount
        ends &= ends - 1
        let c = base[p]
        if c == 10 { return p + 1 }
        if c == 13 { return p + 1 < end && base[p + 1] == 10 ? p + 2 : p + 1 }
      }
      pos += 64
    }
    return end
  }

  /// Parses records starting in `start..<chunkEnd`.
  mutating func parse(start: Int, chunkEnd: Int, insideQuotes: Bool, isRecordStart: Bool, expectedRows: Int) {
    let ncols = config.columnCount
    for k in 0..<ncols { columns[k].reserve(expectedRows) }
    let first = firstRecordStart(from: start, insideQuotes: insideQuotes, isRecordStart: isRecordStart)
    result.recordStart = first
    result.recordEnd = first
    guard first < chunkEnd && first < end else { return }

    let capacity = ncols + 2
    let starts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    let ends = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    defer {
      starts.deallocate()
      ends.deallocate()
    }
    let delimiter = config.delimiter
    var pos = first
    var fieldStart = first
    var rowStart = first
    var nf = 0
    var carry: UInt64 = 0
    var done = false
    while pos < end && !done {
      let m = pos + 64 <= end ? scanner.masks(base + pos) : scanner.tailMasks(base + pos, count: end - pos)
      let inside = StructuralScanner.prefixXor(m.quotes) ^ carry
      carry = UInt64(bitPattern: Int64(bitPattern: inside) >> 63)
      var bits = m.structural & ~inside
      while bits != 0 {
        let p = pos + bits.trailingZeroBitCount
        bits &= bits - 1
        if p < fieldStart { continue }
        if nf < capacity {
          starts[nf] = fieldStart
          ends[nf] = p
        }
        nf += 1
        let c = base[p]
        if c == delimiter {
          fieldStart = p + 1
          continue
        }
        var next = p + 1
        if c == 13 && next < end && base[next] == 10 { next += 1 }
        finishRecord(rowStart: rowStart, rowEnd: p, fieldCount: nf, starts: starts, ends: ends)
        nf = 0
        fieldStart = next
        rowStart = next
        if next >= chunkEnd || stopped {
          done = true
          break
        }
      }
      pos += 64
    }
    if !done && rowStart < end {
      // The input ends without a final line terminator.
      if carry != 0 {
        record(
          PendingProblem(
            recordStart: rowStart, recordEnd: end, field: min(nf + 1, ncols), kind: .unterminatedQuote,
            message: "a quoted field starts here but its closing quote never comes",
            expected: "a closing \(quoteName) before the end of the file",
            hint: "a quote inside a field must be doubled (\(quoteName)\(quoteName)); check the file is complete",
            found: nil, raw: Array(UnsafeBufferPointer(start: base + rowStart, count: end - rowStart))))
        rowStart = end
      } else {
        if nf < capacity {
          starts[nf] = fieldStart
          ends[nf] = end
        }
        nf += 1
        finishRecord(rowStart: rowStart, rowEnd: end, fieldCount: nf, starts: starts, ends: ends)
        rowStart = end
      }
    }
    result.recordEnd = max(first, min(rowStart, end))
    result.rowCount = rowCount
  }

  var quoteName: String { config.quote == 34 ? "\"" : String(UnicodeScalar(config.quote)) }

  @inline(__always)
  mutating func finishRecord(
    rowStart: Int, rowEnd: Int, fieldCount: Int, starts: UnsafeMutablePointer<Int>, ends: UnsafeMutablePointer<Int>
  ) {
    let ncols = config.columnCount
    if fieldCount == 1 && starts[0] == ends[0] { return }  // blank line
    var n = fieldCount
    if n == ncols + 1 && starts[ncols] == ends[ncols] {
      result.extraDelimiterRows += 1
      n = ncols
    }
    guard n == ncols else {
      let tooMany = n > ncols
      let fieldNumber = tooMany ? ncols + 1 : n
      record(
        PendingProblem(
          recordStart: rowStart, recordEnd: rowEnd, field: fieldNumber, kind: tooMany ? .tooManyFields : .tooFewFields,
          message: "this record has \(fieldCount) fields but the header has \(ncols)",
          expected: "\(ncols) fields separated by \"\(config.delimiter == 9 ? "\\t" : String(UnicodeScalar(config.delimiter)))\"",
          hint: tooMany
            ? "a field containing the delimiter must be quoted; or the delimiter is wrong (pass --delimiter)"
            : "a line may have been cut short or broken by an unquoted line break; pass --bad-rows quarantine to set such rows aside",
          found: nil, raw: Array(UnsafeBufferPointer(start: base + rowStart, count: rowEnd - rowStart))))
      return
    }
    let rows = rowCount
    for k in 0..<ncols {
      if !appendField(k, starts[k], ends[k]) {
        for j in 0...k { columns[j].truncate(to: rows) }
        var p = failure!
        failure = nil
        p.recordStart = rowStart
        p.recordEnd = rowEnd
        p.raw = Array(UnsafeBufferPointer(start: base + rowStart, count: rowEnd - rowStart))
        record(p)
        return
      }
    }
    rowCount += 1
  }

  mutating func record(_ problem: PendingProblem) {
    rejectedStarts.insert(problem.recordStart)
    switch config.badRows {
    case .fail:
      result.error = problem
      stopped = true
    case .quarantine:
      result.rejected.append(problem)
    }
  }

  /// Records why field `k` failed (kept out of the hot path's return values) and returns false.
  @inline(never)
  mutating func problem(_ kind: CSVError.Kind, field k: Int, found: UnsafeBufferPointer<UInt8>, message: String, expected: String?, hint: String?)
    -> Bool
  {
    failure = PendingProblem(
      recordStart: 0, recordEnd: 0, field: k + 1, kind: kind, message: message, expected: expected, hint: hint,
      found: CSVError.quoted(found), raw: [])
    return false
  }

  /// Appends field `k` (bytes `s..<e` of the input) to its column.
  @inline(__always)
  mutating func appendField(_ k: Int, _ s0: Int, _ e0: Int) -> Bool {
    var s = s0, e = e0
    var quoted = false
    if e > s && base[s] == quote {
      guard e - s >= 2 && base[e - 1] == quote else {
        return problem(
          .unexpectedQuote, field: k, found: UnsafeBufferPointer(start: base + s0, count: e0 - s0),
          message: "text follows the closing quote in column \"\(config.columnNames[k])\"",
          expected: "a delimiter or line end right after the closing quote",
          hint: "a quote inside a quoted field must be doubled (\"\")")
      }
      quoted = true
      s += 1
      e -= 1
    }
    let len = e - s
    let p = base + s
    if len == 0 {
      if let t = emptyToken {
        columns[k].appendMissing(token: t)
        return true
      }
    } else if !quoted, len <= config.missing.maxLength, let t = config.missing.match(p, len) {
      columns[k].appendMissing(token: t)
      return true
    }
    switch columns[k].kind {
    case .integer:
      if let v = config.numbers.parseInteger(p, len) {
        columns[k].appendInteger(v)
        return true
      }
      if config.declaredTypes[k] == .integer {
        return problem(
          .invalidValue, field: k, found: UnsafeBufferPointer(start: p, count: len),
          message: "cannot read \(CSVError.quoted(UnsafeBufferPointer(start: p, count: len))) as an integer in column \"\(config.columnNames[k])\"",
          expected: "a whole number like 42 (column type integer, declared)",
          hint: "declare the column as float or text with --type \(config.columnNames[k])=float")
      }
      if let v = config.numbers.parseDouble(p, len) {
        columns[k].appendFloat(v)
        return true
      }
    case .float:
      if let v = config.numbers.parseDouble(p, len) {
        columns[k].appendFloat(v)
        return true
      }
      if config.declaredTypes[k] == .float {
        let decimalHint = config.numbers.decimalSeparator == 46 && (0..<len).contains { p[$0] == 44 }
        return problem(
          .invalidValue, field: k, found: UnsafeBufferPointer(start: p, count: len),
          message: "cannot read \(CSVError.quoted(UnsafeBufferPointer(start: p, count: len))) as a number in column \"\(config.columnNames[k])\"",
          expected: "a number like 12.5 (column type float, declared)",
          hint: decimalHint
            ? "pass --decimal-comma, or declare the column with --type \(config.columnNames[k])=text"
            : "declare the column with --type \(config.columnNames[k])=text")
      }
    case .pending:
      if let v = config.numbers.parseInteger(p, len) {
        columns[k].appendInteger(v)
        return true
      }
      if let v = config.numbers.parseDouble(p, len) {
        columns[k].appendFloat(v)
        return true
      }
    case .text:
      break
    }
    if columns[k].kind != .text { promoteToText(k) }
    return appendText(k, p, len, quoted: quoted, fieldStart: s0)
  }

  /// Interns a text value; new strings are checked for stray quotes and valid UTF-8.
  @inline(__always)
  mutating func appendText(_ k: Int, _ p: UnsafePointer<UInt8>, _ len: Int, quoted: Bool, fieldStart: Int) -> Bool {
    if quoted && memchrByte(p, len, config.quote) {
      guard unescape(p, len) else {
        return problem(
          .unexpectedQuote, field: k, found: UnsafeBufferPointer(start: p - 1, count: len + 2),
          message: "a quote inside the quoted field in column \"\(config.columnNames[k])\" is not doubled",
          expected: "each quote inside a quoted field written twice (\"\")", hint: nil)
      }
      let copy = scratch
      return copy.withUnsafeBufferPointer { b in
        internText(k, b.baseAddress!, b.count, quoted: true, cacheable: false)
      }
    }
    return internText(k, p, len, quoted: quoted)
  }

  @inline(__always)
  mutating func internText(_ k: Int, _ p: UnsafePointer<UInt8>, _ len: Int, quoted: Bool, cacheable: Bool = true)
    -> Bool
  {
    // Values often repeat row after row (an indicator's name): compare with the last one first.
    if let last = columns[k].lastText, columns[k].lastLength == len,
      len == 0 || memoryEqual(UnsafeRawPointer(last), UnsafeRawPointer(p), len)
    {
      columns[k].appendCode(columns[k].lastCode)
      return true
    }
    let raw = UnsafeRawBufferPointer(start: p, count: len)
    let h = StringDictionary.hash(raw)
    let code: UInt32
    if let c = columns[k].dictionary.find(raw, hash: h) {
      code = c
    } else {
      if !quoted && memchrByte(p, len, quote) {
        return problem(
          .unexpectedQuote, field: k, found: UnsafeBufferPointer(start: p, count: len),
          message: "a quote appears inside the unquoted field in column \"\(config.columnNames[k])\"",
          expected: "a field with a quote to be quoted as a whole, with inner quotes doubled: \"5'10\"\"\"",
          hint: "quote the field, or set the rows aside with --bad-rows quarantine")
      }
      if let bad = firstInvalidUTF8(raw) {
        return problem(
          .invalidUTF8, field: k, found: UnsafeBufferPointer(start: p, count: len),
          message: "invalid UTF-8 (byte 0x\(String(raw[bad], radix: 16, uppercase: true).leftPadded(2)) at offset \(bad) of the field) in column \"\(config.columnNames[k])\"",
          expected: "text encoded as UTF-8",
          hint: "re-save the file as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8 in.csv > out.csv)")
      }
      code = columns[k].dictionary.insert(raw, hash: h)
    }
    columns[k].appendCode(code)
    columns[k].lastCode = code
    columns[k].lastText = cacheable ? p : nil
    columns[k].lastLength = len
    return true
  }

  /// Undoes doubled quotes of a quoted field's content into `scratch`; false on a lone quote.
  mutating func unescape(_ p: UnsafePointer<UInt8>, _ len: Int) -> Bool {
    scratch.removeAll(keepingCapacity: true)
    var i = 0
    let q = config.quote
    while i < len {
      let b = p[i]
      if b == q {
        guard i + 1 < len && p[i + 1] == q else { return false }
        i += 2
      } else {
        i += 1
      }
      scratch.append(b)
    }
    return true
  }

  /// Re-reads column `k` of the rows parsed so far as text (a value that is not a number came).
  mutating func promoteToText(_ k: Int) {
    let rows = columns[k].count
    let (codes, dictionary) = rereadAsText(
      base: base, end: end, segments: [(result.recordStart, rows)], column: k, config: config,
      skipping: rejectedStarts)
    columns[k].becomeText(codes: codes, dictionary: dictionary)
  }
}

@inline(__always)
func memchrByte(_ p: UnsafePointer<UInt8>, _ n: Int, _ byte: UInt8) -> Bool {
  var i = 0
  let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
  while i + 8 <= n {
    let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ pattern
    if (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 != 0 { return true }
    i += 8
  }
  while i < n {
    if p[i] == byte { return true }
    i += 1
  }
  return false
}

/// Reads column `k` of the accepted records in `segments` (each a byte range and how many
/// accepted records it holds) as text.
///
/// Used when a column that looked numeric turns out to hold text: the numbers already parsed
/// cannot be turned back into their exact original text, so the bytes are read again.
/// Missing values get code 0 (their validity is already recorded).
/// - Complexity: O(bytes of those records).
func rereadAsText(
  base: UnsafePointer<UInt8>, end: Int, segments: [(start: Int, rows: Int)], column k: Int, config: ParseConfig,
  skipping rejected: Set<Int>
) -> ([UInt32], StringDictionary) {
  var codes: [UInt32] = []
  codes.reserveCapacity(segments.reduce(0) { $0 + $1.rows })
  var dictionary = StringDictionary()
  let bytes = UnsafeRawBufferPointer(start: base, count: end)
  for segment in segments {
    var splitter = RecordSplitter(bytes, delimiter: config.delimiter, quote: config.quote, from: segment.start)
    var done = 0
    while done < segment.rows, let record = splitter.next() {
      if record.isBlank || rejected.contains(record.start) { continue }
      precondition(record.fields.count > k, "re-read of a record with \(record.fields.count) fields")
      done += 1
      let f = record.fields[k]
      let content = splitter.content(f)
      if content.isEmpty {
        if config.missing.emptyIndex != nil {
          codes.append(0)
          continue
        }
      } else if !f.isQuoted, content.withUnsafeBufferPointer({ config.missing.match($0.baseAddress!, $0.count) }) != nil {
        codes.append(0)
        continue
      }
      codes.append(content.withUnsafeBytes { dictionary.intern($0).code })
    }
    precondition(done == segment.rows, "re-read \(done) of \(segment.rows) rows")
  }
  return (codes, dictionary)
}
