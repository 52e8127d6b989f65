// swift-tools-version: 6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Backbone",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "Columnar", targets: ["Columnar"]),
    .library(name: "Indicators", targets: ["Indicators"]),
    .library(name: "Statistics", targets: ["Statistics"]),
    .library(name: "ResultsChain", targets: ["ResultsChain"]),
    .library(name: "XLSX", targets: ["XLSX"]),
    .library(name: "Reports", targets: ["Reports"]),
    .library(name: "Jobs", targets: ["Jobs"]),
    .executable(name: "backbone", targets: ["backbone"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // The in-memory table and the CSV reader and writer. Depends on nothing.
    .target(name: "Columnar", swiftSettings: strictSwift),
    // Numeric kernels: descriptive statistics, OLS, Mann-Kendall, Sen's slope, intervals,
    // distribution functions. Standard library plus RealModule (libm through swift-numerics).
    .target(
      name: "Statistics",
      dependencies: [.product(name: "RealModule", package: "swift-numerics")],
      swiftSettings: strictSwift),
    // Indicator data: layouts, periods, definitions, canonical observations, series, and the
    // per-series judgements (recent trend, benchmark comparison) built on Statistics.
    .target(
      name: "Indicators",
      dependencies: ["Columnar", "Statistics", .product(name: "Yams", package: "Yams")],
      swiftSettings: strictSwift),
    // Contribution analysis: results chains (steps, links, assumptions, risks), their validation
    // and the assessment that turns indicator results into step status and contribution stories.
    .target(
      name: "ResultsChain",
      dependencies: ["Indicators", "Statistics", "Columnar", .product(name: "Yams", package: "Yams")],
      swiftSettings: strictSwift),
    // Debian's libxlsxwriter-dev, through pkg-config `xlsxwriter`. Nothing vendored.
    .systemLibrary(
      name: "CXlsxWriter", pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev"])]),
    // A safe Swift face over libxlsxwriter; the only importer of CXlsxWriter.
    .target(name: "XLSX", dependencies: ["CXlsxWriter"], swiftSettings: strictSwift),
    // The report model (what a reader sees) and its two renderings: the funder workbook
    // (through XLSX) and Markdown (through Mustache templates under templates/).
    .target(
      name: "Reports",
      dependencies: [
        "Columnar", "Indicators", "Statistics", "ResultsChain", "XLSX",
        .product(name: "Mustache", package: "swift-mustache"), .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strictSwift),
    // Cron-ready runs: job files, the lock, all-or-nothing output sets, the run history
    // (SQLite through GRDB) and "what changed since the last run".
    .target(
      name: "Jobs",
      dependencies: [
        "Reports", "Columnar", "Indicators", "ResultsChain", "Statistics", .product(name: "Yams", package: "Yams"),
        .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift),
    .executableTarget(
      name: "backbone",
      dependencies: [
        "Columnar", "Indicators", "ResultsChain", "Reports", "Jobs", .product(name: "Logging", package: "swift-log"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]),
    // What several test targets share (a seeded generator); not part of any product.
    .target(name: "BackboneTestSupport", path: "Tests/BackboneTestSupport", swiftSettings: strictSwift),
    .testTarget(name: "ColumnarTests", dependencies: ["Columnar", "BackboneTestSupport"], swiftSettings: strictSwift),
    .testTarget(
      name: "IndicatorsTests", dependencies: ["Indicators", "Columnar", "Statistics", "BackboneTestSupport"], exclude: ["Fixtures"],
      swiftSettings: strictSwift),
    .testTarget(
      name: "StatisticsTests",
      dependencies: ["Statistics", "BackboneTestSupport", .product(name: "RealModule", package: "swift-numerics")],
      exclude: ["Fixtures"], swiftSettings: strictSwift),
    .testTarget(
      name: "ResultsChainTests", dependencies: ["ResultsChain", "Indicators", "Columnar"],
      swiftSettings: strictSwift),
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "Indicators", "ResultsChain", "Columnar", "Statistics", "XLSX"],
      exclude: ["Snapshots"], swiftSettings: strictSwift),
    .testTarget(name: "CXlsxWriterTests", dependencies: ["CXlsxWriter"]),
    .testTarget(
      name: "XLSXTests", dependencies: ["XLSX", "Columnar"], exclude: ["Snapshots", "Fixtures"],
      swiftSettings: strictSwift),
    .testTarget(
      name: "JobsTests", dependencies: ["Jobs", "Reports", "Columnar", "Indicators", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strictSwift),
    // Runs the built `backbone` binary.
    .testTarget(
      name: "BackboneCLITests", dependencies: ["backbone", "Jobs", "BackboneTestSupport"], exclude: ["Snapshots"],
      swiftSettings: strictSwift),
  ],
  swiftLanguageModes: [.v6]
)
