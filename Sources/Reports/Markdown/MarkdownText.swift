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
  /// - a leading `#`, `+`, `-` or `=` followed by a space, a leading `1.`/`1)` followed by a
  ///   space, and a text made only of `-` or `=` get a backslash.
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

  /// A backslash before a leading character that would start a block.
  private static func escapingBlockStart(_ s: String) -> String {
    guard let first = s.first else { return s }
    let rest = s.dropFirst()
    if "#+-=".contains(first) && (rest.isEmpty || rest.first == " " || rest.allSatisfy({ $0 == first })) {
      return "\\" + s
    }
    let digits = s.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty && digits.count <= 9 {
      let after = s.dropFirst(digits.count)
      if let mark = after.first, mark == "." || mark == ")",
        after.dropFirst().isEmpty || after.dropFirst().first == " "
      {
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
