import Benchmark
import Columnar

/// A deterministic long-format indicator CSV (the layout of scripts/generate_indicators.py),
/// built in memory from a fixed seed.
func indicatorCSV(rows: Int, seed: UInt64 = 42) -> [UInt8] {
  var state = seed
  func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  let names = [
    "Life expectancy at birth", "\"Healthy\" life expectancy, persons", "Children in low income families (%)",
    "School readiness: good level of development", "Under-5 emergency admissions, per 1,000",
  ]
  var out = "indicator_id,indicator_name,domain,area_code,area_name,area_type,sex,age,period,value,lower_ci,upper_ci,count,denominator,value_note\n"
  var row = 0
  while row < rows {
    let indicator = Int(next() % UInt64(names.count))
    let area = Int(next() % 300)
    let sex = ["Persons", "Male", "Female"][Int(next() % 3)]
    let periods = 8 + Int(next() % 8)
    for p in 0..<periods where row < rows {
      let value = Double(next() % 100_000) / 1000
      let suppressed = next() % 100 == 0
      let empty = next() % 33 == 0
      let name = names[indicator].contains(",") ? "\"\(names[indicator].replacingOccurrences(of: "\"", with: "\"\""))\"" : names[indicator]
      out += "\(90_000 + indicator),\(name),Health,E0600\(1000 + area),\"Area \(area), City of\",UA,\(sex),All ages,\(2010 + p),"
      out += suppressed ? "*,,,," : empty ? ",,,," : "\(value),\(value - 1.25),\(value + 1.25),\(Int(value * 10)),"
      out += "\(10_000 + area * 7),\n"
      row += 1
    }
  }
  return Array(out.utf8)
}

extension String {
  func replacingOccurrences(of a: String, with b: String) -> String { split(separator: a, omittingEmptySubsequences: false).joined(separator: b) }
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    // .retainCount is left out: its runtime hooks crash under Dispatch worker threads here.
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
    maxDuration: .seconds(5), maxIterations: 50)

  Benchmark("CSVReader.read 100k indicator rows, all cores") { benchmark, bytes in
    for _ in benchmark.scaledIterations { blackHole(try CSVReader.read(bytes: bytes)) }
  } setup: {
    indicatorCSV(rows: 100_000)
  }

  Benchmark("CSVReader.read 100k indicator rows, one thread") { benchmark, bytes in
    var options = CSVReadOptions()
    options.threads = 1
    for _ in benchmark.scaledIterations { blackHole(try CSVReader.read(bytes: bytes, options: options)) }
  } setup: {
    indicatorCSV(rows: 100_000)
  }

  Benchmark("TableWriter.csvBytes 100k rows") { benchmark, table in
    for _ in benchmark.scaledIterations { blackHole(TableWriter.csvBytes(table)) }
  } setup: {
    try CSVReader.read(bytes: indicatorCSV(rows: 100_000)).table
  }

  Benchmark("Table.grouped(by: indicator, area, sex) 100k rows") { benchmark, table in
    for _ in benchmark.scaledIterations { blackHole(try table.grouped(by: ["indicator_id", "area_code", "sex"])) }
  } setup: {
    try CSVReader.read(bytes: indicatorCSV(rows: 100_000)).table
  }
}
