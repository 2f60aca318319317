/* SPDX-License-Identifier: MIT */
/*
 * store.h - the public header of the store module: persistence of
 * territories, organisations, flows, synergies (with their status
 * history), pools, accounts, sessions and the audit log, and the
 * all-or-nothing CSV imports.
 *
 * The interface hides the database entirely: no SQLite type appears here,
 * so that a PostgreSQL backend can be added behind the same functions.
 * The SQLite implementation (store_sqlite.c) runs in WAL mode with foreign
 * keys on and applies the numbered migrations of store_schema.c on open.
 *
 * Conventions:
 * - Functions return ERR_OK or an err_code and fill `e`.
 * - Every write a command makes should sit between store_tx_begin and
 *   store_tx_commit (or store_tx_rollback on failure), so a command lands
 *   whole or not at all. Outside a transaction each call is its own.
 * - Structs returned by _get / _list own their strings; release a single
 *   struct with store_<noun>_release and an array with store_<noun>s_free.
 * - Ids are positive; 0 means "none" in optional id fields.
 * - A `struct store` is used by one thread at a time; open one per thread.
 */
#ifndef SYMBIOSE_STORE_H
#define SYMBIOSE_STORE_H

#include "core/core.h"
#include "ref/ref.h"

#include <stdio.h>

struct store;

/* ------------------------------------------------------------ vocabulary */

/*
 * Every enumerated column has a stable snake_case name, stored as text
 * and used by the CLI, CSV and JSON. store_vocab_name / store_vocab_parse
 * convert between an enum value and its name for any of these lists.
 */
enum store_vocab {
    STORE_V_TERRITORY_KIND,
    STORE_V_STAGE,
    STORE_V_ORG_KIND,
    STORE_V_DIRECTION,
    STORE_V_FAMILY,
    STORE_V_STATE,
    STORE_V_AVAILABILITY,
    STORE_V_CONFIDENTIALITY,
    STORE_V_SYNERGY_KIND,
    STORE_V_STATUS,
    STORE_V_ROLE,
    STORE_V_POOL_KIND,
    STORE_V_COUNT
};

enum store_territory_kind {
    STORE_TK_INTERCOMMUNALITY,
    STORE_TK_BUSINESS_PARK,
    STORE_TK_DEPARTEMENT
};
/* mobilisation, data_collection, detection, feasibility, implementation, evaluation */
enum store_stage {
    STORE_STAGE_MOBILISATION,
    STORE_STAGE_DATA_COLLECTION,
    STORE_STAGE_DETECTION,
    STORE_STAGE_FEASIBILITY,
    STORE_STAGE_IMPLEMENTATION,
    STORE_STAGE_EVALUATION
};
/* company, public_body, chamber, association, social_economy */
enum store_org_kind {
    STORE_ORG_COMPANY,
    STORE_ORG_PUBLIC_BODY,
    STORE_ORG_CHAMBER,
    STORE_ORG_ASSOCIATION,
    STORE_ORG_SOCIAL_ECONOMY
};
enum store_direction { STORE_DIR_OFFER, STORE_DIR_NEED };
/* material (material or waste), energy, water, service (service or asset), purchase, training */
enum store_family {
    STORE_FAM_MATERIAL,
    STORE_FAM_ENERGY,
    STORE_FAM_WATER,
    STORE_FAM_SERVICE,
    STORE_FAM_PURCHASE,
    STORE_FAM_TRAINING
};
/* unknown (""), solid, liquid, sludge, gas */
enum store_state {
    STORE_STATE_UNKNOWN,
    STORE_STATE_SOLID,
    STORE_STATE_LIQUID,
    STORE_STATE_SLUDGE,
    STORE_STATE_GAS
};
/* continuous, seasonal (see months_mask), one_off */
enum store_availability { STORE_AVAIL_CONTINUOUS, STORE_AVAIL_SEASONAL, STORE_AVAIL_ONE_OFF };
/* public, anonymised, facilitator_only */
enum store_confidentiality {
    STORE_CONF_PUBLIC,
    STORE_CONF_ANONYMISED,
    STORE_CONF_FACILITATOR_ONLY
};
/* substitution (offer -> need), mutualisation (a pool) */
enum store_synergy_kind { STORE_SYN_SUBSTITUTION, STORE_SYN_MUTUALISATION };
/* suggested, studied, in_progress, implemented, abandoned */
enum store_status {
    STORE_STATUS_SUGGESTED,
    STORE_STATUS_STUDIED,
    STORE_STATUS_IN_PROGRESS,
    STORE_STATUS_IMPLEMENTED,
    STORE_STATUS_ABANDONED
};
/* regional_admin, facilitator, member, collector, observer */
enum store_role {
    STORE_ROLE_REGIONAL_ADMIN,
    STORE_ROLE_FACILITATOR,
    STORE_ROLE_MEMBER,
    STORE_ROLE_COLLECTOR,
    STORE_ROLE_OBSERVER
};
/* collection, purchase, training, room */
enum store_pool_kind {
    STORE_POOL_COLLECTION,
    STORE_POOL_PURCHASE,
    STORE_POOL_TRAINING,
    STORE_POOL_ROOM
};

/* Name of value v in list `voc` ("" if out of range). Static storage. */
const char *store_vocab_name(enum store_vocab voc, int v);
/* Number of values in list `voc`. */
int store_vocab_count(enum store_vocab voc);
/* Parses a name (exact, case-insensitive; '-' and ' ' count as '_').
 * Returns ERR_OK and *out, or ERR_INPUT with "unknown X 'name'". */
int store_vocab_parse(enum store_vocab voc, struct slice name, int *out, struct err *e);

/*
 * Codes of the non-waste families (energy carriers, water kinds, service,
 * purchase and training kinds), e.g. "heat", "meeting_room", "packaging".
 * Material flows use List of Waste codes (6 digits, canonical). Returns
 * true and the family if `code` is one of them.
 */
bool store_code_family(const char *code, enum store_family *family);
/* NULL-terminated list of the known codes of a non-material family. */
const char *const *store_family_codes(enum store_family family);

/* ------------------------------------------------------ open and close */

enum store_open_flags {
    STORE_OPEN_DEFAULT = 0,
    STORE_OPEN_CREATE = 1 << 0, /* create the file if missing */
};

/*
 * store_open - opens the database at path and brings its schema to the
 * latest version (migrations run inside one transaction each).
 * Without STORE_OPEN_CREATE a missing file is ERR_NOT_FOUND. On success
 * *out is a new handle to close with store_close.
 */
int store_open(struct store **out, const char *path, int flags, struct err *e);
/* Finalizes every statement and closes; accepts NULL. */
void store_close(struct store *s);
/* Version of the schema now in the database, and the latest known. */
int store_schema_version(struct store *s, int *version, struct err *e);
int store_schema_latest(void);
/* PRAGMA integrity_check: ERR_OK if "ok", ERR_DB with the first problem. */
int store_check_integrity(struct store *s, struct err *e);

/* ---------------------------------------------------------- transactions */

/* BEGIN IMMEDIATE (takes the write lock now, so a command never fails
 * half-way on a busy database). Nested begins are ERR_INTERNAL. */
int store_tx_begin(struct store *s, struct err *e);
int store_tx_commit(struct store *s, struct err *e);
/* Rolls back if a transaction is open; safe to call on any path. */
void store_tx_rollback(struct store *s);

/* ----------------------------------------------------------- territories */

struct store_territory {
    int64_t id;
    char *name;
    enum store_territory_kind kind;
    char *pilot; /* pilot structure, "" if unknown */
    enum store_stage stage;
    char start_date[11]; /* "YYYY-MM-DD" or "" */
    char **communes;     /* INSEE codes of member communes */
    size_t n_communes;
    size_t n_organisations; /* filled by reads */
};

/* Inserts t (id ignored) with its communes; *id is the new id.
 * ERR_CONFLICT if the name exists. */
int store_territory_insert(struct store *s, const struct store_territory *t, int64_t *id,
                           struct err *e);
