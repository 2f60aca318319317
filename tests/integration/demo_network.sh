#!/usr/bin/env bash
# demo_network.sh - the demo region is a living network: about twenty
# territories named after real intercommunalities, at every stage of the
# approach, each with its facilitator; detection already run, so every
# facilitator and member has suggestions; synergies at every status of the
# pipeline with measured effects on implemented ones; the calendar (three
# network meetings a year, webinars; past ones with attendance, upcoming
# ones open) in the iCalendar feed; rooms with bookings, trainings with
# registrations, a group purchase, forum threads with replies and
# mentions, library documents (text and PDF written by the program).
# Confidential flows stay so. A second load changes no byte of the
# database nor of the library's files.
. "$(dirname "$0")/lib.sh"
DB="$WORK/d.db"
q() { sqlite3 "$DB" "$1"; }
start=${EPOCHREALTIME/[.,]/}
"$SYM" --db "$DB" demo >"$WORK/d1.txt" 2>&1
check "demo loads" test $? = 0
end=${EPOCHREALTIME/[.,]/}
echo "# symbiose demo took $(((end - start) / 1000)) ms (this build)"

# territories
check "20 territories" test "$(q "SELECT count(*) FROM territories")" = 20
check "every stage of the approach is represented" \
  test "$(q "SELECT count(DISTINCT stage) FROM territories")" = 6
missing=$(q "SELECT name FROM territories" | while IFS= read -r n; do
  awk -F, -v n="$n" 'NR > 1 && index($0, "," n ",") { found = 1 } END { exit !found }' \
    "$ROOT/data/communes_pdl.csv" || echo "$n"; done)
check "every territory is an EPCI of the communes file${missing:+ (not: $missing)}" test -z "$missing"
check "every territory has its facilitator account" test "$(q "SELECT count(DISTINCT t.territory_id)
  FROM account_territories t JOIN accounts a ON a.id = t.account_id
  WHERE a.role = 'facilitator' AND a.email LIKE 'animation%@demo.symbiose.fr'")" = 20
check "territories further along have ticked their checklists" \
  test "$(q "SELECT count(DISTINCT territory_id) FROM net_checklist")" = 20
check "territories have key dates" test "$(q "SELECT count(DISTINCT territory_id) FROM net_key_dates")" = 20
check "territories have their pilot and facilitator as actors" test "$(q "SELECT count(DISTINCT territory_id)
  FROM net_actors WHERE role = 'facilitator' AND account_id IS NOT NULL")" = 20

