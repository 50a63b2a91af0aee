#!/usr/bin/python3
"""Reference values for the profiler tests (io.mlwb.data.profile.PandasReferenceTest).

Writes, for each dataset, <name>.csv (the data) and <name>.expected.json (what pandas 1.5 / numpy 1.24 / scipy 1.10
compute). The Java tests read both; they never run Python. Regenerate with the Debian packages:

    apt-get install -y python3-pandas python3-scipy
    cd modules/data/src/test/resources/profile && /usr/bin/python3 make_reference.py

Definitions the profiler promises (and this script uses):
  * numeric statistics are over the finite values (infinities are counted, not averaged);
  * distinct / top values are over all present values (infinities included);
  * top values: count descending, ties by value ascending;
  * Pearson/Spearman: DataFrame.corr over numeric and boolean (0/1) columns with infinities as missing;
  * Cramér's V: chi2_contingency(correction=False) on the pairwise-complete crosstab, sqrt(chi2/(n(min(r,c)-1)));
  * imbalance: 1 - scipy.stats.entropy(counts, base=k) (ydata-profiling);
  * point-biserial: Series.corr(feature, target coded 0/1, first label in sort order = 0).
"""
import json
import math

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency, entropy

Q = [0.05, 0.25, 0.5, 0.75, 0.95]


def num(x):
    x = float(x)
    return x if math.isfinite(x) else None


def mixed(rng):
    n = 500
    normal = rng.normal(10, 3, n)
    df = pd.DataFrame({
        "id": np.arange(n),
        "normal": normal,
        "correlated": 2 * normal + rng.normal(0, 0.5, n),
        "with_missing": np.where(rng.random(n) < 0.25, np.nan, rng.uniform(-1, 1, n)),
        "ties": np.where(rng.random(n) < 0.05, np.nan, rng.integers(-5, 6, n).astype(float)),
        "constant": np.full(n, 7.0),
        "spike": np.where(np.arange(n) == 123, 1e6, 0.0),
        "lognormal": rng.lognormal(0, 1.5, n),
        "with_inf": rng.normal(0, 1, n),
        "flag": pd.array(np.where(rng.random(n) < 0.1, None, rng.random(n) < 0.3), dtype="boolean"),
        "cat_small": pd.Series(rng.choice(["a", "b", "c"], n, p=[0.6, 0.3, 0.1])).where(rng.random(n) > 0.05),
        "cat_big": pd.Series([f"k{i:02d}" for i in rng.integers(0, 80, n)]),
        "cat_imb": pd.Series(rng.choice(["x", "y"], n, p=[0.97, 0.03])),
        "text": pd.Series(rng.choice(["apple", "é", "中文字", "a longer sentence here", "😀 ok", "zz"], n))
                .where(rng.random(n) > 0.1),
        "day": pd.Series(pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 90, n), unit="D"))
               .where(rng.random(n) > 0.1),
        "stamp": pd.Series(pd.Timestamp("2024-03-01T00:00:00")
                           + pd.to_timedelta(rng.integers(0, 10**7, n), unit="s")),
        "label": pd.Series(np.where(normal + rng.normal(0, 3, n) > 10, "yes", "no")),
    })
    wi = df["with_inf"].to_numpy()
    wi[[3, 50, 77]] = np.inf
    wi[[9, 10]] = -np.inf
    wi[[11, 12, 13]] = np.nan
    df["with_inf"] = wi
    types = {"id": "numeric", "normal": "numeric", "correlated": "numeric", "with_missing": "numeric",
             "ties": "numeric", "constant": "numeric", "spike": "numeric", "lognormal": "numeric",
             "with_inf": "numeric", "flag": "boolean", "cat_small": "categorical", "cat_big": "categorical",
             "cat_imb": "categorical", "text": "text", "day": "date", "stamp": "datetime", "label": "categorical"}
    return df, types, "label"


def dups(rng):
    n = 280
    df = pd.DataFrame({
        "a": np.where(rng.random(n) < 0.1, np.nan, rng.integers(0, 4, n).astype(float)),
        "b": np.where(rng.random(n) < 0.2, np.nan, rng.integers(-2, 3, n) * 0.5),
        "c": rng.normal(0, 1, n).round(1),
        "g": pd.Series(rng.choice(["u", "v", "w"], n)).where(rng.random(n) > 0.1),
        "f": pd.array(rng.random(n) < 0.5, dtype="boolean"),
        "y": rng.integers(0, 2, n).astype(float),
    })
    df = pd.concat([df, df.iloc[[1, 5, 5, 17, 40]]], ignore_index=True)
    types = {"a": "numeric", "b": "numeric", "c": "numeric", "g": "categorical", "f": "boolean", "y": "numeric"}
    return df, types, "y"


def top_values(s, kind):
    vc = s.dropna().value_counts()
    items = list(vc.items())
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    out = []
    for v, c in items[:10]:
        if kind == "numeric":
            v = num(v) if math.isfinite(v) else ("inf" if v > 0 else "-inf")
        elif kind == "boolean":
            v = bool(v)
        elif kind == "date":
            v = v.strftime("%Y-%m-%d")
        elif kind == "datetime":
            v = v.strftime("%Y-%m-%dT%H:%M:%S")
        out.append([v, int(c)])
    return out


