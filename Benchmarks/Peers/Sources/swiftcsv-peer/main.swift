// Loads a CSV file with SwiftCSV 0.10.0 and prints `rows=N fields=M`.
//
// Usage: swiftcsv-peer FILE [--named]
//
// Default: `EnumeratedCSV` (`CSV<Enumerated>`) from a URL with `loadColumns: false`,
// the API the SwiftCSV README recommends for large data sets: the whole file is
// read into a String and every row is materialised as `[String]`.
// `--named` uses `CSV<Named>` instead (one `[String: String]` per row).
import Foundation
import SwiftCSV

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("swiftcsv-peer: \(message)\n".utf8))
  exit(1)
}

let args = Array(CommandLine.arguments.dropFirst())
guard let path = args.first(where: { !$0.hasPrefix("--") }) else {
  fail("usage: swiftcsv-peer FILE [--named]")
}
let named = args.contains("--named")
let url = URL(fileURLWithPath: path)

do {
  var rows = 0
  var fields = 0
  if named {
    let csv = try CSV<Named>(url: url, delimiter: .comma, loadColumns: false)
    rows = csv.rows.count
    for row in csv.rows { fields += row.count }
  } else {
    let csv = try CSV<Enumerated>(url: url, delimiter: .comma, loadColumns: false)
    rows = csv.rows.count
    for row in csv.rows { fields += row.count }
  }
  print("rows=\(rows) fields=\(fields)")
} catch {
  fail("\(path): \(error)")
}
