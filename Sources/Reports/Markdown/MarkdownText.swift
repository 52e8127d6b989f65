import Columnar
import Mustache

/// Escaping of text for Markdown (CommonMark with GitHub's extensions), used for every
/// `{{field}}` a template writes.
enum MarkdownText {
  /// `text` as literal Markdown text: it cannot break a table, start emphasis, code, a link, an
  /// autolink, strikethrough, an entity or HTML, nor (at the start of a line) a heading, list
  /// item, block quote or thematic break.
  ///
  /// The table-cell escaping of `TableWriter.markdownEscaped` (`\ | * ` [ ] < >`, `_` at a word
  /// boundary, line breaks as spaces), and then:
  /// - `~` and `&` get a backslash (strikethrough; `&amp;` would be read as an entity);
  /// - `://` becomes `\://` and `www.` becomes `www\.`, so GitHub's extended autolinks do not
  ///   fire;
  /// - `$` gets a backslash (GitHub renders `$…$` as mathematics);
  /// - `@` is followed by U+2060 WORD JOINER (invisible): backslashes and entities do not stop
  ///   GitHub's e-mail autolinks, and the joiner does, without changing what a reader sees;
  /// - at the start, what would open a block when the text begins a line gets escaped (see
  ///   `escapingBlockStart`): a leading blank becomes a character reference; a heading's `#`, a
  ///   list's `-`, `+`, `1.` or `1)`, and a line of `-` or `=` get a backslash.
  ///
  /// - Parameter text: any text (names, periods, sentences).
  /// - Returns: Markdown that renders as `text` (line breaks as spaces).
  /// - Complexity: O(n) in the characters of `text`.
  static func escaped(_ text: String) -> String {
    let table = Array(TableWriter.markdownEscaped(text))
    var out = ""
    out.reserveCapacity(table.count + 8)
    var i = 0
    while i < table.count {
      let c = table[i]
      switch c {
      case "~", "&", "$": out += "\\" + String(c)
      case "@": out += "@\u{2060}"
      case ":" where i + 2 < table.count && table[i + 1] == "/" && table[i + 2] == "/": out += "\\:"
      case "." where endsWithWWW(table, before: i): out += "\\."
      default: out.append(c)
      }
      i += 1
    }
    return escapingBlockStart(out)
  }

  /// Whether the three characters before `index` are `www` (any case) starting a word.
  private static func endsWithWWW(_ s: [Character], before index: Int) -> Bool {
    guard index >= 3, String(s[(index - 3)..<index]).lowercased() == "www" else { return false }
    return index == 3 || !(s[index - 4].isLetter || s[index - 4].isNumber)
  }

  /// `s` made safe to begin a line: nothing at its start can open a block (CommonMark 0.31).
  ///
  /// - a leading space or tab becomes a character reference (`&#32;`, `&#9;`): it renders as
  ///   the same blank but is not indentation, so neither indented code (§4.4) nor a list or
  ///   heading after up to three blanks (§4.2, §5.2) can follow;
  /// - one to six `#` followed by a blank or the end (a heading, §4.2), `-` `+` `=` followed by
  ///   a blank or the end (a list item, §5.2), and a text of only `-` or `=` with blanks (a
  ///   thematic break or setext underline, §4.1, §4.3) get a backslash before the first
  ///   character;
  /// - up to nine digits then `.` or `)` followed by a blank or the end (an ordered list item)
  ///   get a backslash before the `.` or `)`.
  ///
  /// `*`, `_`, `>` and `|` are escaped wherever they are by the table escaping, so they need
  /// nothing here.
  /// - Complexity: O(n) in the characters of `s`.
  private static func escapingBlockStart(_ s: String) -> String {
    guard let first = s.first else { return s }
    func isBlank(_ c: Character?) -> Bool { c == nil || c == " " || c == "\t" }
    if first == " " { return "&#32;" + s.dropFirst() }
    if first == "\t" { return "&#9;" + s.dropFirst() }
    switch first {
    case "#":
      let hashes = s.prefix { $0 == "#" }.count
      if hashes <= 6 && isBlank(s.dropFirst(hashes).first) { return "\\" + s }
    case "-", "+", "=":
      if isBlank(s.dropFirst().first) { return "\\" + s }
      if first != "+" && s.allSatisfy({ $0 == first || $0 == " " || $0 == "\t" }) { return "\\" + s }
    default:
      let digits = s.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty && digits.count <= 9 else { break }
      let after = s.dropFirst(digits.count)
      if let mark = after.first, mark == "." || mark == ")", isBlank(after.dropFirst().first) {
        return String(digits) + "\\" + String(after)
      }
    }
    return s
  }
}

/// The Mustache content type of Markdown: `{{field}}` goes through `MarkdownText.escaped`.
struct MarkdownContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { MarkdownText.escaped(text) }

  /// The name the pragma uses (`{{% CONTENT_TYPE: BACKBONE_MARKDOWN}}`).
  static let name = "BACKBONE_MARKDOWN"

  /// Registers the content type once, before the first template is parsed.
  static let registered: Bool = {
    MustacheContentTypes.register(MarkdownContentType(), named: name)
    return true
  }()
}
