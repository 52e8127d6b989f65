import Foundation
import Indicators
import Testing

@testable import Reports

/// Names that try to break a table, start emphasis, code, strikethrough, links, autolinks,
/// e-mail links, entities, HTML, headings and lists.
let hostileNames = [
  "Pipes | stars *bold* _under_ `code` [link](http://evil.example) <b>html</b>",
  "~~gone~~ &amp; mail@evil.example www.evil.example https://evil.example/x \\| back",
  "# not a heading",
  "- not a list",
  "1. not ordered",
  "<script>alert(1)</script> ![img](x.png) [ref]: http://x",
  "£ and $x^2$ maths",
  // Names that start a block when they begin a line: indented code, a list or a heading after
  // leading blanks, a tab after the marker, a heading of two hashes, a plus or star bullet, a
  // setext underline or thematic break with spaces.
  "    four spaces are code",
  "   - three spaces then a list",
  "\t# a tab then a heading",
  "## two hashes",
  "-\ta tab after the dash",
  "+ plus bullet",
  "* star bullet",
  "1.\ttab after the number",
  "-- -",
  "--",
]

@Suite struct MarkdownEscapingTests {
  /// Hand-worked escapes (CommonMark 0.31 §2.4: any ASCII punctuation may be backslash-escaped).
  @Test(arguments: [
    ("a|b", "a\\|b"),
    ("*x* _y_ snake_case", "\\*x\\* \\_y\\_ snake_case"),
    ("[a](b) <i>", "\\[a\\](b) \\<i\\>"),
    ("~~s~~ & `c`", "\\~\\~s\\~\\~ \\& \\`c\\`"),
    ("see http://x.org or www.x.org", "see http\\://x.org or www\\.x.org"),
    ("a@b.org", "a@\u{2060}b.org"),
    ("# h", "\\# h"),
    ("- item", "\\- item"),
    ("-3.5", "-3.5"),
    ("---", "\\---"),
    ("12. item", "12\\. item"),
    ("12.5", "12.5"),
    ("two\nlines", "two lines"),
    // GitHub renders $…$ as mathematics.
    ("costs $5 to $10", "costs \\$5 to \\$10"),
    // CommonMark 0.31 §4.2: one to six `#` then a space, a tab or the end open a heading;
    // seven do not, nor does a `#` followed by a letter.
    ("## h", "\\## h"), ("###### h", "\\###### h"), ("####### h", "####### h"), ("#tag", "#tag"), ("#", "\\#"),
    // §5.2: a bullet `-`, `+` or `*` (or `1.`, `1)`) followed by a space or a tab starts a list
    // item; `*` is escaped everywhere already.
    ("-\tx", "\\-\tx"), ("+ x", "\\+ x"), ("* x", "\\* x"), ("1.\tx", "1\\.\tx"), ("3)", "3\\)"),
    // §4.1, §4.3: a line of `-` (or `=`) with spaces is a thematic break or a setext underline.
    ("-- -", "\\-- -"), ("--", "\\--"), ("= =", "\\= ="),
    // §4.4, §5.2: up to three leading blanks still start a block, four make code. The first
    // blank becomes a character reference (it renders as the same blank but is not
    // indentation), so nothing after it can start a block.
    ("   - x", "&#32;  - x"), ("    code", "&#32;   code"), ("\t# x", "&#9;# x"), (" 1. x", "&#32;1. x"),
    // A leading blank in the middle of a text is left alone.
    ("a - b", "a - b"),
  ])
  func handWorked(_ input: String, _ expected: String) {
    #expect(MarkdownText.escaped(input) == expected)
  }

