/* SPDX-License-Identifier: MIT */
/*
 * network.h - the public header of the network module: the services of
 * the regional network built on the store (territories and the shared
 * method, events, forum, library, rooms, trainings, group purchases,
 * pooled collection), the pure helpers they need (Europe/Paris time,
 * iCalendar, validation with French messages) and the demo region.
 *
 * Dependencies: core, ref, store. The http and cli modules call this one.
 */
#ifndef SYMBIOSE_NETWORK_H
#define SYMBIOSE_NETWORK_H

#include "core/core.h"
#include "ref/ref.h"
#include "store/store.h"

/* ------------------------------------------------- confidentiality (visibility.c) */

/* How much of an organisation or a flow the caller may see. */
enum network_view {
    NETWORK_VIEW_NONE = 0, /* nothing: 404 for one row, absent from lists */
    NETWORK_VIEW_ANON,     /* coarse activity, intercommunality, quantity band */
    NETWORK_VIEW_FULL,     /* identity, address, exact quantities, description */
};

enum network_subject_kind { NETWORK_SUBJECT_ORG, NETWORK_SUBJECT_FLOW };

/* What the rule needs to know of the row shown. */
struct network_subject {
    enum network_subject_kind kind;
    int64_t org_id;                             /* the organisation (of the flow) */
    int64_t territory_id;                       /* its territory, 0 if none */
    enum store_confidentiality confidentiality; /* flows; organisations: anonymised */
    bool is_related;   /* a working relation links it to the caller (network_view_related) */
    bool is_collector; /* a collector, or the host of a shared room: a public service */
};

/*
 * network_view - the one visibility rule (docs/confidentiality.md): what
 * `who` may read of the subject when asking for it directly. NULL who is
 * the command line (full view); an account with id <= 0 sees nothing.
 */
enum network_view network_view(const struct store_account *who, const struct network_subject *s);
/*
 * network_view_side - the same rule for a side of a derived view
 * (synergy, plan line) whose other side the caller reads: a row the
 * caller may not read directly is shown anonymised rather than hidden,
 * except a facilitator-only flow, which stays hidden.
 */
enum network_view network_view_side(const struct store_account *who,
                                    const struct network_subject *s);
/* Fill a subject from an organisation / a flow. */
void network_subject_org(struct network_subject *s, const struct store_org *o, bool is_related);
void network_subject_flow(struct network_subject *s, const struct store_flow *f, bool is_related);
/* *out: whether a working relation links org_id (flow_id: that flow, 0:
 * the organisation) to who; see store_view_relation. */
int network_view_related(struct store *s, const struct store_account *who, int64_t org_id,
                         int64_t flow_id, bool *out, struct err *e);

/* ------------------------------------------------- anonymised labels (anon.c) */

/* The k of the k-anonymity of anonymised views. */
#define NETWORK_ANON_K 5

/* An organisation as the labelling needs it (strings borrowed). */
struct network_anon_input {
    int64_t org_id;
    const char *naf;           /* "17.12Z" */
    const char *commune_insee; /* "44109" */
    int64_t territory_id;      /* 0 if none */
};

/* What an anonymised organisation is shown with. */
struct network_anon_label {
    int64_t org_id;
    char activity_code[8]; /* NAF division "17", section "C", or "" */
    char activity[160];    /* its French label, or "activité non précisée" */
    char area_code[16];    /* "epci:244400404", "dep:44" or "region" */
    char area[96];         /* the intercommunality's name, "département 44", "région" */
    struct geo_point pos;  /* centre of the area */
    int64_t territory_id;  /* 0 when the territory is not shown */
};

/* The labels of a population, sorted by org_id. */
struct network_anon {
    struct network_anon_label *labels;
    size_t n;
};

/*
 * network_anon_build - labels every organisation of in[0..n) so that each
 * label (territory, activity, area) is shared by at least k of them when
 * n >= k (anon.c tells how). out is released with network_anon_release.
 */
int network_anon_build(const struct ref *r, const struct network_anon_input *in, size_t n, size_t k,
                       struct network_anon *out, struct err *e);
/* The label of org_id; NULL if it was not in the population. */
const struct network_anon_label *network_anon_find(const struct network_anon *a, int64_t org_id);
bool network_anon_label_same(const struct network_anon_label *a,
                             const struct network_anon_label *b);
