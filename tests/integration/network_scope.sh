#!/usr/bin/env bash
# network_scope.sh - the network's services through the API follow the
# reading rule: a territory's training is listed for and open to its
# facilitators and members (and the region), not to another territory's
# (404 to register or leave, no title); an event of another territory is
# 404 to leave, without its title; observers do not register (403, in
# French); forum notifications and authors never show an e-mail address.
source "$(dirname "$0")/lib.sh"
DB=$WORK/net.db
"$SYM" --db "$DB" demo >/dev/null || { not_ok "demo loads"; finish; exit 1; }
echo 'observateur-2026-secret' | "$SYM" --db "$DB" user add obs@region.example --role observer \
  --password-stdin >/dev/null || not_ok "observer account"
web_start "$DB"

session f1 animation1@demo.symbiose.fr demo-animation-2026
session f2 animation2@demo.symbiose.fr demo-animation-2026
session m1 membre1@demo.symbiose.fr demo-membre-2026
session m2 membre2@demo.symbiose.fr demo-membre-2026
session ob obs@region.example observateur-2026-secret
hidden() { ! grep -q "Tri confidentiel" "$WORK/b"; }

is "facilitator 1 creates a training of its territory" 201 "$(req f1 POST /api/v1/trainings "$(json '{"title":"Tri confidentiel des métaux","location":"Nantes","starts_at":"2031-05-14T09:00","ends_at":"2031-05-14T17:00","min_participants":2,"max_participants":20,"territory_id":1}')")"
TR=$(sed -E 's/.*"id":([0-9]+).*/\1/' "$WORK/b")
req m1 GET /api/v1/trainings >/dev/null
check "its member sees it" grep -q "Tri confidentiel" "$WORK/b"
req ob GET /api/v1/trainings >/dev/null
check "the region's observer sees it" grep -q "Tri confidentiel" "$WORK/b"
req m2 GET /api/v1/trainings >/dev/null
check "another territory's member does not" hidden
req f2 GET /api/v1/trainings >/dev/null
check "another territory's facilitator does not" hidden
is "another territory's member cannot register" 404 "$(req m2 POST "/api/v1/trainings/$TR/registration")"
check "  and reads no title" hidden
is "another territory's member cannot leave" 404 "$(req m2 DELETE "/api/v1/trainings/$TR/registration")"
check "  and reads no title" hidden
is "its member registers" 201 "$(req m1 POST "/api/v1/trainings/$TR/registration")"

is "facilitator 1 creates an event of its territory" 201 "$(req f1 POST /api/v1/events "$(json '{"kind":"workshop","title":"Tri confidentiel : atelier","location":"Nantes","starts_at":"2031-06-01T09:00","ends_at":"2031-06-01T12:00","territory_id":1}')")"
EV=$(sed -E 's/.*"id":([0-9]+).*/\1/' "$WORK/b")
is "another territory's member cannot leave it" 404 "$(req m2 DELETE "/api/v1/events/$EV/registration")"
check "  and reads no title" hidden
is "an observer cannot register" 403 "$(req ob POST "/api/v1/events/$EV/registration")"
check "  and is told why in French" grep -q "observateur" "$WORK/b"
is "its member registers" 201 "$(req m1 POST "/api/v1/events/$EV/registration")"

# the forum names people by display name or role, never by address
echo 'membre-sans-nom-2026' | "$SYM" --db "$DB" user add jean.martin@fonderie.example --role member \
  --org "$(sqlite3 "$DB" "SELECT organisation_id FROM accounts WHERE email = 'membre1@demo.symbiose.fr'")" \
  --password-stdin >/dev/null || not_ok "account without a display name"
session m3 jean.martin@fonderie.example membre-sans-nom-2026
is "the facilitator reads the notifications before" 200 "$(req f1 GET /api/v1/notifications)"
N0=$(grep -o 'a répondu' "$WORK/b" | wc -l)
is "facilitator 1 opens a thread" 201 "$(req f1 POST /api/v1/threads "$(json '{"title":"Palettes","body":"Qui en a ?","territory_id":1}')")"
TH=$(sed -E 's/.*"id":([0-9]+).*/\1/' "$WORK/b")
is "a member replies" 201 "$(req m1 POST "/api/v1/threads/$TH/posts" "$(json '{"body":"Nous"}')")"
is "a member without a display name replies" 201 "$(req m3 POST "/api/v1/threads/$TH/posts" "$(json '{"body":"Nous aussi"}')")"
is "the facilitator reads the notifications" 200 "$(req f1 GET /api/v1/notifications)"
check "  two replies notified" test "$(grep -o 'a répondu' "$WORK/b" | wc -l)" = $((N0 + 2))
check "  no e-mail address in them" bash -c "! grep -qE '@(demo\.symbiose\.fr|fonderie\.example)' '$WORK/b'"
is "another member reads the thread" 200 "$(req m1 GET "/api/v1/threads/$TH")"
check "  no e-mail address as author" bash -c "! grep -q 'fonderie.example' '$WORK/b'"
finish
