// swift-tools-version: 6.1
// Swift CSV libraries timed beside Backbone by Benchmarks/scripts/compare.sh.
// Kept apart from Benchmarks/Package.swift (package-benchmark suites) so the
// peers build without the benchmark plugin and stay out of the main package.
import PackageDescription

let package = Package(
  name: "BackbonePeers",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
    .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
  ],
  targets: [
    .executableTarget(
      name: "swiftcsv-peer",
      dependencies: [.product(name: "SwiftCSV", package: "SwiftCSV")]),
    .executableTarget(
      name: "csvswift-peer",
      dependencies: [.product(name: "CSV", package: "CSV.swift")]),
  ],
  swiftLanguageModes: [.v6]
)
