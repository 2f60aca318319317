/* SPDX-License-Identifier: MIT */
/*
 * routes.c - the route table of the API and the request-body schemas.
 * The OpenAPI document is generated from these two tables (router.c), so
 * every route is described. "(paged)" in a summary adds page/per_page.
 */
#include "http_int.h"

#include <string.h>

#define V1 "/api/v1"
#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct http_route http_routes[] = {
    {HTTP_GET, V1 "/health", http_h_health, HTTP_ROUTE_PUBLIC, "meta", "liveness", NULL},
    {HTTP_GET, V1 "/openapi.json", http_h_openapi, HTTP_ROUTE_PUBLIC, "meta",
     "this OpenAPI description", NULL},
    {HTTP_POST, V1 "/auth/login", http_h_login, HTTP_ROUTE_PUBLIC, "auth",
     "open a session (sets the HttpOnly SameSite=Strict cookie)", "Login"},
    {HTTP_POST, V1 "/auth/logout", http_h_logout, 0, "auth", "close the session", NULL},
    {HTTP_GET, V1 "/auth/me", http_h_me, 0, "auth", "the caller's account and CSRF token", NULL},
    {HTTP_POST, V1 "/auth/password", http_h_password_change, 0, "auth",
     "change one's own password (the current one is required; other sessions are closed)",
     "PasswordChange"},
    {HTTP_GET, V1 "/accounts", http_h_accounts_list, 0, "accounts",
     "every account with its role, scope and state (regional admin, paged)", NULL},
    {HTTP_GET, V1 "/accounts/{id}", http_h_account_get, 0, "accounts",
     "one account (regional admin)", NULL},
    {HTTP_PATCH, V1 "/accounts/{id}", http_h_account_update, 0, "accounts",
     "change an account's role and scope, or disable it (its sessions end) or enable it "
     "(regional admin; audited with before and after)",
     "AccountUpdate"},
    {HTTP_POST, V1 "/accounts/{id}/password", http_h_account_password_reset, 0, "accounts",
     "set a new password for an account and close its sessions (regional admin; audited)",
     "PasswordReset"},
    {HTTP_GET, V1 "/territories", http_h_territories_list, 0, "territories",
     "territories in the caller's scope (paged)", NULL},
    {HTTP_POST, V1 "/territories", http_h_territory_create, 0, "territories",
     "add a territory (regional admin)", "TerritoryCreate"},
    {HTTP_GET, V1 "/territories/{id}", http_h_territory_get, 0, "territories", "one territory",
     NULL},
    {HTTP_GET, V1 "/organisations", http_h_orgs_list, 0, "organisations",
     "organisations, anonymised outside the caller's scope (paged; territory_id, naf; "
     "sort=[-]id|commune|naf|activity)",
     NULL},
    {HTTP_POST, V1 "/organisations", http_h_org_create, 0, "organisations",
     "enrol an organisation (facilitator)", "OrganisationCreate"},
    {HTTP_GET, V1 "/organisations/{id}", http_h_org_get, 0, "organisations", "one organisation",
     NULL},
    {HTTP_PATCH, V1 "/organisations/{id}", http_h_org_update, 0, "organisations",
     "change an organisation", "OrganisationUpdate"},
    {HTTP_GET, V1 "/flows", http_h_flows_list, 0, "flows",
     "flows, anonymised unless own or public (paged; territory_id, organisation_id, direction, "
     "code, mine; sort=[-]id|code|direction|family|activity)",
     NULL},
    {HTTP_POST, V1 "/flows", http_h_flow_create, 0, "flows", "declare a flow", "FlowCreate"},
    {HTTP_GET, V1 "/flows/{id}", http_h_flow_get, 0, "flows", "one flow", NULL},
    {HTTP_PATCH, V1 "/flows/{id}", http_h_flow_update, 0, "flows", "change a flow", "FlowUpdate"},
    {HTTP_DELETE, V1 "/flows/{id}", http_h_flow_delete, 0, "flows", "remove a flow", NULL},
    {HTTP_GET, V1 "/suggestions", http_h_suggestions_list, 0, "suggestions",
     "suggested substitutions concerning the caller (paged)", NULL},
    {HTTP_POST, V1 "/suggestions/run", http_h_detection_run, 0, "suggestions",
     "run the detection of substitutions on the offers of a territory (facilitator: one of "
     "theirs) or of the region (admin, territory_id absent); receivers anywhere within the "
     "radius; saves new suggestions, refreshes known ones, never brings back an abandoned one; "
     "answers the counts (409 while a run on the same scope is in progress)",
     "DetectionRun"},
    {HTTP_POST, V1 "/suggestions/{id}/accept", http_h_suggestion_accept, 0, "suggestions",
     "accept to be put in touch (names shown once both sides accept)", "Decision"},
    {HTTP_POST, V1 "/suggestions/{id}/reject", http_h_suggestion_reject, 0, "suggestions",
     "decline a suggestion", "Decision"},
    {HTTP_GET, V1 "/synergies", http_h_synergies_list, 0, "synergies",
     "synergies in the caller's scope (paged; status, territory_id)", NULL},
    {HTTP_POST, V1 "/synergies", http_h_synergy_create, 0, "synergies",
     "record a synergy found at a workshop (facilitator); starts as a suggestion", "SynergyCreate"},
    {HTTP_GET, V1 "/synergies/{id}", http_h_synergy_get, 0, "synergies", "one synergy", NULL},
    {HTTP_PATCH, V1 "/synergies/{id}", http_h_synergy_update, 0, "synergies",
     "move a synergy or record its measured effects (facilitator)", "SynergyUpdate"},
    {HTTP_GET, V1 "/synergies/{id}/history", http_h_synergy_history, 0, "synergies",
     "status history of a synergy", NULL},
    {HTTP_GET, V1 "/pools", http_h_pools_list, 0, "pools",
     "pools (paged); suggested=1: the engine's suggested mutualisations for the caller's scope "
     "(facilitators, region; members anonymised; radius_km, threshold)",
     NULL},
    {HTTP_GET, V1 "/indicators", http_h_indicators, 0, "indicators",
     "counts and effects in the caller's scope, per territory (year=AAAA: that year; absent: to "
     "date); implemented effects measured else estimated; potential from the exact allocation, "
     "each offer once",
     NULL},
    {HTTP_GET, V1 "/map", http_h_map, 0, "map", "map layers: organisations with flow counts", NULL},
    {HTTP_GET, V1 "/prospects", http_h_prospects_rank, 0, "prospects",
     "call list of a territory (facilitator: theirs; regional admin): establishments of the "
     "SIRENE register ranked by the likely synergies of flows estimated from their activity and "
     "size, with the reasons (territory_id, naf, min_employees, limit); every figure is an "
     "estimate, never a declared flow; format=csv: the call list as CSV",
     NULL},
    {HTTP_POST, V1 "/prospects/enrol", http_h_prospect_enrol, 0, "prospects",
     "one-step enrolment of a prospect of the call list as an organisation of the territory "
     "(facilitator: theirs; regional admin): SIRET, address and coordinates kept, its estimated "
     "flows kept as drafts the company confirms; audited; 409 when already enrolled or closed",
     "ProspectEnrol"},
    {HTTP_GET, V1 "/organisations/{id}/drafts", http_h_drafts_list, 0, "drafts",
     "the estimated flows of an organisation enrolled from a prospect, to confirm (its members, "
     "its territory's facilitators, the regional admin); never counted as declared",
     NULL},
    {HTTP_POST, V1 "/drafts/{id}/confirm", http_h_draft_confirm, 0, "drafts",
     "confirm a draft (optionally with a corrected yearly quantity): it becomes a declared flow, "
     "checked as POST /flows checks one, and the draft is deleted",
     "DraftConfirm"},
    {HTTP_DELETE, V1 "/drafts/{id}", http_h_draft_discard, 0, "drafts", "discard a draft flow",
     NULL},
    {HTTP_GET, V1 "/ref/waste", http_h_ref_waste, 0, "reference",
     "search List of Waste codes and other flow codes by words or digits (q)", NULL},
    {HTTP_GET, V1 "/ref/naf", http_h_ref_naf, 0, "reference", "search NAF codes (q)", NULL},
    {HTTP_POST, V1 "/import/organisations", http_h_import_orgs, 0, "import",
     "all-or-nothing CSV import of organisations (facilitator)", "Csv"},
    {HTTP_POST, V1 "/import/flows", http_h_import_flows, 0, "import",
     "all-or-nothing CSV import of flows (facilitator)", "Csv"},
    {HTTP_GET, V1 "/audit", http_h_audit_list, 0, "audit", "audit log (regional admin, paged)",
     NULL},
    /* ---- regional network and mutualisation services (helper netweb) */
    {HTTP_GET, V1 "/territories/{id}/registry", http_h_territory_registry, 0, "territories",
     "registry of a territory: pilot, facilitators, communes, companies engaged, stage, "
     "checklist, actors, key dates (contacts and company names inside the scope only)",
     NULL},
    {HTTP_POST, V1 "/territories/{id}/actors", http_h_territory_actor_add, 0, "territories",
     "add an actor to a territory (admin, its facilitators)", "ActorCreate"},
    {HTTP_POST, V1 "/territories/{id}/key_dates", http_h_territory_key_date_add, 0, "territories",
     "add a key date (admin, its facilitators)", "KeyDateCreate"},
    {HTTP_PUT, V1 "/territories/{id}/checklist", http_h_territory_checklist_set, 0, "territories",
     "tick or untick an item of the shared method's checklist", "ChecklistSet"},
    {HTTP_PATCH, V1 "/territories/{id}/progress", http_h_territory_progress, 0, "territories",
     "move a territory to a stage, record jobs created", "TerritoryProgress"},
    {HTTP_GET, V1 "/territories/{id}/evaluations/{id}", http_h_evaluation_get, 0, "evaluations",
     "the yearly evaluation of a territory (second id: the year): every indicator of the "
     "framework with how it is computed or who entered it, its last five years, radars, maturity, "
     "what is missing to close",
     NULL},
    {HTTP_PUT, V1 "/territories/{id}/evaluations/{id}", http_h_evaluation_put, 0, "evaluations",
     "enter values (facilitator, admin): values maps indicator ids to a number (a level 0-4 for "
     "levels), or null to clear; all or nothing; 409 when the year is closed",
     "EvaluationValues"},
    {HTTP_POST, V1 "/territories/{id}/evaluations/{id}/close", http_h_evaluation_close, 0,
     "evaluations", "close a year (refused, naming them, while mandatory indicators are missing)",
     NULL},
    {HTTP_POST, V1 "/territories/{id}/evaluations/{id}/reopen", http_h_evaluation_reopen, 0,
     "evaluations", "reopen a closed year (regional admin)", NULL},
    {HTTP_GET, V1 "/territories/{id}/evaluations/{id}/report", http_h_evaluation_report, 0,
     "evaluations", "the territory's yearly report (format=pdf|xlsx; anonymised for observers)",
     NULL},
    {HTTP_GET, V1 "/evaluations", http_h_evaluations_list, 0, "evaluations",
     "every territory of the caller's scope side by side for a year, and their total (year)", NULL},
    {HTTP_GET, V1 "/evaluations/export", http_h_evaluations_export, 0, "evaluations",
     "the framework's values of a year, one row per territory and indicator (year, "
     "format=csv|json, territory_id)",
     NULL},
    {HTTP_GET, V1 "/evaluations/report", http_h_evaluations_report, 0, "evaluations",
     "the regional report, one page per territory (year, format=pdf|xlsx; admin, observers)", NULL},
    {HTTP_GET, V1 "/indicators.csv", http_h_indicators_csv, 0, "indicators",
     "comparable indicators per territory as CSV (regional admin, observers; sort=[-]column)",
     NULL},
    {HTTP_GET, V1 "/search", http_h_search, 0, "forum",
     "full-text search over the threads, posts and library the caller may see (q)", NULL},
    {HTTP_GET, V1 "/notifications", http_h_notifications_list, 0, "forum",
     "the caller's notifications (unread=1) and the unread count", NULL},
    {HTTP_POST, V1 "/notifications/read", http_h_notifications_read, 0, "forum",
     "mark one (id) or all notifications read", "NotificationRead"},
    {HTTP_GET, V1 "/events", http_h_events_list, 0, "events",
     "events to come (all=1: past ones too), with the caller's registration", NULL},
    {HTTP_POST, V1 "/events", http_h_event_create, 0, "events",
     "create an event (admin; facilitators for their territories)", "EventCreate"},
    {HTTP_GET, V1 "/events.ics", http_h_events_ics, HTTP_ROUTE_PUBLIC, "events",
     "iCalendar feed: the whole network with a session, or one account's events with "
     "?token= (no session)",
     NULL},
    {HTTP_POST, V1 "/calendar/token", http_h_feed_token, 0, "events",
     "new personal calendar feed token (revokes the previous one)", NULL},
    {HTTP_GET, V1 "/events/{id}", http_h_event_get, 0, "events", "one event", NULL},
    {HTTP_PATCH, V1 "/events/{id}", http_h_event_update, 0, "events",
     "change an event (its organisers; members sent replace the stored ones, territory_id 0 "
     "makes it network-wide)",
     "EventUpdate"},
    {HTTP_POST, V1 "/events/{id}/cancel", http_h_event_cancel, 0, "events",
     "cancel an event (its organisers)", NULL},
    {HTTP_POST, V1 "/events/{id}/registration", http_h_event_register, 0, "events",
     "register the caller (waiting list when full)", NULL},
    {HTTP_DELETE, V1 "/events/{id}/registration", http_h_event_unregister, 0, "events",
     "cancel the caller's registration (the first waiting person gets the place)", NULL},
    {HTTP_GET, V1 "/events/{id}/registrations", http_h_event_registrations, 0, "events",
     "attendees and waiting list (organisers only)", NULL},
    {HTTP_GET, V1 "/threads", http_h_threads_list, 0, "forum",
     "threads the caller may see, latest activity first", NULL},
    {HTTP_POST, V1 "/threads", http_h_thread_create, 0, "forum",
     "open a thread (mentions @email or @Prenom.Nom notify)", "ThreadCreate"},
    {HTTP_GET, V1 "/threads/{id}", http_h_thread_get, 0, "forum", "a thread and its posts", NULL},
    {HTTP_POST, V1 "/threads/{id}/posts", http_h_post_create, 0, "forum", "reply to a thread",
     "PostCreate"},
    {HTTP_GET, V1 "/resources", http_h_resources_list, 0, "library",
     "library resources the caller may see", NULL},
    {HTTP_POST, V1 "/resources", http_h_resource_upload, HTTP_ROUTE_UPLOAD, "library",
     "upload a file (at most 20 MiB) as the raw body (type checked from the content); title, "
     "kind, visibility, "
     "territory_id, description, filename in the query",
     NULL},
    {HTTP_GET, V1 "/resources/{id}/file", http_h_resource_download, 0, "library",
     "download a resource (attachment, nosniff)", NULL},
    {HTTP_DELETE, V1 "/resources/{id}", http_h_resource_delete, 0, "library",
     "remove a resource (uploader, admin)", NULL},
    {HTTP_GET, V1 "/rooms", http_h_rooms_list, 0, "rooms", "shared rooms (organisation_id)", NULL},
    {HTTP_POST, V1 "/rooms", http_h_room_create, 0, "rooms", "offer a room of one's organisation",
     "RoomCreate"},
    {HTTP_GET, V1 "/rooms/{id}/bookings", http_h_room_bookings, 0, "rooms",
     "the room's bookings from yesterday on (purpose shown to the booker only)", NULL},
    {HTTP_POST, V1 "/bookings", http_h_booking_create, 0, "rooms",
     "book a slot (409 with the taken slot if it overlaps)", "BookingCreate"},
    {HTTP_DELETE, V1 "/bookings/{id}", http_h_booking_cancel, 0, "rooms",
     "cancel a booking (booker, room owner, admin)", NULL},
    {HTTP_GET, V1 "/trainings", http_h_trainings_list, 0, "trainings",
     "joint training sessions with their min/max status", NULL},
    {HTTP_POST, V1 "/trainings", http_h_training_create, 0, "trainings",
     "create a session (admin, facilitators)", "TrainingCreate"},
    {HTTP_POST, V1 "/trainings/{id}/registration", http_h_training_register, 0, "trainings",
     "register the caller", NULL},
    {HTTP_DELETE, V1 "/trainings/{id}/registration", http_h_training_unregister, 0, "trainings",
     "cancel the caller's registration", NULL},
    {HTTP_GET, V1 "/purchases", http_h_purchases_list, 0, "purchases",
     "group purchases with their totals", NULL},
    {HTTP_POST, V1 "/purchases", http_h_purchase_create, 0, "purchases", "open a group purchase",
     "PurchaseCreate"},
    {HTTP_GET, V1 "/purchases/{id}", http_h_purchase_get, 0, "purchases",
     "a purchase, its total and the lines the caller may see", NULL},
    {HTTP_PUT, V1 "/purchases/{id}/quantity", http_h_purchase_quantity, 0, "purchases",
     "set one's organisation's quantity (0 removes it) until the deadline", "PurchaseQuantity"},
    {HTTP_GET, V1 "/purchases/{id}/suppliers.csv", http_h_purchase_csv, 0, "purchases",
     "supplier list as CSV (organisers)", NULL},
    /* ---- end netweb */
    {HTTP_GET, V1 "/allocations", http_h_allocations_list, 0, "allocations",
     "saved allocation plans, latest first: totals of the optimal plan against the greedy one "
     "(facilitators: their territories; region: all; paged; territory_id)",
     NULL},
    {HTTP_POST, V1 "/allocations", http_h_allocation_create, 0, "allocations",
     "compute and save the optimal allocation (min-cost flow) of the open substitution "
     "suggestions of a territory, or of the region when territory_id is absent (admin)",
     "AllocationCreate"},
    {HTTP_GET, V1 "/allocations/{id}", http_h_allocation_get, 0, "allocations",
     "one plan with its lines: tonnes kept by the optimum and by the greedy plan per synergy "
     "(organisations anonymised for the region)",
     NULL},
    {HTTP_GET, V1 "/rounds", http_h_rounds_list, 0, "rounds",
     "saved collection rounds, latest first: km, time, CO2e against each company driving to "
     "the nearest treatment site (paged; collection_id)",
     NULL},
    {HTTP_POST, V1 "/rounds", http_h_round_create, 0, "rounds",
     "compute (CVRP, haversine x 1.3, 40 km/h + 10 min per stop) and save the rounds of a "
     "pooled collection (admin, its facilitators, its collector)",
     "RoundCreate"},
    {HTTP_GET, V1 "/rounds/{id}", http_h_round_get, 0, "rounds",
     "one saved round with its routes, stops and a GeoJSON MultiLineString geometry", NULL},
    {HTTP_GET, V1 "/collections", http_h_collections_list, 0, "collections",
     "pooled collections of small quantities the caller sees, with their totals (members: those "
     "of their territory and their own items only; facilitators: their territories; collectors: "
     "the pools they serve; region: all)",
     NULL},
    {HTTP_POST, V1 "/collections", http_h_collection_create, 0, "collections",
     "create a pooled collection for a territory (admin, its facilitators); collector_id takes "
     "the collector's depot and vehicle capacity when lat/lon or vehicle_capacity_kg are absent",
     "CollectionCreate"},
    {HTTP_GET, V1 "/collections/{id}", http_h_collection_get, 0, "collections",
     "one pool, its totals (members, kg a year, kg a round) and the items the caller may see",
     NULL},
    {HTTP_PUT, V1 "/collections/{id}/items", http_h_collection_item_set, 0, "collections",
     "register or replace a waste (List of Waste code, kg per period, frequency) of the caller's "
     "organisation (facilitators: organisation_id of their territories)",
     "CollectionItemSet"},
    {HTTP_GET, V1 "/collectors", http_h_collectors_list, 0, "collectors",
     "collectors with their depots and vehicles (admin, observers, facilitators)", NULL},
    {HTTP_POST, V1 "/collectors", http_h_collector_create, 0, "collectors",
     "register an organisation (social economy or with a collector account) as a collector with "
     "one depot and one vehicle (admin; facilitators for their territories)",
     "CollectorCreate"},
};
const size_t http_n_routes = N(http_routes);

