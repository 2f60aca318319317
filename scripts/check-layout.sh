#!/usr/bin/env bash
# check-layout.sh - enforces the layout rules of DESIGN.md and STYLE.md:
# modules include only their own headers and the public headers of the
# modules below them; banned libc functions never appear.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
# allowed public-header dependencies per module (besides itself)
declare -A allow=(
  [core]=""
  [ref]="core"
  [engine]="core ref"
  [store]="core ref"
  [network]="core ref store"
  [optim]="core ref store network engine"
  [report]="core ref store network engine optim"
  [http]="core ref store network engine optim report"
  [cli]="core ref store network engine http optim report"
)
for dir in src/*/; do
  mod=$(basename "$dir")
  [ -n "${allow[$mod]+x}" ] || { echo "layout: unknown module src/$mod (add it to scripts/check-layout.sh)"; fail=1; continue; }
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(echo "$line" | sed -E 's/.*#include "([^"]+)".*/\1/')
    case "$inc" in
      */*) m=${inc%%/*}; h=${inc#*/} ;;
      *) continue ;;  # same-folder include
    esac
    if [ "$m" = "$mod" ]; then continue; fi
    if [[ " ${allow[$mod]} " != *" $m "* ]]; then
      echo "layout: $file includes $inc: module $mod may not depend on $m"; fail=1
    elif [ "$h" != "$m.h" ]; then
      echo "layout: $file includes $inc: only $m/$m.h is public"; fail=1
    fi
  done < <(grep -Hn '#include "' "$dir"*.c "$dir"*.h 2>/dev/null)
done
banned='\b(sprintf|vsprintf|strcpy|strcat|strncpy|strncat|strtok|gets|atoi|atol|atof)[[:space:]]*\('
if grep -rnE "$banned" src tests bench tools --include='*.c' --include='*.h' | grep -v 'snprintf\|vsnprintf'; then
  echo "layout: banned functions above (STYLE.md section 5)"; fail=1
fi
if grep -rnE '\b(printf|exit|abort)[[:space:]]*\(' src/core src/ref src/engine src/store src/network --include='*.c' | grep -v 'snprintf\|src/core/alloc.c'; then
  echo "layout: printf/exit/abort in library code above (STYLE.md section 10)"; fail=1
fi
# the browser code builds the page from nodes: no HTML strings, and what
# Leaflet shows (it uses innerHTML for strings) is leafletText(...) or a node
if grep -rnE 'innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment' web/js |
    grep -vE '^[^:]+:[0-9]+:[[:space:]]*//'; then
  echo "layout: HTML strings in web/js above (build nodes with h() from dom.js)"; fail=1
fi
leaflet='\.(bindTooltip|bindPopup|setTooltipContent|setPopupContent|setContent)\((?!leafletText\(|[A-Za-z_$][A-Za-z0-9_$]*\))'
if grep -rnP "$leaflet" web/js | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//'; then
  echo "layout: Leaflet content above is not leafletText(...) or a node"; fail=1
fi
[ $fail = 0 ] && echo "layout: ok"
exit $fail