/* Reads territory id into *out (release with store_territory_release). */
int store_territory_get(struct store *s, int64_t id, struct store_territory *out, struct err *e);
/* Id of the territory with this exact name; ERR_NOT_FOUND otherwise. */
int store_territory_find(struct store *s, const char *name, int64_t *id, struct err *e);
/* Id of the first territory (lowest id) that has this commune; 0 if none. */
int store_territory_of_commune(struct store *s, const char *insee, int64_t *id, struct err *e);
int store_territory_set_stage(struct store *s, int64_t id, enum store_stage stage, struct err *e);
/* All territories by id; *out is an array of *n (store_territories_free). */
int store_territory_list(struct store *s, struct store_territory **out, size_t *n, struct err *e);
void store_territory_release(struct store_territory *t);
void store_territories_free(struct store_territory *ts, size_t n);

/* --------------------------------------------------------- organisations */

struct store_org {
    int64_t id;
    char siret[15];
    char *name;
    char naf[8]; /* canonical NAF ("16.10A") */
    enum store_org_kind kind;
    char *address;       /* "" if unknown */
    char postal_code[6]; /* "" if unknown */
    char commune_insee[6];
    struct geo_point pos; /* always set (commune centre if no address point) */
    int64_t headcount;    /* -1 if unknown */
    int64_t territory_id; /* 0 if none */
    char *territory_name; /* filled by reads, "" if none */
};

/* Inserts o (id ignored); ERR_CONFLICT if the SIRET exists. */
int store_org_insert(struct store *s, const struct store_org *o, int64_t *id, struct err *e);
/* Replaces every field of organisation o->id. ERR_NOT_FOUND / ERR_CONFLICT. */
int store_org_update(struct store *s, const struct store_org *o, struct err *e);
/* Deletes the organisation and, by cascade, its flows and memberships. */
int store_org_delete(struct store *s, int64_t id, struct err *e);
int store_org_get(struct store *s, int64_t id, struct store_org *out, struct err *e);
/* Id of the organisation with this SIRET; ERR_NOT_FOUND if none. */
int store_org_find_siret(struct store *s, const char *siret, int64_t *id, struct err *e);

/* Filters for lists; a zero/NULL field does not filter. */
struct store_filter {
    int64_t territory_id;    /* organisations of this territory */
    int64_t org_id;          /* flows of this organisation */
    const char *code_prefix; /* flows whose code starts with it; orgs whose NAF does */
    int direction;           /* -1 any, else enum store_direction */
    int family;              /* -1 any, else enum store_family */
    size_t limit;            /* 0: no limit */
    size_t offset;
};
/* A filter that selects everything. */
void store_filter_init(struct store_filter *f);

int store_org_list(struct store *s, const struct store_filter *f, struct store_org **out, size_t *n,
                   struct err *e);
/* Number of rows the filter selects (limit and offset ignored). */
int store_org_count(struct store *s, const struct store_filter *f, size_t *n, struct err *e);
void store_org_release(struct store_org *o);
void store_orgs_free(struct store_org *os, size_t n);

/* ----------------------------------------------------------------- flows */

struct store_flow {
    int64_t id;
    int64_t org_id;
    enum store_direction direction;
    enum store_family family;
    char code[24];     /* LoW "150101" for material, else a family code */
    double quantity;   /* as declared, > = 0 */
    char unit[24];     /* as declared: "t", "kg", "MWh", "m3", ... */
    char period[24];   /* as declared ("an", "mois", ...); "" if in the unit or yearly */
    double qty_per_yr; /* quantity normalised to base_unit per year */
    char base_unit[8]; /* "t", "MWh", "m3", "h", "unit", ... */
    bool is_hazardous;
    enum store_state state;
    bool has_temperature;
    double temperature_c; /* valid if has_temperature */
    enum store_availability availability;
    unsigned months_mask; /* bit m-1 set if available in month m; 0xFFF continuous */
    bool has_cost;
    double cost_eur_per_unit; /* valid if has_cost; >0 cost, <0 revenue */
    enum store_confidentiality confidentiality;
    char *description; /* "" if none */
    /* filled by reads, from the organisation: */
    char siret[15];
    struct geo_point pos;
    char naf[8];
    int64_t territory_id;
};

/* Inserts f (id ignored; the read-only fields are ignored). */
int store_flow_insert(struct store *s, const struct store_flow *f, int64_t *id, struct err *e);
int store_flow_update(struct store *s, const struct store_flow *f, struct err *e);
int store_flow_delete(struct store *s, int64_t id, struct err *e);
int store_flow_get(struct store *s, int64_t id, struct store_flow *out, struct err *e);
/* territory_id filters on the flow's organisation. */
int store_flow_list(struct store *s, const struct store_filter *f, struct store_flow **out,
                    size_t *n, struct err *e);
int store_flow_count(struct store *s, const struct store_filter *f, size_t *n, struct err *e);
void store_flow_release(struct store_flow *f);
void store_flows_free(struct store_flow *fs, size_t n);

/* ------------------------------------------------------------- synergies */

/* Effects of a synergy; NaN means "not known". */
struct store_effects {
    double t_diverted; /* tonnes per year diverted from disposal */
    double co2e_t;     /* t CO2e avoided per year */
    double eur_saved;  /* euros saved per year */
    double km;         /* km travelled per year by the exchange */
};
void store_effects_unknown(struct store_effects *fx);

struct store_synergy {
    int64_t id;
    enum store_synergy_kind kind;
    int64_t offer_flow_id;   /* substitution: the offer, else 0 */
    int64_t need_flow_id;    /* substitution: the declared need, or 0 (potential receiver) */
    int64_t receiver_org_id; /* substitution: receiving organisation (always set) */
    int64_t pool_id;         /* mutualisation: the pool, else 0 */
    enum store_status status;
    char *reason; /* why abandoned, "" otherwise */
    char *note;   /* free text ("" if none), e.g. the engine's explanation */
    struct store_effects estimated;
    struct store_effects measured;
    int64_t created_at; /* unix seconds */
    int64_t updated_at;
};

/* One entry of a synergy's status history. */
struct store_status_change {
    int64_t at;      /* unix seconds */
    int from_status; /* -1 for the creation */
    enum store_status to_status;
    int64_t account_id; /* 0 if made by the program */
    char *reason;
};

/* Inserts a synergy (status as given, history records its creation). */
int store_synergy_insert(struct store *s, const struct store_synergy *syn, int64_t actor_id,
                         int64_t *id, struct err *e);
/*
 * Moves synergy id to a new status and records the change in the history.
 * Abandoning needs a non-empty reason (ERR_INPUT). actor_id 0 = program.
 */
int store_synergy_set_status(struct store *s, int64_t id, enum store_status status,
                             const char *reason, int64_t actor_id, struct err *e);
int store_synergy_set_effects(struct store *s, int64_t id, const struct store_effects *estimated,
                              const struct store_effects *measured, struct err *e);
int store_synergy_get(struct store *s, int64_t id, struct store_synergy *out, struct err *e);
/* territory_id filters on the offering (or pool's) territory. */
int store_synergy_list(struct store *s, const struct store_filter *f, struct store_synergy **out,
                       size_t *n, struct err *e);
int store_synergy_history(struct store *s, int64_t id, struct store_status_change **out, size_t *n,
                          struct err *e);
void store_synergy_release(struct store_synergy *syn);
void store_synergies_free(struct store_synergy *syns, size_t n);
void store_status_changes_free(struct store_status_change *c, size_t n);

/* ----------------------------------------------------------------- pools */

struct store_pool {
    int64_t id;
    char *name;
    enum store_pool_kind kind;
    int64_t territory_id; /* 0 if cross-territory */
    char code[24];        /* shared need's code ("150101", "safety", ...) */
    char *description;
    size_t n_members; /* filled by reads */
};

struct store_pool_member {
    int64_t pool_id;
    int64_t org_id;
    int64_t flow_id; /* the member's need in the pool, or 0 */
};

int store_pool_insert(struct store *s, const struct store_pool *p, int64_t *id, struct err *e);
/* Adds a member; ERR_CONFLICT if already in the pool. */
int store_pool_member_add(struct store *s, const struct store_pool_member *m, struct err *e);
int store_pool_member_remove(struct store *s, int64_t pool_id, int64_t org_id, struct err *e);
int store_pool_get(struct store *s, int64_t id, struct store_pool *out, struct err *e);
int store_pool_list(struct store *s, const struct store_filter *f, struct store_pool **out,
                    size_t *n, struct err *e);