def cramers_v(x, y):
    sub = pd.concat([x, y], axis=1).dropna()
    if x.name == y.name:
        return 1.0 if x.dropna().nunique() >= 2 else None
    ct = pd.crosstab(sub.iloc[:, 0], sub.iloc[:, 1])
    k = min(ct.shape)
    if k < 2:
        return None
    chi2 = chi2_contingency(ct.to_numpy(), correction=False)[0]
    return num(math.sqrt(chi2 / (ct.to_numpy().sum() * (k - 1))))


def describe(df, types, target):
    cols = []
    for name, kind in types.items():
        s = df[name]
        c = {"name": name, "type": kind, "count": int(s.notna().sum()), "missing": int(s.isna().sum()),
             "distinct": int(s.nunique()), "top": top_values(s, kind)}
        if kind == "numeric":
            p = s.dropna().astype(float)
            f = p[np.isfinite(p)]
            qs = f.quantile(Q)
            edges_counts = np.histogram(f.to_numpy(), bins=50)
            c.update({"mean": num(f.mean()), "std": num(f.std()), "min": num(f.min()), "max": num(f.max()),
                      "p5": num(qs[0.05]), "p25": num(qs[0.25]), "p50": num(qs[0.5]), "p75": num(qs[0.75]),
                      "p95": num(qs[0.95]), "skewness": num(f.skew()), "kurtosis": num(f.kurt()),
                      "sum": num(f.sum()), "zeros": int((p == 0).sum()), "negatives": int((p < 0).sum()),
                      "positiveInfinities": int((p == np.inf).sum()), "negativeInfinities": int((p == -np.inf).sum()),
                      "histogramCounts": [int(v) for v in edges_counts[0]],
                      "histogramEdges": [num(v) for v in edges_counts[1]]})
        if kind in ("categorical", "text"):
            lengths = s.dropna().str.len()
            c.update({"minLength": int(lengths.min()), "meanLength": num(lengths.mean()),
                      "maxLength": int(lengths.max())})
        if kind in ("categorical", "boolean"):
            vc = s.dropna().value_counts().to_numpy(dtype=float)
            k = len(vc)
            c["imbalance"] = num(1 - entropy(vc, base=k)) if k > 1 else 0.0
        if kind in ("date", "datetime"):
            d = pd.to_datetime(s.dropna()).sort_values()
            u = d.drop_duplicates()
            fmt = "%Y-%m-%d" if kind == "date" else "%Y-%m-%dT%H:%M:%S"
            c.update({"minDate": d.min().strftime(fmt), "maxDate": d.max().strftime(fmt),
                      "largestGapMillis": int(u.diff().max() / pd.Timedelta(milliseconds=1)) if len(u) > 1 else 0})
            if kind == "date":
                c["missingDays"] = int((d.max() - d.min()).days + 1 - len(u))
        cols.append(c)

    numeric_cols = [n for n, k in types.items() if k in ("numeric", "boolean")]
    nf = df[numeric_cols].astype(float).replace([np.inf, -np.inf], np.nan)
    matrices = {}
    for method in ("pearson", "spearman"):
        m = nf.corr(method=method)
        matrices[method] = {a: {b: num(m.loc[a, b]) for b in numeric_cols} for a in numeric_cols}
    cat_cols = [n for n, k in types.items() if k in ("categorical", "boolean")]
    matrices["cramersV"] = {a: {b: cramers_v(df[a], df[b]) for b in cat_cols} for a in cat_cols}

    tkind = types[target]
    tser = df[target]
    labels = sorted(tser.dropna().unique())
    binary = len(labels) == 2
    assoc = []
    for name, kind in types.items():
        if name == target:
            continue
        a = {"column": name, "pearson": None, "spearman": None, "pointBiserial": None, "cramersV": None}
        if kind in ("numeric", "boolean"):
            x = nf[name]
            if tkind in ("numeric", "boolean"):
                a["pearson"] = matrices["pearson"][name][target]
                a["spearman"] = matrices["spearman"][name][target]
                if binary:
                    a["pointBiserial"] = a["pearson"]
            elif binary:
                coded = tser.map({labels[0]: 0.0, labels[1]: 1.0}).astype(float)
                a["pointBiserial"] = num(x.corr(coded))
        if kind in ("categorical", "boolean") and tkind in ("categorical", "boolean"):
            a["cramersV"] = matrices["cramersV"][name][target]
        elif kind in ("categorical", "boolean") and tkind == "numeric" and tser.nunique() <= 100:
            # a numeric target with few values (0/1 labels) is also categorical for Cramér's V
            a["cramersV"] = cramers_v(df[name], tser)
        assoc.append(a)

    return {"rows": len(df), "duplicateRows": int(df.duplicated().sum()),
            "missingCells": int(df.isna().sum().sum()), "target": target, "types": types, "columns": cols,
            "correlations": matrices, "targetAssociations": assoc}


def write(name, df, types, target):
    out = df.copy()
    for n, k in types.items():
        if k == "date":
            out[n] = out[n].dt.strftime("%Y-%m-%d")
        elif k == "datetime":
            out[n] = out[n].dt.strftime("%Y-%m-%dT%H:%M:%S")
    out.to_csv(f"{name}.csv", index=False, na_rep="")
    with open(f"{name}.expected.json", "w") as fh:
        json.dump(describe(df, types, target), fh, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    rng = np.random.default_rng(20260526)
    write("mixed", *mixed(rng))
    write("dups", *dups(rng))
