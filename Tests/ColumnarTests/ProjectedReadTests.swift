import BackboneTestSupport
import Testing

@testable import Columnar

/// `CSVReadOptions.columns`: the columns kept are exactly what a full read gives for them, and
/// the records set aside are the same, because the columns not kept are still checked.
@Suite struct ProjectedReadTests {
  static func options(columns: Set<String>?, chunkSize: Int = 0, badRows: CSVReadOptions.BadRows = .quarantine)
    -> CSVReadOptions
  {
    var o = CSVReadOptions()
    o.columns = columns
    o.chunkSize = chunkSize
    o.threads = 3
    o.badRows = badRows
    return o
  }

  /// Worked by hand: a header of four columns, two kept.
  @Test func keepsOnlyTheNamedColumnsInFileOrder() throws {
    let csv = "id,name,value,note\n1,\"Brent, North\",3.5,*\n2,Carlow,NA,\n3,\"Ash \"\"y\"\"\",7,x\n"
    let r = try CSVReader.read(bytes: Array(csv.utf8), options: Self.options(columns: ["note", "id"]))
    #expect(r.header == ["id", "name", "value", "note"])
    #expect(r.table.names == ["id", "note"])
    #expect(r.table.rowCount == 3)
    #expect(r.table.columns[0].type == .integer)
    #expect((0..<3).map { r.table.columns[0][$0] } == [.integer(1), .integer(2), .integer(3)])
    // `*` and `x` are missing tokens, the empty field too: the column has no value, and each
    // missing value remembers its token.
    #expect((0..<3).map { r.table.columns[1][$0] } == [.missing(token: "*"), .missing(token: ""), .missing(token: "x")])
  }

  /// `chooseTextColumns`, worked by hand: `id` (numbers as written: `+7`, `1e3`) and `code`
  /// are chosen; `id` is read as text as written, `code` keeps its declared integer type,
  /// `value` is still inferred; an unknown name is ignored. Missing values stay missing.
  @Test func chosenTextColumnsKeepTheirText() throws {
    let csv = "id,code,value\n+7,1,3.5\n1e3,2,NA\n,3,4\n"
    var o = CSVReadOptions()
    o.columnTypes = ["code": .integer]
    o.chooseTextColumns = { header in
      #expect(header == ["id", "code", "value"])
      return ["id", "code", "absent"]
    }
    let r = try CSVReader.read(bytes: Array(csv.utf8), options: o)
    #expect(r.table.columns.map(\.type) == [.text, .integer, .float])
    #expect((0..<3).map { r.table.columns[0][$0] } == [.text("+7"), .text("1e3"), .missing(token: "")])
    #expect((0..<3).map { r.table.columns[1][$0] } == [.integer(1), .integer(2), .integer(3)])
    #expect(r.textColumns == ["id"])
    #expect(r.declaredColumns == ["code"])
  }

  /// Random typed tables (numbers, text with quotes, delimiters and line breaks, missing
  /// values) read whole and read with a random choice of columns, with several chunk sizes:
  /// each kept column equals the whole read's column of that name, value by value.
  @Test(arguments: PropertyTests.seeds)
  func keptColumnsEqualTheWholeRead(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    let columnCount = Int.random(in: 2...7, using: &g)
    let rowCount = Int.random(in: 1...400, using: &g)
    let names = (0..<columnCount).map { "c\($0)" }
    let columns = (0..<columnCount).map { _ -> Column in
      switch Int.random(in: 0..<3, using: &g) {
      case 0:
        return Column(integers: (0..<rowCount).map { _ in Int.random(in: 0..<8, using: &g) == 0 ? nil : Int64.random(in: -99...99, using: &g) })
      case 1:
        return Column(floats: (0..<rowCount).map { _ in Int.random(in: 0..<8, using: &g) == 0 ? nil : Double(Int.random(in: -999...999, using: &g)) / 8 })
      default:
        return Column(strings: (0..<rowCount).map { _ in PropertyTests.randomText(&g, allowEmpty: false) })
      }
    }
    let bytes = TableWriter.csvBytes(try Table(names: names, columns: columns))
    let kept = Set(names.filter { _ in Bool.random(using: &g) })
    for chunkSize in [0, 64, 301] {
      let whole = try CSVReader.read(bytes: bytes, options: Self.options(columns: nil, chunkSize: chunkSize)).table
      let part = try CSVReader.read(bytes: bytes, options: Self.options(columns: kept, chunkSize: chunkSize))
      #expect(part.header == names)
      #expect(part.table.names == names.filter { kept.contains($0) }, "seed \(seed)")
      #expect(part.table.rowCount == whole.rowCount)
      for name in part.table.names {
        let a = part.table.columns[part.table.index(of: name)!], b = whole.columns[whole.index(of: name)!]
        #expect(a.type == b.type, "seed \(seed) column \(name)")
        for r in 0..<whole.rowCount where a[r] != b[r] {
          Issue.record("seed \(seed) chunk \(chunkSize) column \(name) row \(r): \(a[r]) != \(b[r])")
          return
        }
      }
    }
  }