/* Members of a pool; *out is an array to free() with free(). */
int store_pool_members(struct store *s, int64_t pool_id, struct store_pool_member **out, size_t *n,
                       struct err *e);
void store_pool_release(struct store_pool *p);
void store_pools_free(struct store_pool *ps, size_t n);

/* -------------------------------------------------------------- accounts */

struct store_account {
    int64_t id;
    char *email;        /* unique, compared case-insensitively */
    char *display_name; /* "" if none */
    enum store_role role;
    int64_t org_id;         /* members: their organisation, else 0 */
    int64_t *territory_ids; /* facilitators: their territories */
    size_t n_territories;
    int64_t created_at;
    int64_t disabled_at; /* unix seconds; 0 while the account may log in */
};

/*
 * store_account_insert - creates an account whose password is hashed with
 * argon2id (libsodium crypto_pwhash_str, interactive limits). The password
 * is never stored nor kept. A facilitator needs at least one territory, a
 * member an organisation (ERR_INPUT); ERR_CONFLICT if the email exists.
 */
int store_account_insert(struct store *s, const struct store_account *a, const char *password,
                         int64_t *id, struct err *e);
int store_account_get(struct store *s, int64_t id, struct store_account *out, struct err *e);
int store_account_find_email(struct store *s, const char *email, int64_t *id, struct err *e);
/* Checks email + password; ERR_UNAUTHORIZED (same message, and the same
 * argon2id work) for an unknown email, a wrong password or a disabled
 * account. On success fills *out. */
int store_account_authenticate(struct store *s, const char *email, const char *password,
                               struct store_account *out, struct err *e);
int store_account_set_password(struct store *s, int64_t id, const char *password, struct err *e);
int store_account_list(struct store *s, struct store_account **out, size_t *n, struct err *e);
/* Verifies the password of account id: ERR_OK, or ERR_UNAUTHORIZED (also
 * for an unknown id, after the same argon2id work). */
int store_account_check_password(struct store *s, int64_t id, const char *password, struct err *e);
/* Disables (and revokes every session of) or enables account id;
 * ERR_NOT_FOUND if there is none. Disabling twice keeps the first date. */
int store_account_set_disabled(struct store *s, int64_t id, bool is_disabled, struct err *e);
/* Sets the role and scope of account a->id (role, org_id for members and
 * collectors, territory_ids for facilitators; the others are cleared). ERR_INPUT for
 * a facilitator without territory or a member without organisation,
 * ERR_NOT_FOUND for an unknown account, organisation or territory. */
int store_account_set_scope(struct store *s, const struct store_account *a, struct err *e);
void store_account_release(struct store_account *a);
void store_accounts_free(struct store_account *as, size_t n);

/* -------------------------------------------------------------- sessions */

/* Session tokens are 64 hex characters; only their BLAKE2b hash is stored. */
#define STORE_TOKEN_LEN 64

/* A session's last use is written at most this often (seconds), so the
 * idle timeout is exact to within this much. */
#define STORE_SESSION_TOUCH_S 60

/* Creates a session for account_id valid ttl_s seconds at most; writes the token. */
int store_session_create(struct store *s, int64_t account_id, int64_t ttl_s,
                         char token[STORE_TOKEN_LEN + 1], struct err *e);
/*
 * store_session_account - the account of a live session: not past its
 * maximum life, used within the last idle_s seconds (0: no idle
 * timeout), of an account not disabled. Records the use (sliding idle
 * timeout). ERR_UNAUTHORIZED otherwise.
 */
int store_session_account(struct store *s, const char *token, int64_t idle_s,
                          struct store_account *out, struct err *e);
/* Deletes every session of account_id except keep_token's (NULL: all). */
int store_session_revoke_account(struct store *s, int64_t account_id, const char *keep_token,
                                 struct err *e);
int store_session_delete(struct store *s, const char *token, struct err *e);
/* Deletes expired sessions. */
int store_session_purge(struct store *s, struct err *e);

/* ------------------------------------------------------------- audit log */

struct store_audit {
    int64_t id;
    int64_t at;         /* unix seconds */
    int64_t account_id; /* 0 if the program */
    char *action;       /* "create", "update", "delete", "import", ... */
    char *entity;       /* "organisation", "flow", ... */
    int64_t entity_id;  /* 0 if not one row */
    char *before_json;  /* "" if none */
    char *after_json;   /* "" if none */
};

int store_audit_add(struct store *s, int64_t account_id, const char *action, const char *entity,
                    int64_t entity_id, const char *before_json, const char *after_json,
                    struct err *e);
/* Latest first, at most limit (0: all). */
int store_audit_list(struct store *s, size_t limit, struct store_audit **out, size_t *n,
                     struct err *e);
void store_audits_free(struct store_audit *a, size_t n);

/* --------------------------------------------------------------- imports */

/*
 * Imports are two steps: parse validates a CSV buffer into rows without
 * the database (every bad row goes to errs as "FILE:LINE: field: reason");
 * apply checks the rows against the database (SIRETs, territories), again
 * collecting every error, and inserts them only if there is none, inside
 * the caller's transaction. An import is whole or nothing.
 */
struct store_import_org {
    size_t line;          /* line in the file */
    struct store_org org; /* territory_id 0: from the commune */
    char *territory;      /* territory column ("" if none): id or name */
};

struct store_import_flow {
    size_t line;
    struct store_flow flow; /* org_id resolved by apply from siret */
};

struct store_import {
    const char *file; /* name used in messages (borrowed) */
    struct store_import_org *orgs;
    size_t n_orgs;
    struct store_import_flow *flows;
    size_t n_flows;
};

/* Largest import accepted, bytes. */
#define STORE_IMPORT_MAX_BYTES ((size_t)1 << 30)

void store_import_init(struct store_import *imp, const char *file);
void store_import_release(struct store_import *imp);
/* Parse an organisations / flows CSV buffer (need not be NUL-terminated).
 * Valid rows are appended to imp; errors to errs. Returns ERR_OK if no
 * error was found, else ERR_INPUT. */
int store_import_parse_orgs(struct store_import *imp, const struct ref *r, const char *buf,
                            size_t len, struct err_list *errs);
int store_import_parse_flows(struct store_import *imp, const struct ref *r, const char *buf,
                             size_t len, struct err_list *errs);
/* The territory an imported organisation row will get: its `territory`
 * column (id or name) if set, else its commune's territory (0 if none).
 * ERR_NOT_FOUND / ERR_INPUT for an unknown or malformed territory. */
int store_import_org_territory(struct store *s, const struct store_import_org *row,
                               int64_t *territory_id, struct err *e);
/* Checks imp against the database and inserts its rows (orgs first) if no
 * error was found; ERR_INPUT if errs got any. Call inside a transaction. */
int store_import_apply(struct store *s, struct store_import *imp, struct err_list *errs,
                       struct err *e);

/* ------------------------------------------------------ web (helper web) */

/* One side's answer to a suggested synergy ("mise en relation"). */
enum store_contact {
    STORE_CONTACT_NONE,     /* not answered yet */
    STORE_CONTACT_ACCEPTED, /* agrees to be put in touch */
    STORE_CONTACT_DECLINED,
};

/* Records (or replaces) org_id's decision on synergy_id. */
int store_contact_decide(struct store *s, int64_t synergy_id, int64_t org_id, bool is_accepted,
                         int64_t account_id, struct err *e);
/* org_id's decision on synergy_id (STORE_CONTACT_NONE if none). */
int store_contact_get(struct store *s, int64_t synergy_id, int64_t org_id, enum store_contact *out,
                      struct err *e);

/* Flows counted by organisation, direction and confidentiality (map layers). */
struct store_flow_count {
    int64_t org_id;
    enum store_direction direction;
    enum store_confidentiality confidentiality;
    size_t n;
};

/* Counts of the flows of the organisations of territory_id (0: all),
 * ordered by organisation id. *out is an array of *n to free(). */
int store_web_flow_counts(struct store *s, int64_t territory_id, struct store_flow_count **out,
                          size_t *n, struct err *e);

