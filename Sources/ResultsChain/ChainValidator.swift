import Indicators

/// The checks across a whole chain, made after its file has been read: ids, links, levels,
/// cycles, steps that lead nowhere or come from nowhere, outcomes that no input reaches, and
/// indicator ids.
struct ChainValidator {
  let chain: ResultsChain
  let library: DefinitionLibrary?
  var problems: [ChainError] = []
  var warnings: [ChainWarning] = []

  init(chain: ResultsChain, library: DefinitionLibrary?) {
    self.chain = chain
    self.library = library
  }

  /// Runs every check.
  /// - Complexity: O(s + l) for s steps and l links, plus O(r · k) for r indicator references
  ///   that are unknown and k known ids (the "did you mean" search).
  mutating func validate() {
    guard !chain.steps.isEmpty else {
      problems.append(
        ChainError(
          .invalidChain, file: chain.file, line: 1, column: 1, message: "the chain has no steps",
          expected: "at least one step"))
      return
    }
    checkDuplicates()
    let index = stepIndex()
    checkLinks(index)
    checkCycles(index)
    checkEnds(index)
    checkAssumptionsAndRisks(index)
    checkIndicators()
    warnAboutUnevidenced()
  }

  private func stepIndex() -> [String: Int] {
    var index: [String: Int] = [:]
    for (i, s) in chain.steps.enumerated() where index[s.id] == nil { index[s.id] = i }
    return index
  }

  private func quoted(_ s: String) -> String { ChainError.quoted(s) }

  private func levelName(_ i: Int) -> String { chain.levels.indices.contains(i) ? chain.levels[i].id : "?" }

  private mutating func problem(
    _ kind: ChainError.Kind, at l: ChainLocation, found: String? = nil, _ message: String, expected: String? = nil,
    hint: String? = nil
  ) {
    problems.append(
      ChainError(
        kind, file: l.file, line: l.line, column: l.column, found: found, message: message, expected: expected,
        hint: hint))
  }

  // MARK: - Ids

  private mutating func checkDuplicates() {
    func check(_ what: String, _ items: [(id: String, location: ChainLocation)]) {
      var first: [String: ChainLocation] = [:]
      for item in items {
        if let earlier = first[item.id] {
          problem(
            .duplicateID, at: item.location, found: quoted(item.id),
            "duplicate \(what) id \(quoted(item.id)): already used at line \(earlier.line)",
            hint: "each \(what) needs its own id")
        } else {
          first[item.id] = item.location
        }
      }
    }
    check("step", chain.steps.map { ($0.id, $0.location) })
    check("assumption", chain.assumptions.map { ($0.id, $0.location) })
    check("risk", chain.risks.map { ($0.id, $0.location) })
    check("local indicator", chain.localIndicators.map { ($0.id, $0.location) })
    if let library {
      for local in chain.localIndicators {
        if let d = library.definition(for: local.id) {
          problem(
            .duplicateID, at: local.location, found: quoted(local.id),
            "local indicator \(quoted(local.id)) is also defined at \(d.location)",
            hint: "use the definition (remove the local one), or give the local indicator another id")
        }
      }
    }
  }

  // MARK: - Links and levels

  private mutating func unknownStep(_ id: String, at l: ChainLocation, _ message: String) {
    problem(
      .unknownStep, at: l, found: quoted(id), message, expected: "the id of a step of this chain",
      hint: YAMLReader.suggestion(for: id, among: chain.steps.map(\.id)).map { "did you mean \"\($0)\"?" })
  }

  private mutating func checkLinks(_ index: [String: Int]) {
    for s in chain.steps {
      for (target, location) in zip(s.leadsTo, s.leadsToLocations) {
        guard let t = index[target] else {
          unknownStep(target, at: location, "step \(quoted(s.id)) leads to unknown step \(quoted(target))")
          continue
        }
        let to = chain.steps[t]
        if s.level >= 0, to.level >= 0, to.level < s.level {
          problem(
            .levelOrder, at: location, found: quoted(target),
            "step \(quoted(s.id)) at level \(levelName(s.level)) leads to step \(quoted(target)) at the lower level \(levelName(to.level))",
            expected: "a step at level \(levelName(s.level)) or above",
            hint:
              "a results chain runs from inputs up to final outcomes; swap the link, or move one of the steps to another level"
          )
        }
      }
    }
  }

  /// Every cycle once, reported where the link that closes it was written, naming its steps.
  private mutating func checkCycles(_ index: [String: Int]) {
    let n = chain.steps.count
    var state = [UInt8](repeating: 0, count: n)  // 0 unvisited, 1 on the stack, 2 done
    var stack: [Int] = []
    let chain = chain
    var found: [ChainError] = []
    func visit(_ v: Int, _ problems: inout [ChainError]) {
      state[v] = 1
      stack.append(v)
      let s = chain.steps[v]
      for (target, location) in zip(s.leadsTo, s.leadsToLocations) {
        guard let w = index[target] else { continue }
        if state[w] == 1 {
          let from = stack.lastIndex(of: w) ?? 0
          let names = (stack[from...].map { chain.steps[$0].id } + [target]).map(quoted).joined(separator: " → ")
          problems.append(
            ChainError(
              .cycle, file: location.file, line: location.line, column: location.column, found: quoted(target),
              message: "the chain has a cycle: \(names)",
              expected: "links that never lead back to a step already passed",
              hint: "a results chain is a directed acyclic graph; remove one of these links"))
        } else if state[w] == 0 {
          visit(w, &problems)
        }
      }
      stack.removeLast()
      state[v] = 2
    }
    for v in 0..<n where state[v] == 0 { visit(v, &found) }
    problems += found
  }

