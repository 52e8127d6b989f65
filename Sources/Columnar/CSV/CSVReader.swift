import Dispatch

/// Everything a read produced: the table, how the file was read, and what was set aside.
public struct CSVReadResult: Sendable {
  /// The columns read (every column, unless `CSVReadOptions.columns` chose some).
  public var table: Table
  /// Every column of the file, read or not, in file order.
  public var header: [String]
  public var dialect: CSVDialect
  /// Records not loaded, in file order (only with `badRows: .quarantine`).
  public var rejected: [RejectedRow]
  public var warnings: [CSVWarning]
  /// Data records seen: loaded plus rejected.
  public var recordsRead: Int
  /// Columns whose type was declared rather than inferred.
  public var declaredColumns: Set<String>
  /// Columns read as text because `CSVReadOptions.chooseTextColumns` chose them.
  public var textColumns: Set<String> = []
  /// Size of the input in bytes.
  public var byteCount: Int
  /// Chunks that own records and were parsed a second time, from where the chunk before
  /// stopped: their guessed quote state led elsewhere, or their last record ran past their scan
  /// limit (a cost, never a difference in the result).
  var reparsedChunks = 0
  /// Batches of chunks whose quote states were counted, not guessed: every batch after the
  /// first whose guess failed.
  var countedBatches = 0
  /// Chunks of counted batches parsed again because their first record did not start where the
  /// chunk before stopped: always 0 when the counting is right (a test checks it).
  var countedMisses = 0
}

/// Reads CSV files into a `Table`.
///
/// The file is memory-mapped and cut into chunks; chunks are scanned with SIMD for quotes,
/// delimiters and line ends and parsed on all cores, then appended in order. Column types are
/// inferred from every value (integer, then float, then text), unless declared.
public enum CSVReader {
  /// Reads the file at `path` (`-` for standard input).
  /// - Parameters:
  ///   - path: the file to read.
  ///   - displayPath: the path as the user typed it, for messages; defaults to `path`.
  /// - Throws: `CSVError` for a missing or unreadable file, bad options, or (unless quarantining)
  ///   the first bad record.
  public static func read(path: String, displayPath: String? = nil, options: CSVReadOptions = CSVReadOptions())
    throws(CSVError) -> CSVReadResult
  {
    let name = displayPath ?? path
    let input = try InputBuffer(path: path, display: name)
    return try read(input, name: name, options: options)
  }

  /// Reads CSV from bytes in memory.
  public static func read(bytes: [UInt8], name: String = "<memory>", options: CSVReadOptions = CSVReadOptions())
    throws(CSVError) -> CSVReadResult
  {
    try read(InputBuffer(bytes: bytes), name: name, options: options)
  }

