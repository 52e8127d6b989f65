"""Reference inequality measures for inequalityMeasures(_:weights:reference:).

Run from this folder: python3 generate_inequality.py
Unweighted: Gini from PySAL inequality.gini.Gini(x).g, Theil T from inequality.theil.Theil(x).T,
mean log deviation as -log(1 - inequality.atkinson.atkinson(x, 1)) (Atkinson with epsilon 1 is
1 - exp(-MLD)), coefficient of variation from scipy.stats.variation(x) (ddof 0).
Weighted (integer weights): the same calls on numpy.repeat(x, w), the sample in which each group
appears w times.
"""
import numpy as np
import scipy
import scipy.stats as st
import inequality
from inequality.atkinson import atkinson
from inequality.gini import Gini
from inequality.theil import Theil

rng = np.random.default_rng(777)
cases = {
    "five_areas": (np.array([1.0, 2.0, 3.0, 4.0, 10.0]), None),
    "deciles_rates": (np.round(rng.uniform(80, 240, 10), 3), None),
    "quintiles_weighted": (np.array([12.5, 9.75, 8.1, 7.0, 5.25]),
                           np.array([3.0, 5.0, 4.0, 6.0, 2.0])),
    "unsorted_weighted": (np.round(rng.uniform(0.5, 30, 13), 2), rng.integers(1, 9, 13).astype(float)),
    "with_ties": (np.array([4.0, 4.0, 7.0, 1.0, 7.0, 4.0]), np.array([2.0, 1.0, 1.0, 3.0, 2.0, 1.0])),
}
with open("inequality_cases.csv", "w") as f:
    f.write(f"# provenance: numpy {np.__version__} default_rng(777); see generate_inequality.py\n")
    f.write("case,value,weight\n")
    for name, (x, w) in cases.items():
        for i, v in enumerate(x):
            f.write(f"{name},{float(v)!r},{'' if w is None else repr(float(w[i]))}\n")
with open("inequality_expected.csv", "w") as f:
    f.write(f"# provenance: inequality (PySAL) {inequality.__version__}, scipy {scipy.__version__}: "
            "Gini(x).g, Theil(x).T, -log(1 - atkinson(x, 1)), scipy.stats.variation(x); "
            "weighted cases on numpy.repeat(x, w)\n")
    f.write("case,gini,theil,mean_log_deviation,coefficient_of_variation\n")
    for name, (x, w) in cases.items():
        sample = x if w is None else np.repeat(x, w.astype(int))
        row = [Gini(sample).g, Theil(sample).T, -np.log(1 - atkinson(sample, 1)),
               st.variation(sample)]
        f.write(name + "," + ",".join(repr(float(v)) for v in row) + "\n")