/* How many organisations share l; the smallest such count over all. */
size_t network_anon_class_size(const struct network_anon *a, const struct network_anon_label *l);
size_t network_anon_min_class(const struct network_anon *a);
void network_anon_release(struct network_anon *a);

/* ------------------------------------------------- demo region (helper store) */

/* One demo account, with its known password (for trying the web interface). */
struct network_demo_account {
    const char *email;
    const char *password;
    const char *role;  /* store role name */
    const char *scope; /* territory or organisation name, "" for the region */
};

/* What network_demo_load and network_demo_follow did; the accounts point
 * into static storage except email and scope strings, which the struct
 * owns (network_demo_result_release). */
struct network_demo_result {
    size_t n_territories_added;
    size_t n_orgs_added;
    size_t n_flows_added;
    size_t n_accounts_added;
    size_t n_synergies_added;   /* synergies moved along the pipeline by the demo */
    size_t n_collections_added; /* pooled collections */
    int64_t collection_id;      /* the demo's pooled collection if this run added it, else 0 */
    size_t n_events_added;
    size_t n_registrations_added; /* to events and trainings */
    size_t n_rooms_added;
    size_t n_bookings_added;
    size_t n_trainings_added;
    size_t n_purchases_added;
    size_t n_purchase_lines_added;
    size_t n_threads_added;
    size_t n_posts_added; /* replies, opening posts not counted */
    size_t n_documents_added;
    struct network_demo_account *accounts; /* every demo account, added or not */
    size_t n_accounts;
};

/* How the demo is placed in time and where its documents go. */
struct network_demo_options {
    int64_t now_s;         /* the current time (seconds since the epoch); the calendar,
                              bookings and trainings are placed around its Paris day */
    const char *files_dir; /* the library's files folder; NULL: no documents */
};

/*
 * network_demo_load - builds the demo region from the reference data with a
 * fixed seed: territories named after real intercommunalities (EPCI) with
 * their member communes, at every stage of the approach, with their
 * progress (checklists, key dates, jobs); organisations with plausible NAF
 * codes and valid SIRETs placed in those communes, flows that fit each
 * organisation's activity (an activity profile table); demo accounts (an
 * admin, one facilitator per territory, members); a social-economy
 * collector (depot, vehicle, collector account) and a pooled collection
 * of cardboard and pallets of the first territory's small companies; and
 * the network's life: the calendar (three network meetings a year,
 * monthly webinars, territory workshops) with registrations, shared rooms
 * with bookings, joint trainings with registrations, a group purchase
 * with participants, forum threads with replies and mentions. Every
 * service record goes through the services of this module, so their
 * validation applies.
 *
 * Idempotent: what already exists (same territory name, SIRET, email) is
 * left as is, and each part of the network's life is created only when
 * its table is empty, so a second run changes nothing. Dates are placed
 * relative to opts->now_s on the first run and never moved afterwards.
 * Call inside a transaction. *out is filled even when nothing was added.
 */
int network_demo_load(struct store *s, const struct ref *r, const struct network_demo_options *opts,
                      struct network_demo_result *out, struct err *e);

/*
 * network_demo_follow - what the demo does once detection has saved its
 * suggestions (the caller runs it between the two calls): moves a few
 * suggested substitutions of each territory along the pipeline as its
 * stage suggests (studied, in progress, implemented with measured
 * effects, abandoned with a reason), then adds the library's documents (a
 * method sheet as text, two notes as PDF written by the program) when the
 * library is empty and opts->files_dir is set. Moves no synergy when one
 * of them was already past "suggested". Call inside a transaction, after
 * network_demo_load with the same out.
 */
int network_demo_follow(struct store *s, const struct ref *r,
                        const struct network_demo_options *opts, struct network_demo_result *out,
                        struct err *e);
void network_demo_result_release(struct network_demo_result *res);

/* ================================================ services (helper net) */

/* ------------------------------------------------ Europe/Paris time */

/*
 * Every instant is stored and passed as int64 seconds since the Unix epoch
 * (UTC). Users type and read local times in Europe/Paris: CET (UTC+1) in
 * winter, CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last
 * Sunday of October 01:00 UTC (EU rule, in force since 1996).
 */