  static func read(_ input: InputBuffer, name: String, options: CSVReadOptions) throws(CSVError) -> CSVReadResult {
    try validate(options, file: name)
    let data = input.bytes
    var start = 0
    var hasBOM = false
    if data.count >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
      hasBOM = true
      start = 3
    } else if data.count >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)) {
      throw CSVError(
        .unsupportedEncoding, file: name, line: 1, message: "the file is UTF-16 (it starts with a UTF-16 byte-order mark)",
        expected: "UTF-8 text", hint: "convert it first: iconv -f utf-16 -t utf-8 in.csv > out.csv")
    }
    let sniff = try Sniffer.sniff(data, from: start, options: options, file: name)
    var warnings: [CSVWarning] = []
    let (names, wasEmpty) = uniqueNames(sniff, warnings: &warnings)
    if sniff.skippedDetected {
      warnings.append(
        CSVWarning(
          kind: .skippedPreamble,
          message: "skipped \(sniff.skippedLines) line\(sniff.skippedLines == 1 ? "" : "s") before the header (detected preamble; set --skip-rows to override)",
          count: 1))
    }
    if sniff.tagRow != nil {
      warnings.append(CSVWarning(kind: .skippedTagRow, message: "skipped the HXL tag row under the header", count: 1))
    }
    var declared: [ColumnType?] = Array(repeating: options.inferTypes ? nil : .text, count: names.count)
    for (column, type) in options.columnTypes.sorted(by: { $0.key < $1.key }) {
      guard let i = names.firstIndex(of: column) else {
        throw CSVError(
          .invalidOptions, file: name, message: "--type names a column \"\(column)\" that the file does not have",
          expected: "one of \(names.prefix(20).map { "\"\($0)\"" }.joined(separator: ", "))\(names.count > 20 ? ", …" : "")",
          hint: "header names are matched exactly, including case and spaces")
      }
      declared[i] = type
    }
    var chosenText: Set<String> = []
    if let texts = options.chooseTextColumns?(names) {
      for (i, n) in names.enumerated() where texts.contains(n) && options.columnTypes[n] == nil {
        declared[i] = .text
        chosenText.insert(n)
      }
    }
    var skipped = [Bool](repeating: false, count: names.count)
    if let kept = options.columns ?? options.chooseColumns?(names) {
      for column in kept.sorted() where !names.contains(column) {
        throw CSVError(
          .invalidOptions, file: name, message: "the columns to read include \"\(column)\", which the file does not have",
          expected: "one of \(names.prefix(20).map { "\"\($0)\"" }.joined(separator: ", "))\(names.count > 20 ? ", …" : "")",
          hint: "header names are matched exactly, including case and spaces")
      }
      // A column declared a number is read: a value that is not one rejects its record.
      for (i, n) in names.enumerated() where !kept.contains(n) && !wasEmpty[i] && (declared[i] ?? .text) == .text {
        skipped[i] = true
      }
    }
    let config = ParseConfig(
      delimiter: sniff.delimiter, quote: options.quote, columnNames: names, declaredTypes: declared, skipped: skipped,
      missing: MissingMatcher(tokens: options.missingTokens),
      numbers: NumberParser(decimalSeparator: options.decimalSeparator, thousandsSeparator: options.thousandsSeparator),
      badRows: options.badRows)

    let parse = try parseAll(input, from: sniff.dataStart, config: config, options: options, name: name)

    // Line numbers, resolved once, in file order.
    var lines = LineCounter(data: data, offset: sniff.dataStart, line: 1 + Sniffer.countLines(data, from: 0, to: sniff.dataStart))
    if let e = parse.error {
      let line = lines.line(at: e.recordStart)
      throw CSVError(
        e.kind, file: name, line: line, field: e.field,
        columnName: e.field.flatMap { $0 <= names.count ? names[$0 - 1] : nil }, found: e.found,
        message: e.message, expected: e.expected, hint: e.hint)
    }
    let rejected = parse.rejected.map { p in
      RejectedRow(line: lines.line(at: p.recordStart), field: p.field, kind: p.kind, reason: p.message, raw: p.raw)
    }
    if parse.extraDelimiterRows > 0 {
      warnings.append(
        CSVWarning(
          kind: .extraTrailingDelimiter, message: "rows end with an extra empty field (a trailing delimiter); it was ignored",
          count: parse.extraDelimiterRows))
    }

    var columns = parse.builders.map { $0.finish(missingTokens: options.missingTokens) }
    var finalNames = names
    // World Bank files end every line with a delimiter: a last column with no name and no value.
    if let last = columns.last, wasEmpty.last == true, last.validCount == 0, columns.count > 1 {
      columns.removeLast()
      finalNames.removeLast()
      warnings.append(
        CSVWarning(
          kind: .droppedTrailingColumn,
          message: "dropped the last column: it has no name and no values (every line ends with a delimiter)", count: 1))
    }
    let kept = finalNames.indices.filter { !skipped[$0] }
    let table = Table(unchecked: kept.map { finalNames[$0] }, columns: kept.map { columns[$0] }, rowCount: parse.rowCount)
    let dialect = CSVDialect(
      delimiter: sniff.delimiter, quote: options.quote, lineEnding: sniff.lineEnding, hasBOM: hasBOM,
      skippedLines: sniff.skippedLines, skippedLinesDetected: sniff.skippedDetected, preamble: sniff.preamble,
      headerLine: sniff.headerLine, tagRow: sniff.tagRow, delimiterDetected: sniff.delimiterDetected)
    return CSVReadResult(
      table: table, header: finalNames, dialect: dialect, rejected: rejected, warnings: warnings,
      recordsRead: parse.rowCount + rejected.count, declaredColumns: Set(options.columnTypes.keys),
      textColumns: chosenText.intersection(kept.map { finalNames[$0] }), byteCount: data.count,
      reparsedChunks: parse.reparsedChunks, countedBatches: parse.countedBatches, countedMisses: parse.countedMisses)
  }

  static func validate(_ options: CSVReadOptions, file: String) throws(CSVError) {
    let allowed: [UInt8] = [44, 59, 9, 124, 58, 32]
    if let d = options.delimiter, d == 0 || d == 10 || d == 13 || d == options.quote {
      throw CSVError(.invalidOptions, file: file, message: "the delimiter cannot be a line break, NUL or the quote character")
    }
    if let d = options.delimiter, d == options.decimalSeparator {
      throw CSVError(
        .invalidOptions, file: file, message: "the decimal separator and the delimiter are both \"\(String(UnicodeScalar(d)))\"",
        hint: "files with a decimal comma use ; as the delimiter: pass --delimiter ';'")
    }
    _ = allowed
    // Numbers must be ASCII: a column turned text keeps the text of its numbers, which is added
    // to its dictionary without a UTF-8 check (see `ChunkParser.intern`). And a separator that
    // is the quote would make a quoted number's content read differently as text.
    for (name, byte) in [("decimal", options.decimalSeparator), ("thousands", options.thousandsSeparator)] {
      guard let byte else { continue }
      if byte >= 0x80 || byte == options.quote || byte == 10 || byte == 13 {
        throw CSVError(
          .invalidOptions, file: file,
          message: "the \(name) separator must be an ASCII character other than the quote and line breaks (byte 0x\(String(byte, radix: 16, uppercase: true).leftPadded(2)))",
          hint: name == "decimal" ? "use . or ," : "use , . space or '")
      }
    }
    if options.missingTokens.count > 250 {
      throw CSVError(.invalidOptions, file: file, message: "at most 250 missing-value tokens are supported")
    }
  }

  /// Header names made unique and non-empty, with a warning for each change.
  static func uniqueNames(_ sniff: SniffResult, warnings: inout [CSVWarning]) -> ([String], [Bool]) {
    guard let header = sniff.header else {
      let count = max(sniff.columnCount, 1)
      return ((1...count).map { "column_\($0)" }, Array(repeating: false, count: count))
    }
    var names: [String] = []
    var used = Set<String>()
    var wasEmpty: [Bool] = []
    for (i, raw) in header.enumerated() {
      var n = raw
      wasEmpty.append(raw.trimmingSpaces().isEmpty)
      if n.trimmingSpaces().isEmpty {
        n = "column_\(i + 1)"
        if i != header.count - 1 {
          warnings.append(CSVWarning(kind: .emptyHeaderName, message: "column \(i + 1) has no name; it is called \"\(n)\"", count: 1))
        }
      }
      if used.contains(n) {
        var k = 2
        while used.contains("\(n)_\(k)") { k += 1 }
        warnings.append(
          CSVWarning(kind: .duplicateHeaderName, message: "the column name \"\(n)\" appears twice; column \(i + 1) is called \"\(n)_\(k)\"", count: 1))
        n = "\(n)_\(k)"
      }
      used.insert(n)
      names.append(n)
    }
    return (names, wasEmpty)
  }

  struct ParseOutput {
    var builders: [ColumnBuilder]
    var rowCount: Int
    var rejected: [PendingProblem]
    var error: PendingProblem?
    var extraDelimiterRows: Int
    /// Chunks that own records and were parsed again (`CSVReadResult.reparsedChunks`).
    var reparsedChunks = 0
    /// Batches whose quote states were counted (`CSVReadResult.countedBatches`).
    var countedBatches = 0
    /// Chunks of counted batches whose first record did not start where the chunk before
    /// stopped (`CSVReadResult.countedMisses`).
    var countedMisses = 0
  }

  /// Parses all records from `dataStart` in batches of chunks, in parallel, merging in order.
  static func parseAll(_ input: InputBuffer, from dataStart: Int, config: ParseConfig, options: CSVReadOptions, name: String)
    throws(CSVError) -> ParseOutput
  {
    let total = input.count
    let threads = options.threads > 0 ? options.threads : processorCount()
    let span = total - dataStart
    let chunkSize =
      options.chunkSize > 0 ? options.chunkSize : max(1 << 18, min(8 << 20, span / max(1, threads * 4) + 1))
    let chunksPerBatch = max(threads * 2, 2)
    var output = ParseOutput(
      builders: config.declaredTypes.map { t in ColumnBuilder(kind: t.map { $0 == .integer ? .integer : $0 == .float ? .float : .text } ?? .pending) },
      rowCount: 0, rejected: [], error: nil, extraDelimiterRows: 0)
    // Segments already merged, for re-reading a column as text.
    var segments: [(start: Int, rows: Int)] = []
    var rejectedStarts = Set<Int>()
    // Where the next record starts: the end of the last chunk checked.
    var nextRecord = dataStart
    // Whether chunks' quote states are guessed (until a guess fails) rather than counted.
    var guessing = true
    let scanner = StructuralScanner(delimiter: config.delimiter, quote: config.quote)
    var position = dataStart
    var estimatedRows = 0
    // Chunk buffers are reused from batch to batch, so memory is touched (faulted in) once.
    let pool = ParallelResults<ChunkColumns>(count: chunksPerBatch)
    var released = 0

    while position < total {
      var planned: [Range<Int>] = []
      var s = position
      while planned.count < chunksPerBatch && s < total {
        // (Never right after a quote, so that a chunk's starting quote state is one bit.)
        let e = StructuralScanner.chunkBoundary(input.base, min(total, s + chunkSize), end: total, quote: config.quote)
        planned.append(s..<e)
        s = e
      }
      let ranges = planned
      // Every chunk is parsed at once, on every core. A chunk that starts at or before the known
      // record start (where the batch before ended) parses from there; the quote state at the
      // others' starts is guessed from the bytes that follow (simdcsv counts the quotes of every
      // chunk first, a pass over the whole file that this saves). A chunk's parse depends only
      // on where its first record starts, so its result is used when that is where the chunk
      // before stopped, whatever was guessed; this is checked below, in file order, and a chunk
      // that fails the check (or ran past its scan limit) is parsed again from there, on this
      // thread. Once a guess has failed (stray quotes in unquoted fields mislead it), the states
      // of the rest of the file are counted as simdcsv does, so that such a file is not parsed
      // a chunk at a time.
      let rowsPerChunk = estimatedRows > 0 ? estimatedRows : 0
      let results = ParallelResults<ChunkResult>(count: ranges.count)
      let batchStart = position
      let known = nextRecord
      var counted: [Bool]? = nil
      if !guessing {
        // The quote state at each chunk's end for either state at its start (from the known
        // record start, for the chunk that holds it), then carried from chunk to chunk.
        let ends = ParallelResults<(outside: Bool, inside: Bool)>(count: ranges.count)
        parallelFor(ranges.count, threads: threads) { i in
          let range = ranges[i]
          StructuralScanner.populate(input.base + range.lowerBound, count: range.count)
          let from = max(known, range.lowerBound)
          guard from < range.upperBound else {
            ends[i] = (false, true)
            return
          }
          let carry =
            from == known
            ? QuoteCarry.recordStart(input.base + from) : QuoteCarry.at(from, of: input.base, inside: false, delimiter: config.delimiter)
          let e = scanner.endStates(input.base + from, count: range.upperBound - from, carry: carry)
          ends[i] = from == known ? (e.outside, e.outside) : e
        }
        var inside = false
        var states: [Bool] = []
        for i in 0..<ranges.count {
          states.append(inside)
          let e = ends.take(i)!
          inside = inside ? e.inside : e.outside
        }
        counted = states
        output.countedBatches += 1
      }
      let states = counted
      parallelFor(ranges.count, threads: threads) { i in
        let range = ranges[i]
        if states == nil { StructuralScanner.populate(input.base + range.lowerBound, count: range.count) }
        var parser = ChunkParser(base: input.base, end: total, config: config, reusing: pool.take(i))
        if known >= range.lowerBound {
          parser.parse(start: known, chunkEnd: range.upperBound, insideQuotes: false, isRecordStart: true, expectedRows: rowsPerChunk)
        } else if let inside = states?[i] {
          parser.parse(
            start: range.lowerBound, chunkEnd: range.upperBound, insideQuotes: inside, isRecordStart: false,
            expectedRows: rowsPerChunk)
        } else {
          let inside =
            StructuralScanner.guessInsideQuotes(
              input.base, at: range.lowerBound, end: total, quote: config.quote, delimiter: config.delimiter) ?? false
          parser.scanLimit = range.upperBound + range.count
          parser.parse(
            start: range.lowerBound, chunkEnd: range.upperBound, insideQuotes: inside, isRecordStart: false,
            expectedRows: rowsPerChunk)
        }
        results[i] = parser.result
      }
      // In file order: check each guess, then stop at the first error; then merge each column
      // in parallel.
      var chunks: [(slot: Int, result: ChunkResult)] = []
      for i in 0..<ranges.count {
        guard var chunk = results.take(i) else { continue }
        if chunk.recordStart != nextRecord || chunk.overran {
          var parser = ChunkParser(base: input.base, end: total, config: config, reusing: chunk.columns)
          parser.parse(
            start: nextRecord, chunkEnd: ranges[i].upperBound, insideQuotes: false, isRecordStart: true,
            expectedRows: rowsPerChunk)
          // (A chunk that owns no record returns at once, whatever its first parse found.)
          // A failed guess ends guessing, even a default one (no telling quote within its
          // window): a file whose quoted fields are that long would otherwise be parsed again a
          // chunk at a time.
          if nextRecord < ranges[i].upperBound {
            output.reparsedChunks += 1
            if chunk.recordStart != nextRecord {
              if states != nil { output.countedMisses += 1 }
              guessing = false
            }
          }
          chunk = parser.result
        }
        if let e = chunk.error {
          output.error = e
          return output
        }
        nextRecord = chunk.recordEnd
        chunks.append((i, chunk))
      }
      if estimatedRows == 0, let c = chunks.first(where: { $0.result.rowCount > 0 })?.result {
        estimatedRows = c.rowCount + c.rowCount / 16
        let guess = Int(Double(c.rowCount) * Double(span) / Double(max(1, c.recordEnd - c.recordStart)) * 1.02)
        for k in output.builders.indices where !config.skipped[k] { output.builders[k].reserve(guess) }
      }
      var segmentsBefore: [[(start: Int, rows: Int)]] = []
      for (_, c) in chunks {
        segmentsBefore.append(segments)
        segments.append((c.recordStart, c.rowCount))
        for p in c.rejected { rejectedStarts.insert(p.recordStart) }
      }
      let merging = MergeBatch(
        builders: output.builders, chunks: chunks.map(\.result), segmentsBefore: segmentsBefore,
        rejectedStarts: rejectedStarts)
      output.builders = []
      parallelFor(config.columnCount, threads: threads) { k in
        merging.mergeColumn(k, input: input, config: config)
      }
      output.builders = merging.builders
      for (slot, c) in chunks {
        output.rowCount += c.rowCount
        output.rejected.append(contentsOf: c.rejected)
        output.extraDelimiterRows += c.extraDelimiterRows
        if let columns = c.columns { pool[slot] = columns }
      }
      position = s
      options.progress?(position - dataStart, span)
      let releasable = max(batchStart, position - (1 << 16))
      if releasable > released {
        input.release(from: released, upTo: releasable)
        released = releasable
      }
    }
    return output
  }

}