# suggestions for everyone at first login
no_fac=$(q "SELECT a.email FROM accounts a JOIN account_territories at ON at.account_id = a.id
  WHERE a.role = 'facilitator' AND NOT EXISTS (SELECT 1 FROM synergies s
    JOIN flows f ON f.id = s.offer_flow_id JOIN organisations o ON o.id = f.organisation_id
    WHERE s.status = 'suggested' AND o.territory_id = at.territory_id)")
check "every facilitator has suggestions${no_fac:+ (not: $no_fac)}" test -z "$no_fac"
no_mem=$(q "SELECT a.email FROM accounts a WHERE a.role = 'member' AND NOT EXISTS (
  SELECT 1 FROM synergies s JOIN flows f ON f.id = s.offer_flow_id WHERE s.status = 'suggested'
  AND (f.organisation_id = a.organisation_id OR s.receiver_org_id = a.organisation_id))")
check "every member has suggestions${no_mem:+ (not: $no_mem)}" test -z "$no_mem"
check "8 members" test "$(q "SELECT count(*) FROM accounts WHERE role = 'member'")" = 8

# the pipeline
for st in suggested studied in_progress implemented abandoned; do
  check "synergies $st" test "$(q "SELECT count(*) FROM synergies WHERE status = '$st'")" -gt 0
done
# (tonnes only for materials: a shared room or heat diverts none)
check "implemented synergies have measured effects" test "$(q "SELECT count(*) FROM synergies
  WHERE status = 'implemented' AND (meas_co2e_t IS NULL OR meas_eur_saved IS NULL
  OR (est_t_diverted IS NOT NULL AND meas_t_diverted IS NULL))")" = 0
check "abandoned synergies say why" \
  test "$(q "SELECT count(*) FROM synergies WHERE status = 'abandoned' AND reason = ''")" = 0
check "each move is in the history" test "$(q "SELECT count(*) FROM synergy_status_history
  WHERE from_status IS NOT NULL AND from_status <> ''")" -gt 0
check "territories in mobilisation have followed nothing" test "$(q "SELECT count(*) FROM synergies s
  JOIN flows f ON f.id = s.offer_flow_id JOIN organisations o ON o.id = f.organisation_id
  JOIN territories t ON t.id = o.territory_id WHERE t.stage = 'mobilisation' AND s.status <> 'suggested'")" = 0

# the calendar
now=$(date +%s)
check "network meetings, past and upcoming" test "$(q "SELECT count(*) FROM net_events
  WHERE kind = 'network_meeting' AND starts_at < $now")" -ge 2 -a "$(q "SELECT count(*) FROM net_events
  WHERE kind = 'network_meeting' AND starts_at > $now")" -ge 1
check "three network meetings a year" test "$(q "SELECT max(n) FROM (SELECT count(*) n FROM net_events
  WHERE kind = 'network_meeting' GROUP BY strftime('%Y', starts_at, 'unixepoch'))")" = 3
check "webinars, past and upcoming" test "$(q "SELECT count(*) FROM net_events
  WHERE kind = 'webinar' AND starts_at < $now")" -ge 3 -a "$(q "SELECT count(*) FROM net_events
  WHERE kind = 'webinar' AND starts_at > $now")" -ge 3
check "past network events have their attendance" test "$(q "SELECT count(*) FROM net_events e
  WHERE e.territory_id IS NULL AND e.ends_at < $now AND (SELECT count(*) FROM net_registrations r
  WHERE r.subject = 'event' AND r.subject_id = e.id) < 3")" = 0
"$SYM" --db "$DB" events ics -o "$WORK/net.ics"
check "events.ics has the network's events" test "$(grep -c '^BEGIN:VEVENT' "$WORK/net.ics")" -ge 10
"$SYM" --db "$DB" events ics --account membre1@demo.symbiose.fr -o "$WORK/m1.ics"
check "a member's own feed has its registrations" grep -q '^BEGIN:VEVENT' "$WORK/m1.ics"

# rooms, trainings, purchases
check "rooms" test "$(q "SELECT count(*) FROM net_rooms")" -ge 5
check "bookings, past and upcoming" test "$(q "SELECT count(*) FROM net_bookings WHERE starts_at < $now")" \
  -ge 3 -a "$(q "SELECT count(*) FROM net_bookings WHERE starts_at > $now")" -ge 3
check "rooms only where the room offer is public" test "$(q "SELECT count(*) FROM net_rooms r
  WHERE NOT EXISTS (SELECT 1 FROM flows f WHERE f.organisation_id = r.organisation_id
  AND f.code = 'meeting_room' AND f.direction = 'offer' AND f.confidentiality = 'public')")" = 0
check "trainings with registrations" test "$(q "SELECT count(DISTINCT subject_id) FROM net_registrations
  WHERE subject = 'training'")" -ge 3
check "a training reached its minimum" test "$(q "SELECT count(*) FROM net_trainings WHERE confirmed_at > 0")" -ge 1
check "a group purchase with participants" test "$(q "SELECT count(*) FROM net_purchase_lines")" -ge 5
check "purchase lines only for public needs" test "$(q "SELECT count(*) FROM net_purchase_lines l
  WHERE NOT EXISTS (SELECT 1 FROM flows f WHERE f.organisation_id = l.organisation_id
  AND f.code = 'office_supplies' AND f.confidentiality = 'public')")" = 0

# the pooled collection's rounds, ready for its collector
check "the demo's pooled collection has its rounds" test "$(q "SELECT count(*) FROM collection_rounds r
  JOIN collection_round_stops s ON s.round_id = r.id WHERE r.collection_id = 1")" -ge 8

# forum and library
check "forum threads" test "$(q "SELECT count(*) FROM net_threads")" -ge 4
check "threads have replies" test "$(q "SELECT count(*) FROM net_posts")" -gt "$(q "SELECT count(*) FROM net_threads")"
check "mentions notified" test "$(q "SELECT count(*) FROM net_notifications WHERE kind = 'mention'")" -ge 3
check "replies notified" test "$(q "SELECT count(*) FROM net_notifications WHERE kind = 'reply'")" -ge 3
check "a territory's thread" test "$(q "SELECT count(*) FROM net_threads WHERE territory_id IS NOT NULL")" -ge 1
check "library documents" test "$(q "SELECT count(*) FROM net_resources")" = 4
check "two PDF notes and text sheets" test "$(q "SELECT group_concat(mime) FROM (SELECT mime FROM net_resources
  ORDER BY mime)")" = "application/pdf,application/pdf,text/plain,text/plain"
check "one document for facilitators only" \
  test "$(q "SELECT count(*) FROM net_resources WHERE visibility = 'facilitators'")" = 1
bad_pdf=
for f in $(q "SELECT storage_name FROM net_resources WHERE mime = 'application/pdf'"); do
  python3 - "$DB.files/$f" <<'EOF' || bad_pdf="$bad_pdf $f"
import re, sys
data = open(sys.argv[1], 'rb').read()
assert data.startswith(b'%PDF-1.4') and data.rstrip().endswith(b'%%EOF')
xref = int(re.search(rb'startxref\n(\d+)\n', data).group(1))
assert data[xref:xref + 4] == b'xref'
table = data[xref:].split(b'\n')
n = int(table[1].split()[1])
for i in range(1, n):  # each entry gives the offset of "i 0 obj"
    off = int(table[2 + i][:10])
    assert data[off:].startswith(b'%d 0 obj' % i), i
length = int(re.search(rb'/Length (\d+)', data).group(1))
start = data.index(b'stream\n') + 7
assert data[start + length:].startswith(b'endstream')
EOF
done
check "PDF notes are well formed (xref offsets, stream length)${bad_pdf:+:$bad_pdf}" test -z "$bad_pdf"
check "the summary PDF gives region totals" bash -c "grep -a -q 'Synergies : [0-9]* sugg' '$DB.files/$(q "SELECT storage_name FROM net_resources WHERE visibility = 'facilitators'")'"

# confidentiality of the flows is the profile's draw, untouched by the demo's life
check "anonymised and facilitator-only flows remain" test "$(q "SELECT count(DISTINCT confidentiality) FROM flows")" = 3

# idempotence: a second load changes no byte
q ".dump" >"$WORK/dump1.sql"
(cd "$DB.files" && ls -l --time-style=+%s . | md5sum) >"$WORK/files1"
"$SYM" --db "$DB" demo >"$WORK/d2.txt" 2>&1
check "demo again" test $? = 0
q ".dump" >"$WORK/dump2.sql"
(cd "$DB.files" && ls -l --time-style=+%s . | md5sum) >"$WORK/files2"
check "second demo leaves the database as it was" cmp -s "$WORK/dump1.sql" "$WORK/dump2.sql"
check "second demo leaves the library's files as they were" cmp -s "$WORK/files1" "$WORK/files2"
check "second demo runs no detection" grep -q "réseau : 0 suggestions détectées, 0 événements" "$WORK/d2.txt"
finish
