#!/usr/bin/env bash
# Builds the installers from what Maven put in TARGET: a trimmed Java runtime (jlink), the Linux app-image and the
# .deb (jpackage), then prints the size report. Called by `mvn -Pinstaller package` (see pom.xml); by hand:
#   jpackage/build-installer.sh jpackage/target mlwb-installer-0.1.0-SNAPSHOT.jar 0.1.0 "app-image deb"
# Windows (.msi) and macOS (.dmg) use the same steps with the options in jpackage/windows and jpackage/macos; they
# can only be built on those systems (jpackage does not cross-build) and are documented in jpackage/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
target="$(cd "$1" && pwd)"
main_jar="$2"
version="$3"
types="${4:-app-image deb}"
name=mlwb

say() { echo "[installer] $*"; }

jdk_bin="${JAVA_HOME:+$JAVA_HOME/bin/}"
command -v "${jdk_bin}jpackage" >/dev/null || { echo "jpackage not found: it comes with JDK 17 (set JAVA_HOME)" >&2; exit 2; }

input="$target/input"
runtime="$target/runtime"
image_dir="$target/image"
out="$target/installer"
rm -rf "$runtime" "$image_dir" "$out" "$input" "$target/jpackage-temp"
mkdir -p "$input/lib" "$out" "$image_dir"

# The application: this module's jar (the `mlwb` dispatcher) beside every runtime library. JavaFX comes from its
# Maven jars on the class path, natives included, as in a checkout.
cp "$target/$main_jar" "$input/"
cp "$target/deps/"*.jar "$input/lib/"
tool=("${jdk_bin}java" -cp "$input/lib/*:$input/$main_jar" io.mlwb.installer.PackageTool)

# The PyTorch CPU natives: 448 MB extracted, 111 MB in the Maven jar (deflate). The package carries them
# zstd-compressed (75 MB) and unpacks them once, offline, into DJL's cache on first start (PackedNatives). Packing
# takes minutes, so it is cached per natives jar.
natjar="$(ls "$input/lib"/pytorch-native-*.jar 2>/dev/null | head -1 || true)"
if [ -n "$natjar" ]; then
  sha="$(sha256sum "$natjar" | cut -c1-16)"
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/mlwb-installer/natives-$sha"
  if [ ! -f "$cache/done" ]; then
    say "packing the PyTorch natives (zstd -19, once per natives jar; a few minutes)"
    rm -rf "$cache" && mkdir -p "$cache"
    "${tool[@]}" pack-natives "$natjar" "$cache/pytorch" "$cache/slim.jar"
    touch "$cache/done"
  fi
  mkdir -p "$input/natives"
  cp -r "$cache/pytorch" "$input/natives/"
  cp "$cache/slim.jar" "$natjar"
fi
# sqlite-jdbc, zstd-jni, snappy-java and JNA carry natives for 20 platforms; a Linux x86-64 package needs one
"${tool[@]}" trim-natives "$input/lib"
# fastutil (Tablesaw's collections) is 23.6 MB of 12,795 classes; the jars reach under 2,000 of them
"${tool[@]}" shrink "$input/lib" fastutil- it/unimi/dsi/fastutil/
# The bundled sample, which the first start copies to ~/mlwb-projects (SampleProjects: $mlwb.home/sample-projects).
mkdir -p "$input/sample-projects"
(cd "$repo" && git ls-files -z sample-projects | xargs -0 -I{} cp --parents {} "$input/") 2>/dev/null \
  || cp -r "$repo/sample-projects/." "$input/sample-projects/"

# The project-file MIME type that the .deb's postinst registers.
cp -r "$here/share" "$input/share"