/// One batch of parsed chunks being appended to the table's columns, one column per worker.
final class MergeBatch: @unchecked Sendable {
  /// The builders, moved out of their array so that workers can each mutate one.
  let storage: UnsafeMutablePointer<ColumnBuilder>
  let count: Int
  let chunks: [ChunkResult]
  let segmentsBefore: [[(start: Int, rows: Int)]]
  let rejectedStarts: Set<Int>

  init(
    builders: [ColumnBuilder], chunks: [ChunkResult], segmentsBefore: [[(start: Int, rows: Int)]],
    rejectedStarts: Set<Int>
  ) {
    count = builders.count
    storage = .allocate(capacity: max(count, 1))
    storage.initialize(from: builders, count: count)
    self.chunks = chunks
    self.segmentsBefore = segmentsBefore
    self.rejectedStarts = rejectedStarts
  }

  /// Appends column `k` of every chunk, in order. Touches only column `k`'s builder and the
  /// chunks' column `k`, so columns can merge in parallel.
  func mergeColumn(_ k: Int, input: InputBuffer, config: ParseConfig) {
    do {
      let builder = storage + k
      for (j, chunk) in chunks.enumerated() {
        guard let owner = chunk.columns else { continue }
        let raw = owner.columns + k
        let g = builder.pointee.kind
        let c = raw.pointee.kind
        if g == .text && (c == .integer || c == .float) {
          let (codes, dictionary) = rereadAsText(
            base: input.base, end: input.count, segments: [(chunk.recordStart, chunk.rowCount)], column: k,
            config: config, skipping: rejectedStarts)
          raw.pointee.becomeText(codes: codes, dictionary: dictionary)
        } else if (g == .integer || g == .float) && c == .text {
          let (codes, dictionary) = rereadAsText(
            base: input.base, end: input.count, segments: segmentsBefore[j], column: k, config: config,
            skipping: rejectedStarts)
          builder.pointee.becomeText(codes: codes, dictionary: dictionary)
        }
        builder.pointee.append(&raw.pointee)
      }
    }
  }

