import Statistics
import StatisticsBenchmarkSupport

#if canImport(Glibc)
  import Glibc  // exit
#elseif canImport(Darwin)
  import Darwin
#endif

// Instruction counts for the Statistics benchmarks where the machine has no hardware counters
// (package-benchmark's `.instructions` needs perf_event_open). Run under callgrind; see
// Benchmarks/scripts/statistics_instructions.sh.
//
// Usage: StatisticsInstructionCounts KERNEL VERSION N CALLS
//   KERNEL   descriptive | ols | mannkendall | sen
//   VERSION  simd (the library function) | scalar (its copy in StatisticsBenchmarkSupport)
// It builds the same input as the benchmark for N, calls the function CALLS times, and prints
// a checksum of the results so that no call can be optimised away. Instructions per call are
// (Ir with CALLS − Ir with 0 calls) / CALLS.

let arguments = CommandLine.arguments
guard arguments.count == 5, let n = Int(arguments[3]), let calls = Int(arguments[4]) else {
  print("usage: StatisticsInstructionCounts descriptive|ols|mannkendall|sen simd|scalar N CALLS")
  exit(64)
}
let kernel = arguments[1]
let isSIMD = arguments[2] == "simd"
let values = series(n)
let times = (0..<n).map { 2000 + Double($0) / 4 }
var checksum = 0.0
for _ in 0..<calls {
  switch (kernel, isSIMD) {
  case ("descriptive", true): checksum += descriptiveStatistics(values).variance
  case ("descriptive", false): checksum += scalarDescriptiveStatistics(values).variance
  case ("ols", true): checksum += ordinaryLeastSquares(x: times, y: values).pValue
  case ("ols", false): checksum += scalarOrdinaryLeastSquares(x: times, y: values).pValue
  case ("mannkendall", true): checksum += Double(mannKendall(values).s)
  case ("mannkendall", false): checksum += Double(scalarMannKendall(values).s)
  case ("sen", true): checksum += senSlope(values).slope
  case ("sen", false): checksum += scalarSenSlope(values).slope
  default:
    print("unknown kernel \(kernel)")
    exit(64)
  }
}
print("checksum \(checksum)")
