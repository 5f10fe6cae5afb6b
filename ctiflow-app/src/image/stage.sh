#!/usr/bin/env bash
# Stages the container image's file system for Jib (mvn package -Pimage), which builds it FROM scratch: no base
# image is pulled, so the Java runtime and the C libraries it needs come from the build host.
#   stage.sh <jdk home> <modules> <release archive ctiflow-<version>.tar.gz> <output folder>
# Output, one Jib layer each (least to most often changed):
#   runtime/       jlinked JDK in /opt/java, its shared libraries (ldd), /etc/passwd and group, /tmp, work folder
#   dependencies/  /opt/ctiflow/lib/*.jar but ctiflow's own
#   ctiflow/       the rest of the release archive: bin, config, routes, mappings, policies, connectors, examples,
#                  and ctiflow's own jars
set -euo pipefail
jdk="$1" modules="$2" archive="$3" out="$4"
rm -rf "$out"
runtime="$out/runtime" deps="$out/dependencies/opt/ctiflow/lib" app="$out/ctiflow/opt/ctiflow"
mkdir -p "$runtime/etc" "$runtime/tmp" "$runtime/var/lib/ctiflow" "$deps" "$app"

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$runtime/opt/java"
# headless server: the AWT and sound libraries need X11 and ALSA, which the image does not carry
rm -f "$runtime"/opt/java/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so

# every shared library the runtime's executables and libraries load, at the path the build host has it
# (libjvm.so is found by the launcher itself, next to it, so ldd cannot resolve it)
objects=("$runtime"/opt/java/bin/* "$runtime"/opt/java/lib/*.so "$runtime"/opt/java/lib/server/*.so "$runtime"/opt/java/lib/jspawnhelper)
missing="$(for o in "${objects[@]}"; do ldd "$o" 2>/dev/null || true; done | grep 'not found' | grep -v 'libjvm.so' || true)"
if [ -n "$missing" ]; then echo "stage.sh: unresolved libraries: $missing" >&2; exit 1; fi
for lib in $(for o in "${objects[@]}"; do ldd "$o" 2>/dev/null || true; done \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u); do
  case "$lib" in "$runtime"/*) continue ;; esac
  mkdir -p "$runtime$(dirname "$lib")"
  cp -L "$lib" "$runtime$lib"
done

# a non-root user for the process (uid and gid 65532, as distroless' nonroot), home in the work folder
printf 'root:x:0:0:root:/root:/sbin/nologin\nctiflow:x:65532:65532:ctiflow:/var/lib/ctiflow:/sbin/nologin\n' > "$runtime/etc/passwd"
printf 'root:x:0:\nctiflow:x:65532:\n' > "$runtime/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$runtime/etc/nsswitch.conf"

# the release archive, as unpacked under /opt/ctiflow by an operator; third-party jars in their own layer
tar -xzf "$archive" --strip-components=1 -C "$app"
for jar in "$app"/lib/*.jar; do
  case "$(basename "$jar")" in ctiflow-*|camel-ctiflow-*) ;; *) mv "$jar" "$deps/" ;; esac
done
