"""Per-series basic statistics with DuckDB or Polars, for the side-by-side benchmark.

Usage: python series_basic.py duckdb|polars FILE

Reads the generated indicator CSV and computes, per series (indicator_id, area_code,
area_type, sex, age): n (values present), first and last value by period, mean, min, max,
the OLS slope of value on time and the percent change from the first to the last value.
Prints one line "series=N ols_count=K ols_sum=S" so the result can be checked against
`backbone analyze --methods basic --verbose` (its `checksums:` line).

Time: the first four characters of the period label (2019, 2019/20, 2017 - 19) as a
year. Every series uses one period style, so this differs from Backbone's period
midpoints by a constant within each series, which leaves the slope unchanged.
"""
import sys

KEYS = ["indicator_id", "area_code", "area_type", "sex", "age"]


def duckdb_run(path):
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads=2")
    q = "'" + path.replace("'", "''") + "'"
    con.execute(
        "CREATE TABLE s AS SELECT " + ", ".join(KEYS) + ", count(value) AS n, "
        "arg_min(value, period) FILTER (WHERE value IS NOT NULL) AS first_value, "
        "arg_max(value, period) FILTER (WHERE value IS NOT NULL) AS last_value, "
        "avg(value) AS mean, min(value) AS min, max(value) AS max, "
        "regr_slope(value, CAST(substr(period, 1, 4) AS DOUBLE)) AS ols_slope "
        "FROM read_csv(" + q + ", nullstr=['', '*']) GROUP BY ALL")
    con.execute("ALTER TABLE s ADD COLUMN pct DOUBLE")
    con.execute("UPDATE s SET pct = 100 * (last_value - first_value) / abs(first_value) WHERE first_value <> 0")
    n, k, total = con.execute("SELECT count(*), count(ols_slope), sum(ols_slope) FROM s").fetchone()
    print("series=%d ols_count=%d ols_sum=%r" % (n, k, total))


def polars_run(path):
    import polars as pl
    df = pl.read_csv(path, null_values=["", "*"], infer_schema_length=10000)
    t = pl.col("period").str.slice(0, 4).cast(pl.Float64)
    df = df.with_columns(t.alias("t"))
    present = pl.col("value").is_not_null()
    # OLS slope: cov(t, y) / var(t) over the pairs where y is present.
    tv = pl.when(present).then(pl.col("t"))
    out = (
        df.sort(KEYS + ["period"])
        .group_by(KEYS, maintain_order=False)
        .agg(
            pl.col("value").count().alias("n"),
            pl.col("value").drop_nulls().first().alias("first_value"),
            pl.col("value").drop_nulls().last().alias("last_value"),
            pl.col("value").mean().alias("mean"),
            pl.col("value").min().alias("min"),
            pl.col("value").max().alias("max"),
            (
                ((tv - tv.mean()) * (pl.col("value") - pl.col("value").mean())).sum()
                / ((tv - tv.mean()) ** 2).sum()
            ).alias("ols_slope"),
        )
        .with_columns((100 * (pl.col("last_value") - pl.col("first_value")) / pl.col("first_value").abs()).alias("pct"))
    )
    slopes = out.filter((pl.col("n") >= 2) & pl.col("ols_slope").is_finite())["ols_slope"]
    print("series=%d ols_count=%d ols_sum=%r" % (out.height, slopes.len(), slopes.sum()))


if __name__ == "__main__":
    {"duckdb": duckdb_run, "polars": polars_run}[sys.argv[1]](sys.argv[2])