struct network_civil {
    int64_t year;
    unsigned month; /* 1..12 */
    unsigned day;   /* 1..31 */
    unsigned hour;  /* 0..23 */
    unsigned min;   /* 0..59 */
    unsigned sec;   /* 0..59 */
};

/* How to read a local time that occurs twice (the October change). */
enum network_tz_fold {
    NETWORK_TZ_STRICT = 0, /* ambiguous local times are an error */
    NETWORK_TZ_EARLIER,    /* the first occurrence (summer time, UTC+2) */
    NETWORK_TZ_LATER,      /* the second occurrence (winter time, UTC+1) */
};

/* UTC offset of Europe/Paris at an instant: 3600 or 7200 seconds. */
int network_paris_offset_s(int64_t utc_s);

/*
 * network_paris_to_utc - the instant of a Paris wall-clock time.
 * ERR_INPUT when the civil time is invalid, does not exist (spring
 * forward: 2026-03-29 02:30) or, with NETWORK_TZ_STRICT, is ambiguous
 * (fall back: 2026-10-25 02:30). Messages are French; `field` names the
 * field in them.
 */
int network_paris_to_utc(const char *field, const struct network_civil *local,
                         enum network_tz_fold fold, int64_t *utc_s, struct err *e);

/* The Paris wall-clock time of an instant. */
void network_paris_from_utc(int64_t utc_s, struct network_civil *local);

/*
 * network_time_parse - parses a date-time typed by a user or sent by the
 * API. Accepted: "YYYY-MM-DDTHH:MM[:SS]" or with a space instead of T
 * (Paris local time; ambiguous or missing times are refused with a French
 * message naming `field` and suggesting an explicit offset), and the same
 * followed by "Z" or "+HH:MM"/"-HH:MM" (an exact instant; an offset that
 * Paris did not have at that moment is accepted, it is exact anyway).
 * Years 1970..9999. Returns ERR_OK or ERR_INPUT.
 */
int network_time_parse(const char *field, const char *text, int64_t *utc_s, struct err *e);

/* Parses a calendar date "YYYY-MM-DD" into days since 1970-01-01. */
int network_date_parse(const char *field, const char *text, int64_t *days, struct err *e);

/* Size of the buffers below, NUL included. */
#define NETWORK_TIME_BUF 32
/* "2026-03-29T03:30:00+02:00" (Paris local time with its offset). */
void network_time_format_iso(int64_t utc_s, char buf[NETWORK_TIME_BUF]);
/* "29/03/2026 03:30" (for French pages and CSV). */
void network_time_format_fr(int64_t utc_s, char buf[NETWORK_TIME_BUF]);

/* ------------------------------------------------------- iCalendar */

/* How DTSTART/DTEND are written. */
enum network_ical_tz {
    NETWORK_ICAL_PARIS = 0, /* DTSTART;TZID=Europe/Paris:... plus a VTIMEZONE */
    NETWORK_ICAL_UTC,       /* DTSTART:...Z, no VTIMEZONE */
};

/* One event of a feed; all strings borrowed, NULL or "" means absent. */
struct network_ical_event {
    const char *uid;         /* globally unique, e.g. "event-12@symbiose" (required) */
    const char *summary;     /* title (required) */
    const char *description; /* free text, may hold newlines */
    const char *location;    /* address or "en ligne" */
    const char *url;         /* video link of a webinar, or the event page */
    const char *categories;  /* one category, e.g. "WEBINAIRE" */
    int64_t start_utc;       /* seconds since the epoch */
    int64_t end_utc;         /* > start_utc */
    int64_t stamp_utc;       /* DTSTAMP: when this copy was produced */
    unsigned sequence;       /* revision number, bumped at each change */
    bool is_cancelled;       /* STATUS:CANCELLED instead of CONFIRMED */
};

/*
 * network_ical_write - appends an RFC 5545 VCALENDAR with events[0..n) to
 * out: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
 * character, TEXT values escaped (backslash, semicolon, comma, newline).
 * In NETWORK_ICAL_PARIS mode a local time that occurs twice is written in
 * UTC when it is the second occurrence, so that readers cannot get it
 * wrong. ERR_INPUT if an event lacks uid/summary or ends before it starts,
 * or a value is not valid UTF-8; ERR_TOO_LARGE from the builder.
 */
