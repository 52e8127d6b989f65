/// What every chunk parser needs to know, fixed before parsing starts.
struct ParseConfig: Sendable {
  let delimiter: UInt8
  let quote: UInt8
  let columnNames: [String]
  let declaredTypes: [ColumnType?]
  /// Columns only checked, not kept (`CSVReadOptions.columns`).
  let skipped: [Bool]
  var skipsColumns: Bool { skipped.contains(true) }
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
  /// Whether the scan stopped at `ChunkParser.scanLimit` inside a record: the result is
  /// incomplete and must not be used (the chunk is parsed again from a known record start).
  var overran = false
}

/// Parses the records that start inside one chunk of the input, in two passes.
///
/// 1. Scan: a SIMD pass finds field and record boundaries and stores, per record, where each
///    field starts (records with the wrong number of fields are set aside here).
/// 2. Columns: each column is parsed in its own tight loop, specialised by its current type
///    (integer, float, text), promoting the type when a value needs it.
///
/// A record belongs to the chunk where it starts; the scan reads past the chunk's end to finish
/// its last record. The quote state at the chunk's start is guessed
/// (`StructuralScanner.guessInsideQuotes`), so chunks parse independently and in parallel; the
/// reader uses the result only when the chunk's first record starts where the chunk before
/// stopped (see `CSVReader.parseAll`).
struct ChunkParser {
  let base: UnsafePointer<UInt8>
  /// End of the input.
  let end: Int
  let config: ParseConfig
  let scanner: StructuralScanner
  var result = ChunkResult()
  /// The columns being built (owned by `result.columns`).
  var columns: UnsafeMutablePointer<RawColumn>
  let owner: ChunkColumns
  let columnCount: Int
  /// Offsets per record: `columnCount` field starts, then the end of the last field.
  let stride: Int
  /// Records in the current group.
  var rowCount = 0
  /// Records of earlier groups of this chunk, already in the columns.
  var rowsBefore = 0
  /// Starts of the records set aside so far (to skip them when re-reading a column).
  var rejectedStarts = Set<Int>()
  /// `owner.offsets.base`, read once after the scan (a class property costs an access check).
  var offsetsBase: UnsafeMutablePointer<Int> = UnsafeMutablePointer(bitPattern: 8)!
  let emptyToken: UInt8?
  let quote: UInt8
  let missing: MissingMatcher
  let numbers: NumberParser
  /// Scratch for unescaping quoted fields.
  var scratch: [UInt8] = []
  var stopped = false
  /// Where the scan gives up on a record that has not ended (`result.overran`); set by the
  /// reader for a chunk whose quote state at its start was guessed, one chunk's length past its
  /// end: a wrong guess inverts the quote state up to the end of the input, and its last record
  /// would otherwise run (and be copied, as a rejected row) to the end of the file.
  var scanLimit = Int.max
  /// Problems found while parsing columns, by row (the first column's problem wins).
  var badRows: [Int: PendingProblem] = [:]
  /// The records of the current group that hold a quote or a byte that is not ASCII (listed
  /// only when some column is skipped): the skipped fields of the other records are well
  /// formed without looking at them.
  var markedRows: [Int] = []

  /// What the scan notes of a record's bytes (`ChunkColumns.recordBytes`), when some column is
  /// skipped.
  enum RecordBytes {
    /// The record holds a quote character.
    static let quote: UInt8 = 1
    /// The record holds a byte that is not ASCII.
    static let nonASCII: UInt8 = 2
  }

  init(base: UnsafePointer<UInt8>, end: Int, config: ParseConfig, reusing reused: ChunkColumns? = nil) {
    self.base = base
    self.end = end
    self.config = config
    self.scanner = StructuralScanner(delimiter: config.delimiter, quote: config.quote)
    let kinds = config.declaredTypes.map { t in
      t.map { $0 == .integer ? .integer : $0 == .float ? .float : .text } ?? ColumnBuilder.Kind.pending
    }
    if let reused {
      reused.reset(kinds: kinds)
      owner = reused
    } else {
      owner = ChunkColumns(kinds: kinds)
    }
    result.columns = owner
    columns = owner.columns
    columnCount = config.columnCount
    stride = config.columnCount + 1
    emptyToken = config.missing.emptyIndex
    quote = config.quote
    missing = config.missing
    numbers = config.numbers
  }

