"""Per-series trend tests (Mann-Kendall S and Sen's slope, plus the basic statistics) in
Python, for the side-by-side benchmark.

Usage: python series_trend.py numpy|pandas FILE

numpy: the fastest vectorisation written for this benchmark. Rows are sorted by series and
period once; series are grouped by length n, and each group is one 2-D array (series x n)
with NaN for missing values, so the pairwise signs and slopes of every series of that
length come from one broadcast. Mann-Kendall S counts pairs of present values (missing
values dropped, as pymannkendall does); Sen's slope is the median of the pairwise slopes over
time (NaN pairs skipped).

pandas: what a user would write: pandas groupby, then pymannkendall.original_test and
pymannkendall.sens_slope on each series (pymannkendall drops missing values for the test
and keeps their positions for Sen's slope, in steps of one period).

Prints "series=N ols_count=K ols_sum=S sen_count=C sen_sum=T mk_s_sum=U", comparable with
the `checksums:` line of `backbone analyze --verbose`.

Time: the first four characters of the period label as a year (see series_basic.py).
"""
import sys

import numpy as np

KEYS = ["indicator_id", "area_code", "area_type", "sex", "age"]


def load(path):
    import pandas as pd
    df = pd.read_csv(path, na_values=["", "*"], keep_default_na=False,
                     usecols=KEYS + ["period", "value"], dtype={"area_code": str, "area_type": str, "sex": str, "age": str})
    df["t"] = df["period"].str.slice(0, 4).astype(float)
    return df


def numpy_run(path):
    df = load(path)
    key = df.groupby(KEYS, sort=False, dropna=False).ngroup().to_numpy()
    t = df["t"].to_numpy()
    v = df["value"].to_numpy(dtype=float)
    order = np.lexsort((t, key))
    key, t, v = key[order], t[order], v[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    lengths = np.diff(np.r_[starts, len(key)])
    series = len(starts)
    ols_count = 0
    ols_sum = 0.0
    sen_count = 0
    sen_sum = 0.0
    mk_s_sum = 0
    for n in np.unique(lengths):
        g = starts[lengths == n]
        idx = g[:, None] + np.arange(n)[None, :]
        V = v[idx]
        T = t[idx]
        present = ~np.isnan(V)
        # OLS over present pairs.
        cnt = present.sum(axis=1)
        Tm = np.where(present, T, np.nan)
        tbar = np.nanmean(Tm, axis=1, keepdims=True) if n else None
        vbar = np.nanmean(V, axis=1, keepdims=True)
        sxy = np.nansum((Tm - tbar) * (V - vbar), axis=1)
        sxx = np.nansum((Tm - tbar) ** 2, axis=1)
        ok = (cnt >= 2) & (sxx > 0)
        ols_count += int(ok.sum())
        ols_sum += float((sxy[ok] / sxx[ok]).sum())
        if n < 2:
            continue
        i, j = np.triu_indices(n, 1)
        dv = V[:, j] - V[:, i]
        dt = T[:, j] - T[:, i]
        # Mann-Kendall S: signs of the present pairs.
        mk_s_sum += int(np.nansum(np.sign(dv)))
        slopes = dv / np.where(dt == 0, np.nan, dt)
        has = ~np.all(np.isnan(slopes), axis=1)
        med = np.nanmedian(slopes[has], axis=1) if has.any() else np.array([])
        sen_count += int(has.sum())
        sen_sum += float(med.sum())
    print("series=%d ols_count=%d ols_sum=%r sen_count=%d sen_sum=%r mk_s_sum=%d"
          % (series, ols_count, ols_sum, sen_count, sen_sum, mk_s_sum))


def pandas_run(path):
    import pymannkendall as mk
    df = load(path).sort_values(KEYS + ["t"], kind="stable")
    series = 0
    ols_count = 0
    ols_sum = 0.0
    sen_count = 0
    sen_sum = 0.0
    mk_s_sum = 0
    for _, g in df.groupby(KEYS, sort=False, dropna=False):
        series += 1
        y = g["value"].to_numpy(dtype=float)
        t = g["t"].to_numpy()
        p = ~np.isnan(y)
        if p.sum() >= 2:
            ols_count += 1
            ols_sum += float(np.polyfit(t[p], y[p], 1)[0])
            r = mk.original_test(y)
            mk_s_sum += int(r.s)
            s = mk.sens_slope(y)
            sen_count += 1
            sen_sum += float(s.slope)
    print("series=%d ols_count=%d ols_sum=%r sen_count=%d sen_sum=%r mk_s_sum=%d"
          % (series, ols_count, ols_sum, sen_count, sen_sum, mk_s_sum))


if __name__ == "__main__":
    {"numpy": numpy_run, "pandas": pandas_run}[sys.argv[1]](sys.argv[2])