/* One side of a substitution, as the map needs it. */
struct store_syn_side {
    int64_t org_id;
    int64_t territory_id; /* 0 if none */
    struct geo_point pos;
    char commune_insee[6];
    enum store_contact decision;
    int64_t flow_id; /* the offer / the declared need; 0 for a potential receiver */
    enum store_confidentiality flow_conf; /* of flow_id (anonymised when none) */
};

/* A substitution synergy as a line between its two organisations. */
struct store_syn_line {
    int64_t id;
    enum store_status status;
    char code[24]; /* the offer's code */
    struct store_syn_side offer;
    struct store_syn_side receiver;
};

/* Substitutions with a side in territory_id (0: all) and, if org_id is
 * set, with org_id on a side; one query. *out is an array of *n to free(). */
int store_web_synergy_lines(struct store *s, int64_t territory_id, int64_t org_id,
                            struct store_syn_line **out, size_t *n, struct err *e);

/*
 * store_view_relation - whether a working relation links the organisation
 * org_id (or, with flow_id set, that flow of it) to the caller: a
 * substitution accepted by both companies between org_id and viewer_org_id
 * or an organisation of one of the n territories (flow_id: that flow is a
 * side of it); with is_collector, also a pooled collection served by
 * viewer_org_id that org_id takes part in. *out false otherwise.
 */
int store_view_relation(struct store *s, int64_t viewer_org_id, const int64_t *territories,
                        size_t n, int64_t org_id, int64_t flow_id, bool is_collector, bool *out,
                        struct err *e);

/* ================================================= network (helper net) */

/*
 * Persistence of the network's services (src/network calls these after
 * validating input and checking access; other callers should go through
 * network.h). Times are unix seconds (UTC). Kinds and statuses are stored
 * as the snake_case names network.h lists; the store checks them with SQL
 * CHECK constraints only. Strings returned are owned by the struct and
 * freed by the matching _release / _free; a list's array is freed with
 * its _free function even when the list call returned an error.
 */

/*
 * store_tx_join - begins a transaction (BEGIN IMMEDIATE) unless the
 * caller already has one open; *is_owned says whether this call opened
 * it. store_tx_leave then commits (rc == ERR_OK) or rolls back an owned
 * transaction, and returns rc or the commit's error; a joined one is left
 * to its owner.
 */
int store_tx_join(struct store *s, bool *is_owned, struct err *e);
int store_tx_leave(struct store *s, bool is_owned, int rc, struct err *e);

/* Events and trainings share one registration mechanism. */
enum store_reg_subject { STORE_REG_EVENT, STORE_REG_TRAINING };
/* registered, waiting, cancelled */
enum store_reg_status { STORE_REG_REGISTERED, STORE_REG_WAITING, STORE_REG_CANCELLED };

struct store_event {
    int64_t id;
    char kind[24]; /* network_meeting, webinar, workshop */
    char *title;
    char *description;    /* "" if none */
    char *location;       /* "" if none (webinars) */
    char *video_url;      /* "" if none */
    int64_t starts_at;    /* unix seconds */
    int64_t ends_at;      /* > starts_at */
    int64_t capacity;     /* places; 0 = unlimited */
    int64_t territory_id; /* 0 = the whole network */
    int64_t created_by;   /* account, 0 if program */
    unsigned sequence;    /* bumped at each update (iCalendar SEQUENCE) */
    bool is_cancelled;
    int64_t updated_at;
    size_t n_registered; /* filled by reads */
    size_t n_waiting;    /* filled by reads */
};

int store_event_insert(struct store *s, const struct store_event *ev, int64_t *id, struct err *e);
/* Replaces the editable fields of ev->id and bumps its sequence. */
int store_event_update(struct store *s, const struct store_event *ev, struct err *e);
/* Marks the event cancelled (kept in feeds as STATUS:CANCELLED). */
int store_event_cancel(struct store *s, int64_t id, struct err *e);
int store_event_get(struct store *s, int64_t id, struct store_event *out, struct err *e);
/* Events ending at or after from (0: all), by start; account_id > 0 keeps
 * only those the account is registered to or waiting for. */
int store_event_list(struct store *s, int64_t from, int64_t account_id, struct store_event **out,
                     size_t *n, struct err *e);
void store_event_release(struct store_event *ev);
void store_events_free(struct store_event *evs, size_t n);

/*
 * Calendar feed tokens: calendar apps subscribe to a personal feed URL
 * without cookies, so each account may have one secret token (64 hex
 * characters; only its hash is stored) that grants nothing but its feed.
 * _create replaces the previous token (revoking it) and writes the new one.
 * _account returns the token's account, ERR_UNAUTHORIZED if unknown or if
 * the account is disabled.
 */
int store_feed_token_create(struct store *s, int64_t account_id, char token[STORE_TOKEN_LEN + 1],
                            struct err *e);
int store_feed_token_account(struct store *s, const char *token, int64_t *account_id,
                             struct err *e);

/* One registration to an event or a training. */
struct store_registration {
    int64_t id;
    int64_t subject_id;
    int64_t account_id;
    enum store_reg_status status;
    int64_t created_at; /* queue order for the waiting list */
    char *email;        /* filled by reads */
    char *display_name; /* filled by reads */
};

/*
 * store_reg_add - registers account_id to a subject with `capacity`
 * places (0 = unlimited): registered if a place is free, else waiting.
 * Runs in one BEGIN IMMEDIATE transaction (or inside the caller's), so
 * two concurrent registrations never take the same last place.
 * ERR_CONFLICT if already registered or waiting. *status tells which.
 */
int store_reg_add(struct store *s, enum store_reg_subject subj, int64_t subject_id,
                  int64_t capacity, int64_t account_id, enum store_reg_status *status,
                  struct err *e);
/*
 * store_reg_cancel - cancels a registration; if it held a place, the
 * first of the waiting list (by created_at, id) takes it and *promoted is
 * their account id (0 if nobody was promoted). ERR_NOT_FOUND if the
 * account had no live registration.
 */
int store_reg_cancel(struct store *s, enum store_reg_subject subj, int64_t subject_id,
                     int64_t capacity, int64_t account_id, int64_t *promoted, struct err *e);
/* Live registrations (registered first, then waiting in queue order). */
int store_reg_list(struct store *s, enum store_reg_subject subj, int64_t subject_id,
                   struct store_registration **out, size_t *n, struct err *e);
void store_registrations_free(struct store_registration *r, size_t n);

struct store_training {
    int64_t id;
    char *title;
    char *topic; /* "" if none */
    char *description;
    char *location;
    int64_t starts_at;
    int64_t ends_at;
    int64_t min_participants; /* >= 1 */
    int64_t max_participants; /* >= min */
    int64_t organiser_org_id; /* 0 if none */
    int64_t territory_id;     /* 0 = network-wide */
    int64_t created_by;
    int64_t confirmed_at; /* 0 while fewer than min_participants are registered */
    size_t n_registered;  /* filled by reads */
    size_t n_waiting;
};

int store_training_insert(struct store *s, const struct store_training *t, int64_t *id,
                          struct err *e);
int store_training_get(struct store *s, int64_t id, struct store_training *out, struct err *e);
int store_training_list(struct store *s, struct store_training **out, size_t *n, struct err *e);
/* Sets or clears (at 0) confirmed_at. */
int store_training_set_confirmed(struct store *s, int64_t id, int64_t at, struct err *e);
void store_training_release(struct store_training *t);
void store_trainings_free(struct store_training *t, size_t n);

struct store_room {
    int64_t id;
    int64_t org_id; /* owning organisation */
    char *name;
    int64_t capacity; /* seats, >= 1 */
    char *equipment;  /* free text: "vidéoprojecteur, visio" */
    char *address;
    char *description;
    char *org_name; /* filled by reads */
};

struct store_booking {
    int64_t id;
    int64_t room_id;
    int64_t account_id;
    int64_t org_id; /* booking organisation, 0 if none */
    int64_t starts_at;
    int64_t ends_at; /* > starts_at; the slot is [starts_at, ends_at) */
    char *purpose;
    bool is_cancelled;
};

int store_room_insert(struct store *s, const struct store_room *r, int64_t *id, struct err *e);
int store_room_get(struct store *s, int64_t id, struct store_room *out, struct err *e);
/* org_id > 0 keeps that organisation's rooms. */
int store_room_list(struct store *s, int64_t org_id, struct store_room **out, size_t *n,
                    struct err *e);