int network_ical_write(struct sb *out, const char *cal_name,
                       const struct network_ical_event *events, size_t n, enum network_ical_tz tz,
                       struct err *e);

/* An event read back by the parser; strings owned (free via the calendar). */
struct network_ical_vevent {
    char *uid;
    char *summary; /* unescaped */
    char *description;
    char *location;
    char *url;
    char *status; /* "CONFIRMED", "CANCELLED", ... or NULL */
    int64_t start_utc;
    int64_t end_utc; /* == start_utc when neither DTEND nor DURATION given */
    int64_t stamp_utc;
    long sequence;
    bool start_has_tzid; /* DTSTART carried TZID=Europe/Paris */
};

struct network_ical_calendar {
    char *prodid;
    char *version;
    size_t n_timezones;                 /* VTIMEZONE components */
    struct network_ical_vevent *events; /* n_events entries */
    size_t n_events;
    size_t cap_events;
};

/*
 * network_ical_parse - a strict RFC 5545 reader, used to validate our
 * feeds in tests and to read calendars users upload. It refuses: bare LF
 * or CR, a physical line over 75 octets, invalid UTF-8, control
 * characters, malformed names/parameters, unbalanced BEGIN/END, a missing
 * or repeated VERSION/PRODID/UID/DTSTAMP/DTSTART, DTSTAMP not in UTC,
 * malformed DATE-TIMEs, a TZID without a matching VTIMEZONE, time zones
 * other than Europe/Paris, floating times, DTEND before DTSTART, both DTEND
 * and DURATION, bad escapes and unescaped ';' or ',' in TEXT values.
 * ERR_INPUT with "line N: PROPERTY: reason". Release out with
 * network_ical_calendar_release, also after an error.
 */
int network_ical_parse(const char *p, size_t len, struct network_ical_calendar *out, struct err *e);
void network_ical_calendar_release(struct network_ical_calendar *c);

/* ------------------------------------------------------------ services */

/*
 * Conventions of the services below (for the http and cli handlers):
 * - `who` is the account acting (from the session), borrowed; NULL means
 *   the program itself (CLI, demo), which may do everything. Access is
 *   checked here from who->role, who->org_id and who->territory_ids:
 *   ERR_FORBIDDEN (French message) when the role may not act, ERR_NOT_FOUND
 *   when the subject does not exist or must stay hidden from who.
 * - Inputs are plain structs of borrowed strings as typed by the user
 *   (times as text: see network_time_parse); NULL counts as empty. Text is
 *   stored exactly as typed. Every validation error is ERR_INPUT with a
 *   French message starting with the API field name: "title : obligatoire".
 * - Lists and records are the store's structs (store/store.h, section
 *   "network (helper net)"), freed with the store's _free/_release.
 * - Services that compare with the present (refusing past slots, closed
 *   deadlines, finished events) take `now_s`, the current time in seconds
 *   since the epoch: time(NULL) in production, a fixed clock in tests, so
 *   that the code never reads the real clock itself.
 * - Writes that must be atomic (registrations, bookings) run in their own
 *   BEGIN IMMEDIATE transaction, or inside the caller's if one is open.
 */
/* Field checks shared by the services, exposed for the http layer. */
/* Text: valid UTF-8, no control characters except tab and (when
 * is_multiline) newlines, at most max_chars characters; required means
 * not blank. */
int network_check_text(const char *field, const char *v, bool is_required, bool is_multiline,
                       size_t max_chars, struct err *e);
/* An http(s) URL without spaces or control characters (empty allowed
 * unless required). */
int network_check_url(const char *field, const char *v, bool is_required, struct err *e);
/* An integer in [lo, hi]. */
int network_check_range(const char *field, int64_t v, int64_t lo, int64_t hi, struct err *e);

/* ---- territories and the shared method */

enum { NETWORK_N_STAGES = 6 };
/* Stable name of stage i (0..5): mobilisation, data_collection, detection,
 * feasibility, implementation, evaluation; NULL out of range. */
const char *network_stage_name(int i);
/* French label of stage i ("Collecte des données"). */
const char *network_stage_label(int i);
/* Index of a stage name, or -1. */
int network_stage_index(const char *name);
/* The shared method's checklist of stage i: *items is a static array of
 * *n French sentences. */
void network_checklist(int stage, const char *const **items, size_t *n);

