import Foundation
import Testing

@testable import Reports

/// templates/README.md is what a newcomer reads: it must describe every field, and its worked
/// example must work.
@Suite struct TemplateReadmeTests {
  static func readme() throws -> String {
    try String(contentsOfFile: MarkdownSupport.templates + "/README.md", encoding: .utf8)
  }

  /// Every field path of the view model appears in backticks: the series fields once, without
  /// the prefix of the lists that hold series (`headlines.`, `domains.indicators.series.`).
  @Test func everyFieldDocumented() throws {
    let readme = try Self.readme()
    var missing: [String] = []
    for path in ViewSchema.paths() {
      var shown = path
      for prefix in ["headlines.", "domains.indicators.series."] where path.hasPrefix(prefix) {
        shown = String(path.dropFirst(prefix.count))
      }
      if !readme.contains("`\(shown)`") { missing.append(path) }
    }
    #expect(missing == [])
  }

  /// The README's example section, put above "## Data quality" in a copy of the shipped
  /// quarterly template, renders the two headline targets of the service-access fixture.
  ///
  /// Worked by hand from fixtures/chains/service-access.csv and its chain file: SA_MMR1 has
  /// baseline 86.0 (2018/19), latest 87.8, target 95 by 2026/27, so (87.8 − 86) / (95 − 86) =
  /// 20% of the way; its Sen's slope (median of the pairwise slopes, +0.3 a year; Python statistics.median) projects 88.7 for
  /// 2026/27, short of 95: off track. SA_REVIEW_COVERAGE has baseline 71.0 (2022/23 Q1), latest
  /// 78.7, target 80 by 2024/25 Q4: 7.7 / 9 = 85.56%, shown as 86%; it rises 1.1 a quarter, so four quarters
  /// on it projects 83.1 ≥ 80: on track. No other indicator of the chain has a target.
  @Test func workedExampleRenders() throws {
    let readme = try Self.readme()
    let start = try #require(readme.range(of: "<!-- example-section -->\n```mustache\n"))
    let end = try #require(readme.range(of: "```\n<!-- /example-section -->"))
    let section = String(readme[start.upperBound..<end.lowerBound])

    let shipped = try String(
      contentsOfFile: MarkdownSupport.templates + "/quarterly-report.md.mustache", encoding: .utf8)
    let anchor = try #require(shipped.range(of: "\n## Data quality\n"))
    let edited = shipped[..<anchor.lowerBound] + "\n" + section + shipped[anchor.lowerBound...].dropFirst()
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/my-report.md.mustache"
    try String(edited).write(toFile: path, atomically: true, encoding: .utf8)

    let report = try MarkdownReport(templatePath: path)
    let out = String(
      decoding: try report.render(serviceAccessModel(), outputPath: dir + "/r.md")[0].bytes, as: UTF8.self)
    let expected = """
      ## Targets at a glance

      - Children with one dose of MMR by their second birthday: 20% of the way from the baseline; off track for 95.0 by 2026/27
      - Children receiving a 2-2½ year review by 2½ years: 86% of the way from the baseline; on track for 80.0 by 2024/25 Q4

      ## Data quality

      """
    #expect(out.contains(expected))
    // The README shows that output.
    #expect(readme.contains("```markdown\n" + expected.components(separatedBy: "\n\n## Data quality")[0] + "\n```"))

    // The misspelling the README describes is reported as it says.
    try String(edited).replacingOccurrences(of: "{{targetProgress}}", with: "{{targetProgres}}")
      .write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: ReportError.self) { try MarkdownReport(templatePath: path) }
    do { _ = try MarkdownReport(templatePath: path) } catch {
      #expect(error.description.hasPrefix(path + ":"))
      #expect(error.description.contains("error: unknown field \"targetProgres\""))
      #expect(error.description.contains("did you mean \"targetProgress\"?"))
    }
  }
}