void store_room_release(struct store_room *r);
void store_rooms_free(struct store_room *r, size_t n);
/*
 * store_booking_insert - books a slot if no live booking of the room
 * overlaps it. The check and the insert run in one BEGIN IMMEDIATE
 * transaction (or inside the caller's), and a trigger refuses overlaps as
 * a second guard, so of two simultaneous requests for the same slot
 * exactly one succeeds; the others get ERR_CONFLICT.
 */
int store_booking_insert(struct store *s, const struct store_booking *b, int64_t *id,
                         struct err *e);
int store_booking_get(struct store *s, int64_t id, struct store_booking *out, struct err *e);
int store_booking_cancel(struct store *s, int64_t id, struct err *e);
/* Live bookings of a room (room_id 0: all rooms) overlapping [from, to)
 * (to 0: no end), by start. */
int store_booking_list(struct store *s, int64_t room_id, int64_t from, int64_t to,
                       struct store_booking **out, size_t *n, struct err *e);
void store_booking_release(struct store_booking *b);
void store_bookings_free(struct store_booking *b, size_t n);

struct store_purchase {
    int64_t id;
    char *title;
    char *category;    /* purchase category, e.g. "papier recyclé" */
    char *unit;        /* unit of the quantities, e.g. "ramette" */
    char deadline[11]; /* "YYYY-MM-DD", last day (Paris) to add quantities */
    char *description;
    int64_t territory_id; /* 0 = network-wide */
    int64_t created_by;
    double total;   /* filled by reads: sum of the lines */
    size_t n_lines; /* filled by reads */
};

struct store_purchase_line {
    int64_t purchase_id;
    int64_t org_id;
    double quantity; /* > 0, in the purchase's unit */
    char *comment;
    int64_t account_id; /* who set it */
    int64_t updated_at;
    /* filled by reads, from the organisation: */
    char *org_name;
    char siret[15];
    char *address;
    char postal_code[6];
    char commune_insee[6];
};

int store_purchase_insert(struct store *s, const struct store_purchase *p, int64_t *id,
                          struct err *e);
int store_purchase_get(struct store *s, int64_t id, struct store_purchase *out, struct err *e);
int store_purchase_list(struct store *s, struct store_purchase **out, size_t *n, struct err *e);
/* Sets an organisation's quantity (replacing it); quantity 0 removes the line. */
int store_purchase_set_line(struct store *s, const struct store_purchase_line *l, struct err *e);
/* Lines by organisation name. */
int store_purchase_lines(struct store *s, int64_t purchase_id, struct store_purchase_line **out,
                         size_t *n, struct err *e);
void store_purchase_release(struct store_purchase *p);
void store_purchases_free(struct store_purchase *p, size_t n);
void store_purchase_lines_free(struct store_purchase_line *l, size_t n);

struct store_collection {
    int64_t id;
    char *name;
    int64_t territory_id;     /* 0 = none */
    int64_t collector_org_id; /* 0 = not chosen yet */
    struct geo_point depot;
    double vehicle_capacity_kg; /* > 0 */
    char round_frequency[16];   /* weekly, fortnightly, monthly, quarterly */
    int64_t created_by;
    size_t n_items; /* filled by reads */
};

struct store_collection_item {
    int64_t id;
    int64_t collection_id;
    int64_t org_id;
    char low_code[7];   /* canonical 6-digit List of Waste code */
    double quantity_kg; /* per `frequency` period */
    char frequency[16]; /* weekly, fortnightly, monthly, quarterly, yearly */
    /* filled by reads, from the organisation: */
    char *org_name;
    struct geo_point pos;
};

int store_collection_insert(struct store *s, const struct store_collection *c, int64_t *id,
                            struct err *e);
int store_collection_get(struct store *s, int64_t id, struct store_collection *out, struct err *e);
int store_collection_list(struct store *s, struct store_collection **out, size_t *n, struct err *e);
/* Adds or replaces (same organisation and code) an item; *id its id. */
int store_collection_item_set(struct store *s, const struct store_collection_item *it, int64_t *id,
                              struct err *e);
int store_collection_item_delete(struct store *s, int64_t collection_id, int64_t item_id,
                                 struct err *e);
/* Items by organisation id then code. */
int store_collection_items(struct store *s, int64_t collection_id,
                           struct store_collection_item **out, size_t *n, struct err *e);
void store_collection_release(struct store_collection *c);
void store_collections_free(struct store_collection *c, size_t n);
void store_collection_items_free(struct store_collection_item *it, size_t n);

/* Forum: threads of posts; the first post is the thread's opening message. */
struct store_thread {
    int64_t id;
    char *title;
    int64_t territory_id; /* 0 = whole network */
    int64_t author_id;
    int64_t created_at;
    int64_t last_post_at;        /* filled by reads */
    size_t n_posts;              /* filled by reads */
    char *author_name;           /* filled by reads: display name, "" when none (never the email:
                                    network_account_label names the author) */
    enum store_role author_role; /* filled by reads */
};

struct store_post {
    int64_t id;
    int64_t thread_id;
    int64_t author_id;
    char *body; /* as typed */
    int64_t created_at;
    char *author_name;           /* filled by reads: display name, "" when none */
    enum store_role author_role; /* filled by reads */
};

/* Inserts the thread and its first post; ids of both. */
int store_thread_insert(struct store *s, const struct store_thread *t, const char *body,
                        int64_t *thread_id, int64_t *post_id, struct err *e);
int store_thread_get(struct store *s, int64_t id, struct store_thread *out, struct err *e);
/* Threads by latest activity first. */
int store_thread_list(struct store *s, struct store_thread **out, size_t *n, struct err *e);
int store_post_insert(struct store *s, const struct store_post *p, int64_t *id, struct err *e);
/* Posts of a thread, oldest first. */
int store_post_list(struct store *s, int64_t thread_id, struct store_post **out, size_t *n,
                    struct err *e);
/* Distinct authors of a thread's posts. */
int store_thread_participants(struct store *s, int64_t thread_id, int64_t **ids, size_t *n,
                              struct err *e);
void store_thread_release(struct store_thread *t);
void store_threads_free(struct store_thread *t, size_t n);
void store_posts_free(struct store_post *p, size_t n);

/* In-app notifications. */
struct store_notification {
    int64_t id;
    int64_t account_id;
    char kind[24]; /* reply, mention, promoted, training_confirmed */
    char *text;    /* French, ready to show */
    char link[96]; /* relative API path of the subject, e.g. "/api/v1/threads/3" */
    int64_t created_at;
    int64_t read_at; /* 0 if unread */
};

int store_notification_add(struct store *s, const struct store_notification *n, struct err *e);
/* Latest first; is_unread_only keeps unread ones. */
int store_notification_list(struct store *s, int64_t account_id, bool is_unread_only,
                            struct store_notification **out, size_t *n, struct err *e);
/* Marks one (id > 0) or all (id 0) of the account's notifications read. */
int store_notification_mark_read(struct store *s, int64_t account_id, int64_t id, struct err *e);
void store_notifications_free(struct store_notification *n, size_t count);

/* Library of good practices and method sheets. */
struct store_resource {
    int64_t id;
    char kind[24]; /* good_practice, method_sheet, other */
    char *title;
    char *description;
    int64_t territory_id; /* 0 = network-wide */
    char visibility[16];  /* network, territory, facilitators */
    char mime[64];        /* detected from the content */
    int64_t size_bytes;
    char storage_name[40]; /* random hex name of the file in the files folder */
    char *original_name;   /* as uploaded, for Content-Disposition */
    int64_t uploaded_by;
    int64_t created_at;
};

int store_resource_insert(struct store *s, const struct store_resource *r, int64_t *id,
                          struct err *e);
int store_resource_get(struct store *s, int64_t id, struct store_resource *out, struct err *e);
int store_resource_list(struct store *s, struct store_resource **out, size_t *n, struct err *e);
int store_resource_delete(struct store *s, int64_t id, struct err *e);
void store_resource_release(struct store_resource *r);
void store_resources_free(struct store_resource *r, size_t n);

/* Full-text search (FTS5, unicode61 remove_diacritics 2) over threads,
 * posts and resources. */