/* Roles of actors in a territory: pilot, facilitator, chamber,
 * economic_developer, company, funder, commune. */
bool network_actor_role_valid(const char *role);
/* French label of a role ("développeur économique"); "" if unknown. */
const char *network_actor_role_label(const char *role);

struct network_actor_input {
    int64_t territory_id;
    const char *role;
    const char *name;   /* structure or person, required */
    int64_t org_id;     /* 0 if not on the platform */
    int64_t account_id; /* 0 if no account */
    const char *email;  /* contact, optional */
};

/* Admins and the territory's facilitators. */
int network_actor_add(struct store *s, const struct store_account *who,
                      const struct network_actor_input *in, int64_t *id, struct err *e);
int network_actor_remove(struct store *s, const struct store_account *who, int64_t territory_id,
                         int64_t actor_id, struct err *e);
/* Adds a key date ("YYYY-MM-DD") with a label to a territory. */
int network_key_date_add(struct store *s, const struct store_account *who, int64_t territory_id,
                         const char *date, const char *label, int64_t *id, struct err *e);
/* Ticks (is_done) or unticks item `item` of stage `stage` (a name). */
int network_checklist_set(struct store *s, const struct store_account *who, int64_t territory_id,
                          const char *stage, int item, bool is_done, struct err *e);
/* Moves the territory to a stage (a name). */
int network_territory_set_stage(struct store *s, const struct store_account *who,
                                int64_t territory_id, const char *stage, struct err *e);
int network_territory_set_jobs(struct store *s, const struct store_account *who,
                               int64_t territory_id, int64_t jobs, struct err *e);

/*
 * network_indicators_csv - writes the indicator rows as CSV (header
 * territory_id,territory,stage,companies,flows,synergies_suggested,
 * synergies_studied,synergies_in_progress,synergies_implemented,
 * synergies_abandoned,t_diverted,co2e_t,eur_saved,jobs_created), sorted by
 * column `sort` (NULL or "" = territory_id; a leading '-' sorts
 * descending; ties by territory_id). Numbers with '.' decimals. ERR_INPUT
 * naming the allowed columns if sort is unknown. rows are reordered.
 */
int network_indicators_csv(struct store_indicators *rows, size_t n, const char *sort,
                           struct sb *out, struct err *e);

/* ---- events */

/* kinds: network_meeting (three a year), webinar (video link), workshop */
struct network_event_input {
    const char *kind;
    const char *title;
    const char *description;
    const char *location;  /* required unless webinar */
    const char *video_url; /* required for a webinar */
    const char *starts_at; /* network_time_parse format */
    const char *ends_at;
    int64_t capacity;     /* 0 = unlimited, else 1..100000 */
    int64_t territory_id; /* 0 = whole network */
};

/* Checks an event input and converts it (strings borrowed from in). */
int network_event_validate(const struct network_event_input *in, struct store_event *out,
                           struct err *e);
/* Admins create any event; facilitators events of their territories. */
int network_event_create(struct store *s, const struct store_account *who,
                         const struct network_event_input *in, int64_t *id, struct err *e);
int network_event_update(struct store *s, const struct store_account *who, int64_t id,
                         const struct network_event_input *in, struct err *e);
int network_event_cancel(struct store *s, const struct store_account *who, int64_t id,
                         struct err *e);
/*
 * Visibility: an event of the whole network (territory_id 0) is seen by
 * every account; a territory's event by the program, regional admins and
 * observers, the territory's facilitators and members of organisations
 * in that territory (the forum's rule). A hidden event is "not found".
 */
bool network_event_visible(struct store *s, const struct store_account *who,
                           const struct store_event *ev);
/* One event if who sees it (ERR_NOT_FOUND otherwise); release with
 * store_event_release. */
int network_event_get(struct store *s, const struct store_account *who, int64_t id,
                      struct store_event *out, struct err *e);
/* store_event_list (events ending at or after from_s (0: all), of account_id when not 0)
 * keeping those who sees. Free with store_events_free. */
int network_event_list(struct store *s, const struct store_account *who, int64_t from_s,
                       int64_t account_id, struct store_event **out, size_t *n, struct err *e);
/* Registers who (an account) to an event: registered, or waiting when full.
 * ERR_NOT_FOUND if who does not see it; ERR_CONFLICT if already registered
 * or the event is cancelled or over. */