# The runtime: only the JDK modules the jars use (jdeps over every jar, checked by the installer test), stripped, with
# a class-data-sharing archive of the JDK's own classes. Not compressed by jlink (--compress=0): the .deb's xz does
# better on the plain modules file (runtime 105 MB in the image and 24 MB in the .deb, against 76 MB and 38 MB with
# --compress=2), which keeps the .deb under 200 MB while the app-image stays under 350 MB.
modules="$(tr -d ' \n' < "$here/runtime-modules.txt")"
say "jlink: $modules"
"${jdk_bin}jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=0 \
  --include-locales=en,de,fr,es,it,pt,nl,sv,pl,ja,zh,ko --generate-cds-archive --output "$runtime"

# Launcher JVM options: offline DJL (natives come from the jar inside the package, extracted once to the user's
# cache), the heap as a share of the machine's memory, the bundled samples, grey-scale font smoothing as ./mlwb.
java_opts=(
  "-Dai.djl.offline=true"
  "-XX:MaxRAMPercentage=50"
  "-Dmlwb.home=\$APPDIR"
  "-Dmlwb.natives=\$APPDIR/natives"
  "-Dprism.lcdtext=false"
)
opts=()
for o in "${java_opts[@]}"; do opts+=(--java-options "$o"); done

say "app-image"
"${jdk_bin}jpackage" --type app-image --name "$name" --app-version "$version" \
  --vendor "ML Workbench" --description "ML Workbench: datasets, training, tracking, drift, model cards, deployment" \
  --copyright "ML Workbench developers" \
  --input "$input" --main-jar "$main_jar" --main-class io.mlwb.installer.Main \
  --runtime-image "$runtime" --icon "$here/icons/mlwb.png" "${opts[@]}" \
  --dest "$image_dir"

if [[ " $types " == *" deb "* ]]; then
  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    say "deb"
    "${jdk_bin}jpackage" --type deb --app-image "$image_dir/$name" --name "$name" --app-version "$version" \
      --vendor "ML Workbench" --description "ML Workbench: datasets, training, tracking, drift, model cards, deployment" \
      --linux-package-name "$name" --linux-app-category science --linux-menu-group "Development;Science;" \
      --linux-shortcut --linux-deb-maintainer "mlwb@localhost" --icon "$here/icons/mlwb.png" \
      --resource-dir "$here/linux" --about-url "https://github.com/mlwb/mlwb" \
      --install-dir /opt --dest "$out" --temp "$target/jpackage-temp"
    # jpackage makes xdg-utils a dependency for its menu commands; the postinst uses it only when it is there, so it
    # becomes a recommendation and `dpkg -i` installs on a machine without it. Only the control member is rewritten
    # (ar replaces it in place); the 190 MB data member is not compressed again.
    deb="$(ls "$out"/*.deb | head -1)"
    fix="$(mktemp -d)"
    (cd "$fix" && ar x "$deb" control.tar.xz && mkdir c && tar -xJf control.tar.xz -C c \
      && sed -i -e 's/, xdg-utils//; s/xdg-utils, //' -e '/^Depends:/a Recommends: xdg-utils' c/control \
      && tar --owner=0 --group=0 -cJf control.tar.xz -C c . && ar r "$deb" control.tar.xz)
    rm -rf "$fix"
    dpkg-deb -f "$deb" Depends Recommends
  else
    say "deb skipped: dpkg-deb and fakeroot are needed (apt-get install -y fakeroot)"
  fi
fi

# The size report.
mb() { du -sm "$1" | cut -f1; }
app="$image_dir/$name"
natives_mb=0
[ -d "$app/lib/app/natives" ] && natives_mb="$(mb "$app/lib/app/natives")"
echo "SIZE runtime_mb=$(mb "$app/lib/runtime")"
echo "SIZE app_jars_mb=$(mb "$app/lib/app/lib")"
echo "SIZE pytorch_natives_mb=$natives_mb (zstd; unpacked on first start into ~/.djl.ai/pytorch, 448 MB)"
echo "SIZE app_image_mb=$(mb "$app") (target <= 350)"
deb="$(ls "$out"/*.deb 2>/dev/null | head -1 || true)"
[ -n "$deb" ] && echo "SIZE deb_mb=$(mb "$deb") (target <= 200) $deb"
exit 0
