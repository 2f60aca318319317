#!/usr/bin/env bash
# network.sh - the `events` command: creation with French validation
# messages, DST refusals, and the iCalendar feed (CRLF, folding, VTIMEZONE).
source "$(dirname "$0")/lib.sh"
DB="$WORK/net.db"
check "init" "$SYM" --db "$DB" init
check "add webinar" "$SYM" --db "$DB" events add --kind webinar \
  --title "Webinaire : chaleur fatale, réseaux de chaleur et boucles d'eau tempérée entre entreprises" \
  --video-url "https://visio.example.org/b/eit" --start 2030-10-27T10:00 --end 2030-10-27T11:30
check "add meeting" "$SYM" --db "$DB" events add --kind network_meeting --title "Rencontre du réseau" \
  --location "Lyon" --start 2030-06-12T09:30 --end 2030-06-12T17:00 --capacity 80
"$SYM" --db "$DB" events add --kind webinar --title x --video-url https://a.fr/x \
  --start 2030-03-31T02:30 --end 2030-03-31T04:00 2>"$WORK/err" && not_ok "dst gap refused" || ok "dst gap refused"
check "gap message is French and names the field" grep -q "starts_at : l'heure 2030-03-31 02:30 n'existe pas" "$WORK/err"
"$SYM" --db "$DB" events add --kind apero --title x --location y \
  --start 2030-03-31T10:00 --end 2030-03-31T11:00 2>"$WORK/err" && not_ok "bad kind refused" || ok "bad kind refused"
check "kind message" grep -q "kind : valeur inconnue « apero »" "$WORK/err"
check_fails "unknown subcommand" "$SYM" --db "$DB" events frobnicate
check "ics" "$SYM" --db "$DB" events ics -o "$WORK/feed.ics"
check "two events" test "$(grep -c '^BEGIN:VEVENT' "$WORK/feed.ics")" = 2
check "every line ends with CRLF" test "$(grep -c $'\r$' "$WORK/feed.ics")" = "$(wc -l < "$WORK/feed.ics")"
check "no line over 75 octets" env LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) exit 1 }' "$WORK/feed.ics"
check "long title folded" grep -q '^ ' "$WORK/feed.ics"
check "paris time zone" grep -q 'DTSTART;TZID=Europe/Paris:20301027T100000' "$WORK/feed.ics"
check "utc feed" sh -c "'$SYM' --db '$DB' events ics --utc | grep -q 'DTSTART:20301027T090000Z'"
check "list" sh -c "'$SYM' --db '$DB' events list | grep -q 'Rencontre du réseau'"
finish
