#!/usr/bin/env bash
# profile-1m beside pandas on the same seeded file, in one run. Usage: modules/bench/scripts/profile-vs-pandas.sh [ROWS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"
rows="${1:-1000000}"
csv="${TMPDIR:-/tmp}/mlwb-profile-$rows.csv"
jar="$here/modules/bench/target/mlwb-bench.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
echo "== mlwb (java -Xmx1g) on $csv"
java -Xmx1g -Dmlwb.bench.csv="$csv" -jar "$jar" profile-1m --size "$rows"
echo "== pandas on the same file"
py=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c "import pandas, scipy" 2>/dev/null; then py="$candidate"; break; fi
done
if [ -z "$py" ]; then
  echo "pandas is not installed (Debian: apt-get install -y python3-pandas python3-scipy)" >&2
  exit 2
fi
"$py" -c "import pandas; print('pandas', pandas.__version__)"
"$py" "$here/modules/bench/scripts/profile_pandas.py" "$csv"
