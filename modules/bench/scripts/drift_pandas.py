#!/usr/bin/env python3
"""The drift comparison of `mlwb drift REF CUR`, done with pandas + scipy on the same files, for the side-by-side
figure of the drift-1m benchmark and as an independent reference of the definitions in docs/drift.md.

Usage: python3 drift_pandas.py REFERENCE.csv CURRENT.csv [--json OUT]
Prints BENCH lines (read, statistics and total milliseconds); --json writes the per-column results
({"columns": [{"name", "type", "test", "statistic", "p_value", "drifted", "psi", "kl"}], "drift_share", ...}).

Per column, on the non-missing values of each side (docs/drift.md):
- numeric with more than 5 distinct reference values: reference <= 1000 values -> scipy.stats.ks_2samp (two-sided,
  method auto), drifted when p <= 0.05; else scipy.stats.wasserstein_distance / reference std (ddof 0, floored at
  0.001), drifted when >= 0.1. PSI/KL on 10 bins: inner edges numpy.percentile(ref, 10..90) (linear), bins closed on
  the right (numpy.searchsorted side='left'), outer bins open;
- otherwise (categorical, boolean, numeric with <= 5 distinct values): one bin per category of the union;
  reference <= 1000 -> scipy.stats.chisquare(current counts, reference share * current total), k-1 dof, drifted when
  p <= 0.05; else scipy.spatial.distance.jensenshannon (natural log), drifted when >= 0.1.
- proportions over each side's non-missing values, 0 -> 0.0001 (no renormalisation); PSI = sum (c - r) ln(c / r),
  KL = sum c ln(c / r). Dataset drift when the share of drifted columns >= 0.5.
Needs pandas, numpy and scipy (Debian: apt-get install python3-pandas python3-scipy).
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

EPS = 1e-4


def proportions(counts):
    total = counts.sum()
    p = counts / total if total > 0 else counts.astype(float)
    return np.where(p == 0, EPS, p)


def psi_kl(ref_p, cur_p):
    return float(np.sum((cur_p - ref_p) * np.log(cur_p / ref_p))), float(np.sum(cur_p * np.log(cur_p / ref_p)))


def numeric(name, ref, cur):
    if len(ref) <= 1000:
        res = stats.ks_2samp(ref, cur)
        test, statistic, p, drifted = "ks", float(res.statistic), float(res.pvalue), bool(res.pvalue <= 0.05)
    else:
        std = max(float(np.std(ref)), 0.001)
        statistic = float(stats.wasserstein_distance(ref, cur)) / std
        test, p, drifted = "wasserstein", None, statistic >= 0.1
    edges = np.percentile(ref, np.arange(10, 100, 10))
    ref_c = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=10)
    cur_c = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=10)
    psi, kl = psi_kl(proportions(ref_c), proportions(cur_c))
    return {"name": name, "type": "numeric", "test": test, "statistic": statistic, "p_value": p, "drifted": drifted,
            "psi": psi, "kl": kl}


def categorical(name, ref, cur):
    ref = ref.astype(str)
    cur = cur.astype(str)
    cats = sorted(set(ref.unique()) | set(cur.unique()))
    ref_c = ref.value_counts().reindex(cats, fill_value=0).to_numpy()
    cur_c = cur.value_counts().reindex(cats, fill_value=0).to_numpy()
    if len(ref) <= 1000:
        expected = ref_c / ref_c.sum() * cur_c.sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            res = stats.chisquare(cur_c, expected)
        test, statistic, p = "chi2", float(res.statistic), float(res.pvalue)
        drifted = bool(p <= 0.05)
    else:
        statistic = float(distance.jensenshannon(ref_c / ref_c.sum(), cur_c / cur_c.sum()))
        test, p, drifted = "jensenshannon", None, statistic >= 0.1
    psi, kl = psi_kl(proportions(ref_c), proportions(cur_c))
    return {"name": name, "type": "categorical", "test": test, "statistic": statistic, "p_value": p,
            "drifted": drifted, "psi": psi, "kl": kl}


def main(ref_path, cur_path, out):
    t0 = time.perf_counter()
    ref_df = pd.read_csv(ref_path)
    cur_df = pd.read_csv(cur_path)
    t_read = time.perf_counter()
    columns = []
    for name in ref_df.columns:
        if name not in cur_df.columns:
            continue
        ref = ref_df[name].dropna()
        cur = cur_df[name].dropna()
        if len(ref) == 0 or len(cur) == 0:
            continue
        if pd.api.types.is_numeric_dtype(ref) and ref.nunique() > 5:
            columns.append(numeric(name, ref.to_numpy(dtype=float), cur.to_numpy(dtype=float)))
        else:
            columns.append(categorical(name, ref, cur))
    t_stats = time.perf_counter()
    share = sum(c["drifted"] for c in columns) / len(columns) if columns else 0.0
    print(f"BENCH drift-pandas read_ms={(t_read - t0) * 1000:.1f}")
    print(f"BENCH drift-pandas stats_ms={(t_stats - t_read) * 1000:.1f}")
    print(f"BENCH drift-pandas total_ms={(t_stats - t0) * 1000:.1f}")
    print(f"BENCH drift-pandas drift_share={share:.4f}")
    if out:
        with open(out, "w") as f:
            json.dump({"dataset_drift": share >= 0.5, "drift_share": share, "columns": columns}, f, indent=1)


if __name__ == "__main__":
    args = sys.argv[1:]
    out = None
    if "--json" in args:
        i = args.index("--json")
        out = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(args[0], args[1], out)