struct store_search_hit {
    char kind[16];     /* thread, post, resource */
    int64_t id;        /* id of the thread/post/resource */
    int64_t thread_id; /* posts: their thread; threads: themselves; else 0 */
    int64_t territory_id;
    char visibility[16]; /* resources only, else "" */
    char *title;
    char *snippet; /* matching words between [ and ] */
    double rank;   /* bm25, lower is better */
};

/* fts_query must be a safe FTS5 expression (network builds it from the
 * user's words). At most limit hits, best first. */
int store_search(struct store *s, const char *fts_query, size_t limit,
                 struct store_search_hit **out, size_t *n, struct err *e);
void store_search_hits_free(struct store_search_hit *h, size_t n);

/* Territories: actors, key dates, checklist progress, jobs. */
struct store_actor {
    int64_t id;
    int64_t territory_id;
    char role[24];  /* pilot, facilitator, chamber, economic_developer, company, funder, commune */
    char *name;     /* structure or person */
    int64_t org_id; /* 0 if not an organisation of the platform */
    int64_t account_id; /* 0 if no account */
    char *email;        /* contact, "" if none */
};

int store_actor_insert(struct store *s, const struct store_actor *a, int64_t *id, struct err *e);
int store_actor_delete(struct store *s, int64_t territory_id, int64_t id, struct err *e);
/* Actors of a territory (territory_id 0: all), by territory, role, name. */
int store_actor_list(struct store *s, int64_t territory_id, struct store_actor **out, size_t *n,
                     struct err *e);
void store_actors_free(struct store_actor *a, size_t n);

struct store_key_date {
    int64_t id;
    int64_t territory_id;
    char date[11]; /* YYYY-MM-DD */
    char *label;
};

int store_key_date_insert(struct store *s, const struct store_key_date *d, int64_t *id,
                          struct err *e);
int store_key_date_list(struct store *s, int64_t territory_id, struct store_key_date **out,
                        size_t *n, struct err *e);
void store_key_dates_free(struct store_key_date *d, size_t n);

/* Checklist items done, per territory: (stage name, item index) pairs. */
int store_checklist_set(struct store *s, int64_t territory_id, const char *stage, int item,
                        bool is_done, int64_t account_id, struct err *e);
/* done[i] true if item i of `stage` is done; items beyond n_items ignored. */
int store_checklist_get(struct store *s, int64_t territory_id, const char *stage, bool *done,
                        size_t n_items, struct err *e);
int store_territory_set_jobs(struct store *s, int64_t territory_id, int64_t jobs, struct err *e);

/* Comparable indicators of one territory. */
struct store_indicators {
    int64_t territory_id;
    char *territory_name;
    char stage[24];
    int64_t companies;    /* organisations of kind company in the territory */
    int64_t flows;        /* flows of its organisations */
    int64_t synergies[5]; /* by enum store_status */
    double t_diverted;    /* implemented synergies: measured, else estimated */
    double co2e_t;
    double eur_saved;
    int64_t jobs_created;
};

/* One row per territory, by id. */
int store_indicators_list(struct store *s, struct store_indicators **out, size_t *n, struct err *e);
void store_indicators_free(struct store_indicators *r, size_t n);

/* ============================================ yearly evaluation (reports) */

/*
 * Figures of one territory over a period [from, to): store_eval_computed.
 * Counts of the period are what happened in it (flows declared, events
 * held, statuses reached); states are taken at its end (companies
 * enrolled, synergies by status, effects of the implemented ones: measured,
 * else estimated, per year).
 */
struct store_eval_computed {
    int64_t territory_id;
    char *territory_name;
    char stage[24];
    int64_t companies;            /* organisations of kind company enrolled by `to` */
    int64_t offers, needs;        /* flows declared in the period */
    int64_t workshops;            /* detection workshops held (events of kind workshop) */
    int64_t events;               /* other network events held in the territory */
    int64_t in_status[5];         /* synergies by enum store_status at `to` */
    int64_t reached[5];           /* synergies that reached each status in the period */
    double t_diverted;            /* t/yr of the synergies implemented at `to` */
    double co2e_t;                /* t CO2e/yr avoided by them */
    double eur_saved;             /* EUR/yr saved by them */
    int64_t jobs;                 /* jobs declared by the territory (not dated) */
    int64_t collections;          /* pooled collections set up by `to` */
    double collection_km_avoided; /* km/yr: (baseline - route) of the latest round x rounds/yr */
    int64_t trainings;            /* trainings held in the period */
    int64_t participants;         /* their registered participants */
    int64_t purchases;            /* group purchases opened in the period */
};

/* One row per territory (by id) for [from, to) in unix seconds; org_id > 0
 * keeps only what that organisation takes part in. Free with
 * store_eval_computed_free. */
int store_eval_computed(struct store *s, int64_t from, int64_t to, int64_t org_id,
                        struct store_eval_computed **out, size_t *n, struct err *e);
void store_eval_computed_free(struct store_eval_computed *r, size_t n);

/* A pair of ids (meaning given by the function returning it). */
struct store_id_pair {
    int64_t a, b;
};

/* (synergy id, territory id of its offer) of every open substitution
 * synergy (suggested or studied), by synergy id; free(). */
int store_eval_open_synergy_territories(struct store *s, struct store_id_pair **out, size_t *n,
                                        struct err *e);

/* An implemented synergy of a territory, both sides (names are the
 * store's: the caller decides what the reader may see). */
struct store_eval_synergy {
    int64_t id;
    bool is_pool; /* a mutualisation: offer_* is the pool, no receiver */
    int64_t territory_id;
    int64_t offer_org_id;
    char *offer_name;
    char offer_naf[8];
    char offer_commune[6];
    int64_t receiver_org_id;
    int64_t receiver_territory_id; /* 0 when none */
    char *receiver_name;
    char receiver_naf[8];
    char receiver_commune[6];
    char code[24];
    double t_diverted, co2e_t, eur_saved; /* per year: measured, else estimated */
    bool is_measured;
    int64_t implemented_at;                   /* unix seconds of the last move to implemented */
    struct geo_point offer_pos, receiver_pos; /* 0,0 when unknown */
};

/* Synergies of territory_id implemented at `to`, by implementation date.
 * Free with store_eval_synergies_free. */
int store_eval_implemented(struct store *s, int64_t territory_id, int64_t to,
                           struct store_eval_synergy **out, size_t *n, struct err *e);
void store_eval_synergies_free(struct store_eval_synergy *r, size_t n);

/* A value a facilitator entered for one indicator, territory and year. */
struct store_eval_value {
    int64_t territory_id;
    int year;
    char indicator[48];
    double value;
    int64_t entered_by; /* account, 0 if removed since */
    int64_t entered_at; /* unix seconds */
    char entered_by_email[128];
};

/* Values of territory_id (0: all) for years in [year_from, year_to], by
 * territory, year, indicator; free(). */
int store_eval_values_list(struct store *s, int64_t territory_id, int year_from, int year_to,
                           struct store_eval_value **out, size_t *n, struct err *e);
/* Sets (has_value) or removes one value; the caller validates and audits. */
int store_eval_value_set(struct store *s, int64_t territory_id, int year, const char *indicator,
                         double value, bool has_value, int64_t account_id, struct err *e);

/* A closed year of a territory. */
struct store_eval_year {
    int64_t territory_id;
    int year;
    int64_t closed_at; /* unix seconds */
    int64_t closed_by; /* account */
};

/* Closed years of territory_id (0: all) in [year_from, year_to]; free(). */
int store_eval_closed_list(struct store *s, int64_t territory_id, int year_from, int year_to,
                           struct store_eval_year **out, size_t *n, struct err *e);
/* Closes or reopens a year (the caller checks who may). */
int store_eval_year_set_closed(struct store *s, int64_t territory_id, int year, bool is_closed,
                               int64_t account_id, struct err *e);

/* ========================================== optimisation (helper prod5) */

/*
 * Allocation plans: the optimal exchanges among the open substitution
 * synergies of a scope (a territory, or the whole region), computed by the
 * min-cost flow of engine.h and kept with the greedy plan's totals for
 * comparison. Rounds: pooled-collection pools turned into vehicle routes
 * by a collector, with the baseline of each company driving its own waste
 * to the nearest treatment site.
 */

