#!/usr/bin/env bash
# The installer test (issue 15). Run by .ci/run only when MLWB_INSTALLER_TEST=1, so the normal CI stays fast:
#   MLWB_INSTALLER_TEST=1 bash .ci/run      or      bash jpackage/test-installer.sh [--no-build]
# Builds the app-image (and the .deb when dpkg-deb and fakeroot are there), then, with JAVA_HOME unset, no `java`
# on PATH, an empty home directory and, where the system allows it, no network (a new network namespace):
#   1. `mlwb --version`;
#   2. `mlwb profile` of the sample's data;
#   3. a short `mlwb train` on a copy of the sample (DJL finds the packaged natives: unpacked on this first start);
#   4. the workbench under Xvfb until its window is mapped (screenshot in jpackage/target/installer-test/);
#   5. as root with dpkg: `dpkg -i` of the .deb, then `mlwb --version`, `mlwb profile` and a short `mlwb train` through
#      the `mlwb` that the package put on PATH (/usr/bin/mlwb), in a new empty home, with no network; the menu entry
#      and the MIME type are checked, then `dpkg -r` must remove the command again. MLWB_INSTALLER_DEB=0 skips it.
# Prints the first-start figures (natives unpacking, disk use) and exits non-zero on the first failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="$here/target/installer-test"
say() { echo "[installer-test] $*"; }
fail() { echo "[installer-test] FAILED: $*" >&2; exit 1; }

# What the test needs beyond the JDK, Maven and git, installed when missing (as root, on Debian/Ubuntu).
need=()
command -v fakeroot >/dev/null || need+=(fakeroot)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v bc >/dev/null || need+=(bc)
ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' || need+=(libgtk-3-0 libgl1 libxtst6)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "${1:-}" != "--no-build" ]; then
  say "building the installers: mvn -B -Pinstaller -DskipTests package"
  (cd "$repo" && mvn -B -q -Pinstaller -DskipTests package)
fi
app="$here/target/image/mlwb"
[ -x "$app/bin/mlwb" ] || fail "no app-image at $app (build it with mvn -Pinstaller package)"
rm -rf "$out" && mkdir -p "$out"

# A bare environment: no JDK, no java on PATH, an empty home.
home="$(mktemp -d "${TMPDIR:-/tmp}/mlwb-empty-home.XXXXXX")"
bare_path="$out/bin"
mkdir -p "$bare_path"
for t in sh bash; do ln -sf "$(command -v $t)" "$bare_path/$t"; done
# Java takes its home from the password database, not $HOME: user.home points it at the empty one, as for a new user
bare=(env -i HOME="$home" PATH="$bare_path" LANG=C.UTF-8 USER="${USER:-mlwb}" JAVA_TOOL_OPTIONS="-Duser.home=$home")
netns=()
if unshare -rn true 2>/dev/null; then
  netns=(unshare -rn)   # a fresh network namespace: only a downed loopback, nothing reachable
  say "network: none (unshare -rn)"
elif unshare -n true 2>/dev/null; then
  netns=(unshare -n)
  say "network: none (unshare -n)"
else
  say "network: this system does not allow a private network namespace; running with the host's network"
fi
run() { "${netns[@]}" "${bare[@]}" "$@"; }
run sh -c 'command -v java' >/dev/null 2>&1 && fail "java is on the bare PATH"

say "1. mlwb --version"
run "$app/bin/mlwb" --version | tee "$out/version.txt"
grep -q . "$out/version.txt" || fail "--version printed nothing"

say "2. mlwb profile"
run "$app/bin/mlwb" profile "$repo/sample-projects/credit-risk/data/applications_2024q1.csv" --json "$out/profile.json" \
  --no-store > "$out/profile.txt" 2>&1 || { cat "$out/profile.txt"; fail "mlwb profile"; }
grep -q '"columns"' "$out/profile.json" || fail "the profile JSON has no columns"

say "3. mlwb train (first use of the natives)"
proj="$out/credit-risk"
cp -r "$repo/sample-projects/credit-risk" "$proj"
start=$(date +%s.%N)
run "$app/bin/mlwb" init "$proj" > "$out/init.txt" 2>&1 || true
run "$app/bin/mlwb" --project "$proj" train training/logistic_baseline.yaml --set epochs=2 --json "$out/train.json" \
  > "$out/train.txt" 2>&1 || { cat "$out/train.txt"; fail "mlwb train"; }
first=$(echo "$(date +%s.%N) - $start" | bc)
grep -q '"run_id"' "$out/train.json" || fail "train wrote no run"
start=$(date +%s.%N)
run "$app/bin/mlwb" --project "$proj" train training/logistic_baseline.yaml --set epochs=2 > "$out/train2.txt" 2>&1 \
  || { cat "$out/train2.txt"; fail "second mlwb train"; }
second=$(echo "$(date +%s.%N) - $start" | bc)
grep -h "unpack" "$out/version.txt" "$out/profile.txt" "$out/train.txt" "$out/init.txt" 2>/dev/null || true
echo "FIRSTSTART train_first_s=$first train_second_s=$second natives_cache_mb=$(du -sm "$home/.djl.ai" | cut -f1)"