int network_event_register(struct store *s, const struct store_account *who, int64_t now_s,
                           int64_t event_id, enum store_reg_status *status, struct err *e);
/* Cancels who's registration; the first waiting person, if any, gets the
 * place and an in-app notification. *promoted: their account id or 0. */
int network_event_unregister(struct store *s, const struct store_account *who, int64_t event_id,
                             int64_t *promoted, struct err *e);
/* Who registered (then who waits, in queue order): the event's organisers
 * only, since it lists people's emails. Free with store_registrations_free. */
int network_event_registrations(struct store *s, const struct store_account *who, int64_t event_id,
                                struct store_registration **out, size_t *n, struct err *e);
/*
 * network_events_ics - the iCalendar feed (appended to out) of the events
 * who sees (NULL: all): the whole network's when account_id is 0, else
 * those account_id is registered to or waiting for. Cancelled events stay
 * in the feed with STATUS:CANCELLED so that calendars remove them.
 */
int network_events_ics(struct store *s, const struct store_account *who, int64_t account_id,
                       enum network_ical_tz tz, struct sb *out, struct err *e);

/* ---- joint trainings */

struct network_training_input {
    const char *title;
    const char *topic;
    const char *description;
    const char *location;
    const char *starts_at;
    const char *ends_at;
    int64_t min_participants; /* 1..max */
    int64_t max_participants; /* min..10000 */
    int64_t organiser_org_id; /* 0 if none */
    int64_t territory_id;
};

/* Admins and facilitators. */
int network_training_create(struct store *s, const struct store_account *who,
                            const struct network_training_input *in, int64_t *id, struct err *e);
/* A training if who sees it (network__viewer rule, as events: a
 * territory's trainings the region, its facilitators and its members;
 * network-wide ones every account), else ERR_NOT_FOUND. Release with
 * store_training_release. */
int network_training_get(struct store *s, const struct store_account *who, int64_t id,
                         struct store_training *out, struct err *e);
/* The trainings who sees, in store order. Free with store_trainings_free. */
int network_training_list(struct store *s, const struct store_account *who,
                          struct store_training **out, size_t *n, struct err *e);
/* Registers who (not observers or collectors; a hidden training is not
 * found); *is_confirmed is true when this registration reached the
 * minimum (every registered person is then notified). */
int network_training_register(struct store *s, const struct store_account *who, int64_t now_s,
                              int64_t training_id, enum store_reg_status *status,
                              bool *is_confirmed, struct err *e);
/* Cancels; promotes the first waiting person; clears the confirmation
 * if the count falls below the minimum. */
int network_training_unregister(struct store *s, const struct store_account *who,
                                int64_t training_id, int64_t *promoted, struct err *e);

/* ---- shared rooms */

struct network_room_input {
    int64_t org_id; /* owning organisation */
    const char *name;
    int64_t capacity; /* 1..10000 */
    const char *equipment;
    const char *address;
    const char *description;
};

/* Members of the organisation, its territory's facilitators, admins. */
int network_room_create(struct store *s, const struct store_account *who,
                        const struct network_room_input *in, int64_t *id, struct err *e);

struct network_booking_input {
    int64_t room_id;
    int64_t org_id; /* booking organisation; 0 = who's organisation */
    const char *starts_at;
    const char *ends_at; /* after starts_at, at most 14 days later */
    const char *purpose;
};

/* Any account but observers and collectors. ERR_CONFLICT with a French
 * message giving the taken slot if it overlaps a booking. */
int network_booking_create(struct store *s, const struct store_account *who, int64_t now_s,
                           const struct network_booking_input *in, int64_t *id, struct err *e);
/* The booker, the room's organisation, admins. */
int network_booking_cancel(struct store *s, const struct store_account *who, int64_t booking_id,
                           struct err *e);

/* ---- group purchases */

struct network_purchase_input {
    const char *title;
    const char *category;
    const char *unit;
    const char *deadline; /* YYYY-MM-DD, not in the past */
    const char *description;
    int64_t territory_id;
};

int network_purchase_create(struct store *s, const struct store_account *who, int64_t now_s,
                            const struct network_purchase_input *in, int64_t *id, struct err *e);