/* Totals of one plan (optimal or greedy). */
struct store_alloc_totals {
    double t;          /* tonnes per year exchanged */
    double eur;        /* euros per year of net gain */
    double co2e_t;     /* tonnes CO2e per year avoided */
    double disposed_t; /* tonnes per year of the offers left to disposal */
    int64_t n_pairs;   /* synergies used */
};

struct store_alloc_plan {
    int64_t id;
    int64_t created_at;   /* unix seconds */
    int64_t created_by;   /* account, 0 if the program (CLI) */
    int64_t territory_id; /* scope: 0 = the whole region */
    int64_t n_candidates; /* open synergies considered */
    struct store_alloc_totals best;
    struct store_alloc_totals greedy;
    char *territory_name; /* filled by reads, "" for the region */
};

/* One synergy of a plan: what the optimum and the greedy plan give it. */
struct store_alloc_line {
    int64_t plan_id;
    int64_t synergy_id;
    double t;        /* tonnes per year kept by the optimal plan (0: dropped) */
    double greedy_t; /* tonnes per year the greedy plan gives it */
    double eur;      /* euros per year of the optimal tonnes */
    double co2e_t;   /* t CO2e per year avoided by the optimal tonnes */
    /* filled by reads, from the synergy and its flows: */
    int64_t offer_flow_id;
    int64_t need_flow_id; /* 0 for a potential receiver */
    int64_t offer_org_id;
    int64_t receiver_org_id;
    char code[24];        /* the offer's code */
    char *offer_org_name; /* "" if unknown */
    char *receiver_name;
};

/*
 * store_alloc_plan_insert - records a plan and its lines (plan->id,
 * created_at and the names are ignored; created_at is now). Runs in one
 * transaction (or the caller's). ERR_CONFLICT if a synergy or the
 * territory does not exist.
 */
int store_alloc_plan_insert(struct store *s, const struct store_alloc_plan *plan,
                            const struct store_alloc_line *lines, size_t n_lines, int64_t *id,
                            struct err *e);
int store_alloc_plan_get(struct store *s, int64_t id, struct store_alloc_plan *out, struct err *e);
/* Latest first, at most limit (0: all); territory_id -1 every scope, 0
 * region-wide plans only, > 0 that territory's. */
int store_alloc_plan_list(struct store *s, int64_t territory_id, size_t limit,
                          struct store_alloc_plan **out, size_t *n, struct err *e);
/* Lines of a plan, kept ones first (by tonnes descending), then synergy id. */
int store_alloc_plan_lines(struct store *s, int64_t plan_id, struct store_alloc_line **out,
                           size_t *n, struct err *e);
void store_alloc_plan_release(struct store_alloc_plan *p);
void store_alloc_plans_free(struct store_alloc_plan *p, size_t n);
void store_alloc_lines_free(struct store_alloc_line *l, size_t n);

/* A collector: an organisation of kind social_economy, or one with an
 * account of role collector. */
struct store_collector {
    int64_t id;
    int64_t org_id;
    int64_t created_at;
    char *name; /* filled by reads: the organisation's name */
};

struct store_depot {
    int64_t id;
    int64_t collector_id;
    char *name;    /* "" if none */
    char *address; /* "" if none */
    struct geo_point pos;
};

struct store_vehicle {
    int64_t id;
    int64_t collector_id;
    char *name;             /* "" if none */
    double capacity_kg;     /* > 0 */
    double cost_eur_per_km; /* >= 0 */
    double co2e_kg_per_km;  /* kg CO2e per vehicle-km, >= 0 */
};

/* ERR_INPUT if the organisation is neither social economy nor has a
 * collector account; ERR_CONFLICT if it is already a collector. */
int store_collector_insert(struct store *s, int64_t org_id, int64_t *id, struct err *e);
int store_collector_get(struct store *s, int64_t id, struct store_collector *out, struct err *e);
/* Id of the collector of an organisation; ERR_NOT_FOUND if none. */
int store_collector_find_org(struct store *s, int64_t org_id, int64_t *id, struct err *e);
int store_collector_list(struct store *s, struct store_collector **out, size_t *n, struct err *e);
void store_collector_release(struct store_collector *c);
void store_collectors_free(struct store_collector *c, size_t n);

int store_depot_insert(struct store *s, const struct store_depot *d, int64_t *id, struct err *e);
int store_depot_get(struct store *s, int64_t id, struct store_depot *out, struct err *e);
/* Depots of a collector (0: all), by id. */
int store_depot_list(struct store *s, int64_t collector_id, struct store_depot **out, size_t *n,
                     struct err *e);
void store_depot_release(struct store_depot *d);
void store_depots_free(struct store_depot *d, size_t n);

int store_vehicle_insert(struct store *s, const struct store_vehicle *v, int64_t *id,
                         struct err *e);
int store_vehicle_get(struct store *s, int64_t id, struct store_vehicle *out, struct err *e);
/* Vehicles of a collector (0: all), by id. */
int store_vehicle_list(struct store *s, int64_t collector_id, struct store_vehicle **out, size_t *n,
                       struct err *e);
void store_vehicle_release(struct store_vehicle *v);
void store_vehicles_free(struct store_vehicle *v, size_t n);

/* One saved set of rounds for a pooled-collection pool. */
struct store_round {
    int64_t id;
    int64_t collection_id; /* the pool (net_collections) */
    int64_t collector_id;  /* 0 if the pool's own depot and capacity were used */
    int64_t vehicle_id;    /* 0 then too */
    int64_t depot_id;      /* 0 then too */
    char date[11];         /* planned day "YYYY-MM-DD", "" if none */
    int64_t created_at;
    int64_t created_by; /* account, 0 if the program */
    struct geo_point depot;
    double capacity_kg;       /* vehicle capacity used */
    double detour_factor;     /* road km / straight-line km */
    double speed_kmh;         /* average speed assumed */
    double stop_min;          /* minutes per stop assumed */
    size_t n_routes;          /* vehicle routes (trips from the depot) */
    double km;                /* total road-like km */
    double duration_min;      /* driving + stops */
    double co2e_kg;           /* km times the vehicle's factor */
    double cost_eur;          /* km times the vehicle's cost */
    double baseline_km;       /* each company to its nearest site and back */
    double baseline_min;      /* driving + one unloading stop per trip */
    double baseline_co2e_kg;  /* baseline km times a van's factor */
    size_t n_stops;           /* filled by reads */
    char *collection_name;    /* filled by reads */
    char *collector_name;     /* filled by reads, "" if none */
    int64_t territory_id;     /* filled by reads: the pool's territory, 0 if none */
    int64_t collector_org_id; /* filled by reads: the collector's organisation, 0 if none */
};

/* One stop: route route_no (1-based) visits it at position seq (1-based). */
struct store_round_stop {
    int64_t round_id;
    int64_t route_no;
    int64_t seq;
    int64_t org_id;
    double demand_kg;
    struct geo_point pos;
    double baseline_km; /* this company's own trips to its nearest sites */
    char *site_name;    /* nearest treatment site of the baseline, "" if none */
    char *org_name;     /* filled by reads */
};

/* Records a round and its stops in one transaction (or the caller's);
 * created_at is now; ERR_CONFLICT if a referenced row does not exist. */
int store_round_insert(struct store *s, const struct store_round *r,
                       const struct store_round_stop *stops, size_t n_stops, int64_t *id,
                       struct err *e);
int store_round_get(struct store *s, int64_t id, struct store_round *out, struct err *e);
/* Latest first, at most limit (0: all); collection_id 0 = every pool. */
int store_round_list(struct store *s, int64_t collection_id, size_t limit, struct store_round **out,
                     size_t *n, struct err *e);
/* Stops by route then position. */
int store_round_stops(struct store *s, int64_t round_id, struct store_round_stop **out, size_t *n,
                      struct err *e);
void store_round_release(struct store_round *r);
void store_rounds_free(struct store_round *r, size_t n);
void store_round_stops_free(struct store_round_stop *st, size_t n);

/* ------------------------------------ SIRENE prospects (store_sirene.c) */