static const struct http_field login_fields[] = {
    {"email", HTTP_FIELD_STRING, true, 254, 0, 0, NULL},
    {"password", HTTP_FIELD_STRING, true, 1024, 0, 0, NULL},
};

static const struct http_field password_change_fields[] = {
    {"current_password", HTTP_FIELD_STRING, true, 1024, 0, 0, NULL},
    {"new_password", HTTP_FIELD_STRING, true, 1024, 0, 0, NULL},
};

static const struct http_field password_reset_fields[] = {
    {"new_password", HTTP_FIELD_STRING, true, 1024, 0, 0, NULL},
};

static const struct http_field account_update_fields[] = {
    {"role", HTTP_FIELD_ENUM, false, 0, 0, 0,
     "regional_admin|facilitator|member|collector|observer"},
    {"organisation_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"territory_ids", HTTP_FIELD_IDS, false, 0, 1, 1e15, NULL},
    {"disabled", HTTP_FIELD_BOOL, false, 0, 0, 0, NULL},
};

static const struct http_field territory_fields[] = {
    {"name", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
    {"kind", HTTP_FIELD_ENUM, false, 0, 0, 0, "intercommunality|business_park|departement"},
    {"pilot", HTTP_FIELD_STRING, false, 200, 0, 0, NULL},
    {"stage", HTTP_FIELD_ENUM, false, 0, 0, 0,
     "mobilisation|data_collection|detection|feasibility|implementation|evaluation"},
    {"start_date", HTTP_FIELD_STRING, false, 10, 0, 0, NULL},
};

#define ORG_FIELDS(req)                                                                            \
    {"siret", HTTP_FIELD_STRING, req, 14, 0, 0, NULL},                                             \
        {"name", HTTP_FIELD_STRING, req, 200, 0, 0, NULL},                                         \
        {"naf", HTTP_FIELD_STRING, req, 8, 0, 0, NULL},                                            \
        {"commune_insee", HTTP_FIELD_STRING, req, 5, 0, 0, NULL},                                  \
        {"kind",                                                                                   \
         HTTP_FIELD_ENUM,                                                                          \
         false,                                                                                    \
         0,                                                                                        \
         0,                                                                                        \
         0,                                                                                        \
         "company|public_body|chamber|association|social_economy"},                                \
        {"address", HTTP_FIELD_STRING, false, 300, 0, 0, NULL},                                    \
        {"postal_code", HTTP_FIELD_STRING, false, 5, 0, 0, NULL},                                  \
        {"lat", HTTP_FIELD_NUMBER, false, 0, -90, 90, NULL},                                       \
        {"lon", HTTP_FIELD_NUMBER, false, 0, -180, 180, NULL},                                     \
        {"headcount", HTTP_FIELD_INT, false, 0, 0, 1000000, NULL},                                 \
    {                                                                                              \
        "territory_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL                                    \
    }

static const struct http_field org_create_fields[] = {ORG_FIELDS(true)};
static const struct http_field org_update_fields[] = {ORG_FIELDS(false)};

#define FLOW_FIELDS(req)                                                                            \
    {"direction", HTTP_FIELD_ENUM, req, 0, 0, 0, "offer|need"},                                     \
        {"code", HTTP_FIELD_STRING, req, 23, 0, 0, NULL},                                           \
        {"quantity", HTTP_FIELD_NUMBER, req, 0, 0, 1e12, NULL},                                     \
        {"unit", HTTP_FIELD_ENUM, req, 0, 0, 0, "t|kg|MWh|kWh|GWh|m3|L|h|unit|m2|place|session"},   \
        {"period", HTTP_FIELD_ENUM, false, 0, 0, 0, "year|month|week|day|once"},                    \
        {"state", HTTP_FIELD_ENUM, false, 0, 0, 0, "unknown|solid|liquid|sludge|gas"},              \
        {"is_hazardous", HTTP_FIELD_BOOL, false, 0, 0, 0, NULL},                                    \
        {"temperature_c", HTTP_FIELD_NUMBER, false, 0, -100, 2000, NULL},                           \
        {"availability", HTTP_FIELD_ENUM, false, 0, 0, 0, "continuous|seasonal|one_off"},           \
        {"cost_eur_per_unit", HTTP_FIELD_NUMBER, false, 0, -1e6, 1e6, NULL},                        \
        {"confidentiality", HTTP_FIELD_ENUM, false, 0, 0, 0, "public|anonymised|facilitator_only"}, \
    {                                                                                               \
        "description", HTTP_FIELD_STRING, false, 2000, 0, 0, NULL                                   \
    }

static const struct http_field flow_create_fields[] = {
    {"organisation_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    FLOW_FIELDS(true),
};
static const struct http_field flow_update_fields[] = {FLOW_FIELDS(false)};

static const struct http_field prospect_enrol_fields[] = {
    {"siret", HTTP_FIELD_STRING, true, 14, 0, 0, NULL},
    {"territory_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
};
static const struct http_field draft_confirm_fields[] = {
    {"quantity", HTTP_FIELD_NUMBER, false, 0, 0, 1e12, NULL},
    {"confidentiality", HTTP_FIELD_ENUM, false, 0, 0, 0, "public|anonymised|facilitator_only"},
};

static const struct http_field synergy_fields[] = {
    {"status", HTTP_FIELD_ENUM, false, 0, 0, 0,
     "suggested|studied|in_progress|implemented|abandoned"},
    {"reason", HTTP_FIELD_STRING, false, 500, 0, 0, NULL},
    {"measured_t_diverted", HTTP_FIELD_NUMBER, false, 0, 0, 1e9, NULL},
    {"measured_co2e_t", HTTP_FIELD_NUMBER, false, 0, -1e9, 1e9, NULL},
    {"measured_eur_saved", HTTP_FIELD_NUMBER, false, 0, -1e12, 1e12, NULL},
    {"measured_km", HTTP_FIELD_NUMBER, false, 0, 0, 1e9, NULL},
};

static const struct http_field synergy_create_fields[] = {
    {"offer_flow_id", HTTP_FIELD_INT, true, 0, 1, 1e15, NULL},
    {"need_flow_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"receiver_organisation_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"note", HTTP_FIELD_STRING, false, 1000, 0, 0, NULL},
    {"estimated_t_diverted", HTTP_FIELD_NUMBER, false, 0, 0, 1e9, NULL},
    {"estimated_co2e_t", HTTP_FIELD_NUMBER, false, 0, -1e9, 1e9, NULL},
    {"estimated_eur_saved", HTTP_FIELD_NUMBER, false, 0, -1e12, 1e12, NULL},
};

static const struct http_field decision_fields[] = {
    {"reason", HTTP_FIELD_STRING, false, 500, 0, 0, NULL},
};

/* ---- regional network and mutualisation services (helper netweb) */
static const struct http_field actor_fields[] = {
    {"role", HTTP_FIELD_ENUM, true, 0, 0, 0,
     "pilot|facilitator|chamber|economic_developer|company|funder|commune"},
    {"name", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
    {"organisation_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"email", HTTP_FIELD_STRING, false, 254, 0, 0, NULL},
};
static const struct http_field key_date_fields[] = {
    {"date", HTTP_FIELD_STRING, true, 10, 0, 0, NULL},
    {"label", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
};
#define STAGES "mobilisation|data_collection|detection|feasibility|implementation|evaluation"
static const struct http_field checklist_fields[] = {
    {"stage", HTTP_FIELD_ENUM, true, 0, 0, 0, STAGES},
    {"item", HTTP_FIELD_INT, true, 0, 0, 100, NULL},
    {"done", HTTP_FIELD_BOOL, true, 0, 0, 0, NULL},
};
static const struct http_field progress_fields[] = {
    {"stage", HTTP_FIELD_ENUM, false, 0, 0, 0, STAGES},
    {"jobs_created", HTTP_FIELD_INT, false, 0, 0, 1000000, NULL},
};
static const struct http_field evaluation_fields[] = {
    {"values", HTTP_FIELD_OBJECT, true, 0, 0, 0, NULL},
};
static const struct http_field notification_read_fields[] = {
    {"id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
};
static const struct http_field event_fields[] = {
    {"kind", HTTP_FIELD_ENUM, true, 0, 0, 0, "network_meeting|webinar|workshop"},
    {"title", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
    {"description", HTTP_FIELD_STRING, false, 5000, 0, 0, NULL},
    {"location", HTTP_FIELD_STRING, false, 300, 0, 0, NULL},
    {"video_url", HTTP_FIELD_STRING, false, 500, 0, 0, NULL},
    {"starts_at", HTTP_FIELD_STRING, true, 40, 0, 0, NULL},
    {"ends_at", HTTP_FIELD_STRING, true, 40, 0, 0, NULL},
    {"capacity", HTTP_FIELD_INT, false, 0, 0, 100000, NULL},
    {"territory_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
};
static const struct http_field event_update_fields[] = {
    {"kind", HTTP_FIELD_ENUM, false, 0, 0, 0, "network_meeting|webinar|workshop"},
    {"title", HTTP_FIELD_STRING, false, 200, 0, 0, NULL},
    {"description", HTTP_FIELD_STRING, false, 5000, 0, 0, NULL},
    {"location", HTTP_FIELD_STRING, false, 300, 0, 0, NULL},
    {"video_url", HTTP_FIELD_STRING, false, 500, 0, 0, NULL},
    {"starts_at", HTTP_FIELD_STRING, false, 40, 0, 0, NULL},
    {"ends_at", HTTP_FIELD_STRING, false, 40, 0, 0, NULL},
    {"capacity", HTTP_FIELD_INT, false, 0, 0, 100000, NULL},
    {"territory_id", HTTP_FIELD_INT, false, 0, 0, 1e15, NULL},
};
static const struct http_field thread_fields[] = {
    {"title", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
    {"body", HTTP_FIELD_STRING, true, 20000, 0, 0, NULL},
    {"territory_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
};
static const struct http_field post_fields[] = {
    {"body", HTTP_FIELD_STRING, true, 20000, 0, 0, NULL},
};
static const struct http_field room_fields[] = {
    {"organisation_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"name", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
    {"capacity", HTTP_FIELD_INT, true, 0, 1, 10000, NULL},
    {"equipment", HTTP_FIELD_STRING, false, 500, 0, 0, NULL},
    {"address", HTTP_FIELD_STRING, true, 300, 0, 0, NULL},
    {"description", HTTP_FIELD_STRING, false, 2000, 0, 0, NULL},
};
static const struct http_field booking_fields[] = {
    {"room_id", HTTP_FIELD_INT, true, 0, 1, 1e15, NULL},
    {"organisation_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"starts_at", HTTP_FIELD_STRING, true, 40, 0, 0, NULL},
    {"ends_at", HTTP_FIELD_STRING, true, 40, 0, 0, NULL},
    {"purpose", HTTP_FIELD_STRING, false, 500, 0, 0, NULL},
};
static const struct http_field training_fields[] = {
    {"title", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
    {"topic", HTTP_FIELD_STRING, false, 200, 0, 0, NULL},
    {"description", HTTP_FIELD_STRING, false, 5000, 0, 0, NULL},
    {"location", HTTP_FIELD_STRING, true, 300, 0, 0, NULL},
    {"starts_at", HTTP_FIELD_STRING, true, 40, 0, 0, NULL},
    {"ends_at", HTTP_FIELD_STRING, true, 40, 0, 0, NULL},
    {"min_participants", HTTP_FIELD_INT, true, 0, 1, 10000, NULL},
    {"max_participants", HTTP_FIELD_INT, true, 0, 1, 10000, NULL},
    {"organiser_organisation_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"territory_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
};
static const struct http_field purchase_fields[] = {
    {"title", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
    {"category", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
    {"unit", HTTP_FIELD_STRING, true, 50, 0, 0, NULL},
    {"deadline", HTTP_FIELD_STRING, true, 10, 0, 0, NULL},
    {"description", HTTP_FIELD_STRING, false, 5000, 0, 0, NULL},
    {"territory_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
};
static const struct http_field purchase_qty_fields[] = {
    {"organisation_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"quantity", HTTP_FIELD_NUMBER, true, 0, 0, 1e9, NULL},
    {"comment", HTTP_FIELD_STRING, false, 500, 0, 0, NULL},
};
/* ---- end netweb */
static const struct http_field detection_fields[] = {
    {"territory_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"radius_km", HTTP_FIELD_NUMBER, false, 0, 0.1, 1000, NULL},
    {"top", HTTP_FIELD_INT, false, 0, 1, 64, NULL},
};

static const struct http_field allocation_fields[] = {
    {"territory_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
};

static const struct http_field round_fields[] = {
    {"collection_id", HTTP_FIELD_INT, true, 0, 1, 1e15, NULL},
    {"collector_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"vehicle_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"depot_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"date", HTTP_FIELD_STRING, false, 10, 0, 0, NULL},
};

static const struct http_field collection_fields[] = {
    {"name", HTTP_FIELD_STRING, true, 200, 0, 0, NULL},
    {"territory_id", HTTP_FIELD_INT, true, 0, 1, 1e15, NULL},
    {"collector_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"lat", HTTP_FIELD_NUMBER, false, 0, -90, 90, NULL},
    {"lon", HTTP_FIELD_NUMBER, false, 0, -180, 180, NULL},
    {"vehicle_capacity_kg", HTTP_FIELD_NUMBER, false, 0, 1, 1e6, NULL},
    {"round_frequency", HTTP_FIELD_ENUM, false, 0, 0, 0, "weekly|fortnightly|monthly|quarterly"},
};

static const struct http_field collection_item_fields[] = {
    {"organisation_id", HTTP_FIELD_INT, false, 0, 1, 1e15, NULL},
    {"low_code", HTTP_FIELD_STRING, true, 20, 0, 0, NULL},
    {"quantity_kg", HTTP_FIELD_NUMBER, true, 0, 0, 1e6, NULL},
    {"frequency", HTTP_FIELD_ENUM, true, 0, 0, 0, "weekly|fortnightly|monthly|quarterly|yearly"},
};

static const struct http_field collector_fields[] = {
    {"organisation_id", HTTP_FIELD_INT, true, 0, 1, 1e15, NULL},
    {"depot_name", HTTP_FIELD_STRING, false, 200, 0, 0, NULL},
    {"address", HTTP_FIELD_STRING, false, 300, 0, 0, NULL},
    {"lat", HTTP_FIELD_NUMBER, true, 0, -90, 90, NULL},
    {"lon", HTTP_FIELD_NUMBER, true, 0, -180, 180, NULL},
    {"vehicle_name", HTTP_FIELD_STRING, false, 200, 0, 0, NULL},
    {"capacity_kg", HTTP_FIELD_NUMBER, true, 0, 1, 1e6, NULL},
    {"cost_eur_per_km", HTTP_FIELD_NUMBER, false, 0, 0, 100, NULL},
    {"co2e_kg_per_km", HTTP_FIELD_NUMBER, false, 0, 0, 10, NULL},
};

const struct http_body_schema http_bodies[] = {
    {"Login", login_fields, N(login_fields)},
    {"PasswordChange", password_change_fields, N(password_change_fields)},
    {"PasswordReset", password_reset_fields, N(password_reset_fields)},
    {"AccountUpdate", account_update_fields, N(account_update_fields)},
    {"TerritoryCreate", territory_fields, N(territory_fields)},
    {"OrganisationCreate", org_create_fields, N(org_create_fields)},
    {"OrganisationUpdate", org_update_fields, N(org_update_fields)},
    {"FlowCreate", flow_create_fields, N(flow_create_fields)},
    {"FlowUpdate", flow_update_fields, N(flow_update_fields)},
    {"ProspectEnrol", prospect_enrol_fields, N(prospect_enrol_fields)},
    {"DraftConfirm", draft_confirm_fields, N(draft_confirm_fields)},
    {"SynergyUpdate", synergy_fields, N(synergy_fields)},
    {"SynergyCreate", synergy_create_fields, N(synergy_create_fields)},
    {"Decision", decision_fields, N(decision_fields)},
    /* netweb */
    {"ActorCreate", actor_fields, N(actor_fields)},
    {"KeyDateCreate", key_date_fields, N(key_date_fields)},
    {"ChecklistSet", checklist_fields, N(checklist_fields)},
    {"TerritoryProgress", progress_fields, N(progress_fields)},
    {"NotificationRead", notification_read_fields, N(notification_read_fields)},
    {"EvaluationValues", evaluation_fields, N(evaluation_fields)},
    {"EventCreate", event_fields, N(event_fields)},
    {"EventUpdate", event_update_fields, N(event_update_fields)},
    {"ThreadCreate", thread_fields, N(thread_fields)},
    {"PostCreate", post_fields, N(post_fields)},
    {"RoomCreate", room_fields, N(room_fields)},
    {"BookingCreate", booking_fields, N(booking_fields)},
    {"TrainingCreate", training_fields, N(training_fields)},
    {"PurchaseCreate", purchase_fields, N(purchase_fields)},
    {"PurchaseQuantity", purchase_qty_fields, N(purchase_qty_fields)},
    {"AllocationCreate", allocation_fields, N(allocation_fields)},
    {"DetectionRun", detection_fields, N(detection_fields)},
    {"RoundCreate", round_fields, N(round_fields)},
    {"CollectionCreate", collection_fields, N(collection_fields)},
    {"CollectionItemSet", collection_item_fields, N(collection_item_fields)},
    {"CollectorCreate", collector_fields, N(collector_fields)},
};
const size_t http_n_bodies = N(http_bodies);

static const char *const field_type_names[] = {
    [HTTP_FIELD_STRING] = "string", [HTTP_FIELD_INT] = "integer", [HTTP_FIELD_NUMBER] = "number",
    [HTTP_FIELD_BOOL] = "boolean",  [HTTP_FIELD_ENUM] = "string", [HTTP_FIELD_IDS] = "array",
    [HTTP_FIELD_OBJECT] = "object",
};

void http_schemas_add(json_t *schemas)
{
    for (size_t i = 0; i < http_n_bodies; i++) {
        const struct http_body_schema *b = &http_bodies[i];
        json_t *props = json_object();
        json_t *required = json_array();
        for (size_t k = 0; k < b->n_fields; k++) {
            const struct http_field *f = &b->fields[k];
            json_t *p = json_pack("{s:s}", "type", field_type_names[f->type]);
            if (f->type == HTTP_FIELD_STRING)
                json_object_set_new(p, "maxLength",
                                    json_integer((json_int_t)(f->max_len ? f->max_len : 1000)));
            if (f->type == HTTP_FIELD_ENUM) {
                json_t *vals = json_array();
                const char *c = f->choices;
                while (c && *c) {
                    const char *bar = strchr(c, '|');
                    size_t len = bar ? (size_t)(bar - c) : strlen(c);
                    json_array_append_new(vals, json_stringn(c, len));
                    c = bar ? bar + 1 : NULL;
                }
                json_object_set_new(p, "enum", vals);
            }
            if (f->type == HTTP_FIELD_IDS)
                json_object_set_new(p, "items",
                                    json_pack("{s:s, s:f, s:f}", "type", "integer", "minimum",
                                              f->min, "maximum", f->max));
            if ((f->type == HTTP_FIELD_INT || f->type == HTTP_FIELD_NUMBER) &&
                (f->min != 0 || f->max != 0)) {
                json_object_set_new(p, "minimum", json_real(f->min));
                json_object_set_new(p, "maximum", json_real(f->max));
            }
            json_object_set_new(props, f->name, p);
            if (f->is_required)
                json_array_append_new(required, json_string(f->name));
        }
        json_t *s = json_pack("{s:s, s:o, s:b}", "type", "object", "properties", props,
                              "additionalProperties", 0);
        if (json_array_size(required))
            json_object_set_new(s, "required", required);
        else
            json_decref(required);
        json_object_set_new(schemas, b->name, s);
    }
}
