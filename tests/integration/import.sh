#!/usr/bin/env bash
# import.sh - the import command on malformed files: every bad row on
# stderr as FILE:LINE: field: reason, a non-zero exit, nothing written.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
export SYMBIOSE_DB=$WORK/i.db
"$SYM" init >/dev/null
S1=73282932000074
S2=44306184100047
printf 'siret,name,naf,commune_insee\n%s,Scierie,16.10A,44109\n' "$S1" > good_orgs.csv
check "good organisations import" "$SYM" import organisations good_orgs.csv
rows() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select (select count(*) from organisations), (select count(*) from flows)').fetchone())" "$SYMBIOSE_DB"; }
before=$(rows)

# name | kind | file content (printf format) | text expected on stderr
cases=(
  "bad siret|organisations|siret,name,naf,commune_insee\n73282932000075,A,16.10A,44109\n|bad.csv:2: siret:"
  "duplicate siret|organisations|siret,name,naf,commune_insee\n$S2,A,16.10A,44109\n$S2,B,16.10A,44109\n|bad.csv:3: siret: duplicate of line 2"
  "siret already in db|organisations|siret,name,naf,commune_insee\n$S1,A,16.10A,44109\n|bad.csv:2: siret:"
  "unknown territory|organisations|siret,name,naf,commune_insee,territory\n$S2,A,16.10A,44109,Atlantis\n|bad.csv:2: territory:"
  "unknown commune|organisations|siret,name,naf,commune_insee\n$S2,A,16.10A,75056\n|bad.csv:2: commune_insee: unknown commune"
  "unknown column|flows|siret,direction,code,quantity,unit,colour\n$S1,offer,150101,1,t,red\n|bad.csv:1: header: unknown column 'colour'"
  "missing column|flows|siret,direction,code,quantity\n$S1,offer,150101,1\n|bad.csv:1: header: missing required column 'unit'"
  "empty file|flows||bad.csv:1: header: empty file"
  "header only|flows|siret,direction,code,quantity,unit\n|no rows"
  "unknown organisation|flows|siret,direction,code,quantity,unit\n$S2,offer,150101,1,t\n|bad.csv:2: siret: no organisation"
  "star disagrees|flows|siret,direction,code,quantity,unit\n$S1,offer,15 01 01*,1,t\n|bad.csv:2: code:"
  "negative quantity|flows|siret,direction,code,quantity,unit\n$S1,offer,150101,-2,t\n|bad.csv:2: quantity:"
  "unknown unit|flows|siret,direction,code,quantity,unit\n$S1,offer,150101,2,parsecs\n|bad.csv:2: unit"
  "bad direction|flows|siret,direction,code,quantity,unit\n$S1,give,150101,2,t\n|bad.csv:2: direction:"
  "non utf8|flows|siret,direction,code,quantity,unit,description\n$S1,offer,150101,2,t,caf\xe9\n|bad.csv:2: description: not valid UTF-8"
  "NUL byte|flows|siret,direction,code,quantity,unit,description\n$S1,offer,150101,2,t,a\x00b\n|bad.csv:2: csv: NUL byte"
  "wrong field count|flows|siret,direction,code,quantity,unit\n$S1,offer,150101,2\n|bad.csv:2: row:"
)
for c in "${cases[@]}"; do
  IFS='|' read -r name kind content want <<<"$c"
  printf "$content" > bad.csv
  "$SYM" import "$kind" bad.csv 2>err.txt >/dev/null
  rc=$?
  if [ "$rc" != 0 ] && grep -qF -- "$want" err.txt && [ "$(rows)" = "$before" ]; then
    ok "import rejects: $name"
  else
    not_ok "import rejects: $name (rc $rc, stderr: $(head -c 300 err.txt))"
  fi
done

# every bad row is reported, not only the first
printf 'siret,direction,code,quantity,unit\n%s,give,150101,2,t\n%s,offer,999999,2,t\n%s,offer,150101,2,t\n%s,offer,150101,-1,t\n' "$S1" "$S1" "$S1" "$S1" > many.csv
"$SYM" import flows many.csv 2>err.txt
check "all three bad rows are reported" test "$(grep -c '^many.csv:[0-9]*: ' err.txt)" = 3
check "nothing written after a partly bad file" test "$(rows)" = "$before"
printf '\xef\xbb\xbfsiret,direction,code,quantity,unit\r\n%s,offer,15 01 01,2,t\r\n' "$S1" > bom.csv
check "BOM and CRLF are accepted" "$SYM" import flows bom.csv
check_fails "import of a missing file fails" "$SYM" import flows nosuchfile.csv
check_fails "import with a bad kind is a usage error" "$SYM" import things bom.csv
finish
