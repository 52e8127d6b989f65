#!/usr/bin/env python3
"""Writes a results chain of N steps over the indicators of generate_indicators.py.

Usage:
    generate_chain.py [--steps 50] [--out Benchmarks/data/chain_50.yaml]

The chain has the seven default levels with about N/7 steps each; every step below the top
leads to two steps of the next level (so each step above the first comes from at least one),
and each step is evidenced by one or two of the benchmark's ~40 indicators, for England
(E92000001). Every indicator is declared as the chain's own (`indicators:`), with a polarity
guessed from its title, so the chain needs no definitions directory: run it from a directory
without ./indicators. Deterministic: the output depends only on --steps.

Used by Benchmarks/scripts/chain_overhead.sh to measure what assessing a chain adds to the
time of `backbone analyze` on the same data.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_indicators import INDICATORS  # noqa: E402

LEVELS = ["inputs", "activities", "engagement", "reactions", "knowledge", "practices", "outcomes"]
LOWER = ("mortality", "admission", "smoking", "obes", "overweight", "poverty", "deprivation", "low income",
         "gap", "inequality", "suicide", "readmission", "excess", "alcohol", "falls")


def polarity(title):
    t = title.lower()
    return "lower-is-better" if any(w in t for w in LOWER) else "higher-is-better"


def quoted(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--out", default="Benchmarks/data/chain_50.yaml")
    args = parser.parse_args(argv)
    n = args.steps
    indicators = [(str(row[0]), row[1]) for row in INDICATORS]
    per_level = [n // len(LEVELS) + (1 if k < n % len(LEVELS) else 0) for k in range(len(LEVELS))]
    ids = []
    for level, count in zip(LEVELS, per_level):
        ids.append([f"{level}-{i + 1}" for i in range(count)])
    out = [f"name: Benchmark chain of {n} steps", "area: E92000001", "indicators:"]
    for ident, title in indicators:
        out += [f"  - id: {quoted(ident)}", f"    title: {quoted(title)}", f"    polarity: {polarity(title)}"]
    out.append("steps:")
    k = 0
    for li, (level, names) in enumerate(zip(LEVELS, ids)):
        for si, name in enumerate(names):
            refs = [indicators[k % len(indicators)][0], indicators[(k + 7) % len(indicators)][0]][: 1 + k % 2]
            k += 1
            out += [f"  - id: {name}", f"    level: {level}", f"    statement: Step {name}",
                    "    indicators: [" + ", ".join(quoted(r) for r in refs) + "]"]
            if li + 1 < len(LEVELS):
                nxt = ids[li + 1]
                targets = sorted({nxt[si % len(nxt)], nxt[(si + 1) % len(nxt)]})
                out.append("    leads-to: [" + ", ".join(targets) + "]")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {args.out}: {n} steps, {len(indicators)} indicators")


if __name__ == "__main__":
    main()