  /// The builders, moved back out (call once, after merging).
  var builders: [ColumnBuilder] {
    let out = Array(UnsafeMutableBufferPointer(start: storage, count: count))
    return out
  }

  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }
}

/// Runs `body(0..<count)` on at most `threads` threads (inline when 1), each index once.
func parallelFor(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
  let workers = min(max(threads, 1), count)
  if workers <= 1 {
    for i in 0..<count { body(i) }
    return
  }
  DispatchQueue.concurrentPerform(iterations: workers) { w in
    var i = w
    while i < count {
      body(i)
      i += workers
    }
  }
}

/// Slots written by parallel workers, one each, read after they finish.
///
/// The slots live in memory allocated once: writing through an `Array` from several threads is
/// not safe even at distinct indexes (`withUnsafeMutableBufferPointer` moves the array out and
/// back in, so a concurrent writer can see an empty array).
final class ParallelResults<T>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<T?>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: max(count, 1))
    slots.initialize(repeating: nil, count: count)
  }

  subscript(i: Int) -> T {
    get {
      precondition(i >= 0 && i < count, "slot \(i) of \(count)")
      return slots[i]!
    }
    set {
      precondition(i >= 0 && i < count, "slot \(i) of \(count)")
      slots[i] = newValue
    }
  }

  /// Moves the value out of slot `i`.
  func take(_ i: Int) -> T? {
    precondition(i >= 0 && i < count, "slot \(i) of \(count)")
    let v = slots[i]
    slots[i] = nil
    return v
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }
}

/// Turns byte offsets into 1-based line numbers, moving forward only.
struct LineCounter {
  let data: UnsafeRawBufferPointer
  var offset: Int
  var line: Int

  mutating func line(at target: Int) -> Int {
    precondition(target >= offset, "line numbers are resolved in file order")
    line += Sniffer.countLines(data, from: offset, to: target)
    offset = target
    return line
  }
}
