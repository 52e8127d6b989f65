import Columnar
import Indicators
import Reports
import Testing

@testable import Jobs

/// The job file: every key read, every problem located (line and column counted by hand in the
/// YAML text of each case; both 1-based).
@Suite struct JobFileTests {
  @Test func readsEveryKey() throws {
    let yaml = """
      name: funder-pack
      inputs:
        - ../fixtures/chains/healthy-weight.csv
        - path: data/*.csv
          layout: generic
          mapping: mapping.yaml
          delimiter: ";"
          decimal_comma: true
          thousands: " "
          bad_rows: quarantine
      indicators: ../indicators
      chain: ../indicators/chains/healthy-weight.yaml
      period: latest-complete-quarter
      fiscal_year_start: April
      outputs:
        xlsx: reports/{period}/funder-pack.xlsx
        md: reports/{period}/report-{date}.md
      history: state/pack.sqlite
      thresholds:
        max_rejected_rows: 0
        max_stale_indicators: 2
        on_exceed: fail
      log: logs/pack.log
      """
    let job = try Job.parse(yaml: yaml, file: "examples/pack.yaml")
    #expect(job.name == "funder-pack")
    #expect(job.inputs.map(\.pattern) == ["examples/../fixtures/chains/healthy-weight.csv", "examples/data/*.csv"])
    #expect(job.inputs[0].csv == CSVSettings())
    let second = job.inputs[1]
    #expect(second.layout?.rawValue == "generic")
    #expect(second.mapping == "examples/mapping.yaml")
    #expect(second.csv.delimiter == UInt8(ascii: ";"))
    #expect(second.csv.decimalComma)
    #expect(second.csv.thousands == UInt8(ascii: " "))
    #expect(second.csv.badRows == .quarantine)
    #expect(second.location.line == 4 && second.location.column == 11)
    #expect(job.indicatorsDirectory == "examples/../indicators")
    #expect(job.chain == "examples/../indicators/chains/healthy-weight.yaml")
    #expect(job.period == .latestCompleteQuarter)
    #expect(job.fiscalYearStartMonth == 4)
    #expect(job.outputs.map(\.kind) == [.xlsx, .md])
    #expect(job.outputs[1].path(period: "2019/20 Q2", date: "2026-11-24") == "examples/reports/2019-20-Q2/report-2026-11-24.md")
    #expect(job.historyPath == "examples/state/pack.sqlite")
    #expect(job.lockPath == "examples/state/pack.sqlite.lock")
    #expect(job.thresholds == Thresholds(maxRejectedRows: 0, maxStaleIndicators: 2, action: .fail))
    #expect(job.logFile == "examples/logs/pack.log")
  }

  /// An output written as the path of an input, a mapping or the chain is a job file error at
  /// the output (lines and columns counted in the YAML below): md on line 7 names the input, csv
  /// on line 8 the chain; an output with {period} is left to the runner.
  @Test func outputThatIsAnInputIsAnError() throws {
    let yaml = """
      name: t
      inputs:
        - path: data/in.csv
          mapping: map.yaml
      chain: chain.yaml
      outputs:
        md: data/in.csv
        csv: chain.yaml
        json: "{period}.yaml"
      """
    let problems = Job.problems(inYAML: yaml, file: "jobs/t.yaml")
    #expect(problems.map(\.kind) == [.invalidJob, .invalidJob])
    #expect(problems.map { [$0.line ?? 0, $0.column ?? 0] } == [[7, 7], [8, 8]])
    #expect(problems.first?.message == "the md output \"jobs/data/in.csv\" is \"jobs/data/in.csv\", which the job reads: writing it would replace it")
    #expect(problems.last?.message.contains("\"jobs/chain.yaml\"") == true)
  }

  /// `markdown_series` is headline by default, all when asked, and anything else is an error
  /// at its value (line 4, column 18 of the YAML below).
  @Test func markdownSeries() throws {
    let base = "name: n\ninputs: a.csv\noutputs: {md: o.md}\n"
    #expect(try Job.parse(yaml: base, file: "n.yaml").markdownSeries == .headline)
    #expect(try Job.parse(yaml: base + "markdown_series: all\n", file: "n.yaml").markdownSeries == .all)
    let problems = Job.problems(inYAML: base + "markdown_series: every\n", file: "n.yaml")
    #expect(problems.map { [$0.line ?? 0, $0.column ?? 0] } == [[4, 18]])
    #expect(problems.first?.message == "unknown markdown_series \"every\"")
  }

  @Test func templatesAndLayouts() throws {
    let named = try Job.parse(
      yaml: "name: n\ninputs: a.csv\noutputs: {md: o.md}\ntemplates: ../templates\nmarkdown_template: chain-summary\nworkbook_layout: iptt\n",
      file: "jobs/n.yaml")
    #expect(named.templatesDirectory == "jobs/../templates")
    #expect(named.markdownTemplate == "chain-summary")
    #expect(named.workbookLayout == "iptt")
    let files = try Job.parse(
      yaml: "name: n\ninputs: a.csv\noutputs: {md: o.md}\nmarkdown_template: mine.md.mustache\nworkbook_layout: layouts/funder.yaml\n",
      file: "jobs/n.yaml")
    #expect(files.markdownTemplate == "jobs/mine.md.mustache")
    #expect(files.workbookLayout == "jobs/layouts/funder.yaml")
    let defaults = try Job.parse(yaml: "name: n\ninputs: a.csv\noutputs: {md: o.md}\n", file: "n.yaml")
    #expect(defaults.templatesDirectory == nil)
    #expect(defaults.markdownTemplate == "quarterly-report" && defaults.workbookLayout == "indicators")
  }

