"""Reference values for weightedLeastSquares(x:y:weights:) and
chiSquaredTestForTrend(counts:denominators:scores:).

Run from this folder: python3 generate_trend_tests.py
Writes:
  wls_series.csv, wls_expected.csv: weighted least squares with known variances. Slope,
    intercept, slope standard error and the Wald p-value come from statsmodels
    WLS(y, add_constant(x), weights=w).fit(cov_type="fixed scale", cov_kwds={"scale": 1}) on
    the usable points (x, y, w not NaN, w finite and > 0); chi2 = (slope / bse)^2.
  proptrend_series.csv, proptrend_expected.csv: the chi-squared test for trend in proportions.
    chi2 is statsmodels Table([[r, n - r], ...]).test_ordinal_association(row_scores=x,
    col_scores=[1, 0]).zscore^2 * N / (N - 1) (the linear-by-linear statistic is (N - 1) r^2,
    Armitage's is N r^2); p = scipy.stats.chi2.sf(chi2, 1); the slope is
    WLS(r / n, add_constant(x), weights=n).params[1].
Blank cells are NaN.
"""
import csv

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.contingency_tables import Table

rng = np.random.default_rng(20261125)


def fmt(v):
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else repr(float(v))


# --- Weighted least squares -------------------------------------------------------------
wls = {}
# Fingertips set1 (recent trend test data): values and weights 1/((U - L)/3.92)^2 at t = 1..5.
values = [24.67, 24.6, 28, 30.2, 30.6]
lower = [23.16, 23.15, 26.44, 28.63, 28.98]
upper = [26.25, 26.19, 29.64, 31.9, 32.25]
wls["fingertips_set1"] = (
    np.arange(1, 6.0), np.array(values), 1 / ((np.array(upper) - np.array(lower)) / 3.92) ** 2)
# Yearly rates with noise and unequal precision, x as years (tests the centring).
x = np.arange(2001, 2021, dtype=float)
se = rng.uniform(0.5, 3.0, x.size)
wls["yearly_rates"] = (x, 40 - 0.6 * (x - 2001) + rng.normal(0, se), 1 / se**2)
# No trend, small n.
x = np.arange(1, 8.0)
se = rng.uniform(1, 2, x.size)
wls["flat_seven"] = (x, 10 + rng.normal(0, se), 1 / se**2)
# Uneven times, one missing y, one zero weight and one NaN weight (all dropped).
x = np.array([1990, 1992, 1993, 1997, 1998, 2001, 2004, 2005, 2010], dtype=float)
se = rng.uniform(0.1, 0.4, x.size)
y = 3 + 0.05 * (x - 1990) + rng.normal(0, se)
w = 1 / se**2
y[2] = np.nan
w[4] = 0.0
w[6] = np.nan
wls["uneven_with_gaps"] = (x, y, w)
# Large n, steep.
x = np.arange(0, 200, dtype=float)
se = rng.uniform(0.01, 0.2, x.size)
wls["long_steep"] = (x, -2.5 * x + rng.normal(0, se), 1 / se**2)

with open("wls_series.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["series", "x", "y", "w"])
    for name, (x, y, w) in wls.items():
        for a, b, c in zip(x, y, w):
            out.writerow([name, fmt(a), fmt(b), fmt(c)])

with open("wls_expected.csv", "w", newline="") as f:
    f.write(
        f"# provenance: statsmodels {statsmodels.__version__} sm.WLS(y, sm.add_constant(x), "
        "weights=w).fit(cov_type='fixed scale', cov_kwds={'scale': 1.0}) on points with x, y, w "
        f"not NaN and w > 0; numpy {np.__version__}\n")
    out = csv.writer(f)
    out.writerow(["series", "n", "slope", "intercept", "slope_se", "chi2", "p"])
    for name, (x, y, w) in wls.items():
        keep = ~np.isnan(x) & ~np.isnan(y) & np.isfinite(w) & (w > 0)
        fit = sm.WLS(y[keep], sm.add_constant(x[keep]), weights=w[keep]).fit(
            cov_type="fixed scale", cov_kwds={"scale": 1.0})
        slope, se_slope = fit.params[1], fit.bse[1]
        out.writerow([name, int(keep.sum()), fmt(slope), fmt(fit.params[0]), fmt(se_slope),
                      fmt((slope / se_slope) ** 2), fmt(fit.pvalues[1])])

# --- Chi-squared test for trend in proportions --------------------------------------------
prop = {}
# Fingertips set1 counts and denominators at scores 1..5.
prop["fingertips_set1"] = (
    np.array([994, 1023, 1199, 1332, 1367.0]), np.array([40299, 41527, 42811, 44064, 44701.0]),
    np.arange(1, 6.0))
# Fingertips set2 (no trend expected).
prop["fingertips_set2"] = (
    np.array([209, 213, 213, 239, 210.0]), np.array([1017, 1087, 1119, 1117, 1139.0]),
    np.arange(1, 6.0))
# Ten years as scores (centring), rising proportion.
n = rng.integers(200, 2000, 10).astype(float)
p = 0.10 + 0.004 * np.arange(10)
prop["decade_years"] = (rng.binomial(n.astype(int), p).astype(float), n, np.arange(2011, 2021.0))
# Small counts, falling, uneven scores.
n = np.array([30, 42, 25, 38, 51, 29.0])
prop["small_falling"] = (np.array([12, 14, 7, 9, 8, 3.0]), n, np.array([1, 2, 4, 5, 7, 8.0]))
# A missing group (dropped) among seven.
n = rng.integers(500, 900, 7).astype(float)
r = rng.binomial(n.astype(int), 0.3).astype(float)
r[3] = np.nan
prop["with_missing"] = (r, n, np.arange(1, 8.0))

with open("proptrend_series.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["series", "count", "denominator", "score"])
    for name, (r, n, x) in prop.items():
        for a, b, c in zip(r, n, x):
            out.writerow([name, fmt(a), fmt(b), fmt(c)])

with open("proptrend_expected.csv", "w", newline="") as f:
    f.write(
        f"# provenance: statsmodels {statsmodels.__version__} Table(counts, non-counts)"
        ".test_ordinal_association(row_scores=x, col_scores=[1, 0]).zscore**2 * N / (N - 1); "
        f"scipy {scipy.__version__} scipy.stats.chi2.sf(chi2, 1); slope = sm.WLS(r / n, "
        "sm.add_constant(x), weights=n).fit().params[1]; groups with NaN dropped\n")
    out = csv.writer(f)
    out.writerow(["series", "groups", "chi2", "p", "slope"])
    for name, (r, n, x) in prop.items():
        keep = ~np.isnan(r) & ~np.isnan(n) & ~np.isnan(x)
        r, n, x = r[keep], n[keep], x[keep]
        table = Table(np.column_stack([r, n - r]))
        z = table.test_ordinal_association(row_scores=x, col_scores=np.array([1.0, 0.0])).zscore
        total = n.sum()
        chi2 = z**2 * total / (total - 1)
        slope = sm.WLS(r / n, sm.add_constant(x), weights=n).fit().params[1]
        out.writerow([name, int(keep.sum()), fmt(chi2), fmt(st.chi2.sf(chi2, 1)), fmt(slope)])