/* Sets org_id's quantity (0 removes it) until the end of the deadline day
 * (Paris); ERR_CONFLICT after. org_id 0 = who's organisation. */
int network_purchase_set_quantity(struct store *s, const struct store_account *who, int64_t now_s,
                                  int64_t purchase_id, int64_t org_id, double quantity,
                                  const char *comment, struct err *e);
/* The lines of a purchase: all of them for admins, the territory's
 * facilitators and the purchase's creator; only their own organisation's
 * line for others (the total is in store_purchase_get). */
int network_purchase_lines(struct store *s, const struct store_account *who, int64_t purchase_id,
                           struct store_purchase_line **out, size_t *n, struct err *e);
/* The list for the supplier: CSV with one row per organisation and a
 * TOTAL row. Admins, facilitators and the purchase's creator. */
int network_purchase_csv(struct store *s, const struct store_account *who, int64_t purchase_id,
                         struct sb *out, struct err *e);

/* ---- pooled collection of small quantities */

struct network_collection_input {
    const char *name;
    int64_t territory_id;
    int64_t collector_org_id;
    struct geo_point depot;
    double vehicle_capacity_kg;  /* > 0 */
    const char *round_frequency; /* weekly, fortnightly, monthly, quarterly */
};

struct network_collection_item_input {
    int64_t collection_id;
    int64_t org_id;        /* 0 = who's organisation */
    const char *low_code;  /* "15 01 01" or "150101"; checked against ref */
    double quantity_kg;    /* per frequency period, > 0 */
    const char *frequency; /* weekly, fortnightly, monthly, quarterly, yearly */
};

int network_collection_create(struct store *s, const struct store_account *who,
                              const struct network_collection_input *in, int64_t *id,
                              struct err *e);
/* r may be NULL (then only the code's shape is checked). */
int network_collection_item_set(struct store *s, const struct ref *r,
                                const struct store_account *who,
                                const struct network_collection_item_input *in, int64_t *id,
                                struct err *e);

/*
 * The input of the rounds optimiser (engine.h, cvrp_new_geo): node 0 is
 * the depot, then one node per organisation with its demand for one
 * round (kg, rounded up): each item's quantity converted from its
 * frequency to the collection's round frequency, summed per organisation.
 */
struct network_rounds_input {
    size_t n_nodes;        /* depot + stops */
    struct geo_point *pts; /* n_nodes */
    int64_t *demand_kg;    /* n_nodes; demand_kg[0] == 0 */
    int64_t *org_ids;      /* n_nodes; org_ids[0] == 0 */
    int64_t capacity_kg;   /* vehicle capacity */
};

/* ERR_INPUT (French, naming the organisation) if one stop alone exceeds
 * the vehicle. Release with network_rounds_input_release. */
int network_collection_rounds_input(struct store *s, int64_t collection_id,
                                    struct network_rounds_input *out, struct err *e);
void network_rounds_input_release(struct network_rounds_input *in);

/* ---- exchange platform: forum, mentions, notifications, search */

/* Mentions found in a text: "@marie@exemple.fr" (an email) or
 * "@Marie.Dupont" / "@marie_dupont" (a display name, accents and case
 * ignored, '.', '_' and '-' standing for spaces). */
struct network_mention {
    bool is_email;
    char *token; /* email as written, or the folded name "marie dupont" */
};
/*
 * network_account_label - how an account is named to other people (forum
 * authors, notifications): its display name, else a French label of its
 * role ("Membre d'une entreprise", ...). Never its e-mail address, which
 * identifies a person and often the company. Returns display_name or a
 * static string.
 */
const char *network_account_label(enum store_role role, const char *display_name);

/* Extracts mentions (at most 32, duplicates removed); *out is freed with
 * network_mentions_free. */
void network_mentions_parse(const char *text, struct network_mention **out, size_t *n);
void network_mentions_free(struct network_mention *m, size_t n);

/*
 * Who sees a thread: one with no territory (territory_id 0) is open to
 * every account; one of a territory only to the program, regional admins
 * and observers (the region sees every territory), the territory's
 * facilitators and the members of organisations of that territory. The
 * functions below apply this rule everywhere: reading, listing, replying,
 * mention notifications and search; a hidden thread is ERR_NOT_FOUND, as
 * if it did not exist.
 */
