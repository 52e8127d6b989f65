import Columnar
import Indicators
import ResultsChain
import Testing

/// The example of the module's DocC overview (ResultsChain.docc/ResultsChain.md), with the
/// repository's paths.
@Suite struct DocExampleTests {
  @Test func overviewExample() throws {
    let library = try DefinitionLibrary(directory: Repository.indicators)
    let chain = try ResultsChain.load(path: Repository.chains + "/healthy-weight.yaml", library: library)
    let path = Repository.root + "/fixtures/chains/healthy-weight.csv"
    let csv = try CSVReader.read(path: path)
    var observations = try Observations.read(csv.table, file: path)
    let match = observations.match(library)
    let set = try observations.series()
    let results = set.analyse(definitions: match, options: chain.analysisOptions)
    let assessment = chain.assess(ChainData(groups: [IndicatorResults(set: set, results: results)]))
    #expect(assessment.story("reception-obesity")?.verdict.rawValue == "contribution plausible")
  }
}
