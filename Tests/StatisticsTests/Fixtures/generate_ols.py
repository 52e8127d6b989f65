"""Reference OLS fits for ordinaryLeastSquares(x:y:confidenceLevel:).

Run from this folder: python3 generate_ols.py
Writes ols_series.csv (the generated series: series, x, y; blank = NaN) and ols_expected.csv
(one row per series). Slope, intercept, standard errors, p and R^2 come from
scipy.stats.linregress on the complete pairs; t, the 95% slope interval and the residual
standard error from statsmodels OLS(y, add_constant(x), missing='drop').fit().
"""
import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm

rng = np.random.default_rng(20261124)
series = {}
# Yearly series with noise.
series["yearly_noisy"] = (np.arange(2005, 2025, dtype=float), None)
x = series["yearly_noisy"][0]
series["yearly_noisy"] = (x, 3.2 - 0.41 * (x - 2005) + rng.normal(0, 1.3, x.size))
# Uneven time points (gaps), n = 9.
x = np.array([2001, 2002, 2004, 2005, 2006, 2009, 2010, 2012, 2013], dtype=float)
series["uneven_gaps"] = (x, 50 + 1.7 * (x - 2000) + rng.normal(0, 4.0, x.size))
# Minimal case n = 3.
series["three_points"] = (np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.9, 4.4]))
# No trend at all: p large.
x = np.arange(30, dtype=float)
series["flat_noise"] = (x, 100 + rng.normal(0, 5.0, x.size))
# Large n, odd length (exercises the SIMD tail), values of different magnitude.
x = np.linspace(-3.0, 7.0, 1003)
series["large_odd"] = (x, 1e4 + 250.0 * x + rng.normal(0, 900.0, x.size))
# Large offset in x (ill-conditioned for a one-pass formula).
x = 1e6 + np.arange(25, dtype=float)
series["offset_x"] = (x, 0.003 * (x - 1e6) + rng.normal(0, 0.01, x.size))
# Missing values in both x and y (dropped pairwise).
x = np.arange(15, dtype=float)
y = 7.0 - 0.2 * x + rng.normal(0, 0.4, x.size)
x[3] = np.nan
y[8] = np.nan
y[11] = np.nan
series["with_missing"] = (x, y)

names = list(series)
with open("ols_series.csv", "w") as f:
    f.write(f"# provenance: numpy {np.__version__} default_rng(20261124); see generate_ols.py\n")
    f.write("series,x,y\n")
    for name in names:
        xs, ys = series[name]
        for a, b in zip(xs, ys):
            f.write(f"{name},{'' if np.isnan(a) else repr(float(a))},"
                    f"{'' if np.isnan(b) else repr(float(b))}\n")

with open("ols_expected.csv", "w") as f:
    f.write(f"# provenance: scipy {scipy.__version__} scipy.stats.linregress(x, y) on complete "
            f"pairs; statsmodels {statsmodels.__version__} sm.OLS(y, sm.add_constant(x), "
            "missing='drop').fit() for t (tvalues[1]), conf_int(0.05)[1] and sqrt(scale)\n")
    f.write("series,n,slope,intercept,slope_se,intercept_se,t,p,ci_lower,ci_upper,r_squared,"
            "residual_se\n")
    for name in names:
        xs, ys = series[name]
        keep = ~(np.isnan(xs) | np.isnan(ys))
        lr = st.linregress(xs[keep], ys[keep])
        fit = sm.OLS(ys, sm.add_constant(xs), missing="drop").fit()
        lo, hi = fit.conf_int(0.05)[1]
        row = [keep.sum(), lr.slope, lr.intercept, lr.stderr, lr.intercept_stderr,
               fit.tvalues[1], lr.pvalue, lo, hi, lr.rvalue ** 2, np.sqrt(fit.scale)]
        f.write(name + "," + ",".join(repr(float(v)) for v in row) + "\n")