  /// The first record start at or after `start`, given whether `start` is inside quotes; when
  /// none starts before `limit`, some position at or after `limit` (the chunk owns no record).
  func firstRecordStart(from start: Int, insideQuotes: Bool, isRecordStart: Bool, before limit: Int) -> Int {
    if isRecordStart { return start }
    if !insideQuotes && start > 0 {
      let previous = base[start - 1]
      if previous == 10 { return start }
      if previous == 13 { return start < end && base[start] == 10 ? start + 1 : start }
    }
    var carry = QuoteCarry.at(start, of: base, inside: insideQuotes, delimiter: config.delimiter)
    var pos = start
    while pos < end {
      if pos >= limit { return pos }
      let n = min(64, end - pos)
      let m = n == 64 ? scanner.masks(base + pos) : scanner.tailMasks(base + pos, count: n)
      let inside = scanner.insideQuotes(m, at: base + pos, count: n, carry: &carry)
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

  /// Records per group: a group's offsets and bytes stay in the core's cache while each of its
  /// columns is parsed in turn.
  static let groupSize = 512

  /// Parses records starting in `start..<chunkEnd`, a group of records at a time.
  mutating func parse(start: Int, chunkEnd: Int, insideQuotes: Bool, isRecordStart: Bool, expectedRows: Int) {
    let first = firstRecordStart(from: start, insideQuotes: insideQuotes, isRecordStart: isRecordStart, before: chunkEnd)
    result.recordStart = first
    result.recordEnd = first
    guard first < chunkEnd && first < end else { return }
    for k in 0..<columnCount where !config.skipped[k] { columns[k].reserve(expectedRows) }
    var position = first
    while true {
      let (next, finished) = scan(from: position, chunkEnd: chunkEnd, maxRows: Self.groupSize)
      if let b = owner.offsets.base { offsetsBase = b }
      if config.skipsColumns {
        markedRows.removeAll(keepingCapacity: true)
        if let bytes = owner.recordBytes.base {
          for r in 0..<rowCount where bytes[r] != 0 { markedRows.append(r) }
        }
      }
      for k in 0..<columnCount {
        if config.skipped[k] { checkSkipped(k) } else { parseColumn(k) }
      }
      settleBadRows()
      rowsBefore += rowCount
      position = next
      if finished || stopped { break }
    }
    result.recordEnd = position
    result.rowCount = rowsBefore
    result.rejected.sort { $0.recordStart < $1.recordStart }
  }

  // MARK: Pass 1: boundaries

  /// Finds the fields of the records starting at `first`, up to `maxRows` of them or until a
  /// record starts at or after `chunkEnd`, and (when some column is skipped) notes what each
  /// record's bytes hold in `owner.recordBytes`. Returns where scanning stopped (a record start)
  /// and whether the chunk is finished.
  mutating func scan(from first: Int, chunkEnd: Int, maxRows: Int) -> (next: Int, finished: Bool) {
    let ncols = columnCount
    let stride = stride
    let delimiter = config.delimiter
    let base = self.base
    let end = self.end
    let scanner = self.scanner
    var extraDelimiterRows = 0
    owner.offsets.removeAll()
    owner.offsets.reserve(stride * 64)
    var o = owner.offsets.base.unsafelyUnwrapped
    var capacityRows = owner.offsets.capacity / stride
    // What each record's bytes hold is noted only when some column is skipped.
    let notesBytes = config.skipsColumns
    owner.recordBytes.removeAll()
    if notesBytes { owner.recordBytes.reserve(maxRows) }
    let notes = owner.recordBytes.base
    // Where the last quote and the last byte that is not ASCII were, before the current block.
    var lastQuote = -1
    var lastHigh = -1
    var rowBase = 0
    var rows = 0
    var pos = first
    var fieldStart = first
    var rowStart = first
    var nf = 0
    var carry = QuoteCarry.recordStart(base + first)
    var done = false
    var finished = true
    while pos < end && !done {
      if pos >= scanLimit {
        result.overran = true
        stopped = true
        break
      }
      let whole = pos + 64 <= end
      let m =
        whole
        ? scanner.masks(base + pos, findsHigh: notesBytes)
        : scanner.tailMasks(base + pos, count: end - pos, findsHigh: notesBytes)
      let inside = scanner.insideQuotes(m, at: base + pos, count: whole ? 64 : end - pos, carry: &carry)
      var bits = m.structural & ~inside
      while bits != 0 {
        let p = pos &+ bits.trailingZeroBitCount
        bits &= bits &- 1
        if p < fieldStart { continue }  // the LF of a CRLF
        if nf < ncols { o[rowBase &+ nf] = fieldStart }
        nf &+= 1
        if base[p] == delimiter {
          fieldStart = p &+ 1
          continue
        }
        // A record ends at p.
        var next = p + 1
        if base[p] == 13 && next < end && base[next] == 10 { next += 1 }
        if !(nf == 1 && p == rowStart) {  // not a blank line
          var lastEnd = p
          if nf == ncols + 1 && fieldStart == p {
            extraDelimiterRows += 1
            nf = ncols
            lastEnd = p - 1
          }
          if nf == ncols {
            o[rowBase + ncols] = lastEnd
            if notesBytes {
              // The last quote and non-ASCII byte before p, in this block or before it.
              assert(rows < maxRows, "a record noted past the group")
              let below: UInt64 = (1 &<< UInt64(p &- pos)) &- 1
              let q = m.quotes & below, h = m.high & below
              let lastQ = q != 0 ? pos &+ 63 &- q.leadingZeroBitCount : lastQuote
              let lastH = h != 0 ? pos &+ 63 &- h.leadingZeroBitCount : lastHigh
              notes.unsafelyUnwrapped[rows] =
                (lastQ >= rowStart ? RecordBytes.quote : 0) | (lastH >= rowStart ? RecordBytes.nonASCII : 0)
            }
            rowBase += stride
            rows += 1
            if rows + 1 > capacityRows {
              owner.offsets.setCount(rowBase)
              owner.offsets.reserve((rows + 1) * stride * 2)
              o = owner.offsets.base.unsafelyUnwrapped
              capacityRows = owner.offsets.capacity / stride
            }
          } else {
            rejectFieldCount(rowStart: rowStart, rowEnd: p, fieldCount: nf)
          }
        }
        nf = 0
        fieldStart = next
        rowStart = next
        if next >= chunkEnd || stopped {
          done = true
          break
        }
        if rows >= maxRows {
          done = true
          finished = next >= end
          break
        }
      }
      if m.quotes != 0 { lastQuote = pos &+ 63 &- m.quotes.leadingZeroBitCount }
      if m.high != 0 { lastHigh = pos &+ 63 &- m.high.leadingZeroBitCount }
      pos += 64
    }
    if !done && !result.overran && rowStart < end {
      // The input ends without a final line terminator.
      if carry.inside != 0 {
        record(
          PendingProblem(
            recordStart: rowStart, recordEnd: end, field: min(nf + 1, ncols), kind: .unterminatedQuote,
            message: "a quoted field starts here but its closing quote never comes",
            expected: "a closing \(quoteName) before the end of the file",
            hint: "a quote inside a field must be doubled (\(quoteName)\(quoteName)); check the file is complete",
            found: nil, raw: Array(UnsafeBufferPointer(start: base + rowStart, count: end - rowStart))))
      } else {
        if nf < ncols { o[rowBase + nf] = fieldStart }
        nf += 1
        var lastEnd = end
        if nf == ncols + 1 && fieldStart == end {
          extraDelimiterRows += 1
          nf = ncols
          lastEnd = end - 1
        }
        if nf == ncols {
          o[rowBase + ncols] = lastEnd
          if notesBytes {
            assert(rows < maxRows, "a record noted past the group")
            notes.unsafelyUnwrapped[rows] =
              (lastQuote >= rowStart ? RecordBytes.quote : 0) | (lastHigh >= rowStart ? RecordBytes.nonASCII : 0)
          }
          rowBase += stride
          rows += 1
        } else {
          rejectFieldCount(rowStart: rowStart, rowEnd: end, fieldCount: nf)
        }
      }
      rowStart = end
    }
    owner.offsets.setCount(rowBase)
    if notesBytes { owner.recordBytes.setCount(rows) }
    rowCount = rows
    result.extraDelimiterRows += extraDelimiterRows
    return (max(first, min(rowStart, end)), finished)
  }

  var quoteName: String { config.quote == 34 ? "\"" : String(UnicodeScalar(config.quote)) }

  mutating func rejectFieldCount(rowStart: Int, rowEnd: Int, fieldCount: Int) {
    let ncols = columnCount
    let tooMany = fieldCount > ncols
    record(
      PendingProblem(
        recordStart: rowStart, recordEnd: rowEnd, field: tooMany ? ncols + 1 : fieldCount,
        kind: tooMany ? .tooManyFields : .tooFewFields,
        message: "this record has \(fieldCount) field\(fieldCount == 1 ? "" : "s") but the header has \(ncols)",
        expected: "\(ncols) fields separated by \"\(config.delimiter == 9 ? "\\t" : String(UnicodeScalar(config.delimiter)))\"",
        hint: tooMany
          ? "a field containing the delimiter must be quoted; or the delimiter is wrong (pass --delimiter)"
          : "a line may have been cut short or broken by an unquoted line break; pass --bad-rows quarantine to set such rows aside",
        found: nil, raw: Array(UnsafeBufferPointer(start: base + rowStart, count: rowEnd - rowStart))))
  }

  mutating func record(_ problem: PendingProblem) {
    rejectedStarts.insert(problem.recordStart)
    switch config.badRows {
    case .fail:
      if result.error == nil || problem.recordStart < result.error!.recordStart { result.error = problem }
      stopped = true
    case .quarantine:
      result.rejected.append(problem)
    }
  }

  // MARK: Pass 2: columns

  /// Bytes `start..<end` of field `k` in row `r`, quotes included.
  @inline(__always)
  func field(_ r: Int, _ k: Int) -> (start: Int, end: Int) {
    let o = offsetsBase + r * stride
    return (o[k], k + 1 < columnCount ? o[k + 1] - 1 : o[columnCount])
  }

  /// The token index when field bytes `p[0..<len]` are a missing value.
  @inline(__always)
  func missingToken(_ p: UnsafePointer<UInt8>, _ len: Int, quoted: Bool) -> UInt8? {
    if len == 0 { return emptyToken }
    if quoted || len > missing.maxLength { return nil }
    return missing.match(p, len)
  }

  mutating func parseColumn(_ k: Int) {
    var r = 0
    while r < rowCount {
      switch columns[k].kind {
      case .pending: r = parsePending(k, from: r)
      case .integer: r = parseIntegers(k, from: r)
      case .float: r = parseFloats(k, from: r)
      case .text: r = parseTexts(k, from: r)
      }
    }
  }

  /// Strips the quotes of a quoted field; `nil` when text follows the closing quote.
  @inline(__always)
  func unquoted(_ s: Int, _ e: Int) -> (start: Int, end: Int, quoted: Bool)? {
    guard e > s && base[s] == quote else { return (s, e, false) }
    guard e - s >= 2 && base[e - 1] == quote else { return nil }
    return (s + 1, e - 1, true)
  }

  /// Sets aside row `r` when field `k` (bytes `s0..<e0`, quotes included) is malformed, by the
  /// one rule every column type follows, so that the kind never depends on the column's type so
  /// far or on the chunking. Quote errors come first, then the encoding:
  ///
  /// 1. text after the closing quote of a quoted field (`"ab"c`): `unexpectedQuote`;
  /// 2. a quote inside a quoted field that is not doubled (`"a"b"`): `unexpectedQuote`;
  /// 3. bytes that are not UTF-8: `invalidUTF8`.
  ///
  /// A quote inside an unquoted field (`37°36'37.8"N`) is kept as text, as Python's csv module
  /// does. Text columns apply the same checks in `parseTexts` (rule 3 only to strings new to the
  /// column); numeric and untyped columns call this only for a field that is not a number or a
  /// missing value, so that such a row does not change the column's type.
  /// Returns true when the row was set aside (with a placeholder missing value, until
  /// `settleBadRows` removes it).
  /// - Complexity: O(field length).
  mutating func rejectMalformed(_ k: Int, _ r: Int, _ s0: Int, _ e0: Int) -> Bool {
    guard markMalformed(k, r, s0, e0) else { return false }
    columns[k].appendMissing(token: Column.Absences.unknownToken)
    return true
  }

  /// The checks of ``rejectMalformed(_:_:_:_:)`` without appending a missing value to the
  /// column: marks row `r` bad and returns true when field `k` breaks one of the rules.
  mutating func markMalformed(_ k: Int, _ r: Int, _ s0: Int, _ e0: Int) -> Bool {
    if let (s, e, quoted) = unquoted(s0, e0) {
      if quoted && !isEscaped(base + s, e - s) {
        markLoneQuote(r, k, s0, e0)
      } else if firstInvalidUTF8(UnsafeRawBufferPointer(start: base + s0, count: e0 - s0)) != nil {
        markInvalidUTF8(r, k, s0, e0)
      } else {
        return false
      }
    } else {
      markTextAfterQuote(r, k, s0, e0)
    }
    return true
  }

  /// A column not kept (`CSVReadOptions.columns`): each field is checked by the rules every
  /// column follows (``rejectMalformed(_:_:_:_:)``), so that a record is set aside exactly when
  /// it would be if the column were read, and nothing is stored.
  /// - Complexity: O(bytes of the column's fields in the records `markedRows` lists).
  mutating func checkSkipped(_ k: Int) {
    // swift-format-ignore: NeverForceUnwrap
    let bytes = owner.recordBytes.base!  // the scan notes every record when a column is skipped
    // A record with no quote and only ASCII bytes breaks no rule; in an ASCII record, only a
    // quoted field can.
    for r in markedRows {
      let (s0, e0) = field(r, k)
      if bytes[r] & RecordBytes.nonASCII == 0 {
        if e0 == s0 || base[s0] != quote { continue }
        // An ASCII quoted field: only its quotes can be wrong.
        if let (s, e, _) = unquoted(s0, e0), !memchrByte(base + s, e - s, quote) || isEscaped(base + s, e - s) {
          continue
        }
      }
      _ = markMalformed(k, r, s0, e0)
    }
  }

  /// Whether row `r` was already set aside for an earlier column of this group. Such a row is
  /// removed when the group is settled, so a later column must not let its value decide its type
  /// or intern its bytes; checked only where that would happen (off the hot path).
  @inline(__always)
  func isRejected(_ r: Int) -> Bool { !badRows.isEmpty && badRows[r] != nil }

  /// Marks row `r` bad for text after the closing quote of field `k` (bytes `s0..<e0`).
  @inline(never)
  mutating func markTextAfterQuote(_ r: Int, _ k: Int, _ s0: Int, _ e0: Int) {
    markBad(
      r, k, .unexpectedQuote, found: UnsafeBufferPointer(start: base + s0, count: e0 - s0),
      message: "text follows the closing quote in column \"\(config.columnNames[k])\"",
      expected: "a delimiter or line end right after the closing quote",
      hint: "a quote inside a quoted field must be doubled (\"\")")
  }

  /// Marks row `r` bad for a quote that is not doubled inside quoted field `k` (bytes `s0..<e0`).
  @inline(never)
  mutating func markLoneQuote(_ r: Int, _ k: Int, _ s0: Int, _ e0: Int) {
    markBad(
      r, k, .unexpectedQuote, found: UnsafeBufferPointer(start: base + s0, count: e0 - s0),
      message: "a quote inside the quoted field in column \"\(config.columnNames[k])\" is not doubled",
      expected: "each quote inside a quoted field written twice (\"\")", hint: nil)
  }

  /// Marks row `r` bad for invalid UTF-8 in field `k` (bytes `s0..<e0`, quotes included, which
  /// is what the message quotes and counts the offset in).
  @inline(never)
  mutating func markInvalidUTF8(_ r: Int, _ k: Int, _ s0: Int, _ e0: Int) {
    let found = UnsafeBufferPointer(start: base + s0, count: e0 - s0)
    let bad = firstInvalidUTF8(UnsafeRawBufferPointer(found)) ?? 0
    markBad(
      r, k, .invalidUTF8, found: found,
      message: "invalid UTF-8 (byte 0x\(String(found[bad], radix: 16, uppercase: true).leftPadded(2)) at offset \(bad) of the field) in column \"\(config.columnNames[k])\"",
      expected: "text encoded as UTF-8",
      hint: "re-save the file as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8 in.csv > out.csv)")
  }

  /// Missing values until the first value, which decides the column's kind (a value of a row
  /// already set aside does not).
  mutating func parsePending(_ k: Int, from r0: Int) -> Int {
    var r = r0
    while r < rowCount {
      let (s0, e0) = field(r, k)
      guard let (s, e, quoted) = unquoted(s0, e0) else {
        _ = rejectMalformed(k, r, s0, e0)
        r += 1
        continue
      }
      if let t = missingToken(base + s, e - s, quoted: quoted) {
        columns[k].appendMissing(token: t)
        r += 1
        continue
      }
      if isRejected(r) {
        columns[k].appendMissing(token: Column.Absences.unknownToken)
        r += 1
        continue
      }
      if numbers.parseInteger(base + s, e - s) != nil {
        columns[k].become(.integer)
      } else if numbers.parseDouble(base + s, e - s) != nil {
        columns[k].become(.float)
      } else if rejectMalformed(k, r, s0, e0) {
        r += 1
        continue
      } else {
        columns[k].become(.text)
      }
      return r
    }
    return r
  }

  mutating func parseIntegers(_ k: Int, from r0: Int) -> Int { parseNumbers(IntegerValues.self, k, from: r0) }

  mutating func parseFloats(_ k: Int, from r0: Int) -> Int { parseNumbers(FloatValues.self, k, from: r0) }

  /// The loop of a numeric column, specialised for integers or floats; returns the row where a
  /// value needs another type (after promoting the column), or the group's end.
  @inline(__always)
  mutating func parseNumbers<Values: NumericValues>(_: Values.Type, _ k: Int, from r0: Int) -> Int {
    var r = r0
    while r < rowCount {
      let (s0, e0) = field(r, k)
      guard let (s, e, quoted) = unquoted(s0, e0) else {
        _ = rejectMalformed(k, r, s0, e0)
        r += 1
        continue
      }
      if let t = missingToken(base + s, e - s, quoted: quoted) {
        columns[k].appendMissing(token: t)
        r += 1
        continue
      }
      if let v = Values.parse(numbers, base + s, e - s) {
        Values.append(v, to: &columns[k])
        r += 1
        continue
      }
      // Not a number. Malformed fields first (the same rule as text columns), then a row
      // already set aside, then a declared type's mismatch, then a change of type.
      if rejectMalformed(k, r, s0, e0) {
        r += 1
        continue
      }
      if isRejected(r) {
        columns[k].appendMissing(token: Column.Absences.unknownToken)
        r += 1
        continue
      }
      if config.declaredTypes[k] == Values.type {
        let found = UnsafeBufferPointer(start: base + s, count: e - s)
        let (expected, hint) = Values.declaredMismatch(column: config.columnNames[k], found: found, numbers: numbers)
        markBad(
          r, k, .invalidValue, found: found,
          message: "cannot read \(CSVError.quoted(found)) as \(Values.noun) in column \"\(config.columnNames[k])\"",
          expected: expected, hint: hint)
        columns[k].appendMissing(token: Column.Absences.unknownToken)
        r += 1
        continue
      }
      if Values.type == .integer && numbers.parseDouble(base + s, e - s) != nil {
        columns[k].become(.float)
        return r
      }
      promoteToText(k, rows: r)
      return r
    }
    return r
  }

  mutating func parseTexts(_ k: Int, from r0: Int) -> Int {
    var r = r0
    var lastStart: UnsafePointer<UInt8>? = nil
    var lastLength = -1
    var lastCode: UInt32 = 0
    // Whether the last value was quoted: a quoted field's content may equal the bytes of an
    // unquoted field (`x"y"` then `"x"y""`) and still need unescaping, so it takes the shortcut
    // only after a quoted value (whose content had no quote, else the shortcut was reset).
    var lastQuoted = false
    let base = self.base
    let quote = self.quote
    let column = columns + k
    let rows = rowCount
    let isLast = k + 1 == columnCount
    var o = offsetsBase + r * stride + k
    let stride = self.stride
    let lastOffset = columnCount - k
    while r < rows {
      defer { o += stride }
      let s0 = o[0]
      let e0 = isLast ? o[1] : o[1] &- 1
      _ = lastOffset
      // The checks of `rejectMalformed`, in its order: quotes, then UTF-8 (in `intern`).
      guard let (s, e, quoted) = unquoted(s0, e0) else {
        markTextAfterQuote(r, k, s0, e0)
        columns[k].appendMissing(token: Column.Absences.unknownToken)
        r += 1
        continue
      }
      let p = base + s
      let len = e - s
      if let t = missingToken(p, len, quoted: quoted) {
        columns[k].appendMissing(token: t)
        r += 1
        continue
      }
      // Values often repeat row after row (an indicator's name): compare with the last first.
      if len == lastLength, !quoted || lastQuoted, let last = lastStart, memoryEqual(last, p, len) {
        column.pointee.appendCode(lastCode)
        r &+= 1
        continue
      }
      if quoted && memchrByte(p, len, quote) {
        guard unescape(p, len) else {
          markLoneQuote(r, k, s0, e0)
          columns[k].appendMissing(token: Column.Absences.unknownToken)
          r += 1
          continue
        }
        lastStart = nil
        lastLength = -1
        if isRejected(r) {
          columns[k].appendCode(0)
          r += 1
          continue
        }
        let copy = scratch
        let code = copy.withUnsafeBufferPointer { intern(k, $0.baseAddress!, $0.count) }
        if code == nil { markInvalidUTF8(r, k, s0, e0) }
        columns[k].appendCode(code ?? 0)
        r += 1
        continue
      }
      if isRejected(r) {
        columns[k].appendCode(0)
        r += 1
        continue
      }
      if let code = intern(k, p, len) {
        columns[k].appendCode(code)
        lastStart = p
        lastLength = len
        lastCode = code
        lastQuoted = quoted
      } else {
        markInvalidUTF8(r, k, s0, e0)
        columns[k].appendCode(0)
      }
      r += 1
    }
    return r
  }

  /// The code of text value `p[0..<len]` in column `k`, or `nil` when it is not valid UTF-8.
  ///
  /// Only strings new to the column are checked. That is sound because a column's dictionary
  /// holds nothing but valid UTF-8: this function checks what it inserts, and `promoteToText`
  /// and `rereadAsText` insert only the text of numbers, which is ASCII (`CSVReader.validate`
  /// requires ASCII separators), never the bytes of a row set aside.
  /// - Complexity: O(len) expected.
  @inline(__always)
  mutating func intern(_ k: Int, _ p: UnsafePointer<UInt8>, _ len: Int) -> UInt32? {
    let raw = UnsafeRawBufferPointer(start: p, count: len)
    let h = StringDictionary.hash(raw)
    if let c = columns[k].dictionary.find(raw, hash: h) { return c }
    guard firstInvalidUTF8(raw) == nil else { return nil }
    return columns[k].dictionary.insert(raw, hash: h)
  }

  @inline(never)
  mutating func markBad(
    _ r: Int, _ k: Int, _ kind: CSVError.Kind, found: UnsafeBufferPointer<UInt8>, message: String, expected: String?,
    hint: String?
  ) {
    guard badRows[r] == nil else { return }
    badRows[r] = PendingProblem(
      recordStart: 0, recordEnd: 0, field: k + 1, kind: kind, message: message, expected: expected, hint: hint,
      found: CSVError.quoted(found), raw: [])
  }

  /// Undoes doubled quotes of a quoted field's content into `scratch`; false on a lone quote.
  mutating func unescape(_ p: UnsafePointer<UInt8>, _ len: Int) -> Bool {
    scratch.removeAll(keepingCapacity: true)
    var i = 0
    let q = quote
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

  /// Whether every quote in a quoted field's content `p[0..<len]` is doubled.
  func isEscaped(_ p: UnsafePointer<UInt8>, _ len: Int) -> Bool {
    var i = 0
    while i < len {
      if p[i] == quote {
        guard i + 1 < len && p[i + 1] == quote else { return false }
        i += 2
      } else {
        i += 1
      }
    }
    return true
  }

  /// Column `k` held numbers in rows `0..<rows` and now meets text: read those rows again as text
  /// (a parsed number cannot be turned back into its exact original text). Rows already set
  /// aside get code 0 and are not interned (their bytes may not even be UTF-8).
  mutating func promoteToText(_ k: Int, rows: Int) {
    var (codes, dictionary) =
      rowsBefore > 0
      ? rereadAsText(
        base: base, end: end, segments: [(result.recordStart, rowsBefore)], column: k, config: config,
        skipping: rejectedStarts)
      : ([], StringDictionary())
    codes.reserveCapacity(rowsBefore + rows)
    for r in 0..<rows {
      let (s0, e0) = field(r, k)
      guard !isRejected(r), let (s, e, quoted) = unquoted(s0, e0), missingToken(base + s, e - s, quoted: quoted) == nil
      else {
        codes.append(0)
        continue
      }
      let text = UnsafeRawBufferPointer(start: base + s, count: e - s)
      assert(firstInvalidUTF8(text) == nil, "a number's text is not UTF-8")
      codes.append(dictionary.intern(text).code)
    }
    columns[k].becomeText(codes: codes, dictionary: dictionary)
  }

  /// Records the rows whose values failed, and (quarantining) removes them from every column.
  mutating func settleBadRows() {
    guard !badRows.isEmpty else { return }
    let rows = badRows.keys.sorted()
    for r in rows {
      var p = badRows[r]!
      let (start, _) = field(r, 0)
      let recordEnd = offsetsBase[r * stride + columnCount]
      p.recordStart = start
      p.recordEnd = recordEnd
      p.raw = Array(UnsafeBufferPointer(start: base + start, count: recordEnd - start))
      record(p)
    }
    let columnRows = rows.map { $0 + rowsBefore }
    for k in 0..<columnCount where !config.skipped[k] { columns[k].remove(rows: columnRows) }
    rowCount -= rows.count
    badRows = [:]
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
      codes.append(
        content.withUnsafeBytes { text in
          assert(firstInvalidUTF8(text) == nil, "a number's text is not UTF-8")
          return dictionary.intern(text).code
        })
    }
    precondition(done == segment.rows, "re-read \(done) of \(segment.rows) rows")
  }
  return (codes, dictionary)
}

/// What differs between the integer and the float loop of `ChunkParser.parseNumbers`.
protocol NumericValues {
  associatedtype Value
  static var type: ColumnType { get }
  /// "an integer", "a number": for messages.
  static var noun: String { get }
  static func parse(_ numbers: NumberParser, _ p: UnsafePointer<UInt8>, _ count: Int) -> Value?
  static func append(_ v: Value, to column: inout RawColumn)
  static func declaredMismatch(column: String, found: UnsafeBufferPointer<UInt8>, numbers: NumberParser)
    -> (expected: String, hint: String)
}

enum IntegerValues: NumericValues {
  static var type: ColumnType { .integer }
  static var noun: String { "an integer" }
  @inline(__always)
  static func parse(_ numbers: NumberParser, _ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    numbers.parseInteger(p, count)
  }
  @inline(__always)
  static func append(_ v: Int64, to column: inout RawColumn) { column.appendInteger(v) }
  static func declaredMismatch(column: String, found: UnsafeBufferPointer<UInt8>, numbers: NumberParser)
    -> (expected: String, hint: String)
  {
    ("a whole number like 42 (column type integer, declared)", "declare the column as float or text with --type \(column)=float")
  }
}

enum FloatValues: NumericValues {
  static var type: ColumnType { .float }
  static var noun: String { "a number" }
  @inline(__always)
  static func parse(_ numbers: NumberParser, _ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    numbers.parseDouble(p, count)
  }
  @inline(__always)
  static func append(_ v: Double, to column: inout RawColumn) { column.appendFloat(v) }
  static func declaredMismatch(column: String, found: UnsafeBufferPointer<UInt8>, numbers: NumberParser)
    -> (expected: String, hint: String)
  {
    let decimalComma = numbers.decimalSeparator == 46 && found.contains(44)
    return (
      "a number like 12.5 (column type float, declared)",
      decimalComma
        ? "pass --decimal-comma, or declare the column with --type \(column)=text"
        : "declare the column with --type \(column)=text"
    )
  }
}