  /// Bad fields in a column that is not kept (text after a closing quote: `"bad"x`; quotes
  /// inside a quoted field that are not doubled: `"lo"ne"ly"`; a Latin-1 `é`, byte 0xE9) set the same records aside, for the same reasons, as
  /// when every column is read; and stop a failing read with the same error.
  @Test func recordsWithBadFieldsInColumnsNotKeptAreRejectedAlike() throws {
    var bytes = Array("id,name,value\n1,ok,2\n2,\"bad\"x,3\n3,\"lo\"ne\"ly\",4\n".utf8)
    bytes += Array("4,caf".utf8) + [0xE9] + Array(",5\n5,fine,6\n".utf8)
    let whole = try CSVReader.read(bytes: bytes, options: Self.options(columns: nil))
    let part = try CSVReader.read(bytes: bytes, options: Self.options(columns: ["id", "value"]))
    #expect(whole.rejected.map(\.line) == [3, 4, 5])
    #expect(part.rejected == whole.rejected)
    #expect(part.table.rowCount == 2)
    #expect((0..<2).map { part.table.columns[0][$0] } == [.integer(1), .integer(5)])
    func failing(_ columns: Set<String>?) -> CSVError? {
      do {
        _ = try CSVReader.read(bytes: bytes, options: Self.options(columns: columns, badRows: .fail))
        return nil
      } catch { return error }
    }
    let error = try #require(failing(["id"]))
    #expect(error == failing(nil))
    #expect(error.line == 3)
    #expect(error.kind == .unexpectedQuote)
  }

  /// Long records (fields up to 150 bytes, so that a record spans several 64-byte blocks of
  /// the structural scan; up to 1,200 of them, more than a group of 512) with, in random
  /// fields, the three faults of the hand-worked test above (text after the closing quote, a
  /// quote not doubled, a Latin-1 byte) beside well-formed quoted fields and UTF-8, LF, CR and
  /// CRLF line ends, blank lines, and sometimes no line end after the last record. Reading some
  /// columns sets aside the same records, for the same reasons, as reading them all, and keeps
  /// the same values, whatever the chunk size.
  @Test(arguments: PropertyTests.seeds)
  func faultsInLongRecordsAreRejectedAlike(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    let columnCount = Int.random(in: 2...6, using: &g)
    let names = (0..<columnCount).map { "c\($0)" }
    var bytes = Array(names.joined(separator: ",").utf8) + [10]
    let recordCount = Int.random(in: 1...1_200, using: &g)
    for record in 0..<recordCount {
      for c in 0..<columnCount {
        if c > 0 { bytes.append(44) }
        let length = Int.random(in: 0...150, using: &g)
        let plain = (0..<length).map { _ in UInt8(ascii: "a") + UInt8.random(in: 0..<26, using: &g) }
        switch Int.random(in: 0..<14, using: &g) {
        case 0: bytes += [34] + plain + [34, 120]  // "…"x
        case 1: bytes += [34] + plain + [34, 120, 34, 121, 34]  // "…"x"y": four quotes, two not doubled
        case 2: bytes += plain + [0xE9]  // Latin-1 é
        case 3: bytes += [34] + plain + [34, 34, 44, 10] + plain + [34]  // "…"",\n…": well formed
        case 4: bytes += Array("\(plain.count)".utf8)
        case 5: bytes += plain + [0xC3, 0xA9]  // UTF-8 é: well formed
        default: bytes += plain
        }
      }
      // Line ends of every kind, a blank line now and then, and sometimes none after the last.
      if record + 1 < recordCount || Bool.random(using: &g) {
        bytes += [[10], [13], [13, 10]][Int.random(in: 0..<3, using: &g)]
        if Int.random(in: 0..<40, using: &g) == 0 { bytes.append(10) }
      }
    }
    // At least one column not kept (all kept would compare a read with itself).
    var kept = Set(names.filter { _ in Bool.random(using: &g) })
    if kept.count == columnCount { kept.remove(names[Int.random(in: 0..<columnCount, using: &g)]) }
    for chunkSize in [0, 64, 97, 301] {
      let whole = try CSVReader.read(bytes: bytes, options: Self.options(columns: nil, chunkSize: chunkSize))
      let part = try CSVReader.read(bytes: bytes, options: Self.options(columns: kept, chunkSize: chunkSize))
      #expect(part.rejected == whole.rejected, "seed \(seed) chunk \(chunkSize)")
      #expect(part.table.rowCount == whole.table.rowCount, "seed \(seed) chunk \(chunkSize)")
      for name in part.table.names {
        let a = part.table.columns[part.table.index(of: name)!], b = whole.table.columns[whole.table.index(of: name)!]
        #expect(a.type == b.type, "seed \(seed) column \(name)")
        for r in 0..<whole.table.rowCount where a[r] != b[r] {
          Issue.record("seed \(seed) chunk \(chunkSize) column \(name) row \(r): \(a[r]) != \(b[r])")
          return
        }
      }
    }
  }

  /// A column declared a number is read even when not asked for: `abc` in it rejects its
  /// record, as in a full read.
  @Test func aColumnDeclaredANumberIsAlwaysRead() throws {
    let bytes = Array("id,value,lower\n1,2.0,0.5\n2,3.0,abc\n3,4.0,3.5\n".utf8)
    var whole = Self.options(columns: nil)
    whole.columnTypes = ["lower": .float]
    var part = whole
    part.columns = ["id", "value"]
    let a = try CSVReader.read(bytes: bytes, options: whole), b = try CSVReader.read(bytes: bytes, options: part)
    #expect(b.table.names == ["id", "value", "lower"])
    #expect(a.rejected.map(\.line) == [3])
    #expect(b.rejected == a.rejected)
  }

  @Test func aColumnTheFileLacksIsAnError() {
    #expect(throws: CSVError.self) {
      _ = try CSVReader.read(bytes: Array("a,b\n1,2\n".utf8), options: Self.options(columns: ["a", "c"]))
    }
    do {
      _ = try CSVReader.read(bytes: Array("a,b\n1,2\n".utf8), options: Self.options(columns: ["a", "c"]))
    } catch {
      #expect(error.kind == .invalidOptions)
      #expect(error.message.contains("\"c\""))
    }
  }
}
