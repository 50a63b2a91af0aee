#!/usr/bin/env bash
# End to end, whole process against whole process: `./mlwb profile FILE --json OUT --no-store` (through the real
# launcher, so its JVM options count) beside pandas doing the same work (profile_pandas.py: read, describe-like
# statistics, quantiles, histograms, value counts, duplicates, Pearson, Spearman), back to back, RUNS times.
#
# Usage: modules/bench/scripts/profile-e2e-vs-pandas.sh [RUNS] [ROWS]     (defaults: 5 runs, 1,000,000 rows)
# Prints per run:
#   BENCH profile-e2e run=I mlwb_s=… pandas_s=… ratio=… mlwb_rss_mb=… pandas_rss_mb=… mlwb_cpu_s=… pandas_cpu_s=…
#         target_ratio=5 target_met=true|false
# then a summary line with the medians and ranges. Wall time, CPU time (user + system) and peak RSS come from
# wait4 (measure_process.py). The file is the seeded profile-1m CSV (io.mlwb.bench.ProfileDataGenerator), kept in
# ${TMPDIR:-/tmp} between runs. Exit status: 0 done, 2 pandas missing, 3 a run failed.
set -euo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"
scripts="$here/modules/bench/scripts"
runs="${1:-5}"
rows="${2:-1000000}"
target_ratio=5
target_rss_mb=1536
csv="${TMPDIR:-/tmp}/mlwb-profile-$rows.csv"
work="$(mktemp -d "${TMPDIR:-/tmp}/mlwb-e2e.XXXXXX")"
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
# use; the benchmark jar writes the CSV.
"$here/mlwb" --version >/dev/null
bench_jar="$here/modules/bench/target/mlwb-bench.jar"
[ -f "$bench_jar" ] || (cd "$here" && mvn -B -q -DskipTests package -pl modules/bench -am)
if [ ! -f "$csv" ]; then
  echo "writing $csv ($rows rows x 20 columns)…" >&2
  java -cp "$bench_jar" io.mlwb.bench.ProfileDataGenerator "$csv.part" "$rows"
  mv "$csv.part" "$csv"
fi
echo "== $(basename "$csv"): $(($(stat -L -c %s "$csv") / 1000000)) MB; $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $("$here/mlwb" --version | head -1); java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
echo "== $("$py" -c 'import pandas, numpy, scipy; print("pandas", pandas.__version__, "numpy", numpy.__version__, "scipy", scipy.__version__)')"
cat "$csv" >/dev/null   # both read it from the page cache

# One untimed warm-up of each (file cache, the archive, Python's bytecode cache).
"$here/mlwb" profile "$csv" --json "$work/warm.json" --no-store >/dev/null
"$py" "$scripts/profile_pandas.py" "$csv" >/dev/null

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
results="$work/results"
: >"$results"
for i in $(seq 1 "$runs"); do
  m="$("$py" "$scripts/measure_process.py" "$work/mlwb.log" "$here/mlwb" profile "$csv" --json "$work/out.json" \
        --no-store)" || { echo "mlwb failed:" >&2; cat "$work/mlwb.log" >&2; exit 3; }
  p="$("$py" "$scripts/measure_process.py" "$work/pandas.log" "$py" "$scripts/profile_pandas.py" "$csv")" \
    || { echo "pandas failed:" >&2; cat "$work/pandas.log" >&2; exit 3; }
  [ -s "$work/out.json" ] || { echo "mlwb wrote no JSON" >&2; exit 3; }
  ms="$(field wall_s "$m")"
  ps="$(field wall_s "$p")"
  mcpu="$(awk -v u="$(field user_s "$m")" -v s="$(field sys_s "$m")" 'BEGIN{printf "%.2f", u + s}')"
  pcpu="$(awk -v u="$(field user_s "$p")" -v s="$(field sys_s "$p")" 'BEGIN{printf "%.2f", u + s}')"
  mrss="$(field rss_mb "$m")"
  prss="$(field rss_mb "$p")"
  ratio="$(awk -v a="$ps" -v b="$ms" 'BEGIN{printf "%.2f", a / b}')"
  met="$(awk -v r="$ratio" -v t="$target_ratio" -v m="$mrss" -v x="$target_rss_mb" \
        'BEGIN{print (r >= t && m <= x) ? "true" : "false"}')"
  echo "BENCH profile-e2e run=$i mlwb_s=$ms pandas_s=$ps ratio=$ratio mlwb_rss_mb=$mrss pandas_rss_mb=$prss" \
       "mlwb_cpu_s=$mcpu pandas_cpu_s=$pcpu target_ratio=$target_ratio target_met=$met"
  echo "$ms $ps $ratio $mrss $mcpu $pcpu" >>"$results"
  rm -f "$work/out.json"
done

# Medians and ranges over the runs.
median() { sort -g | awk '{v[NR]=$1} END{print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
col() { awk -v c="$1" '{print $c}' "$results"; }
r_med="$(col 3 | median)"
r_min="$(col 3 | sort -g | head -1)"
r_max="$(col 3 | sort -g | tail -1)"
rss_max="$(col 4 | sort -g | tail -1)"
met="$(awk -v r="$r_med" -v t="$target_ratio" -v m="$rss_max" -v x="$target_rss_mb" \
      'BEGIN{print (r >= t && m <= x) ? "true" : "false"}')"
echo "BENCH profile-e2e summary runs=$runs mlwb_s=$(col 1 | median) pandas_s=$(col 2 | median) ratio=$r_med" \
     "ratio_min=$r_min ratio_max=$r_max mlwb_rss_max_mb=$rss_max mlwb_cpu_s=$(col 5 | median)" \
     "pandas_cpu_s=$(col 6 | median) target_ratio=$target_ratio target_rss_mb=$target_rss_mb target_met=$met"
