import Indicators

/// Checks a Markdown template against the view model's schema before it is rendered.
///
/// swift-mustache renders a name it cannot find as nothing, so a misspelt field would silently
/// drop a number from a report. This walks the template's tags as Mustache reads them (with
/// `{{=<% %>=}}` delimiter changes and comments), keeps the stack of sections the way Mustache
/// keeps its context stack, and resolves every name in it: the first enclosing object or list
/// element that has the first part of a dotted name, then the rest inside it.
struct TemplateCheck {
  /// The template's text and its path, for messages.
  let text: [Character]
  let file: String

  /// A section that is open, and the fields it brings into scope.
  private struct Scope {
    var name: String
    /// Fields visible in this scope (`nil`: the section pushes nothing, a flag or inverted one).
    var fields: [ViewField]?
    /// The schema path of the object or list element ("headlines.").
    var path: String
    /// Whether `first()`, `last()`, `index()`, `even()`, `odd()` are available (directly in a
    /// list element, or in flag sections inside one).
    var inSequence: Bool
  }

  /// Every field path the template names ("headlines.chartFile"), once it has passed.
  /// - Throws: `ReportError.report` of kind `.invalid` with the 1-based line and column of the
  ///   first name that is unknown or used the wrong way, or of an unsupported tag.
  /// - Complexity: O(n + t·d·f) for n characters, t tags, d nesting depth and f fields a scope.
  func usedPaths() throws(ReportError) -> Set<String> {
    var open: [Character] = ["{", "{"]
    var close: [Character] = ["}", "}"]
    var scopes = [Scope(name: "", fields: ViewSchema.root, path: "", inSequence: false)]
    var used = Set<String>()
    var i = 0
    while let start = find(open, from: i) {
      var j = start + open.count
      guard j < text.count else { break }
      let sigil = text[j]
      if sigil == "{" && open == ["{", "{"] {
        // {{{name}}}
        guard let end = find(["}"] + close, from: j + 1) else { break }
        let (name, at) = trimmed(j + 1, end)
        used.insert(try variable(name, at: at, unescaped: true, scopes: scopes))
        i = end + 1 + close.count
        continue
      }
      guard let end = find(close, from: j) else { break }
      i = end + close.count
      if "#^/!>&<$=%".contains(sigil) { j += 1 }
      let (name, at) = trimmed(j, end)
      switch sigil {
      case "!": continue
      case "=":
        let parts = name.dropLast().split(whereSeparator: \.isWhitespace)
        if parts.count == 2 {
          open = Array(parts[0])
          close = Array(parts[1])
        }
      case "&": used.insert(try variable(name, at: at, unescaped: true, scopes: scopes))
      case "#", "^":
        let (scope, path) = try section(name, inverted: sigil == "^", at: at, scopes: scopes)
        if let path { used.insert(path) }
        scopes.append(scope)
      case "/":
        if scopes.count > 1 && scopes[scopes.count - 1].name == name { scopes.removeLast() }
      case ">", "<", "$":
        throw error(
          at: at, "partials and blocks ({{\(sigil)\(name)}}) are not supported in report templates",
          hint: "copy the text you need into the template")
      case "%":
        throw error(
          at: at, "pragmas ({{%\(name)}}) are not supported: report templates are always Markdown", hint: nil)
      default: used.insert(try variable(name, at: at, unescaped: false, scopes: scopes))
      }
    }
    return used
  }

  // MARK: - Tags

  private func variable(_ name: String, at: Int, unescaped: Bool, scopes: [Scope]) throws(ReportError) -> String {
    if let fn = try sequenceFunction(name, at: at, scopes: scopes) {
      guard fn == "index" else {
        throw error(at: at, "\(fn)() is true or false: use it as a section, {{#\(fn)()}}…{{/\(fn)()}}", hint: nil)
      }
      return "index()"
    }
    let (field, path) = try resolve(name, at: at, scopes: scopes)
    switch (field.kind, unescaped) {
    case (.text, false), (.markdown, true): return path
    case (.text, true):
      throw error(
        at: at, "\"\(name)\" is text: write {{\(name)}} so that it is escaped for Markdown",
        hint: "triple braces are only for the fields templates/README.md marks as Markdown")
    case (.markdown, false):
      throw error(at: at, "\"\(name)\" is Markdown made by Backbone: write {{{\(name)}}}", hint: nil)
    case (.flag, _), (.object, _), (.list, _):
      throw error(
        at: at, "\"\(name)\" is \(describe(field.kind)): use it as a section, {{#\(name)}}…{{/\(name)}}", hint: nil)
    }
  }