  /// cmark-gfm with GitHub's extensions renders each escaped name, alone in a paragraph and in a
  /// table cell, as exactly its own text: one paragraph or one cell, no link, emphasis, code,
  /// strikethrough or HTML.
  @Test(arguments: hostileNames) func cmarkRendersText(_ name: String) throws {
    guard let cmark = MarkdownSupport.cmark else {
      print("skipped: \(MarkdownSupport.cmarkMissing)")
      return
    }
    let e = MarkdownText.escaped(name)
    let html = try MarkdownSupport.html(Array("\(e)\n\n| a | b |\n| --- | --- |\n| \(e) | x |\n".utf8), cmark: cmark)
    let text = Self.htmlText(name)
    #expect(
      html
        == "<p>\(text)</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>\(text)</td>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n"
    )
  }

  /// Where a template puts a name at the start of a line: alone after a paragraph's first line
  /// (a setext underline or a list would take over the paragraph) and as the text of a list
  /// item (four blanks there would open indented code). cmark-gfm must render the name as its
  /// own text each time: one paragraph, or one list item.
  @Test(arguments: hostileNames) func cmarkAtLineStart(_ name: String) throws {
    guard let cmark = MarkdownSupport.cmark else {
      print("skipped: \(MarkdownSupport.cmarkMissing)")
      return
    }
    let e = MarkdownText.escaped(name)
    let text = Self.htmlText(name)
    let continued = try MarkdownSupport.html(Array("Intro\n\(e)\n".utf8), cmark: cmark)
    #expect(continued == "<p>Intro\n\(text)</p>\n")
    let item = try MarkdownSupport.html(Array("- \(e)\n".utf8), cmark: cmark)
    #expect(item == "<ul>\n<li>\(text)</li>\n</ul>\n")
  }

  /// Text as cmark-gfm writes it in HTML: `& < > "` as entities; after `@` the invisible word
  /// joiner the escaping adds to stop e-mail autolinks.
  static func htmlText(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "@": out += "@\u{2060}"
      default: out.append(c)
      }
    }
    return out
  }

  /// Hostile indicator and area names read from a CSV (with a suppressed and a not-collected
  /// value) through InputLoader and ReportBuilder render as text in every shipped template,
  /// tables intact, footnotes for both absence reasons, and the charts keep the name as the
  /// SVG title.
  @Test func hostileCSV() throws {
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var csv = "indicator_id,indicator_name,area_code,area_name,period,value\n"
    func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    let area = "Area | [x](javascript:alert(1)) <b>*"
    // Indicator H1 has five years, 2020 suppressed (*) and 2022 not collected (..); H2 three.
    let values = ["10", "*", "12", "..", "14"]
    for (k, v) in values.enumerated() {
      csv += "H1,\(quoted(hostileNames[0])),E1,\(quoted(area)),\(2019 + k),\(v)\n"
    }
    for (k, v) in ["5", "6", "7"].enumerated() {
      csv += "H2,\(quoted(hostileNames[1])),E1,\(quoted(area)),\(2019 + k),\(v)\n"
    }
    let path = dir + "/hostile.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let input = try InputLoader.load(path: path)
    var options = ReportOptions()
    options.generatedAt = 0
    let model = try ReportBuilder.build(inputs: [input], library: nil, chain: nil, options: options)
    #expect(model.headlines.map(\.indicator.title) == [hostileNames[0], hostileNames[1]])
    #expect(model.quality.absences.map(\.reason) == [.suppressed, .notCollected])

    for name in MarkdownReport.shippedNames {
      let report = try MarkdownReport.shipped(name, templatesDirectory: MarkdownSupport.templates)
      let files = try report.render(model, outputPath: dir + "/\(name).md")
      let markdown = String(decoding: files[0].bytes, as: UTF8.self)
      #expect(!markdown.contains(hostileNames[0]), "\(name): the raw name never reaches the Markdown")
      if let python = MarkdownSupport.python {
        for chart in files.dropFirst() {
          let counts = try SVGCheck.counts(chart.bytes, python: python)
          #expect(hostileNames.contains(counts.title))
          // H1 has 3 values out of 5, on three separate runs: no line, three markers.
          if counts.title == hostileNames[0] { #expect(counts.markers == 3 && counts.vertices == 0) }
        }
      }
      guard let cmark = MarkdownSupport.cmark else {
        print("skipped: \(MarkdownSupport.cmarkMissing)")
        continue
      }
      let html = try MarkdownSupport.html(files[0].bytes, cmark: cmark)
      #expect(MarkdownSupport.htmlTables(html) == MarkdownSupport.writtenTables(markdown), "\(name)")
      for bad in ["<a href=\"http", "<a href=\"javascript", "mailto:", "<b>", "<script", "<em>", "<del>"] {
        #expect(!html.contains(bad), "\(name): \(bad)")
      }
      // The only images are the charts, by their file names.
      let images = html.components(separatedBy: "<img src=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
      #expect(images.map(String.init) == files.dropFirst().map { String($0.path.dropFirst(dir.count + 1)) }, "\(name)")
      if name != "chain-summary" {
        #expect(html.contains(Self.htmlText(hostileNames[0])), "\(name)")
        #expect(html.contains(Self.htmlText(hostileNames[1])), "\(name)")
        #expect(html.contains(Self.htmlText(area)), "\(name)")
        // Footnotes: cmark-gfm writes a section with one item per absence reason.
        #expect(html.contains("<section class=\"footnotes\""), "\(name)")
        #expect(html.components(separatedBy: "<li id=\"fn-").count - 1 == 2, "\(name)")
      }
    }
  }
}
