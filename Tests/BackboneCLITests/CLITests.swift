import Foundation
import Testing

/// Runs the built `backbone` binary and checks stdout, stderr and the exit code separately.
struct Run {
  var status: Int32
  var stdout: String
  var stderr: String
}

let root: URL = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url
}()

func backbone(
  _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, environment extra: [String: String] = [:]
) throws -> Run {
  let binary = Bundle.main.bundleURL.appendingPathComponent("backbone")
  let fallback = root.appendingPathComponent(".build/debug/backbone")
  let process = Process()
  process.executableURL = FileManager.default.fileExists(atPath: binary.path) ? binary : fallback
  process.arguments = arguments
  process.currentDirectoryURL = directory ?? root
  var environment = ProcessInfo.processInfo.environment
  environment["LC_ALL"] = "C"
  environment.merge(extra) { _, new in new }
  process.environment = environment
  let out = Pipe(), err = Pipe(), input = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = input
  try process.run()
  if let stdin { input.fileHandleForWriting.write(stdin) }
  try input.fileHandleForWriting.close()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Run(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// Compares `text` with `Snapshots/<name>`; a missing file or RECORD_GOLDEN=1 writes it.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let url = root.appendingPathComponent("Tests/BackboneCLITests/Snapshots/\(name)")
  let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
  if record || !FileManager.default.fileExists(atPath: url.path) {
    try text.write(to: url, atomically: true, encoding: .utf8)
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  #expect(text == expected, "snapshot \(name) differs; rerun with RECORD_GOLDEN=1 to accept", sourceLocation: sourceLocation)
}

func temporaryDirectory() throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bb-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}

@Suite struct CLITests {
  @Test func inspectWorldBankGolden() throws {
    let r = try backbone(["inspect", "fixtures/worldbank-physicians-per-1000.csv"])
    #expect(r.status == 0)
    try assertSnapshot(r.stdout, named: "inspect-worldbank.txt")
    #expect(
      r.stderr == """
        fixtures/worldbank-physicians-per-1000.csv: warning: skipped 4 lines before the header (detected preamble; set --skip-rows to override)
        fixtures/worldbank-physicians-per-1000.csv: warning: dropped the last column: it has no name and no values (every line ends with a delimiter)
        fixtures/worldbank-physicians-per-1000.csv: warning: 12025 empty cells of the year columns are not observations (years without data)

        """)
  }

  @Test func inspectJSONGolden() throws {
    let r = try backbone([
      "inspect", "fixtures/northfield-partnership-export.csv", "--json", "--decimal-comma", "--thousands", " ",
      "--bad-rows", "quarantine", "--rejected", "/dev/null",
    ])
    #expect(r.status == 0)
    try assertSnapshot(r.stdout, named: "inspect-northfield.json")
    let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(doc?["schemaVersion"] as? Int == 1)
    let rows = doc?["rows"] as? [String: Int]
    #expect(rows == ["read": 11, "loaded": 10, "rejected": 1])
  }

  @Test func quietPrintsNothingOnSuccess() throws {
    let r = try backbone(["inspect", "fixtures/gapminder.csv", "--quiet"])
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.isEmpty)
  }

  @Test func convertToStdoutAndJSONLines() throws {
    let csv = try backbone(["convert", "fixtures/dhis2-data-value-set.csv", "-o", "-"])
    #expect(csv.status == 0)
    #expect(csv.stderr.isEmpty)
    #expect(
      csv.stdout.hasPrefix(
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,timestamp,comment,followup\n"
          + "f7n9E0hX8qk,201201,DiszpKrYNg8,,,10001,john,2012-01-01,comment,false\n"))
    #expect(csv.stdout.split(separator: "\n").count == 13)

    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("gap.jsonl").path
    let j = try backbone(["convert", "fixtures/gapminder.csv", "-o", out])
    #expect(j.status == 0)
    #expect(j.stdout.isEmpty)
    #expect(j.stderr == "wrote 1,704 rows × 6 columns to \(out)\n")
    let first = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").first.map(String.init)
    #expect(
      first == #"{"country":"Afghanistan","continent":"Asia","year":1952,"lifeExp":28.801,"pop":8425333,"gdpPercap":779.4453145}"#)
  }

  @Test func readsStandardInput() throws {
    let r = try backbone(["convert", "-", "-o", "-"], stdin: Data("a;b\n1;q\n2;\"r;s\"\n".utf8))
    #expect(r.status == 0)
    #expect(r.stdout == "a,b\n1,q\n2,r;s\n")
  }

  @Test func badDataExits65WithLocation() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "area,value\nE1,1.5\nE2,2.5,9\n".write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
    let r = try backbone(["inspect", "bad.csv"], in: dir)
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr == """
        bad.csv:3:3: error: this record has 3 fields but the header has 2
          expected: 2 fields separated by ","
          hint: a field containing the delimiter must be quoted; or the delimiter is wrong (pass --delimiter)

        """)
  }

  @Test func quarantineWritesRejectedRowsBesideTheOutput() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "area,value\nE1,1.5\nE2,2.5,9\nE3\n".write(to: dir.appendingPathComponent("in.csv"), atomically: true, encoding: .utf8)
    let r = try backbone(["convert", "in.csv", "-o", "clean.csv", "--bad-rows", "quarantine"], in: dir)
    #expect(r.status == 0)
    #expect(r.stderr.contains("in.csv: 2 records rejected; written with line and reason to clean.rejected.csv"))
    let rejected = try String(contentsOf: dir.appendingPathComponent("clean.rejected.csv"), encoding: .utf8)
    #expect(
      rejected == """
        source,line,field,kind,reason,record
        in.csv,3,3,tooManyFields,this record has 3 fields but the header has 2,"E2,2.5,9"
        in.csv,4,1,tooFewFields,this record has 1 field but the header has 2,"E3"

        """)
    #expect(try String(contentsOf: dir.appendingPathComponent("clean.csv"), encoding: .utf8) == "area,value\nE1,1.5\n")
  }

  @Test func missingInputExits66() throws {
    let r = try backbone(["inspect", "no-such-file.csv"])
    #expect(r.status == 66)
    #expect(r.stderr.hasPrefix("no-such-file.csv: error: no such file\n"))
  }

  @Test func unwritableOutputExits73AndKeepsNothing() throws {
    let r = try backbone(["convert", "fixtures/gapminder.csv", "-o", "/nonexistent-dir/out.csv"])
    #expect(r.status == 73)
    #expect(r.stderr.hasPrefix("/nonexistent-dir/out.csv: error: cannot create the output"))
  }

  @Test func usageErrorsExit64() throws {
    let r = try backbone(["inspect", "fixtures/gapminder.csv", "--threads", "0"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--threads must be 1 or more."))
    let unknownColumn = try backbone(["inspect", "fixtures/gapminder.csv", "--type", "Year=integer"])
    #expect(unknownColumn.status == 64)
    #expect(unknownColumn.stderr.contains("--type names a column \"Year\" that the file does not have"))
    let format = try backbone(["convert", "fixtures/gapminder.csv", "-o", "out.txt"])
    #expect(format.status == 64)
  }

  @Test func helpDocumentsExitCodes() throws {
    let r = try backbone(["inspect", "--help"])
    #expect(r.status == 0)
    try assertSnapshot(r.stdout, named: "inspect-help.txt")
    #expect(r.stdout.contains("73  cannot create an output file"))
  }
}

/// Results that cannot be written to stdout (`> /dev/full`) are an error (73), not lost with
/// exit 0, for every command that prints them.
@Suite struct StdoutFailureTests {
  @Test(arguments: [
    ["analyze", "fixtures/un-sdg-food-waste.csv", "--format", "table"],
    ["analyze", "fixtures/un-sdg-food-waste.csv", "--format", "csv"],
    ["analyze", "fixtures/un-sdg-food-waste.csv", "fixtures/un-sdg-food-waste.csv", "--format", "json"],
    ["inspect", "fixtures/un-sdg-food-waste.csv"],
  ])
  func fullDiskIsAnError(arguments: [String]) throws {
    guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
    let process = Process()
    let binary = Bundle.main.bundleURL.appendingPathComponent("backbone")
    process.executableURL =
      FileManager.default.fileExists(atPath: binary.path) ? binary : root.appendingPathComponent(".build/debug/backbone")
    process.arguments = arguments
    process.currentDirectoryURL = root
    process.standardOutput = full
    let err = Pipe()
    process.standardError = err
    try process.run()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 73, "\(stderr)")
    #expect(stderr.contains("cannot write the output: No space left on device"), "\(stderr)")
  }
}