  private func section(_ name: String, inverted: Bool, at: Int, scopes: [Scope]) throws(ReportError)
    -> (Scope, String?)
  {
    let inSequence = scopes.last?.inSequence ?? false
    if let fn = try sequenceFunction(name, at: at, scopes: scopes) {
      guard fn != "index" else { throw error(at: at, "index() is a number, not a section", hint: nil) }
      return (Scope(name: name, fields: nil, path: "", inSequence: inSequence), nil)
    }
    let (field, path) = try resolve(name, at: at, scopes: scopes)
    switch field.kind {
    case .flag: return (Scope(name: name, fields: nil, path: "", inSequence: inSequence), path)
    case .object(let inner):
      return (
        Scope(name: name, fields: inverted ? nil : inner, path: path + ".", inSequence: inverted && inSequence), path
      )
    case .list(let inner):
      return (Scope(name: name, fields: inverted ? nil : inner, path: path + ".", inSequence: !inverted), path)
    case .text, .markdown:
      throw error(
        at: at, "\"\(name)\" is text, which cannot open a section",
        hint: "test the matching has… flag instead (templates/README.md lists them)")
    }
  }

  /// `first`, `last`, `index`, `even` or `odd` for `first()` and the like; `nil` for a plain
  /// name.
  private func sequenceFunction(_ name: String, at: Int, scopes: [Scope]) throws(ReportError) -> String? {
    guard let paren = name.firstIndex(of: "(") else { return nil }
    let fn = String(name[..<paren])
    guard name.hasSuffix("()") && ["first", "last", "index", "even", "odd"].contains(fn) else {
      throw error(
        at: at, "transforms such as \"\(name)\" are not supported in report templates",
        hint:
          "the view model has the counts and flags you need (templates/README.md); inside a list, first(), last(), index(), even() and odd() work"
      )
    }
    guard scopes.last?.inSequence == true else {
      throw error(at: at, "\(fn)() works only directly inside a list section", hint: nil)
    }
    return fn
  }

  /// The field a name stands for and its schema path.
  private func resolve(_ name: String, at: Int, scopes: [Scope]) throws(ReportError) -> (ViewField, String) {
    guard name != "." else {
      throw error(at: at, "\"{{.}}\" has no meaning here: every list holds objects; name the field", hint: nil)
    }
    let local = name.hasPrefix(".")
    let parts = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst(local ? 1 : 0).map(String.init)
    guard let first = parts.first, !first.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else {
      throw error(at: at, "\"\(name)\" is not a field name", hint: nil)
    }
    let candidates = scopes.reversed().filter { $0.fields != nil }
    var found: (ViewField, String)?
    for scope in local ? Array(candidates.prefix(1)) : candidates {
      if let f = scope.fields?.first(where: { $0.name == first }) {
        found = (f, scope.path + f.name)
        break
      }
    }
    guard var (field, path) = found else {
      let visible = candidates.flatMap { $0.fields ?? [] }.map(\.name)
      throw unknown(first, in: name, at: at, visible: visible)
    }
    for part in parts.dropFirst() {
      guard case .object(let inner) = field.kind else {
        throw error(at: at, "\"\(path)\" is \(describe(field.kind)), so \"\(name)\" cannot be read", hint: nil)
      }
      guard let next = inner.first(where: { $0.name == part }) else {
        throw unknown(part, in: name, at: at, visible: inner.map(\.name))
      }
      field = next
      path += "." + part
    }
    return (field, path)
  }

  // MARK: - Text and errors

  private func unknown(_ part: String, in name: String, at: Int, visible: [String]) -> ReportError {
    let suggestion = Spelling.suggestion(for: part, among: visible)
    return error(
      at: at, "unknown field \"\(name)\"",
      hint: (suggestion.map { "did you mean \"\($0)\"? " } ?? "")
        + "templates/README.md lists the fields of the view model")
  }

  private func describe(_ kind: FieldKind) -> String {
    switch kind {
    case .text: "text"
    case .markdown: "Markdown"
    case .flag: "a flag"
    case .object: "an object"
    case .list: "a list"
    }
  }

  private func find(_ needle: [Character], from start: Int) -> Int? {
    guard !needle.isEmpty, start >= 0, text.count >= needle.count else { return nil }
    var i = start
    while i + needle.count <= text.count {
      if text[i] == needle[0] && Array(text[i..<(i + needle.count)]) == needle { return i }
      i += 1
    }
    return nil
  }

  /// The text between two indexes without surrounding white space, and where it starts.
  private func trimmed(_ from: Int, _ to: Int) -> (String, Int) {
    var a = from
    var b = to
    while a < b && text[a].isWhitespace { a += 1 }
    while b > a && text[b - 1].isWhitespace { b -= 1 }
    return (String(text[a..<b]), a)
  }

  /// An `.invalid` report error at a character index, with 1-based line and column.
  func error(at index: Int, _ message: String, hint: String?) -> ReportError {
    var line = 1
    var column = 1
    for c in text[..<min(index, text.count)] {
      if c.isNewline {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return .report(file: file, line: line, column: column, message: message, hint: hint, kind: .invalid)
  }
}
