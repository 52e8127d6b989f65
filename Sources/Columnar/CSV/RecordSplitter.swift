/// A simple, scalar RFC 4180 record splitter. The fast path is `ChunkParser`; this one serves
/// sniffing, re-reading a column as text, and as the reference in tests.
///
/// Records end at LF, CRLF or a lone CR outside quotes. Inside a quoted field, a doubled quote
/// is one quote. A quote opens a quoted field only at the field's start (or after spaces there):
/// anywhere else outside quotes (`37°36'37.8"N`, `pipe 12"`, or after a closing quote) it is
/// text, as in Python's csv module and in the fast path (`StructuralScanner.insideQuotes`).
struct RecordSplitter {
  let bytes: UnsafeRawBufferPointer
  let delimiter: UInt8
  let quote: UInt8
  var position: Int

  struct Field {
    var start: Int
    var end: Int
    var isQuoted: Bool
  }

  struct Record {
    /// Offset of the first byte and one past the last, without the terminator.
    var start: Int
    var end: Int
    /// Physical line terminators inside the record (quoted newlines).
    var innerLines: Int
    var fields: [Field]
    /// Whether a quoted field was still open at the end of input.
    var isUnterminated: Bool
    var isBlank: Bool { fields.count == 1 && fields[0].start == fields[0].end && !fields[0].isQuoted }
  }

  init(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8, quote: UInt8 = UInt8(ascii: "\""), from position: Int = 0) {
    self.bytes = bytes
    self.delimiter = delimiter
    self.quote = quote
    self.position = position
  }

  /// The next record, or `nil` at the end of input.
  mutating func next() -> Record? {
    let n = bytes.count
    guard position < n else { return nil }
    let start = position
    var fields: [Field] = []
    var fieldStart = position
    var inQuotes = false
    var quoted = false
    // Whether only spaces came since the field's start: a quote then opens a quoted region.
    var leading = true
    var innerLines = 0
    var i = position
    while i < n {
      let b = bytes[i]
      if inQuotes {
        if b == quote {
          if i + 1 < n && bytes[i + 1] == quote { i += 2; continue }
          inQuotes = false
        } else if b == 10 || (b == 13 && !(i + 1 < n && bytes[i + 1] == 10)) {
          innerLines += 1
        }
        i += 1
        continue
      }
      if b == quote && leading {
        inQuotes = true
        quoted = i == fieldStart  // after spaces the field's value is its bytes as written
        leading = false
        i += 1
        continue
      }
      if b == delimiter {
        fields.append(Field(start: fieldStart, end: i, isQuoted: quoted))
        fieldStart = i + 1
        quoted = false
        leading = true
        i += 1
        continue
      }
      if b != 32 { leading = false }
      if b == 10 || b == 13 {
        fields.append(Field(start: fieldStart, end: i, isQuoted: quoted))
        position = (b == 13 && i + 1 < n && bytes[i + 1] == 10) ? i + 2 : i + 1
        return Record(start: start, end: i, innerLines: innerLines, fields: fields, isUnterminated: false)
      }
      i += 1
    }
    fields.append(Field(start: fieldStart, end: n, isQuoted: quoted))
    position = n
    return Record(start: start, end: n, innerLines: innerLines, fields: fields, isUnterminated: inQuotes)
  }

  /// The content of a field: quotes removed and doubled quotes undone.
  func content(_ f: Field) -> [UInt8] {
    guard f.isQuoted else { return Array(bytes[f.start..<f.end]) }
    var out: [UInt8] = []
    var i = f.start + 1
    let end = f.end > f.start + 1 && bytes[f.end - 1] == quote ? f.end - 1 : f.end
    while i < end {
      let b = bytes[i]
      out.append(b)
      i += (b == quote && i + 1 < end && bytes[i + 1] == quote) ? 2 : 1
    }
    return out
  }

  func text(_ f: Field) -> String { String(decoding: content(f), as: UTF8.self) }
}
