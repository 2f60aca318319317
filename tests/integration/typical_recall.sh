#!/usr/bin/env bash
# typical_recall.sh - the typical flows per activity against the documented
# exchanges of is_cases.csv: prints the recall by code and by sub-chapter
# and fails if the sub-chapter recall falls below what the table reached
# when it was written (0.43, not fitted to the cases).
source "$(dirname "$0")/lib.sh"
python3 "$ROOT/tools/typical_recall.py" > "$WORK/recall.txt"
rc=$?
cat "$WORK/recall.txt"
check "recall script runs" test "$rc" = 0
check "sub-chapter recall >= 0.40" python3 "$ROOT/tools/typical_recall.py" --min-subchapter 0.40
check_fails "a table without outputs fails the floor" python3 "$ROOT/tools/typical_recall.py" --typical /dev/null --min-subchapter 0.40
finish
