#!/usr/bin/env python3
"""The same profile as `mlwb-bench.jar profile-1m`, done with pandas, for a side-by-side figure on one file.

Usage: python3 profile_pandas.py FILE.csv
Prints BENCH lines like the Java benchmarks (read, statistics, Spearman and total milliseconds).
Needs pandas, numpy and scipy (Debian: apt-get install python3-pandas python3-scipy).
"""
import sys
import time

import numpy as np
import pandas as pd


def main(path):
    t0 = time.perf_counter()
    df = pd.read_csv(path, parse_dates=["opened", "closed"])
    t_read = time.perf_counter()
    num = df.select_dtypes(include="number")
    stats = {}
    for name in df.columns:
        s = df[name]
        entry = {"count": int(s.count()), "missing": int(s.isna().sum()), "distinct": int(s.nunique())}
        if name in num.columns:
            entry.update(mean=s.mean(), std=s.std(), min=s.min(), max=s.max(), skew=s.skew(), kurt=s.kurt(),
                         q=s.quantile([0.05, 0.25, 0.5, 0.75, 0.95]).tolist(),
                         hist=np.histogram(s.dropna(), bins=50)[0].tolist(),
                         zeros=int((s == 0).sum()), negatives=int((s < 0).sum()))
        else:
            entry.update(lengths=s.dropna().astype(str).str.len().describe().tolist())
        entry["top"] = s.value_counts().head(10).to_dict()
        stats[name] = entry
    duplicates = int(df.duplicated().sum())
    pearson = num.corr(method="pearson")
    t_stats = time.perf_counter()
    spearman = num.corr(method="spearman")
    t_end = time.perf_counter()
    ms = lambda a, b: (b - a) * 1000  # noqa: E731
    print(f"BENCH pandas-profile rows={len(df)} rows")
    print(f"BENCH pandas-profile read_ms={ms(t0, t_read):.1f} ms")
    print(f"BENCH pandas-profile stats_ms={ms(t_read, t_stats):.1f} ms")
    print(f"BENCH pandas-profile spearman_ms={ms(t_stats, t_end):.1f} ms")
    print(f"BENCH pandas-profile checksum={duplicates + pearson.shape[0] + spearman.shape[0]} -")
    print(f"BENCH pandas-profile ms={ms(t0, t_end):.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1])
