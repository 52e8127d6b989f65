import Foundation
import Testing

@testable import Reports

/// Template errors name the template file, line and column (1-based), as swift-mustache's own
/// ErrorTests do for syntax errors. Each position is counted by hand in the template text.
@Suite struct TemplateCheckTests {
  struct Case: Sendable, CustomStringConvertible {
    var template: String
    var line: Int
    var column: Int
    var message: String
    var description: String { template }
  }

  @Test(arguments: [
    // "{{titel}}": the name starts after the two braces, column 3 of line 2.
    Case(template: "# Report\n{{titel}}\n", line: 2, column: 3, message: "unknown field \"titel\""),
    // Inside a list, a field of another list: "headlines" rows have no "members".
    Case(
      template: "{{#headlines}}\n| {{members}} |\n{{/headlines}}\n", line: 2, column: 5,
      message: "unknown field \"members\""),
    // A dotted name with a wrong last part: the error points at the start of the name.
    Case(template: "x {{summary.texts}}", line: 1, column: 5, message: "unknown field \"summary.texts\""),
    // A field of the list's elements used outside the list.
    Case(template: "{{latestValue}}", line: 1, column: 3, message: "unknown field \"latestValue\""),
    // Text used as a section; Markdown written escaped; text written raw.
    Case(
      template: "{{#title}}x{{/title}}", line: 1, column: 4, message: "\"title\" is text, which cannot open a section"),
    Case(
      template: "{{#chain}}\n  {{mermaid}}\n{{/chain}}", line: 2, column: 5,
      message: "\"mermaid\" is Markdown made by Backbone: write {{{mermaid}}}"),
    Case(
      template: "{{{title}}}", line: 1, column: 4,
      message: "\"title\" is text: write {{title}} so that it is escaped for Markdown"),
    Case(
      template: "{{headlines}}", line: 1, column: 3,
      message: "\"headlines\" is a list: use it as a section, {{#headlines}}…{{/headlines}}"),
    // Sequence functions only inside a list; other transforms not at all.
    Case(
      template: "{{#first()}}a{{/first()}}", line: 1, column: 4,
      message: "first() works only directly inside a list section"),
    Case(
      template: "{{uppercased(title)}}", line: 1, column: 3,
      message: "transforms such as \"uppercased(title)\" are not supported in report templates"),
    // Partials and pragmas.
    Case(
      template: "a\n{{> other}}", line: 2, column: 5,
      message: "partials and blocks ({{>other}}) are not supported in report templates"),
    // After a delimiter change the new delimiters are read: "<%titel%>" at column 3 of line 2.
    Case(template: "{{=<% %>=}}\n<%titel%>", line: 2, column: 3, message: "unknown field \"titel\""),
    // Syntax errors come from swift-mustache's parser, one line less than it counts because of
    // the content-type line Backbone puts first: an unclosed section fails at the end of the
    // text (line 3, column 1), a wrong closing tag at its name.
    Case(
      template: "{{#hasChain}}\nx\n", line: 3, column: 1,
      message: "template syntax: a section is not closed (a {{/name}} is missing)"),
    Case(
      template: "{{#hasChain}}\n{{/hasChains}}", line: 2, column: 4,
      message: "template syntax: the closing tag does not match the open section"),
  ])
  func errorPosition(_ c: Case) {
    do {
      _ = try MarkdownReport(text: c.template, path: "my.md.mustache")
      Issue.record("no error for \(c.template)")
    } catch {
      guard case .report(let file, let line, let column, let message, _, let kind) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(file == "my.md.mustache")
      #expect(line == c.line)
      #expect(column == c.column)
      #expect(message == c.message)
      #expect(kind == .invalid)
    }
  }

  /// The message reads like a compiler's, with a spelling suggestion.
  @Test func description() {
    do {
      _ = try MarkdownReport(text: "{{#headlines}}{{latestValeu}}{{/headlines}}", path: "t.md.mustache")
    } catch {
      #expect(
        error.description
          == "t.md.mustache:1:17: error: unknown field \"latestValeu\"\n  hint: did you mean \"latestValue\"? templates/README.md lists the fields of the view model"
      )
    }
  }

  /// Names resolve up the stack as Mustache resolves them: a root field inside a list, a
  /// list's field inside a nested list, sequence functions directly in a list, flags in
  /// sections; all of these pass and render.
  @Test func validNesting() throws {
    let text = """
      {{#headlines}}{{title}} {{period}}{{#points}}{{id}}:{{value}}{{^last()}},{{/last()}}{{/points}}{{#hasTarget}}{{index()}}{{/hasTarget}}
      {{/headlines}}{{#chain}}{{#stories}}{{{story}}}{{/stories}}{{/chain}}{{quality.rejectedRows}}{{#quality}}{{missing}}{{/quality}}
      """
    let report = try MarkdownReport(text: text, path: "ok.md.mustache")
    #expect(
      report.usedPaths.isSuperset(of: ["headlines.points.value", "period", "quality.missing", "chain.stories.story"]))
    // Rendered on the fixture, a point's "id" is the row's indicator id, found one level up.
    let out = String(decoding: try report.render(serviceAccessModel(), outputPath: "o.md")[0].bytes, as: UTF8.self)
    #expect(out.hasPrefix("School readiness"))
    #expect(out.contains("90631:64.0,90631:64.9,"))
  }

  /// A missing template file is `.missing` (exit 66); an unknown shipped name suggests one.
  @Test func missingTemplate() {
    #expect(throws: ReportError.self) { try MarkdownReport(templatePath: "/nonexistent/x.md.mustache") }
    do {
      _ = try MarkdownReport.shipped("quarterly-reports", templatesDirectory: MarkdownSupport.templates)
    } catch {
      #expect(error.description.contains("did you mean \"quarterly-report\"?"))
    }
    do {
      _ = try MarkdownReport(templatePath: "/nonexistent/x.md.mustache")
    } catch {
      guard case .report(_, _, _, _, _, let kind) = error else { return }
      #expect(kind == .missing)
    }
  }
}

/// The sparkline, worked by hand: level = round(7 × (x − min) / (max − min)).
@Suite struct SparklineTests {
  @Test(arguments: [
    // 0 → 0, 1 → round(7/7·1)=… with min 0, max 7: each value is its own level.
    ([0, 1, 2, 3, 4, 5, 6, 7] as [Double?], "▁▂▃▄▅▆▇█"),
    // min 10, max 20: 15 → round(3.5) = 4 (▅; .5 rounds away from zero), 11 → round(0.7) = 1 (▂).
    ([10, 15, 20, 11], "▁▅█▂"),
    // A gap, and a constant series.
    ([1, nil, 3], "▁·█"),
    ([4, 4, 4], "▄▄▄"),
    ([nil, nil], ""),
    ([], ""),
  ])
  func handWorked(_ values: [Double?], _ expected: String) {
    #expect(Sparkline.text(values) == expected)
  }
}
