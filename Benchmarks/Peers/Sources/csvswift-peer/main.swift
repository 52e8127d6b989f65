// Reads a CSV file with yaslab/CSV.swift 2.5.2 and prints `rows=N fields=M`.
//
// Usage: csvswift-peer FILE
//
// `CSVReader(stream: InputStream(fileAtPath:), hasHeaderRow: true)`, then
// `next()` until nil, as in the CSV.swift README. Rows are streamed and counted,
// not kept.
import CSV
import Foundation

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("csvswift-peer: \(message)\n".utf8))
  exit(1)
}

let args = Array(CommandLine.arguments.dropFirst())
guard let path = args.first, args.count == 1 else {
  fail("usage: csvswift-peer FILE")
}
guard FileManager.default.isReadableFile(atPath: path),
  let stream = InputStream(fileAtPath: path)
else {
  fail("cannot open \(path)")
}

do {
  let reader = try CSVReader(stream: stream, hasHeaderRow: true)
  var rows = 0
  var fields = 0
  while let row = reader.next() {
    rows += 1
    fields += row.count
  }
  if let error = reader.error {
    // On Linux, Foundation's file InputStream keeps reporting hasBytesAvailable at
    // end of file, so CSV.swift's byte reader makes one more read, gets 0 bytes and
    // records CSVError.cannotReadFile after the last row. That one is benign; any
    // other error fails the run.
    if case CSVError.cannotReadFile = error {} else { fail("\(path): \(error)") }
  }
  print("rows=\(rows) fields=\(fields)")
} catch {
  fail("\(path): \(error)")
}