say "4. the workbench under Xvfb"
if command -v Xvfb >/dev/null; then
  disp=":$(( 140 + RANDOM % 50 ))"
  Xvfb "$disp" -screen 0 1400x900x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
  "${netns[@]}" "${bare[@]}" DISPLAY="$disp" "$app/bin/mlwb" \
    > "$out/gui.txt" 2>&1 & gui=$!
  shown=""
  for _ in $(seq 1 90); do
    if DISPLAY="$disp" xwininfo -root -tree 2>/dev/null | grep -q 'ML Workbench'; then shown=yes; break; fi
    kill -0 $gui 2>/dev/null || break
    sleep 1
  done
  [ -n "$shown" ] && sleep 4 && command -v import >/dev/null && DISPLAY="$disp" import -window root "$out/gui.png" || true
  kill $gui 2>/dev/null || true; wait $gui 2>/dev/null || true
  kill $xvfb 2>/dev/null || true
  [ -n "$shown" ] || { cat "$out/gui.txt"; fail "the workbench window did not appear"; }
  [ -d "$home/mlwb-projects/credit-risk" ] || fail "the first start did not copy the sample project"
  say "window shown; the sample project was copied to the empty home; screenshot: $out/gui.png"
else
  say "Xvfb is not installed: GUI step skipped (apt-get install -y xvfb x11-utils)"
fi

deb="$(ls "$here/target/installer/"*.deb 2>/dev/null | head -1 || true)"
if [ -n "$deb" ] && [ "$(id -u)" = 0 ] && command -v dpkg >/dev/null && [ "${MLWB_INSTALLER_DEB:-1}" != 0 ]; then
  say "5. dpkg -i $(basename "$deb")"
  dpkg -s mlwb >/dev/null 2>&1 && dpkg -r mlwb >/dev/null
  dpkg -i "$deb" > "$out/dpkg-install.txt" 2>&1 || { cat "$out/dpkg-install.txt"; fail "dpkg -i"; }
  [ "$(readlink /usr/bin/mlwb)" = /opt/mlwb/bin/mlwb ] || fail "the package did not put mlwb on PATH"
  ls /usr/share/applications/*mlwb*.desktop >/dev/null 2>&1 || fail "no menu entry"
  [ -f /usr/share/mime/packages/mlwb-project.xml ] || fail "the mlwb.yaml MIME type was not registered"
  deb_home="$(mktemp -d "${TMPDIR:-/tmp}/mlwb-empty-home.XXXXXX")"
  deb_bin="$out/deb-bin"
  mkdir -p "$deb_bin"
  for t in sh bash; do ln -sf "$(command -v $t)" "$deb_bin/$t"; done
  ln -sf /usr/bin/mlwb "$deb_bin/mlwb"   # the installed command, as found on PATH; still no java there
  deb_run() { "${netns[@]}" env -i HOME="$deb_home" PATH="$deb_bin" LANG=C.UTF-8 USER="${USER:-mlwb}" \
    JAVA_TOOL_OPTIONS="-Duser.home=$deb_home" "$@"; }
  deb_run sh -c 'command -v java' >/dev/null 2>&1 && fail "java is on the bare PATH"
  deb_run mlwb --version | tee "$out/deb-version.txt"
  grep -q . "$out/deb-version.txt" || fail "installed mlwb --version printed nothing"
  deb_run mlwb profile "$repo/sample-projects/credit-risk/data/applications_2024q1.csv" --json "$out/deb-profile.json" \
    --no-store > "$out/deb-profile.txt" 2>&1 || { cat "$out/deb-profile.txt"; fail "installed mlwb profile"; }
  grep -q '"columns"' "$out/deb-profile.json" || fail "the installed profile JSON has no columns"
  deb_proj="$out/deb-credit-risk"
  cp -r "$repo/sample-projects/credit-risk" "$deb_proj"
  start=$(date +%s.%N)
  deb_run mlwb --project "$deb_proj" train training/logistic_baseline.yaml --set epochs=2 \
    --json "$out/deb-train.json" > "$out/deb-train.txt" 2>&1 || { cat "$out/deb-train.txt"; fail "installed mlwb train"; }
  grep -q '"run_id"' "$out/deb-train.json" || fail "the installed train wrote no run"
  echo "DEB installed_mb=$(du -sm /opt/mlwb | cut -f1) train_first_s=$(echo "$(date +%s.%N) - $start" | bc)" \
    "natives_cache_mb=$(du -sm "$deb_home/.djl.ai" | cut -f1)"
  dpkg -r mlwb > "$out/dpkg-remove.txt" 2>&1 || { cat "$out/dpkg-remove.txt"; fail "dpkg -r"; }
  [ ! -e /usr/bin/mlwb ] || fail "dpkg -r left /usr/bin/mlwb"
  [ ! -e /usr/share/mime/packages/mlwb-project.xml ] || fail "dpkg -r left the MIME type"
  rm -rf "$deb_home"
  say "the .deb installed, ran from PATH offline with no JDK, and was removed"
fi
echo "SIZE app_image_mb=$(du -sm "$app" | cut -f1)${deb:+ deb_mb=$(du -sm "$deb" | cut -f1)}"
rm -rf "$home"
say "passed"
