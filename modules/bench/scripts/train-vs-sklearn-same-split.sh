#!/usr/bin/env bash
# The quality check of issue 10, automated: train a quick baseline with `mlwb train --data FILE --target COLUMN
# --model M --split S --json OUT`, then fit scikit-learn on exactly the same rows (the run's split.csv) and the same
# feature columns (the run's model.zip preprocessing.json), and compare the test ROC AUC. Exit 1 when mlwb's AUC is
# more than 0.02 below scikit-learn's. Needs Debian's python3-sklearn.
# Usage: train-vs-sklearn-same-split.sh PROJECT_DIR DATA_FILE TARGET [logistic|mlp] [random|stratified|time:COLUMN]
set -euo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"
proj="$(cd "$1" && pwd)"; data="$2"; target="$3"; model="${4:-logistic}"; split="${5:-stratified}"
out="$(mktemp -d)/out.json"
"$here/mlwb" --project "$proj" train --data "$data" --target "$target" --model "$model" --split "$split" \
  --json "$out" --quiet >/dev/null
/usr/bin/python3 - "$proj" "$data" "$target" "$model" "$out" <<'PY'
import json, sys, zipfile, os, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.metrics import roc_auc_score
proj, data, target, model, out = sys.argv[1:6]
res = json.load(open(out))
run_dir = os.path.join(proj, os.path.dirname(res["model"]))
features = json.loads(zipfile.ZipFile(os.path.join(proj, res["model"])).read("preprocessing.json"))["features"]
meta = json.loads(zipfile.ZipFile(os.path.join(proj, res["model"])).read("model.json"))
cols = [f["column"] for f in features]
num = [f["column"] for f in features if f["kind"] in ("numeric", "boolean")]
cat = [f["column"] for f in features if f["kind"] == "one_hot"]
d = pd.read_csv(os.path.join(proj, data))
split = pd.read_csv(os.path.join(run_dir, "split.csv"))
y = (d[target].astype(str) == str(meta["positive_class"])).astype(int)
X = d[cols].copy()
for c in num:
    X[c] = pd.to_numeric(X[c], errors="coerce")
X[cat] = X[cat].astype(str)
pre = ColumnTransformer([("n", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), num),
                         ("c", OneHotEncoder(handle_unknown="ignore"), cat)])
est = LogisticRegression(max_iter=2000) if model != "mlp" else MLPClassifier((64, 32), max_iter=40, random_state=0)
tr = split[split.split == "train"].row.values - 1
te = split[split.split == "test"].row.values - 1
pl = make_pipeline(pre, est).fit(X.iloc[tr], y.iloc[tr])
sk = roc_auc_score(y.iloc[te], pl.predict_proba(X.iloc[te])[:, 1])
ml = res["metrics"]["test"]["roc_auc"]
ok = ml >= sk - 0.02
print("BENCH train-same-split mlwb_test_auc=%.4f sklearn_test_auc=%.4f difference=%.4f within_0_02=%s"
      % (ml, sk, ml - sk, str(ok).lower()))
sys.exit(0 if ok else 1)
PY
