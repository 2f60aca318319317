#!/usr/bin/env bash
# web_network.sh - the regional network's API on the real server with the
# demo region, driven by curl: the iCalendar feeds (session and personal
# token), a library upload refused by content and one accepted then
# downloaded as an attachment, a room booking and its overlap (409 with
# the French message), the indicators CSV for the region only.
source "$(dirname "$0")/lib.sh"
DB=$WORK/net.db
"$SYM" --db "$DB" demo >/dev/null || { not_ok "demo loads"; finish; exit 1; }
web_start "$DB"

session ad admin@demo.symbiose.fr demo-admin-2026
session m1 membre1@demo.symbiose.fr demo-membre-2026
session m2 membre2@demo.symbiose.fr demo-membre-2026
session f1 animation1@demo.symbiose.fr demo-animation-2026

is "admin creates an event" 201 "$(req ad POST /api/v1/events "$(json '{"kind":"webinar","title":"Webinaire EIT, été; 2031","video_url":"https://visio.example/eit","starts_at":"2031-07-01T10:00","ends_at":"2031-07-01T11:00"}')")"
EV=$(sed -E 's/.*"id":([0-9]+).*/\1/' "$WORK/b")
is "member registers" 201 "$(req m1 POST "/api/v1/events/$EV/registration")"
is "network feed with a session" 200 "$(req m2 GET /api/v1/events.ics)"
check "feed is text/calendar" grep -qi '^Content-Type: text/calendar; charset=utf-8' "$WORK/h"
check "feed escapes TEXT values" grep -q 'SUMMARY:Webinaire EIT\\, été\\; 2031' "$WORK/b"
is "feed without session nor token" 401 "$(req '' GET /api/v1/events.ics)"
req m1 POST /api/v1/calendar/token >/dev/null
URL=$(sed -E 's/.*"url":"([^"]+)".*/\1/' "$WORK/b")
is "personal feed by token, no cookie" 200 "$(req '' GET "$URL")"
check "personal feed holds the registration" grep -q "BEGIN:VEVENT" "$WORK/b"

printf '<html><body onload=alert(1)>x</body></html>' >"$WORK/evil.txt"
is "HTML upload refused whatever its name" 422 "$(req f1 POST '/api/v1/resources?title=x&filename=a.txt' "$WORK/evil.txt" application/octet-stream)"
printf 'Fiche méthode : détecter les synergies.\n' >"$WORK/fiche.txt"
is "text upload" 201 "$(req f1 POST '/api/v1/resources?title=Fiche%20d%C3%A9tection&kind=method_sheet&filename=fiche.txt' "$WORK/fiche.txt" application/octet-stream)"
DL=$(sed -E 's/.*"download":"([^"]+)".*/\1/' "$WORK/b")
is "download" 200 "$(req m2 GET "$DL")"
check "download is an attachment" grep -qi '^Content-Disposition: attachment; filename="fiche.txt"' "$WORK/h"
check "download is nosniff" grep -qi '^X-Content-Type-Options: nosniff' "$WORK/h"
check "download is the file" cmp -s "$WORK/b" "$WORK/fiche.txt"
check "nothing stored under web/" bash -c "! find '$ROOT/web' -newer '$WORK/fiche.txt' -type f | grep -q ."

is "member offers a room" 201 "$(req m1 POST /api/v1/rooms "$(json '{"name":"Salle Erdre","capacity":10,"address":"1 rue de la Paix"}')")"
ROOM=$(sed -E 's/.*"id":([0-9]+).*/\1/' "$WORK/b")
is "booking" 201 "$(req m2 POST /api/v1/bookings "$(json "{\"room_id\":$ROOM,\"starts_at\":\"2031-03-04T14:00\",\"ends_at\":\"2031-03-04T16:00\"}")")"
is "overlapping booking" 409 "$(req m1 POST /api/v1/bookings "$(json "{\"room_id\":$ROOM,\"starts_at\":\"2031-03-04T15:30\",\"ends_at\":\"2031-03-04T17:00\"}")")"
check "clash message in French" grep -q 'déjà réservée du 04/03/2031 14:00 au 04/03/2031 16:00' "$WORK/b"
is "malformed booking" 400 "$(req m1 POST /api/v1/bookings "$(json '{"room_id":')")"

is "indicators CSV for the region" 200 "$(req ad GET '/api/v1/indicators.csv?sort=-companies')"
check "indicators CSV header" grep -q '^territory_id,territory,stage,companies' "$WORK/b"
is "indicators CSV not for members" 403 "$(req m1 GET /api/v1/indicators.csv)"
finish
