/// A JSON value with keys kept in the order written, rendered with two-space indentation, so
/// that the same assessment always gives the same bytes.
enum JSONValue: Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case integer(Int)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

  /// A number, or null when it is missing or not finite.
  static func number(_ x: Double?) -> JSONValue {
    guard let x, x.isFinite else { return .null }
    return .number(x)
  }

  static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

  static func strings(_ s: [String]) -> JSONValue { .array(s.map { .string($0) }) }

  /// The value as text, nested values indented by two spaces per level.
  func rendered(indent: Int = 0) -> String {
    let pad = String(repeating: " ", count: indent)
    let inner = String(repeating: " ", count: indent + 2)
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let x):
      if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
      return "\(x)"
    case .string(let s): return Self.quoted(s)
    case .array(let items):
      guard !items.isEmpty else { return "[]" }
      if items.allSatisfy(\.isScalar) { return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]" }
      return "[\n" + items.map { inner + $0.rendered(indent: indent + 2) }.joined(separator: ",\n") + "\n" + pad + "]"
    case .object(let pairs):
      guard !pairs.isEmpty else { return "{}" }
      return "{\n"
        + pairs.map { inner + Self.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 2) }.joined(separator: ",\n")
        + "\n" + pad + "}"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t` or `\u00XX`.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
