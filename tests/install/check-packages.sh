#!/usr/bin/env bash
# Every file the build found on this machine (each CMake cache entry that points into the system,
# so each find_package, pkg-config library and program) and every file Qt loads at run time
# (passed as arguments) must come from a package the Makefile installs, or from one of their
# Depends/Pre-Depends. A mere Recommends does not count: `make deps` installs without them, as a
# fresh Debian 12 machine would have it.
#
# usage: check-packages.sh MAKEFILE CMAKECACHE [RUNTIME-FILE…]
set -euo pipefail
makefile=$1 cache=$2
shift 2

packages=$(make --no-print-directory -s -f "$makefile" packages)
[ -n "$packages" ] || { echo "$makefile: no packages listed"; exit 1; }

# The closure over what is installed; an alternative (a | b) counts whichever is installed.
closure=$(dpkg-query -W -f='${db:Status-Status}\t${Package}\t${Provides}\t${Pre-Depends}, ${Depends}\n' |
  awk -F'\t' -v roots="$packages" '
    function name(s) { sub(/\(.*/, "", s); sub(/:.*/, "", s); gsub(/[ \t]/, "", s); return s }
    $1 == "installed" {
      deps[$2] = $4; ok[$2] = 1
      n = split($3, prov, ","); for (i = 1; i <= n; i++) providers[name(prov[i])] = providers[name(prov[i])] " " $2
    }
    END {
      n = split(roots, queue, " "); head = 1
      while (head <= n) {
        p = queue[head++]
        if (p in seen) continue
        seen[p] = 1; print p
        c = split(deps[p], clauses, ",")
        for (i = 1; i <= c; i++) {
          a = split(clauses[i], alts, "|")
          for (j = 1; j <= a; j++) {
            d = name(alts[j]); if (d == "") continue
            if (d in ok) queue[++n] = d
            m = split(providers[d], via, " "); for (k = 1; k <= m; k++) queue[++n] = via[k]
          }
        }
      }
    }')

# CMake's FindOpenGL, run inside Qt's own config files, also record libraries the
# build never links when a machine happens to have them; those are not the build's to install.
optional='^OPENGL_(glu|egl)_LIBRARY$'
files=$(sed -nE 's#^([A-Za-z0-9_.+-]+):(PATH|FILEPATH)=(/.+)$#\1 \3#p' "$cache" |
  awk -v skip="$optional" '$1 !~ skip && $2 !~ "^/usr/local" { print $1, $2 }')
failed=0
while read -r entry f; do
  # A package's folder may be shared (Qt6OpenGL's holds a file of qt6-base-dev too); the config
  # file find_package read is the one package's own.
  case $entry in *_DIR) [ -f "$f/${entry%_DIR}Config.cmake" ] && f="$f/${entry%_DIR}Config.cmake" ;; esac
  if [ ! -e "$f" ]; then
    [ "$entry" = runtime ] && { echo "$f is not installed, and Qt loads it at run time"; failed=1; }
    continue
  fi
  # The path as found first (a development symlink is the -dev package's), then what it points to.
  real=$(readlink -f "$f")
  owners=$(dpkg-query -S "$f" 2>/dev/null || dpkg-query -S "$real" 2>/dev/null ||
    dpkg-query -S "${real#/usr}" 2>/dev/null || true)
  [ -n "$owners" ] || continue # made by a maintainer script or by hand, not shipped by a package
  owners=$(printf '%s\n' "$owners" | sed 's/: .*//' | tr ',' '\n' | sed 's/:.*//; s/ //g' | sort -u)
  if ! printf '%s\n' "$owners" | grep -qxF -f <(printf '%s\n' "$closure"); then
    echo "$f comes from $(echo $owners | tr ' ' ','), which the package list in $makefile does not bring in"
    failed=1
  fi
done < <(printf '%s\n' "$files"; for f in "$@"; do echo "runtime $f"; done)
[ "$failed" = 0 ] && echo "every file the build and the run use comes from the $(echo "$closure" | wc -l) packages the Makefile brings in"
exit "$failed"
