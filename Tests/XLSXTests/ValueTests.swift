import Testing

@testable import XLSX

/// The small values: cell names, references, dates, colours, the text check.
@Suite struct ValueTests {
  /// Excel's columns run A...Z, AA...ZZ, AAA...XFD; XFD is the 16,384th (the sheet's last).
  /// Hand-worked: 26 letters of one character, 26 × 26 = 676 of two, so AAA is index 702.
  @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
  func columnNames(_ column: Int, _ name: String) {
    #expect(CellRange.columnName(column) == name)
  }

  @Test func cellAndRangeNames() {
    #expect(CellRange.cellName(row: 3, column: 1) == "B4")
    #expect(CellRange(row: 0, column: 0).description == "A1")
    #expect(CellRange(firstRow: 0, firstColumn: 0, lastRow: 8, lastColumn: 2).description == "A1:C9")
    #expect(CellRange(rows: 1...5, columns: 0...0).reference() == "$A$2:$A$6")
    #expect(CellRange(rows: 1...5, columns: 0...0).reference(absolute: false) == "A2:A6")
  }

  /// Excel's rule for sheet names in formulas: quote unless the name is a plain identifier that
  /// cannot be read as a cell reference; double inner apostrophes.
  @Test(arguments: [
    ("Data", "Data"), ("Key figures", "'Key figures'"), ("It's", "'It''s'"), ("2026", "'2026'"), ("A1", "'A1'"),
    ("XFD100", "'XFD100'"), ("R1C1", "'R1C1'"), ("Summary_2026", "Summary_2026"), ("Données", "Données"), ("a-b", "'a-b'"),
  ])
  func sheetNamesInReferences(_ name: String, _ quoted: String) {
    #expect(CellRange.quotedSheetName(name) == quoted)
    #expect(CellRange(row: 0, column: 0).reference(sheet: name) == quoted + "!$A$1")
  }

  @Test func overlaps() {
    let a = CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 2)
    #expect(a.overlaps(CellRange(row: 2, column: 2)))
    #expect(!a.overlaps(CellRange(row: 3, column: 0)))
    #expect(!a.overlaps(CellRange(row: 0, column: 3)))
    #expect(a.overlaps(CellRange(firstRow: 1, firstColumn: 1, lastRow: 9, lastColumn: 9)))
  }

  /// Unix times against GNU date (`date -u -d @T +%FT%TZ`): 0 → 1970-01-01T00:00:00Z,
  /// 951782400 → 2000-02-29T00:00:00Z, -1 → 1969-12-31T23:59:59Z,
  /// 1700000000 → 2023-11-14T22:13:20Z, 4102444799 → 2099-12-31T23:59:59Z.
  @Test(arguments: [
    (Int64(0), "1970-01-01T00:00:00"), (951_782_400, "2000-02-29"), (-1, "1969-12-31T23:59:59"),
    (1_700_000_000, "2023-11-14T22:13:20"), (4_102_444_799, "2099-12-31T23:59:59"), (1_767_225_600, "2026-01-01"),
  ])
  func dateFromUnixTime(_ seconds: Int64, _ expected: String) {
    let date = DateTime(secondsSince1970: seconds)
    let text = date.description
    #expect(text == expected || text + "T00:00:00" == expected)
  }

  @Test func colours() {
    #expect(Color(rgb: 0x0072B2).description == "#0072B2")
    #expect(Color(red: 0xE6, green: 0x9F, blue: 0x00) == Color(rgb: 0xE69F00))
    #expect(Color(rgb: 0x1_00_00_00).rgb == 0)  // bits above 24 dropped
  }

  /// Excel decodes `_xHHHH_` in any string as the character U+HHHH, so a literal one is written
  /// with its underscore escaped as `_x005F_` (the rule XlsxWriter applies; see the goldens).
  @Test(arguments: [
    ("plain", "plain"), ("_x0041_", "_x005F_x0041_"), ("a_x00e9_b", "a_x005F_x00e9_b"), ("_x005F_", "_x005F_x005F_"),
    ("_x12_", "_x12_"), ("_xGGGG_", "_xGGGG_"), ("__x0041__", "__x005F_x0041__"),
    // Overlapping sequences: the closing _ of _x0041_ opens _x0042_. Excel decodes left to right,
    // so both need escaping: "_x005F_" "x0041" "_x005F_" "x0042_" reads back as the input.
    // (XlsxWriter's non-overlapping regular expression escapes only the first.)
    ("_x0041_x0042_", "_x005F_x0041_x005F_x0042_"),
  ])
  func literalEscapesAreProtected(_ text: String, _ escaped: String) {
    let check = TextCheck(text)
    #expect(check == (text == escaped ? .plain : .needsEscaping))
    if check == .needsEscaping { #expect(TextCheck.escapingLiteralEscapes(text) == escaped) }
  }

  @Test func formulaText() {
    #expect(Formula("SUM(A1:A3)").description == "=SUM(A1:A3)")
    #expect(Formula("=SUM(A1:A3)").description == "=SUM(A1:A3)")
    #expect(Formula("=A1").problem == nil)
    #expect(Formula("=").problem != nil)
  }
}
