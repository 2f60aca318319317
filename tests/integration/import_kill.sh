#!/usr/bin/env bash
# import_kill.sh - crash safety: kill -9 an import of 200,000 flows in the
# middle of its transaction; the database must pass integrity_check and
# hold exactly the rows it had before.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
DB=$WORK/k.db
python3 "$ROOT/tests/integration/gen_import.py" orgs.csv flows.csv 2000 200000 7
python3 "$ROOT/tests/integration/gen_import.py" orgs_small.csv flows_small.csv 2000 500 7
"$SYM" --db "$DB" init >/dev/null
check "import organisations" "$SYM" --db "$DB" import organisations orgs.csv
check "import a first batch of flows" "$SYM" --db "$DB" import flows flows_small.csv
count() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select (select count(*) from organisations), (select count(*) from flows)').fetchone())" "$DB"; }
before=$(count)

"$SYM" --db "$DB" import flows flows.csv >/dev/null 2>&1 &
pid=$!
# wait until the transaction is writing (the WAL grows past 1 MB), then kill
killed=0
for _ in $(seq 1 6000); do
  if [ -f "$DB-wal" ] && [ "$(stat -c %s "$DB-wal")" -gt 1048576 ]; then
    kill -9 "$pid" 2>/dev/null && killed=1
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.01
done
wait "$pid" 2>/dev/null
check "the import was killed in the middle of writing" test "$killed" = 1
check "integrity_check is ok" bash -c "python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute('pragma integrity_check').fetchone()[0]; sys.exit(0 if r=='ok' else 1)\" '$DB'"
after=$(count)
check "no row of the killed import is in the database ($before = $after)" test "$before" = "$after"
check "the database still opens and lists" bash -c "'$SYM' --db '$DB' flows list --code 15 >/dev/null"
check "a later import succeeds" "$SYM" --db "$DB" import flows flows_small.csv
finish