bool network_thread_visible(struct store *s, const struct store_account *who,
                            const struct store_thread *t);
/* Threads who may see, latest activity first. Free with store_threads_free. */
int network_thread_list(struct store *s, const struct store_account *who, struct store_thread **out,
                        size_t *n, struct err *e);
/* A thread and its posts, oldest first, if who may see it (else
 * ERR_NOT_FOUND). Release with store_thread_release and store_posts_free. */
int network_thread_get(struct store *s, const struct store_account *who, int64_t id,
                       struct store_thread *out, struct store_post **posts, size_t *n_posts,
                       struct err *e);

/* Any account but observers and collectors, in a territory only if who
 * sees it (else ERR_FORBIDDEN). Mentioned accounts who may see the thread
 * are notified. */
int network_thread_create(struct store *s, const struct store_account *who, const char *title,
                          const char *body, int64_t territory_id, int64_t *thread_id,
                          struct err *e);
/* A reply to a thread who sees (else ERR_NOT_FOUND): earlier participants
 * get a "reply" notification, mentioned accounts who may see the thread a
 * "mention" one (never the author, one per account). */
int network_post_create(struct store *s, const struct store_account *who, int64_t thread_id,
                        const char *body, int64_t *post_id, struct err *e);

/* Builds a safe FTS5 query from user words (accents and case folded,
 * each word a quoted prefix term, all required). ERR_INPUT if no word. */
int network_search_query(const char *text, struct sb *out, struct err *e);
/* Searches the threads, posts and resources who may see (the same rules
 * as network_thread_visible and network_resource_visible); at most limit
 * hits (1..200, else 50), best first. */
int network_search(struct store *s, const struct store_account *who, const char *text, size_t limit,
                   struct store_search_hit **out, size_t *n, struct err *e);

/* ---- library of good practices and method sheets */

/* Largest file accepted. */
#define NETWORK_FILE_MAX_BYTES ((size_t)20 << 20)

/*
 * network_file_type - the type of a file from its first bytes, never its
 * name: application/pdf, image/png, image/jpeg, the OOXML and
 * OpenDocument formats (ZIP with their marker), text/plain and text/csv
 * (valid UTF-8 without NUL). Returns the MIME type, or NULL for anything
 * else (executables, HTML, SVG, archives...).
 */
const char *network_file_type(const void *data, size_t len, const char *original_name);

struct network_resource_input {
    const char *kind; /* good_practice, method_sheet, other */
    const char *title;
    const char *description;
    const char *visibility; /* network, territory, facilitators */
    int64_t territory_id;   /* required for visibility territory */
    const char *original_name;
};

/*
 * network_library_add - stores the file under files_dir with a random
 * 32-hex-digit name (mode 0600, never the user's name), then its record.
 * files_dir must be outside web/. Admins and facilitators; members for
 * visibility network. ERR_TOO_LARGE, ERR_INPUT for a refused type.
 * src_path, if not NULL, is a file on the same file system holding
 * exactly data (a spooled upload): it is hard-linked into place instead
 * of writing data again; the caller still removes src_path.
 */
int network_library_add(struct store *s, const struct store_account *who, const char *files_dir,
                        const struct network_resource_input *in, const void *data, size_t len,
                        const char *src_path, int64_t *id, struct err *e);
/* Whether who may see resource r: its uploader, regional admins; every
 * account for visibility network; facilitators for facilitators; for
 * territory, those who see that territory's threads (observers, its
 * facilitators, members of its organisations). */
bool network_resource_visible(struct store *s, const struct store_account *who,
                              const struct store_resource *r);
/* Resources who may see, newest first. */
int network_library_list(struct store *s, const struct store_account *who,
                         struct store_resource **out, size_t *n, struct err *e);
/* Reads a resource's file if who may see it (else ERR_NOT_FOUND, as if it
 * did not exist). meta is filled (store_resource_release); *data is
 * freed with free(). */
int network_library_open(struct store *s, const struct store_account *who, const char *files_dir,
                         int64_t id, struct store_resource *meta, char **data, size_t *len,
                         struct err *e);
/* The uploader and admins. Removes the record and the file. */
int network_library_delete(struct store *s, const struct store_account *who, const char *files_dir,
                           int64_t id, struct err *e);

#endif /* SYMBIOSE_NETWORK_H */
