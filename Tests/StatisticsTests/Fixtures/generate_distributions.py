"""Reference values for the distribution functions of the Statistics target.

Run from this folder: python3 generate_distributions.py
Each CSV starts with a '# provenance:' line naming the tool, its version and the exact call.
"""
import itertools
import mpmath
import scipy
import scipy.special as sp
import scipy.stats as st

V = f"scipy {scipy.__version__}"
mpmath.mp.dps = 50
MP = f"mpmath {mpmath.__version__} (mp.dps = 50)"


def t_cdf_mp(t, d):
    """P(T <= t) from the incomplete beta integral at 50 digits."""
    t, d = mpmath.mpf(t), mpmath.mpf(d)
    tail = mpmath.betainc(d / 2, mpmath.mpf(1) / 2, 0, d / (d + t * t), regularized=True) / 2
    return tail if t <= 0 else 1 - tail


def write(name, call, header, rows):
    with open(name, "w") as f:
        f.write(f"# provenance: {V}; {call}\n")
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(repr(float(v)) for v in r) + "\n")


zs = [-38.0, -20.0, -8.5, -5.0, -3.0902, -1.959964, -1.0, -0.5, -1e-3, 0.0, 2.5e-4, 0.3, 0.7071,
      1.0, 1.644854, 2.0, 3.5, 6.0, 8.0]
write("normal_cdf.csv",
      f"x, scipy.special.ndtr(x), scipy.stats.norm.sf(x); {MP}: mpmath.ncdf(x), mpmath.ncdf(-x)",
      ["x", "cdf", "sf", "cdf_mpmath", "sf_mpmath"],
      [(z, sp.ndtr(z), st.norm.sf(z), mpmath.ncdf(z), mpmath.ncdf(-z)) for z in zs])

ps = [1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.0125, 0.025, 0.05, 0.075, 0.1, 0.3, 0.4999, 0.5, 0.6,
      0.925, 0.95, 0.975, 0.999, 0.9999999, 1 - 1e-15]
write("normal_quantile.csv", "p, scipy.special.ndtri(p)", ["p", "quantile"],
      [(p, sp.ndtri(p)) for p in ps])

ts = [-50.0, -12.0, -4.3, -2.0, -1.0, -0.1, -1e-6, 0.0, 0.05, 0.5, 1.3, 2.228, 3.0, 7.0, 40.0]
dfs = [1.0, 2.0, 3.0, 4.5, 9.0, 28.0, 120.0, 1000.0]
write("t_cdf.csv",
      f"t, df, scipy.special.stdtr(df, t), scipy.stats.t.sf(t, df); {MP}: "
      "betainc(df/2, 1/2, 0, df/(df+t^2), regularized=True)/2 (reflected for t > 0)",
      ["t", "df", "cdf", "sf", "cdf_mpmath", "sf_mpmath"],
      [(t, d, sp.stdtr(d, t), st.t.sf(t, d), t_cdf_mp(t, d), t_cdf_mp(-t, d))
       for t, d in itertools.product(ts, dfs)])

tps = [1e-12, 1e-6, 0.0005, 0.001, 0.025, 0.05, 0.2, 0.45, 0.4999, 0.55, 0.8, 0.975, 0.9995, 0.999999]
write("t_quantile.csv", "p, df, scipy.special.stdtrit(df, p)", ["p", "df", "quantile"],
      [(p, d, sp.stdtrit(d, p)) for p, d in itertools.product(tps, dfs)])

xs = [1e-8, 0.01, 0.3, 1.0, 2.5, 3.84, 7.0, 15.0, 30.0, 60.0, 120.0, 300.0]
kdfs = [1.0, 2.0, 3.0, 5.5, 10.0, 22.0, 50.0, 200.0]
write("chi2_cdf.csv", "x, df, scipy.special.chdtr(df, x), scipy.special.chdtrc(df, x)",
      ["x", "df", "cdf", "sf"],
      [(x, k, sp.chdtr(k, x), sp.chdtrc(k, x)) for x, k in itertools.product(xs, kdfs)])

cps = [1e-10, 0.0001, 0.001, 0.01, 0.025, 0.1, 0.5, 0.9, 0.975, 0.99, 0.999, 0.9999999]
cdfs = [1.0, 2.0, 4.0, 6.0, 10.0, 18.0, 20.0, 22.0, 41.0, 100.0, 1000.0]
write("chi2_quantile.csv", "p, df, scipy.stats.chi2.ppf(p, df)", ["p", "df", "quantile"],
      [(p, k, st.chi2.ppf(p, k)) for p, k in itertools.product(cps, cdfs)])

avals = [0.1, 0.5, 1.0, 2.5, 9.0, 30.0, 150.0]
gxs = [1e-6, 0.05, 0.5, 1.0, 3.0, 9.5, 25.0, 80.0, 200.0]
write("gamma_p.csv", "a, x, scipy.special.gammainc(a, x), scipy.special.gammaincc(a, x)",
      ["a", "x", "p", "q"],
      [(a, x, sp.gammainc(a, x), sp.gammaincc(a, x)) for a, x in itertools.product(avals, gxs)])

gps = [1e-8, 0.001, 0.1, 0.5, 0.9, 0.999, 0.99999999]
write("gamma_inverse.csv",
      "a, p, scipy.special.gammaincinv(a, p), scipy.special.gammainccinv(a, p)",
      ["a", "p", "inverse_p", "inverse_q"],
      [(a, p, sp.gammaincinv(a, p), sp.gammainccinv(a, p)) for a, p in itertools.product(avals, gps)])

bxs = [1e-6, 0.01, 0.2, 0.5, 0.77, 0.99, 0.999999]
bab = [(0.5, 0.5), (0.5, 4.0), (1.0, 1.0), (2.0, 3.0), (4.5, 0.5), (10.0, 30.0), (60.0, 0.5),
       (120.0, 150.0)]
write("beta.csv", "x, a, b, scipy.special.betainc(a, b, x)", ["x", "a", "b", "value"],
      [(x, a, b, sp.betainc(a, b, x)) for x, (a, b) in itertools.product(bxs, bab)])

bps = [1e-9, 0.001, 0.05, 0.5, 0.95, 0.999]
write("beta_inverse.csv", "p, a, b, scipy.special.betaincinv(a, b, p)", ["p", "a", "b", "value"],
      [(p, a, b, sp.betaincinv(a, b, p)) for p, (a, b) in itertools.product(bps, bab)])
