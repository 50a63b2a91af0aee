#!/usr/bin/env bash
# drift-1m end to end, whole process against whole process: `./mlwb drift REF CUR --json OUT --no-record` (through
# the real launcher, so its JVM options count) beside pandas + scipy doing the same comparison (drift_pandas.py: read
# both files; Wasserstein, Jensen-Shannon, PSI and KL per column, as docs/drift.md defines them), back to back, RUNS
# times, on the seeded 1,000,000 x 20 reference and current files of io.mlwb.bench.DriftDataGenerator (8 columns
# shifted). Every run also checks that the two JSON reports agree (drift_compare.py: same tests and verdicts,
# statistic, PSI and KL within a relative 1e-6).
#
# Usage: modules/bench/scripts/drift-vs-pandas.sh [RUNS] [ROWS]     (defaults: 5 runs, 1,000,000 rows)
# Prints per run:
#   BENCH drift-e2e run=I mlwb_s=… pandas_s=… ratio=… mlwb_rss_mb=… pandas_rss_mb=… mlwb_cpu_s=… pandas_cpu_s=…
#         agree=true|false target_ratio=5 target_met=true|false
# then a summary line with the medians and ranges. Wall time, CPU time (user + system) and peak RSS come from wait4
# (measure_process.py). The files are kept in ${TMPDIR:-/tmp} between runs (writing them takes ~15 s).
# Exit status: 0 done and every run agreed, 1 the reports disagreed, 2 pandas missing, 3 a run failed.
set -euo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"
scripts="$here/modules/bench/scripts"
runs="${1:-5}"
rows="${2:-1000000}"
target_ratio=5
ref="${TMPDIR:-/tmp}/mlwb-drift-ref-$rows.csv"
cur="${TMPDIR:-/tmp}/mlwb-drift-cur-$rows.csv"
work="$(mktemp -d "${TMPDIR:-/tmp}/mlwb-drift-e2e.XXXXXX")"
trap 'rm -rf "$work"' EXIT

py=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c "import pandas, scipy" 2>/dev/null; then
    py="$candidate"
    break
  fi
done
if [ -z "$py" ]; then
  echo "pandas (with numpy and scipy) is not installed for python3, so there is nothing to compare with." >&2
  echo "Install it: sudo apt-get install -y python3-pandas python3-scipy   (Debian/Ubuntu)" >&2
  echo "        or: python3 -m pip install pandas scipy" >&2
  exit 2
fi

# Build what is needed (outside the timings): the launcher builds the CLI and makes its class-data archive on first
# use; the benchmark jar writes the files.
"$here/mlwb" --version >/dev/null
bench_jar="$here/modules/bench/target/mlwb-bench.jar"
[ -f "$bench_jar" ] || (cd "$here" && mvn -B -q -DskipTests package -pl modules/bench -am)
if [ ! -f "$ref" ] || [ ! -f "$cur" ]; then
  echo "writing $ref and $cur ($rows rows x 20 columns each)…" >&2
  java -cp "$bench_jar" io.mlwb.bench.DriftDataGenerator "$ref.part" "$cur.part" "$rows"
  mv "$ref.part" "$ref"
  mv "$cur.part" "$cur"
fi
mb() { echo $(($(stat -L -c %s "$1") / 1000000)); }
echo "== $(basename "$ref") $(mb "$ref") MB, $(basename "$cur") $(mb "$cur") MB; $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $("$here/mlwb" --version | head -1); java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
echo "== $("$py" -c 'import pandas, numpy, scipy; print("pandas", pandas.__version__, "numpy", numpy.__version__, "scipy", scipy.__version__)')"
cat "$ref" "$cur" >/dev/null   # both read them from the page cache

# One untimed warm-up of each (file cache, the class-data archive, Python's bytecode cache).
"$here/mlwb" drift "$ref" "$cur" --json "$work/warm.json" --no-record >/dev/null
"$py" "$scripts/drift_pandas.py" "$ref" "$cur" >/dev/null

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
results="$work/results"
: >"$results"
all_agree=true
for i in $(seq 1 "$runs"); do
  rm -f "$work/mlwb.json" "$work/pandas.json"
  m="$("$py" "$scripts/measure_process.py" "$work/mlwb.log" "$here/mlwb" drift "$ref" "$cur" \
        --json "$work/mlwb.json" --no-record)" || { echo "mlwb failed:" >&2; cat "$work/mlwb.log" >&2; exit 3; }
  p="$("$py" "$scripts/measure_process.py" "$work/pandas.log" "$py" "$scripts/drift_pandas.py" "$ref" "$cur" \
        --json "$work/pandas.json")" || { echo "pandas failed:" >&2; cat "$work/pandas.log" >&2; exit 3; }
  [ -s "$work/mlwb.json" ] || { echo "mlwb wrote no JSON" >&2; exit 3; }
  [ -s "$work/pandas.json" ] || { echo "pandas wrote no JSON" >&2; exit 3; }
  if "$py" "$scripts/drift_compare.py" "$work/mlwb.json" "$work/pandas.json" >"$work/compare.log"; then
    agree=true
  else
    agree=false
    all_agree=false
    cat "$work/compare.log" >&2
  fi
  ms="$(field wall_s "$m")"
  ps="$(field wall_s "$p")"
  mcpu="$(awk -v u="$(field user_s "$m")" -v s="$(field sys_s "$m")" 'BEGIN{printf "%.2f", u + s}')"
  pcpu="$(awk -v u="$(field user_s "$p")" -v s="$(field sys_s "$p")" 'BEGIN{printf "%.2f", u + s}')"
  mrss="$(field rss_mb "$m")"
  prss="$(field rss_mb "$p")"
  ratio="$(awk -v a="$ps" -v b="$ms" 'BEGIN{printf "%.2f", a / b}')"
  met="$(awk -v r="$ratio" -v t="$target_ratio" 'BEGIN{print (r >= t) ? "true" : "false"}')"
  echo "BENCH drift-e2e run=$i mlwb_s=$ms pandas_s=$ps ratio=$ratio mlwb_rss_mb=$mrss pandas_rss_mb=$prss" \
       "mlwb_cpu_s=$mcpu pandas_cpu_s=$pcpu agree=$agree target_ratio=$target_ratio target_met=$met"
  echo "$ms $ps $ratio $mrss $mcpu $pcpu" >>"$results"
done
echo "== agreement (last run): $(tail -1 "$work/compare.log")"

# Medians and ranges over the runs.
median() { sort -g | awk '{v[NR]=$1} END{print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
col() { awk -v c="$1" '{print $c}' "$results"; }
r_med="$(col 3 | median)"
met="$(awk -v r="$r_med" -v t="$target_ratio" 'BEGIN{print (r >= t) ? "true" : "false"}')"
echo "BENCH drift-e2e summary runs=$runs mlwb_s=$(col 1 | median) mlwb_s_min=$(col 1 | sort -g | head -1)" \
     "mlwb_s_max=$(col 1 | sort -g | tail -1) pandas_s=$(col 2 | median) ratio=$r_med" \
     "ratio_min=$(col 3 | sort -g | head -1) ratio_max=$(col 3 | sort -g | tail -1)" \
     "mlwb_rss_max_mb=$(col 4 | sort -g | tail -1) mlwb_cpu_s=$(col 5 | median) pandas_cpu_s=$(col 6 | median)" \
     "agree=$all_agree target_ratio=$target_ratio target_met=$met"
[ "$all_agree" = true ] || exit 1
