"""Reference Mann-Kendall tests and Sen's slopes for mannKendall(_:) and senSlope(_:).

Run from this folder: python3 generate_mannkendall.py
Writes mk_series.csv (series, index, value; blank = NaN) and mk_expected.csv (one row per
series: pymannkendall.original_test(x) fields s, var_s, z, p, Tau, and
pymannkendall.sens_slope(x) fields slope, intercept).
"""
import numpy as np
import pymannkendall as mk

rng = np.random.default_rng(424242)
series = {
    "short_3": np.array([3.0, 1.0, 2.0]),
    "short_4_ties": np.array([5.0, 5.0, 6.0, 5.0]),
    "yearly_down": np.round(80 - 1.5 * np.arange(18) + rng.normal(0, 4, 18), 1),
    "heavy_ties": rng.integers(0, 5, 40).astype(float),
    "noise_129": rng.normal(10, 2, 129),
    "missing_values": np.where(rng.random(30) < 0.25, np.nan, np.arange(30) * 0.3
                               + rng.normal(0, 1, 30)),
    "leading_trailing_nan": np.array([np.nan, 2.0, 2.5, np.nan, 3.1, 2.9, 3.8, np.nan]),
    "rates_per_100k": np.round(250 + rng.normal(0, 12, 25) - 2 * np.arange(25), 2),
}
with open("mk_series.csv", "w") as f:
    f.write(f"# provenance: numpy {np.__version__} default_rng(424242); see generate_mannkendall.py\n")
    f.write("series,index,value\n")
    for name, x in series.items():
        for i, v in enumerate(x):
            f.write(f"{name},{i},{'' if np.isnan(v) else repr(float(v))}\n")
with open("mk_expected.csv", "w") as f:
    f.write(f"# provenance: pymannkendall {mk.__version__}: r = pymannkendall.original_test(x) "
            "(s, var_s, z, p, Tau); pymannkendall.sens_slope(x) (slope, intercept)\n")
    f.write("series,s,var_s,z,p,tau,slope,intercept\n")
    for name, x in series.items():
        r = mk.original_test(x)
        ss = mk.sens_slope(x)
        row = [r.s, r.var_s, r.z, r.p, r.Tau, ss.slope, ss.intercept]
        f.write(name + "," + ",".join(repr(float(v)) for v in row) + "\n")
