#!/usr/bin/env bash
# BENCH train-sample: the sample project's MLP spec as a whole `mlwb train` process, next to scikit-learn's
# MLPClassifier with the same layers, epochs and batch size on the same file, both timed as whole processes in one run.
# Needs Debian's python3-sklearn (apt-get install -y python3-sklearn). Usage: train-sample-vs-sklearn.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cp -r "$here/sample-projects/credit-risk" "$work/p"
(cd "$work/p" && git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm sample)
"$here/mlwb" --version >/dev/null   # build first, outside the timing
py=/usr/bin/python3
cat >"$work/sk.py" <<'PY'
import sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.neural_network import MLPClassifier
from sklearn.metrics import roc_auc_score
d = pd.read_csv(sys.argv[1]).sort_values("application_date")
y = d.pop("defaulted")
X = d.drop(columns=["application_id", "application_date", "sex", "age_band", "notes"], errors="ignore")
num = [c for c in X if X[c].dtype.kind in "fi"]; cat = [c for c in X if c not in num]
X[cat] = X[cat].astype(str)
n = len(X); tr = int(n * 0.7); te = int(n * 0.8)
pre = ColumnTransformer([("n", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), num),
                         ("c", OneHotEncoder(handle_unknown="ignore", max_categories=20), cat)])
m = make_pipeline(pre, MLPClassifier((64, 32), batch_size=256, max_iter=30, random_state=42))
m.fit(X.iloc[:tr], y.iloc[:tr])
print("AUC %.4f" % roc_auc_score(y.iloc[te:], m.predict_proba(X.iloc[te:])[:, 1]))
PY
best_m=999; best_s=999; auc_m=0; auc_s=0; eps=0
for i in $(seq 1 "$runs"); do
  s=$(date +%s.%N)
  "$here/mlwb" --project "$work/p" train training/mlp.yaml --json "$work/out.json" --quiet >/dev/null 2>&1
  e=$(date +%s.%N); t=$(echo "$e - $s" | bc -l)
  best_m=$(echo "if ($t < $best_m) $t else $best_m" | bc -l)
  auc_m=$($py -c "import json;print('%.4f'%json.load(open('$work/out.json'))['metrics']['test']['roc_auc'])")
  eps=$($py -c "import json;d=json.load(open('$work/out.json'));print('%.2f'%(d['epochs']/d['seconds']))")
  s=$(date +%s.%N)
  auc_s=$($py "$work/sk.py" "$work/p/data/applications_2023.csv" | awk '{print $2}')
  e=$(date +%s.%N); t=$(echo "$e - $s" | bc -l)
  best_s=$(echo "if ($t < $best_s) $t else $best_s" | bc -l)
done
printf 'BENCH train-sample mlwb_process_s=%.2f sklearn_process_s=%.2f ratio=%.2f mlwb_epochs_per_s=%s mlwb_test_auc=%s sklearn_test_auc=%s\n' \
  "$best_m" "$best_s" "$(echo "$best_m / $best_s" | bc -l)" "$eps" "$auc_m" "$auc_s"