  private mutating func checkEnds(_ index: [String: Int]) {
    let known = chain.steps.filter { $0.level >= 0 }
    guard let bottom = known.map(\.level).min(), let top = known.map(\.level).max() else { return }
    var predecessors = [Int](repeating: 0, count: chain.steps.count)
    for s in chain.steps { for t in s.leadsTo { if let w = index[t] { predecessors[w] += 1 } } }
    for (i, s) in chain.steps.enumerated() where s.level >= 0 {
      if s.leadsTo.isEmpty && s.level < top {
        problem(
          .leadsNowhere, at: s.location, found: quoted(s.id),
          "step \(quoted(s.id)) at level \(levelName(s.level)) leads nowhere",
          expected:
            "leads-to: the steps it leads to (only steps at the highest level, \(levelName(top)), may lead nowhere)",
          hint: "add leads-to, or remove the step")
      }
      if predecessors[i] == 0 && s.level > bottom {
        problem(
          .comesFromNowhere, at: s.location, found: quoted(s.id),
          "step \(quoted(s.id)) at level \(levelName(s.level)) comes from nowhere: no step leads to it",
          expected:
            "a step of a lower level with \(quoted(s.id)) in its leads-to (only steps at the lowest level, \(levelName(bottom)), start the chain)",
          hint: "add it to the leads-to of the step it comes from, or remove the step")
      }
    }
    // Outcomes no input reaches: the steps before them come only from each other (a cycle).
    // Steps already reported as coming from nowhere start the walk too, so that one missing
    // link is reported once, where it is missing.
    var reached = [Bool](repeating: false, count: chain.steps.count)
    var queue = chain.steps.indices.filter { chain.steps[$0].level == bottom || predecessors[$0] == 0 }
    for q in queue { reached[q] = true }
    while let v = queue.popLast() {
      for t in chain.steps[v].leadsTo {
        if let w = index[t], !reached[w] {
          reached[w] = true
          queue.append(w)
        }
      }
    }
    for (i, s) in chain.steps.enumerated() where s.level == top && !reached[i] && predecessors[i] > 0 {
      problem(
        .unreachableOutcome, at: s.location, found: quoted(s.id),
        "final outcome \(quoted(s.id)) has no path from any input",
        expected: "a path of leads-to links from a step at level \(levelName(bottom)) to \(quoted(s.id))",
        hint: "the steps leading to it come only from each other; link them to the chain's inputs")
    }
  }

  // MARK: - Assumptions and risks

  private mutating func checkAssumptionsAndRisks(_ index: [String: Int]) {
    for a in chain.assumptions {
      switch a.concerns {
      case .step(let s):
        if index[s] == nil {
          unknownStep(s, at: a.location, "assumption \(quoted(a.id)) concerns unknown step \(quoted(s))")
        }
      case .link(let from, let to):
        var known = true
        for s in [from, to] where index[s] == nil {
          unknownStep(s, at: a.location, "assumption \(quoted(a.id)) concerns a link with unknown step \(quoted(s))")
          known = false
        }
        if known, let f = index[from], !chain.steps[f].leadsTo.contains(to) {
          let targets = chain.steps[f].leadsTo
          problem(
            .unknownLink, at: a.location, found: quoted("\(from) -> \(to)"),
            "assumption \(quoted(a.id)) concerns the link \(from) -> \(to), but step \(quoted(from)) does not lead to \(quoted(to))",
            expected: targets.isEmpty
              ? "a link the chain makes" : "one of \(targets.map { "\(from) -> \($0)" }.joined(separator: ", "))",
            hint: "add \(to) to the leads-to of \(from), or name the link the assumption is about")
        }
      }
    }
    for r in chain.risks {
      for (s, location) in zip(r.threatens, r.threatensLocations) where index[s] == nil {
        unknownStep(s, at: location, "risk \(quoted(r.id)) threatens unknown step \(quoted(s))")
      }
    }
  }

  // MARK: - Indicators

  private mutating func checkIndicators() {
    let locals = Set(chain.localIndicators.map(\.id))
    guard let library else { return }
    let known = chain.localIndicators.map(\.id) + library.ids
    let all =
      chain.steps.flatMap(\.indicators) + chain.assumptions.flatMap(\.indicators) + chain.risks.flatMap(\.indicators)
    for r in all where !locals.contains(r.id) && library.definition(for: r.id) == nil {
      problem(
        .unknownIndicator, at: r.location, found: quoted(r.id), "unknown indicator \(quoted(r.id))",
        expected: "an id or alias of the indicator definitions, or of the chain's own indicators:",
        hint: YAMLReader.suggestion(for: r.id, among: known).map { "did you mean \"\($0)\"?" }
          ?? "define it under indicators: in the chain file, or add it to a definitions file (--indicators)")
    }
  }

  private mutating func warnAboutUnevidenced() {
    for s in chain.steps where s.indicators.isEmpty {
      warnings.append(
        ChainWarning(
          file: s.location.file, line: s.location.line, column: s.location.column,
          "step \(quoted(s.id)) has no indicator: it can only be \"not evidenced\""))
    }
    for a in chain.assumptions where a.indicators.isEmpty {
      warnings.append(
        ChainWarning(
          file: a.location.file, line: a.location.line, column: a.location.column,
          "assumption \(quoted(a.id)) has no indicator: it can only be \"untested\""))
    }
    for r in chain.risks where r.indicators.isEmpty {
      warnings.append(
        ChainWarning(
          file: r.location.file, line: r.location.line, column: r.location.column,
          "risk \(quoted(r.id)) has no indicator: it can only be \"no signal\""))
    }
  }
}
