internal import CXlsxWriter

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What to write for NaN and the infinities, which an `.xlsx` file cannot hold as numbers.
public enum NonFiniteNumberPolicy: Hashable, Sendable {
  /// Throw ``XLSXError/Kind-swift.enum/nonFiniteNumber``.
  case reject
  /// Leave the cell empty (with its format, if one is given).
  case blank
  /// Write the text `NaN`, `Infinity` or `-Infinity`.
  case text
}

/// How a workbook is written.
public struct WorkbookOptions: Hashable, Sendable {
  /// Write each row to disk as soon as a later row is started, so memory does not grow with the
  /// number of rows. Rows must then be written top to bottom on every sheet (enforced: an earlier
  /// row throws ``XLSXError/Kind-swift.enum/rowOutOfOrder``), strings are stored inline rather than
  /// shared, and tables are not available (use ``Worksheet/setAutofilter(_:)``).
  public var constantMemory: Bool
  /// What NaN and ±∞ become.
  public var nonFiniteNumbers: NonFiniteNumberPolicy
  /// Where libxlsxwriter keeps its temporary files (`nil`: the system's, usually `/tmp`).
  public var temporaryDirectory: String?
  /// Allow parts over 4 GB in the zip container.
  public var useZip64: Bool

  public init(
    constantMemory: Bool = false, nonFiniteNumbers: NonFiniteNumberPolicy = .reject,
    temporaryDirectory: String? = nil, useZip64: Bool = false
  ) {
    self.constantMemory = constantMemory
    self.nonFiniteNumbers = nonFiniteNumbers
    self.temporaryDirectory = temporaryDirectory
    self.useZip64 = useZip64
  }
}

/// The metadata of a workbook (File ▸ Properties in Excel), written into `docProps/core.xml`.
public struct DocumentProperties: Hashable, Sendable {
  public var title: String?
  public var subject: String?
  public var author: String?
  public var manager: String?
  public var company: String?
  public var category: String?
  public var keywords: String?
  public var comments: String?
  public var status: String?
  /// Creation time, seconds since 1970-01-01T00:00:00Z. `nil` means `SOURCE_DATE_EPOCH` when that
  /// is set (so the same inputs give the same bytes), otherwise the time of closing.
  public var created: Int64?

  public init(
    title: String? = nil, subject: String? = nil, author: String? = nil, manager: String? = nil,
    company: String? = nil, category: String? = nil, keywords: String? = nil, comments: String? = nil,
    status: String? = nil, created: Int64? = nil
  ) {
    self.title = title
    self.subject = subject
    self.author = author
    self.manager = manager
    self.company = company
    self.category = category
    self.keywords = keywords
    self.comments = comments
    self.status = status
    self.created = created
  }

  var texts: [(String, String?)] {
    [
      ("title", title), ("subject", subject), ("author", author), ("manager", manager), ("company", company),
      ("category", category), ("keywords", keywords), ("comments", comments), ("status", status),
    ]
  }
}

/// An `.xlsx` file being written. The only owner of libxlsxwriter's workbook.
///
/// Sheets, formats and charts come from the workbook and keep it alive. Nothing reaches the
/// target path until ``close()`` succeeds: the workbook is assembled into a temporary file in the
/// target's directory, which is then renamed over the target, so a reader never sees half a
/// workbook and a failure leaves the previous file untouched.
///
/// ```swift
/// let workbook = try Workbook(path: "funder.xlsx")
/// let sheet = try workbook.addWorksheet("Summary")
/// let percent = try workbook.format(CellStyle(numberFormat: "0.0%"))
/// try sheet.write("Share screened", row: 0, column: 0)
/// try sheet.write(0.734, row: 0, column: 1, format: percent)
/// try workbook.close()
/// ```
///
/// A workbook is not thread-safe: build it from one task.
public final class Workbook {
  /// The target path as the caller gave it.
  public let path: String
  public let options: WorkbookOptions
  /// Metadata written at ``close()``.
  public var properties = DocumentProperties()

  /// `nil` once closed or discarded.
  var handle: UnsafeMutablePointer<lxw_workbook>?
  /// The file libxlsxwriter writes, renamed to `path` at the end.
  let temporaryPath: String
  /// `SOURCE_DATE_EPOCH`, read when the workbook was created.
  let sourceDateEpoch: Int64?
  private(set) var sheetNames: [String] = []
  private var lowercasedSheetNames: Set<String> = []
  var tableNames: Set<String> = []
  private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
  private var customProperties: [(name: String, value: String)] = []
  /// The addresses of this workbook's combined charts (``Chart/combine(_:)``) and their
  /// registration tokens, forgotten when the workbook is written or discarded.
  var combinedCharts: [(key: UInt, token: UInt64)] = []

