/// A problem with a table operation: an unknown column, or a column of the wrong type.
public struct TableError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case unknownColumn
    case duplicateColumn
    case unsupportedType
    case lengthMismatch
  }
  public var kind: Kind
  public var column: String
  public var detail: String

  public var description: String {
    switch kind {
    case .unknownColumn: "error: no column named \"\(column)\"\(detail.isEmpty ? "" : "\n  hint: \(detail)")"
    case .duplicateColumn: "error: the column name \"\(column)\" is used twice"
    case .unsupportedType: "error: column \"\(column)\" \(detail)"
    case .lengthMismatch: "error: column \"\(column)\" \(detail)"
    }
  }
}

/// An in-memory table of named, typed columns of equal length.
public struct Table: Sendable {
  public private(set) var names: [String]
  public private(set) var columns: [Column]
  public let rowCount: Int

  /// Creates a table.
  /// - Throws: `TableError` when names repeat or columns differ in length.
  public init(names: [String], columns: [Column]) throws(TableError) {
    precondition(names.count == columns.count, "\(names.count) names for \(columns.count) columns")
    var seen = Set<String>()
    for n in names where !seen.insert(n).inserted { throw TableError(kind: .duplicateColumn, column: n, detail: "") }
    let n = columns.first?.count ?? 0
    for (name, c) in zip(names, columns) where c.count != n {
      throw TableError(kind: .lengthMismatch, column: name, detail: "has \(c.count) rows, the first column has \(n)")
    }
    self.names = names
    self.columns = columns
    self.rowCount = n
  }

  init(unchecked names: [String], columns: [Column], rowCount: Int) {
    self.names = names
    self.columns = columns
    self.rowCount = rowCount
  }

  /// The index of the column called `name`.
  public func index(of name: String) -> Int? { names.firstIndex(of: name) }

  /// The column called `name`.
  public func column(_ name: String) throws(TableError) -> Column { columns[try requireIndex(name)] }

  func requireIndex(_ name: String) throws(TableError) -> Int {
    guard let i = index(of: name) else {
      let close = names.filter { $0.lowercased() == name.lowercased() }
      throw TableError(
        kind: .unknownColumn, column: name,
        detail: close.isEmpty ? "the columns are \(names.map { "\"\($0)\"" }.joined(separator: ", "))" : "did you mean \"\(close[0])\"?")
    }
    return i
  }

  /// The columns called `names`, in that order (projection).
  public func selecting(_ selected: [String]) throws(TableError) -> Table {
    var cols: [Column] = []
    for n in selected { cols.append(columns[try requireIndex(n)]) }
    return try Table(names: selected, columns: cols)
  }

  /// The rows where `mask` is true, in order.
  /// - Complexity: O(rows × columns).
  public func filtered(by mask: [Bool]) -> Table {
    precondition(mask.count == rowCount, "mask has \(mask.count) entries for \(rowCount) rows")
    var indexes: [Int] = []
    indexes.reserveCapacity(rowCount)
    for (i, keep) in mask.enumerated() where keep { indexes.append(i) }
    return gathering(indexes)
  }

  /// The rows at `indexes`, in that order.
  public func gathering(_ indexes: [Int]) -> Table {
    Table(unchecked: names, columns: columns.map { $0.gathering(indexes) }, rowCount: indexes.count)
  }

  /// Removes the column at `index`.
  mutating func removeColumn(at index: Int) {
    names.remove(at: index)
    columns.remove(at: index)
  }
}