  @Test func defaults() throws {
    let job = try Job.parse(yaml: "name: nightly\ninputs: a.csv\noutputs:\n  md: out.md\n", file: "jobs/nightly.yaml")
    #expect(job.inputs.map(\.pattern) == ["jobs/a.csv"])
    #expect(job.period == .latest)
    #expect(job.fiscalYearStartMonth == 1)
    #expect(job.historyPath == "jobs/nightly.history.sqlite")
    #expect(job.thresholds == Thresholds())
    #expect(job.logFile == nil)
    // A job file in the current folder: paths stay relative to it.
    let here = try Job.parse(yaml: "name: n\ninputs: a.csv\noutputs:\n  md: out.md\n", file: "n.yaml")
    #expect(here.historyPath == "n.history.sqlite")
  }

  @Test(arguments: [
    ("period: 2024/25", JobPeriod.label("2024/25")),
    ("period: 2024-Q3", .label("2024-Q3")),
    ("period: FY2024-Q2\nfiscal_year_start: 4", .label("FY2024-Q2")),
    ("period: latest", .latest),
  ])
  func periods(line: String, expected: JobPeriod) throws {
    let job = try Job.parse(yaml: "name: n\ninputs: a.csv\noutputs: {md: o.md}\n\(line)\n", file: "n.yaml")
    #expect(job.period == expected)
  }

  /// Each case: the YAML, then the expected `line:column: message` of the first problem.
  @Test(arguments: [
    (
      "name: n\ninputs: a.csv\noutputs:\n  jsn: o.json\n",
      "j.yaml:4:3: error: unknown key \"jsn\" in \"outputs\"\n  expected: one of xlsx, md, csv, json\n  hint: did you mean \"json\"?"
    ),
    (
      "name: n\ninputs: a.csv\noutputs: {md: o.md}\nperiod: latest-complete-quater\n",
      "j.yaml:4:9: error: \"period\" is not a period label\n  expected: latest, latest-complete-quarter, or a label such as 2024, 2024/25, 2024-Q3 or FY2024-Q2\n  hint: did you mean \"latest-complete-quarter\"?"
    ),
    (
      "name: n\ninputs: a.csv\noutputs: {md: o.md}\nfiscal_year_start: Aprl\n",
      "j.yaml:4:20: error: \"fiscal_year_start\" must be a month\n  expected: a month name such as april (or its number, 4)"
    ),
    (
      "name: n\ninputs:\n  - path: a.csv\n    bad_rows: skip\noutputs: {md: o.md}\n",
      "j.yaml:4:15: error: unknown bad_rows \"skip\"\n  expected: one of fail, quarantine"
    ),
    (
      "name: n\ninputs: a.csv\noutputs: {md: \"r/{quarter}.md\"}\n",
      "j.yaml:3:15: error: unknown placeholder in the md output's name\n  expected: only {period} and {date}"
    ),
    (
      "name: n\ninputs: a.csv\noutputs: {md: o.md}\nthresholds:\n  max_rejected_rows: -1\n",
      "j.yaml:5:22: error: \"max_rejected_rows\" must be a whole number of at least 0, found \"-1\"\n  expected: a whole number ≥ 0"
    ),
    (
      "name: n\ninputs: a.csv\noutputs: {md: o.md}\ninputz: b.csv\n",
      "j.yaml:4:1: error: unknown key \"inputz\" at the top of the job file\n  expected: one of name, inputs, indicators, chain, period, fiscal_year_start, outputs, history, thresholds, log, templates, markdown_template, markdown_series, workbook_layout\n  hint: did you mean \"inputs\"?"
    ),
    (
      "name: n\ninputs: a.csv\noutputs: {md: o.md, csv: o.md}\n",
      "j.yaml:3:26: error: the csv output has the same file name as the md output\n  expected: a different file for each output"
    ),
    (
      "name: n\ninputs: [a.csv\noutputs: {md: o.md}\n",
      "j.yaml:3:8: error: invalid YAML: did not find expected ',' or ']'\n  hint: while parsing a flow sequence, which began at line 2, column 9"
    ),
  ])
  func locatedProblems(yaml: String, expected: String) {
    let problems = Job.problems(inYAML: yaml, file: "j.yaml")
    #expect(problems.first?.description == expected)
    #expect(problems.first?.exitCode == 65)
  }

  @Test func everyProblemAtOnceInLineOrder() {
    let yaml = "inputs: a.csv\noutputs: {md: o.md}\nperiod: soon\nthresholds:\n  on_exceed: explode\n"
    let problems = Job.problems(inYAML: yaml, file: "j.yaml")
    #expect(problems.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["1:1", "3:9", "5:14"])
    #expect(problems[0].message == "the job has no \"name\"")
  }

  @Test func missingJobFileIs66() {
    #expect(throws: JobError.self) { try Job.load(path: "/nonexistent/job.yaml") }
    let problems = Job.problems(inFile: "/nonexistent/job.yaml")
    #expect(problems.map(\.exitCode) == [66])
  }

  @Test(arguments: [("april", 4), ("Sep", 9), ("10", 10), ("January", 1), ("13", nil), ("ju", nil)] as [(String, Int?)])
  func monthNames(text: String, month: Int?) {
    #expect(Job.month(named: text) == month)
  }
}