  /// Starts a workbook that ``close()`` will write to `path`.
  ///
  /// The output directory is checked now, by creating the temporary file there, so that an
  /// unwritable destination fails before any work is done (libxlsxwriter itself would only
  /// notice when closing).
  /// - Parameters:
  ///   - path: the `.xlsx` file to write; an existing file is replaced at ``close()``.
  ///   - options: constant-memory mode, NaN handling, temporary directory.
  /// - Throws: ``XLSXError/Kind-swift.enum/cannotCreateOutput`` when the directory is missing or
  ///   not writable, or `path` is a directory; ``XLSXError/Kind-swift.enum/invalidArgument`` when
  ///   `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds.
  public convenience init(path: String, options: WorkbookOptions = WorkbookOptions()) throws(XLSXError) {
    try self.init(path: path, options: options, sourceDateEpoch: getenv("SOURCE_DATE_EPOCH").map { String(cString: $0) })
  }

  /// The designated initialiser, with `SOURCE_DATE_EPOCH` passed in (tests set it without
  /// touching the process environment).
  init(path: String, options: WorkbookOptions, sourceDateEpoch epochText: String?) throws(XLSXError) {
    self.path = path
    self.options = options
    if let epochText, !epochText.isEmpty {
      guard let epoch = Int64(epochText), epoch >= 0 else {
        throw XLSXError(
          .invalidArgument, path: path, message: "SOURCE_DATE_EPOCH is \(XLSXError.quoted(epochText)), not a number of seconds",
          hint: "set it to a Unix time such as 1767225600, or unset it")
      }
      sourceDateEpoch = epoch
    } else {
      sourceDateEpoch = nil
    }
    temporaryPath = try Self.reserveTemporaryFile(for: path)

    var cOptions = lxw_workbook_options()
    cOptions.constant_memory = options.constantMemory ? UInt8(LXW_TRUE.rawValue) : 0
    cOptions.use_zip64 = options.useZip64 ? UInt8(LXW_TRUE.rawValue) : 0
    let created: UnsafeMutablePointer<lxw_workbook>? = temporaryPath.withCString { file in
      guard let directory = options.temporaryDirectory else { return workbook_new_opt(file, &cOptions) }
      return directory.withCString { directory in
        cOptions.tmpdir = UnsafeMutablePointer(mutating: directory)
        return workbook_new_opt(file, &cOptions)
      }
    }
    guard let created else {
      unlink(temporaryPath)
      throw XLSXError(.outOfMemory, path: path, message: "libxlsxwriter could not create the workbook", function: "workbook_new_opt")
    }
    handle = created
  }

  deinit { discard() }

  /// Whether cells can still be written (the workbook is neither closed nor discarded).
  public var isOpen: Bool { handle != nil }

  /// The open workbook's pointer, or ``XLSXError/Kind-swift.enum/workbookClosed``.
  @inline(__always)
  func openHandle() throws(XLSXError) -> UnsafeMutablePointer<lxw_workbook> {
    guard let handle else {
      throw XLSXError(.workbookClosed, path: path, message: "the workbook is already closed")
    }
    return handle
  }

  // MARK: Sheets

  /// Adds a worksheet after the existing ones.
  /// - Parameter name: the tab's name: 1 to 31 characters, none of `[ ] : * ? / \`, not starting
  ///   or ending with an apostrophe, unique in the workbook ignoring case.
  /// - Returns: the sheet, which keeps this workbook alive.
  /// - Throws: ``XLSXError/Kind-swift.enum/invalidSheetName``,
  ///   ``XLSXError/Kind-swift.enum/duplicateSheetName``, or
  ///   ``XLSXError/Kind-swift.enum/workbookClosed``.
  public func addWorksheet(_ name: String) throws(XLSXError) -> Worksheet {
    let handle = try openHandle()
    if let problem = Self.sheetNameProblem(name) {
      throw XLSXError(
        .invalidSheetName, path: path, message: "the sheet name \(XLSXError.quoted(name)) \(problem)",
        hint: "Excel sheet names have 1 to 31 characters, none of [ ] : * ? / \\")
    }
    guard !lowercasedSheetNames.contains(name.lowercased()) else {
      throw XLSXError(
        .duplicateSheetName, path: path, message: "the workbook already has a sheet named \(XLSXError.quoted(name))",
        hint: "Excel compares sheet names ignoring case")
    }
    try check(workbook_validate_sheet_name(handle, name), "workbook_validate_sheet_name", path: path, sheet: name)
    let sheet = workbook_add_worksheet(handle, name)
    guard let sheet else {
      throw XLSXError(
        .cannotWrite, path: path, sheet: name, message: "libxlsxwriter could not create the sheet",
        function: "workbook_add_worksheet", hint: "in constant-memory mode each sheet needs a temporary file; check the temporary directory")
    }
    sheetNames.append(name)
    lowercasedSheetNames.insert(name.lowercased())
    return Worksheet(workbook: self, pointer: sheet, name: name, index: sheetNames.count - 1)
  }

