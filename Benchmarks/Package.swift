// swift-tools-version: 6.1
// Benchmarks for Backbone, as their own package (ordo-one/package-benchmark).
// Run: swift package --package-path Benchmarks benchmark
import Foundation
import PackageDescription

// A local package's identity is its folder's name, which depends on the clone.
let rootIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .lastPathComponent.lowercased()

let package = Package(
  name: "BackboneBenchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "ReaderBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "package-benchmark"),
        .product(name: "Columnar", package: rootIdentity),
      ],
      path: "Benchmarks/ReaderBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
    // Statistics kernels: the library's SIMD functions against scalar copies of them.
    .target(
      name: "StatisticsBenchmarkSupport",
      dependencies: [.product(name: "Statistics", package: rootIdentity)],
      path: "Benchmarks/StatisticsBenchmarkSupport"
    ),
    .executableTarget(
      name: "StatisticsBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "package-benchmark"),
        .product(name: "Statistics", package: rootIdentity),
        "StatisticsBenchmarkSupport",
      ],
      path: "Benchmarks/StatisticsBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
    // Instruction counts under callgrind, for machines without hardware counters.
    .executableTarget(
      name: "StatisticsInstructionCounts",
      dependencies: [.product(name: "Statistics", package: rootIdentity), "StatisticsBenchmarkSupport"],
      path: "Benchmarks/StatisticsInstructionCounts"
    ),
    // One data sheet written with the XLSX wrapper, timed against Python's XlsxWriter by
    // scripts/xlsx_compare.sh. A plain executable: build it alone with
    // `swift build -c release --package-path Benchmarks --product xlsx-write`.
    .executableTarget(
      name: "xlsx-write",
      dependencies: [
        .product(name: "Columnar", package: rootIdentity),
        .product(name: "XLSX", package: rootIdentity),
      ],
      path: "Tools/xlsx-write"
    ),
    // A per-series summary behind a 20-row summary sheet, timed against Python's XlsxWriter by
    // scripts/xlsx_summary_compare.sh:
    // `swift build -c release --package-path Benchmarks --product xlsx-summary`.
    .executableTarget(
      name: "xlsx-summary",
      dependencies: [
        .product(name: "Columnar", package: rootIdentity),
        .product(name: "XLSX", package: rootIdentity),
      ],
      path: "Tools/xlsx-summary"
    ),
  ]
)