/*
 * The register of establishments (SIRENE StockEtablissement, CSV) as a
 * table of prospects: establishments of the region that are not, or not
 * yet, enrolled organisations. A prospect's data comes from the register
 * only; nothing in it is declared by the company.
 *
 * Importing streams the file (constant memory: one 1 MiB window) inside
 * the caller's transaction. Columns are found by header name. Each bad
 * row adds "FILE:LINE: field: reason" to the error list and the import
 * goes on checking, so the caller rolls back once with every error known.
 * Skipped on purpose, with a count: closed establishments not known yet,
 * older activity nomenclatures, rows without activity, establishments
 * outside the region, the departements or the territory asked for.
 * A re-import updates, closes and adds prospects; a prospect linked to an
 * enrolled organisation is never rewritten, only flagged closed (and the
 * closure written to the audit log).
 */
#define STORE_SIRENE_NAME_MAX 256 /* bytes, name and address */

/* One parsed data row (store_sirene_row_parse). */
struct store_sirene_row {
    char siret[15];
    bool is_active;                      /* etatAdministratifEtablissement A (else F) */
    bool is_nafrev2;                     /* nomenclature NAFRev2 (naf checked then) */
    char naf[8];                         /* canonical ("16.10A"); "" if none given */
    char band[3];                        /* tranche code ("11"); "NN" if empty */
    char commune_insee[6];               /* "" for an establishment abroad */
    bool has_xy;                         /* Lambert-93 coordinates given */
    double x_m, y_m;                     /* Lambert-93 (EPSG:2154), metres */
    bool is_public;                      /* statutDiffusionEtablissement O */
    char name[STORE_SIRENE_NAME_MAX];    /* usual name, else first sign; "" */
    char address[STORE_SIRENE_NAME_MAX]; /* "12 RUE DES LILAS"; "" */
    char postal_code[6];
};

/* Column positions found in a header line. */
struct store_sirene_header {
    int col[16]; /* by internal column number; -1 if absent */
    size_t n_cols;
};

/*
 * store_sirene_header_parse - finds the columns by name in the n header
 * fields f. ERR_INPUT "missing column 'X'" when a required column is
 * absent; the Lambert, name, address and diffusion columns are optional
 * (older files lack some).
 */
int store_sirene_header_parse(struct store_sirene_header *h, const struct slice *f, size_t n,
                              struct err *e);
/*
 * store_sirene_row_parse - checks and reads one data row (n fields) into
 * out. ERR_INPUT "field: reason" for a wrong field count, a bad SIRET,
 * state, tranche, commune or coordinate, an unknown NAF Rev. 2 code or
 * Lambert-93 coordinates outside metropolitan France. Overseas rows'
 * coordinates (other projections) are ignored, not checked.
 */
int store_sirene_row_parse(const struct store_sirene_header *h, const struct ref *r,
                           const struct slice *f, size_t n, struct store_sirene_row *out,
                           struct err *e);

/* What to import: departements ("44", "85") and/or one territory. */
struct store_sirene_opts {
    const char *const *deps; /* borrowed; NULL/0 for every departement */
    size_t n_deps;
    int64_t territory_id; /* 0: whole region */
};

struct store_sirene_stats {
    size_t n_rows;            /* data rows read */
    size_t n_added;           /* new prospects */
    size_t n_updated;         /* known prospects rewritten */
    size_t n_closed;          /* known prospects now closed */
    size_t n_enrolled_closed; /* enrolled organisations flagged closed */
    size_t n_enrolled_kept;   /* rows of enrolled organisations left as they are */
    size_t n_skipped_closed;  /* closed, and not known (or already closed) */
    size_t n_skipped_naf;     /* older nomenclature or no activity */
    size_t n_skipped_outside; /* outside the region / departements / territory */
    size_t n_commune_coords;  /* placed at their commune (no or hidden coordinates) */
};

struct store_sirene_import;
/*
 * store_sirene_import_new - an importer bound to r (borrowed, must outlive
 * it) with the PROJ transformation Lambert-93 -> WGS 84 made once.
 * ERR_INTERNAL if PROJ cannot build it. Free with store_sirene_import_free.
 */
int store_sirene_import_new(struct store_sirene_import **out, const struct ref *r, struct err *e);
void store_sirene_import_free(struct store_sirene_import *imp);
/*
 * store_sirene_import_run - reads f (named name in messages) to its end and
 * writes the prospects into s, in the caller's transaction; stats are
 * reset first. Row errors go to errs (the caller rolls back if any);
 * returns ERR_OK, or the first database/IO/header error (ERR_INPUT for a
 * header: errs has it too).
 */
int store_sirene_import_run(struct store_sirene_import *imp, struct store *s, FILE *f,
                            const char *name, const struct store_sirene_opts *o,
                            struct store_sirene_stats *stats, struct err_list *errs, struct err *e);

/* Employee band label of a tranche code: "10-19", "10000+", "0", "" for NN
 * or an unknown code. */
const char *store_sirene_band_label(const char *code);

struct store_prospect {
    int64_t id;
    char siret[15];
    char name[STORE_SIRENE_NAME_MAX]; /* "" if not public */
    char naf[8];
    char band[3];
    char commune_insee[6];
    char address[STORE_SIRENE_NAME_MAX];
    char postal_code[6];
    struct geo_point pos;
    bool is_commune_pos; /* placed at the commune's point */
    bool is_public;
    bool is_closed;
    int64_t org_id; /* enrolled organisation, 0 if none */
};
typedef int (*store_prospect_fn)(const struct store_prospect *p, void *ctx, struct err *e);
/*
 * store_prospect_each - calls fn for each prospect (of territory_id's
 * communes when > 0), by SIRET, one at a time; stops at fn's first
 * non-zero return and returns it.
 */
int store_prospect_each(struct store *s, int64_t territory_id, store_prospect_fn fn, void *ctx,
                        struct err *e);

/* An estimated flow given to an organisation enrolled from a prospect: a
 * draft the company confirms or discards. Drafts live in their own table:
 * no view, list or indicator of flows reads them. */
struct store_flow_draft {
    int64_t id;     /* 0 until stored */
    int64_t org_id; /* the organisation it was given to (0 until stored) */
    bool is_offer;
    bool is_heat; /* code "heat" in MWh, else a LoW code in t */
    char code[8];
    double qty_per_yr;
    double uncertainty_factor;
    char source[24];
};
/*
 * store_prospect_enrol - enrols the active prospect siret as an
 * organisation of territory_id (0: none) in the caller's transaction:
 * its SIRET, NAF, address, commune and position are kept, its name too
 * (a non-public establishment gets "Établissement <SIRET>" until it gives
 * one), the prospect is linked to it and drafts become its draft flows.
 * ERR_NOT_FOUND if no such prospect, ERR_CONFLICT if it is closed or
 * already enrolled (or an organisation has its SIRET).
 */
int store_prospect_enrol(struct store *s, const char *siret, int64_t territory_id,
                         const struct store_flow_draft *drafts, size_t n_drafts, int64_t *org_id,
                         struct err *e);
/* Reads one prospect by SIRET; ERR_NOT_FOUND if none. */
int store_prospect_get(struct store *s, const char *siret, struct store_prospect *out,
                       struct err *e);
/* Number of draft flows of an organisation. */
int store_flow_draft_count(struct store *s, int64_t org_id, size_t *n, struct err *e);
/*
 * store_flow_draft_list - the draft flows of org_id, by id, in a new
 * array *out of *n entries the caller frees with free() (NULL when none).
 */
int store_flow_draft_list(struct store *s, int64_t org_id, struct store_flow_draft **out, size_t *n,
                          struct err *e);
/* Reads one draft flow; ERR_NOT_FOUND if none. */
int store_flow_draft_get(struct store *s, int64_t id, struct store_flow_draft *out, struct err *e);
/* Deletes one draft flow (confirmed or discarded); ERR_NOT_FOUND if none. */
int store_flow_draft_delete(struct store *s, int64_t id, struct err *e);
/*
 * store_prospect_in_territory - *is_in says whether the commune of the
 * prospect siret is one of territory_id's communes (false if no such
 * prospect).
 */
int store_prospect_in_territory(struct store *s, const char *siret, int64_t territory_id,
                                bool *is_in, struct err *e);

#endif /* SYMBIOSE_STORE_H */