  /// Why Excel refuses `name` as a sheet name, or `nil` when it accepts it.
  static func sheetNameProblem(_ name: String) -> String? {
    if name.isEmpty { return "is empty" }
    if name.utf16.count > SheetLimits.maxSheetNameLength {
      return "has \(name.utf16.count) characters, more than Excel's \(SheetLimits.maxSheetNameLength)"
    }
    if let bad = name.unicodeScalars.first(where: { "[]:*?/\\".unicodeScalars.contains($0) }) {
      return "contains \(XLSXError.quoted(String(bad)))"
    }
    if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      return "contains a control character"
    }
    if name.hasPrefix("'") || name.hasSuffix("'") { return "starts or ends with an apostrophe" }
    if name.lowercased() == "history" { return "is reserved by Excel" }
    return nil
  }

  // MARK: Formats

  /// The format for `style`, created on first use and cached: asking twice for equal styles gives
  /// the same format, so callers need not keep their own table.
  /// - Parameter style: how the cells should look.
  /// - Returns: a format to pass to the `write` methods of this workbook's sheets.
  /// - Throws: ``XLSXError/Kind-swift.enum/invalidArgument`` for a style Excel cannot use (an
  ///   empty number format, a font size outside 1...409), or
  ///   ``XLSXError/Kind-swift.enum/workbookClosed``.
  /// - Complexity: O(1) on average after the first call for a style.
  public func format(_ style: CellStyle) throws(XLSXError) -> Format {
    let handle = try openHandle()
    if let existing = formats[style] { return Format(workbook: self, pointer: existing, style: style) }
    if let problem = style.problem {
      throw XLSXError(.invalidArgument, path: path, message: "cannot make a cell format: \(problem)")
    }
    guard let created = workbook_add_format(handle) else {
      throw XLSXError(.outOfMemory, path: path, message: "libxlsxwriter could not create a format", function: "workbook_add_format")
    }
    style.apply(to: created)
    formats[style] = created
    return Format(workbook: self, pointer: created, style: style)
  }

  /// The pointer of `format`, checked to belong to this workbook.
  @inline(__always)
  func pointer(of format: Format?, sheet: String?, cell: @autoclosure () -> String?) throws(XLSXError)
    -> UnsafeMutablePointer<lxw_format>?
  {
    guard let format else { return nil }
    guard format.workbook === self else {
      throw XLSXError(
        .foreignObject, path: path, sheet: sheet, cell: cell(),
        message: "the format was made by another workbook (\(format.workbook.path))",
        hint: "get formats from the workbook you write to: workbook.format(style)")
    }
    return format.pointer
  }

  // MARK: Properties

  /// Adds a custom document property (File ▸ Properties ▸ Custom), written at ``close()``.
  /// - Parameters:
  ///   - name: 1 to 255 characters.
  ///   - value: up to 255 characters.
  /// - Throws: ``XLSXError/Kind-swift.enum/invalidArgument`` for a name or value that is too long
  ///   or empty.
  public func setCustomProperty(_ name: String, value: String) throws(XLSXError) {
    _ = try openHandle()
    guard !name.isEmpty, name.utf16.count <= 255, value.utf16.count <= 255, !name.utf8.contains(0), !value.utf8.contains(0)
    else {
      throw XLSXError(
        .invalidArgument, path: path,
        message: "custom property \(XLSXError.quoted(name)): names have 1 to 255 characters and values at most 255")
    }
    customProperties.append((name, value))
  }

  /// The creation time to record: the explicit one, else `SOURCE_DATE_EPOCH`, else `nil` (now).
  /// libxlsxwriter reads 0 as "now", so an epoch of 0 is written as 1 (1970-01-01T00:00:01Z).
  var creationTime: Int64? {
    guard let time = properties.created ?? sourceDateEpoch else { return nil }
    return max(time, 1)
  }

  private func writeProperties(_ handle: UnsafeMutablePointer<lxw_workbook>) throws(XLSXError) {
    for (field, value) in properties.texts {
      if let value, value.utf8.contains(0) {
        throw XLSXError(.invalidText, path: path, message: "the document property \(field) contains a NUL character")
      }
    }
    var strings = CStrings()
    defer { strings.free() }
    var cProperties = lxw_doc_properties()
    cProperties.title = strings.copy(properties.title)
    cProperties.subject = strings.copy(properties.subject)
    cProperties.author = strings.copy(properties.author)
    cProperties.manager = strings.copy(properties.manager)
    cProperties.company = strings.copy(properties.company)
    cProperties.category = strings.copy(properties.category)
    cProperties.keywords = strings.copy(properties.keywords)
    cProperties.comments = strings.copy(properties.comments)
    cProperties.status = strings.copy(properties.status)
    cProperties.created = time_t(creationTime ?? 0)
    try check(workbook_set_properties(handle, &cProperties), "workbook_set_properties", path: path)
    for (name, value) in customProperties {
      try check(
        workbook_set_custom_property_string(handle, name, value), "workbook_set_custom_property_string", path: path)
    }
  }

  // MARK: Closing

  /// Writes the workbook and moves it to ``path``. Call it exactly once.
  ///
  /// libxlsxwriter frees the workbook even when writing fails, so the workbook is closed
  /// afterwards whatever happens; on failure the temporary file is removed and the previous file
  /// at ``path``, if any, is untouched.
  /// - Throws: ``XLSXError/Kind-swift.enum/cannotWrite`` when assembling, saving or renaming
  ///   fails; ``XLSXError/Kind-swift.enum/workbookClosed`` on a second call.
  /// - Complexity: O(cells): the sheets are assembled and compressed now.
  public func close() throws(XLSXError) {
    let handle = try openHandle()
    self.handle = nil  // before workbook_close, which frees the workbook whatever it returns
    defer { forgetCombinedCharts() }
    do {
      try writeProperties(handle)
    } catch {
      forgetCombinedCharts()
      lxw_workbook_free(handle)
      unlink(temporaryPath)
      throw error
    }
    let code = workbook_close(handle)
    guard code == LXW_NO_ERROR else {
      unlink(temporaryPath)
      throw libraryError(code, "workbook_close", path: path, sheet: nil, cell: nil)
    }
    try moveIntoPlace()
  }

  /// Frees the workbook without writing anything; the previous file at ``path`` stays. Called by
  /// `deinit` when ``close()`` was never called, so a writer that stops on an error never
  /// publishes half a workbook. Does nothing after ``close()``.
  public func discard() {
    guard let handle else { return }
    self.handle = nil
    forgetCombinedCharts()  // before the charts are freed and their addresses can be reused
    lxw_workbook_free(handle)
    unlink(temporaryPath)
  }

  private func forgetCombinedCharts() {
    Chart.forgetCombinations(combinedCharts)
    combinedCharts.removeAll()
  }

  private func moveIntoPlace() throws(XLSXError) {
    let fd = open(temporaryPath, O_RDONLY)
    if fd >= 0 {
      _ = fsync(fd)
      _ = Glibc.close(fd)
    }
    guard rename(temporaryPath, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporaryPath)
      throw XLSXError(.cannotWrite, path: path, message: "cannot move the finished workbook into place: \(reason)")
    }
  }

  /// Creates an empty, uniquely named file beside `path` (`.<name>.tmp-XXXXXX`), proving that the
  /// directory exists and is writable, and returns its path.
  static func reserveTemporaryFile(for path: String) throws(XLSXError) -> String {
    guard !path.isEmpty, !path.hasSuffix("/"), !path.utf8.contains(0) else {
      throw XLSXError(.cannotCreateOutput, path: path, message: "\(XLSXError.quoted(path)) is not a file path")
    }
    var status = stat()
    if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
      throw XLSXError(.cannotCreateOutput, path: path, message: "the output path is a directory")
    }
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let prefix = directory.isEmpty ? "" : directory == "/" ? "/" : directory + "/"
    var template = Array((prefix + ".\(name).tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
    guard fd >= 0 else {
      let code = errno
      let shown = directory.isEmpty ? "." : directory
      throw XLSXError(
        .cannotCreateOutput, path: path, message: "cannot create the output: \(String(cString: strerror(code)))",
        hint: code == ENOENT ? "the directory \"\(shown)\" does not exist" : "check that the directory \"\(shown)\" is writable")
    }
    _ = fchmod(fd, 0o644)
    _ = Glibc.close(fd)
    return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// C copies of Swift strings for a struct of `char *` fields, freed together.
struct CStrings {
  private var pointers: [UnsafeMutablePointer<CChar>] = []

  mutating func copy(_ text: String?) -> UnsafeMutablePointer<CChar>? {
    guard let text, let copy = strdup(text) else { return nil }
    pointers.append(copy)
    return copy
  }

  mutating func free() {
    for pointer in pointers { Glibc.free(pointer) }
    pointers.removeAll()
  }
}
