#!/usr/bin/env python3
"""Checks that `mlwb drift --json` and drift_pandas.py --json agree on the same two files.

Usage: python3 drift_compare.py MLWB.json PANDAS.json [REL]
Per column (matched by name): the same test, statistic, PSI and KL within a relative REL (default 1e-6; absolute
when both are below 1e-12), the same drifted verdict; then the same dataset verdict and drift share. Prints one line per
disagreement and a summary line `agree columns=N max_rel=…`; exit status 0 when they agree, 1 otherwise.
"""
import json
import sys


def rel(a, b):
    if a is None or b is None:
        return 0.0 if a is b else float("inf")
    d = abs(a - b)
    scale = max(abs(a), abs(b))
    return d if scale < 1e-12 else d / scale


def main(mlwb_path, pandas_path, tol):
    with open(mlwb_path) as f:
        m = json.load(f)
    with open(pandas_path) as f:
        p = json.load(f)
    ours = {c["name"]: c for c in m["columns"]}
    problems = []
    worst = 0.0
    for c in p["columns"]:
        o = ours.get(c["name"])
        if o is None:
            problems.append(f"{c['name']}: not in the mlwb report")
            continue
        if o["test"] != c["test"]:
            problems.append(f"{c['name']}: test {o['test']} vs {c['test']}")
        for key in ("statistic", "p_value", "psi", "kl"):
            r = rel(o.get(key), c.get(key))
            worst = max(worst, r)
            if r > tol:
                problems.append(f"{c['name']}: {key} {o.get(key)!r} vs {c.get(key)!r} (relative {r:.3g})")
        if o["drifted"] != c["drifted"]:
            problems.append(f"{c['name']}: drifted {o['drifted']} vs {c['drifted']}")
    if len(ours) != len(p["columns"]):
        problems.append(f"columns: {len(ours)} in the mlwb report vs {len(p['columns'])}")
    if m["dataset_drift"] != p["dataset_drift"]:
        problems.append(f"dataset_drift {m['dataset_drift']} vs {p['dataset_drift']}")
    if rel(m["drift_share"], p["drift_share"]) > tol:
        problems.append(f"drift_share {m['drift_share']} vs {p['drift_share']}")
    for line in problems:
        print("DISAGREE " + line)
    print(f"{'agree' if not problems else 'disagree'} columns={len(p['columns'])} max_rel={worst:.3g} tol={tol:g}")
    return 0 if not problems else 1


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) == 4 else 1e-6))
