import Foundation
import Testing

@testable import Reports

/// The report's chart folder and the charts an earlier rendering left in it.
@Suite struct ChartFolderTests {
  /// The short name only for a file-safe stem ending in `.md`; any other name adds the first 8
  /// hexadecimal digits of the SHA-256 of the full file name (from `printf '%s' NAME |
  /// sha256sum`: "brief.markdown" 695c98b7, "Q3 north.md" 8429ac33, "r" 454349e4), so that
  /// `brief.md` and `brief.markdown`, or `Q3 north.md` and `Q3-north.md`, never share a folder
  /// (and delete each other's charts as stale).
  @Test func folderBesideTheReport() {
    #expect(MarkdownReport.chartFolder(for: "reports/q3.md") == "reports/q3-charts")
    #expect(MarkdownReport.chartFolder(for: "a b/brief.md") == "a b/brief-charts")
    #expect(MarkdownReport.chartFolder(for: "a b/brief.markdown") == "a b/brief-695c98b7-charts")
    #expect(MarkdownReport.chartFolder(for: "Q3-north.md") == "Q3-north-charts")
    #expect(MarkdownReport.chartFolder(for: "Q3 north.md") == "Q3-north-8429ac33-charts")
    #expect(MarkdownReport.chartFolder(for: "r") == "r-454349e4-charts")
  }

  /// Only the names the renderer makes: a number from 1 (no leading zero), `-`, then letters,
  /// digits, `-`, `_` or `.`, then `.svg`.
  @Test(arguments: [
    ("1-90631.svg", true), ("13-SA_MMR1.svg", true), ("2-a.b-c.svg", true),
    ("0-x.svg", false), ("01-x.svg", false), ("x.svg", false), ("notes.svg", false), ("1-.svg", false),
    ("-x.svg", false), ("1-a b.svg", false), ("1-x.SVG", false), ("1-x.svg.bak", false), ("1-é.svg", false),
  ])
  func chartNames(_ name: String, _ isChart: Bool) {
    #expect(MarkdownReport.isChartName(name) == isChart)
  }

  /// In r-charts/: 1-A.svg (written this time), 2-B.svg (left by an earlier report), a user's
  /// notes.svg and readme.txt, 3-L.svg a symbolic link, 4-D.svg a folder; beside the report,
  /// r-2-B.svg (not in the chart folder). Only 2-B.svg is stale; removing it leaves the rest,
  /// and the folder, which is not empty. When the report later makes no chart and the folder
  /// holds only charts, they and the folder go.
  @Test func onlyTheRenderersOwnChartsAreStale() throws {
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let report = dir + "/r.md", folder = dir + "/r-charts"
    try FileManager.default.createDirectory(atPath: folder + "/4-D.svg", withIntermediateDirectories: true)
    for name in ["1-A.svg", "2-B.svg", "notes.svg", "readme.txt"] {
      try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }
    try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/r-2-B.svg"))
    try FileManager.default.createSymbolicLink(atPath: folder + "/3-L.svg", withDestinationPath: "notes.svg")
    let stale = MarkdownReport.staleCharts(outputPath: report, keeping: [report, folder + "/1-A.svg"])
    #expect(stale == [folder + "/2-B.svg"])
    // A path outside the chart folder, or not a chart, is not removed even if asked.
    let removed = MarkdownReport.removeCharts(stale + [dir + "/r-2-B.svg", folder + "/notes.svg"], outputPath: report)
    #expect(removed == [folder + "/2-B.svg"])
    let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(left == ["1-A.svg", "3-L.svg", "4-D.svg", "notes.svg", "readme.txt"])
    #expect(FileManager.default.fileExists(atPath: dir + "/r-2-B.svg"))

    let only = dir + "/o.md", onlyFolder = dir + "/o-charts"
    try FileManager.default.createDirectory(atPath: onlyFolder, withIntermediateDirectories: true)
    for name in ["1-A.svg", "2-B.svg"] { try Data("x".utf8).write(to: URL(fileURLWithPath: onlyFolder + "/" + name)) }
    let all = MarkdownReport.staleCharts(outputPath: only, keeping: [only])
    #expect(all == [onlyFolder + "/1-A.svg", onlyFolder + "/2-B.svg"])
    #expect(MarkdownReport.removeCharts(all, outputPath: only) == all)
    #expect(!FileManager.default.fileExists(atPath: onlyFolder))
  }

  /// A chart folder that is a symbolic link (to a folder of someone else's) is never emptied.
  @Test func aLinkedFolderIsLeftAlone() throws {
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/elsewhere", withIntermediateDirectories: true)
    try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/elsewhere/1-A.svg"))
    try FileManager.default.createSymbolicLink(atPath: dir + "/r-charts", withDestinationPath: "elsewhere")
    #expect(MarkdownReport.staleCharts(outputPath: dir + "/r.md", keeping: []) == [])
  }
}
