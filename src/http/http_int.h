/* SPDX-License-Identifier: MIT */
/*
 * http_int.h - declarations shared by the files of the web module: the
 * per-request arena, the request and response structs handlers see, the
 * route table, JSON body validation and the helpers of the handlers.
 *
 * A request's life: the transport (server.c for sockets, app.c for fake
 * requests) fills a struct http_req, app.c routes it, checks the session
 * and the cross-site rules, calls the handler, and turns any error code
 * into a JSON error body through the one status table in app.c.
 */
#ifndef SYMBIOSE_HTTP_INT_H
#define SYMBIOSE_HTTP_INT_H

#include "core/core.h"
#include "http.h"
#include "ref/ref.h"
#include "network/network.h"
#include "report/report.h"
#include "store/store.h"

#include <jansson.h>
#include <pthread.h>

/* ---------------------------------------------------------------- arena */

/*
 * http_arena - bump allocator owned by one request; everything a handler
 * allocates for the request comes from here and goes at once with
 * http_arena_release. Allocation failure is fatal like xmalloc.
 */
struct http_arena_block;
struct http_arena {
    struct http_arena_block *head; /* newest block first; NULL when empty */
};

void http_arena_init(struct http_arena *a);
void *http_arena_alloc(struct http_arena *a, size_t n); /* zeroed, 16-byte aligned */
char *http_arena_strndup(struct http_arena *a, const char *s, size_t n);
char *http_arena_printf(struct http_arena *a, const char *fmt, ...) CORE_PRINTF(2, 3);
void http_arena_release(struct http_arena *a);

/* ------------------------------------------------------ request/response */

enum http_method {
    HTTP_GET,
    HTTP_POST,
    HTTP_PUT,
    HTTP_PATCH,
    HTTP_DELETE,
    HTTP_HEAD,
    HTTP_OTHER,
};

#define HTTP_MAX_TERRITORIES 64
#define HTTP_TOKEN_HEX 65 /* 32 bytes as hex + NUL */

/* Who is asking: filled from the session cookie before the handler runs. */
struct http_auth {
    bool is_authenticated;
    int64_t account_id;
    int64_t session_id;
    enum store_role role;                      /* valid when authenticated */
    int64_t org_id;                            /* member: their organisation, else 0 */
    int64_t territories[HTTP_MAX_TERRITORIES]; /* facilitator: their territories */
    size_t n_territories;
    char email[256];
    char csrf[HTTP_TOKEN_HEX]; /* what X-CSRF-Token must carry on writes */
};

struct http_kv {
    const char *key;   /* arena or borrowed */
    const char *value; /* arena or borrowed */
};

#define HTTP_MAX_IDS 4
#define HTTP_MAX_QUERY 32

struct http_route;

struct http_req {
    struct http_app *app;
    struct http_arena arena;
    enum http_method method;
    const char *path; /* decoded, without query string */
    struct http_kv query[HTTP_MAX_QUERY];
    size_t n_query;
    const struct http_header *headers; /* borrowed from the transport */
    size_t n_headers;
    const char *body; /* may be NULL when body_len is 0, or when body_path is set */
    size_t body_len;
    /* An upload route's body spooled to this file by the transport (body
     * is then NULL, body_len its size); the transport removes the file. */
    const char *body_path;
    const char *remote_addr; /* the client: the peer, or X-Forwarded-For behind the trusted proxy */
    int64_t ids[HTTP_MAX_IDS]; /* the {id} segments of the path, in order */
    size_t n_ids;
    const struct http_route *route;
    struct http_auth auth;
    struct store *db; /* the request's database handle, from the app's pool */
};

#define HTTP_RESP_MAX_HEADERS 16

struct http_resp {
    int status;
    const char *content_type; /* static string */
    struct sb body;
    struct http_kv headers[HTTP_RESP_MAX_HEADERS]; /* values in the request arena */
    size_t n_headers;
    json_t *err_fields;            /* field -> message, for validation errors; owned */
    json_t *err_lines;             /* array of "FILE:LINE: field: reason" (imports); owned */
    bool is_unprocessable;         /* a well-formed body with bad values: 422, not 400 */
    const char *err_code_override; /* stable code shown instead of err_code_name */
};

/* Handlers return ERR_OK after filling resp, or an error code with e set. */
typedef int (*http_handler)(struct http_req *req, struct http_resp *resp, struct err *e);

const char *http_req_header(const struct http_req *req, const char *name);
const char *http_req_query(const struct http_req *req, const char *key);
void http_resp_header(struct http_req *req, struct http_resp *resp, const char *name,
                      const char *value);
/* Serialises root (stolen) as the body with the given status. */
void http_resp_json(struct http_resp *resp, int status, json_t *root);
/* Records a field error (message copied) for the error body. */
void http_resp_field_error(struct http_resp *resp, const char *field, const char *msg);

/* HTTP status of an error code: the one table (app.c). */
int http_status_of(enum err_code code);

/* ---------------------------------------------------------------- routes */

enum http_route_flags {
    HTTP_ROUTE_PUBLIC = 1 << 0, /* no session needed */
    HTTP_ROUTE_UPLOAD = 1 << 1, /* a file as the body: up to HTTP_MAX_UPLOAD_BODY */
};

/* Body limit of the routes flagged HTTP_ROUTE_UPLOAD (the library's
 * NETWORK_FILE_MAX_BYTES); every other route has the app's max_body. */
#define HTTP_MAX_UPLOAD_BODY ((size_t)20 << 20)
/* Body limit of public routes (login) and unknown paths: what anybody may
 * make the server hold without a session. */
#define HTTP_MAX_PUBLIC_BODY ((size_t)16 << 10)

struct http_route {
    enum http_method method;
    const char *pattern; /* "/api/v1/flows/{id}" */
    http_handler fn;
    unsigned flags;
    const char *tag;     /* OpenAPI tag */
    const char *summary; /* one line, English */
    const char *body;    /* name of the request-body schema, or NULL */
};

extern const struct http_route http_routes[];
extern const size_t http_n_routes;

/*
 * http_route_match - the route for method+path, filling ids. Returns the
 * route, or NULL with *is_path_known set when the path exists under
 * another method (405) and clear when it does not exist (404).
 */
const struct http_route *http_route_match(enum http_method m, const char *path, int64_t *ids,
                                          size_t *n_ids, bool *is_path_known);
enum http_method http_method_parse(const char *s);
const char *http_method_name(enum http_method m);
/* Builds the OpenAPI document from the route table (new reference). */
json_t *http_openapi_build(void);

/* ------------------------------------------------------------ JSON body */

enum http_field_type {
    HTTP_FIELD_STRING,
    HTTP_FIELD_INT,
    HTTP_FIELD_NUMBER,
    HTTP_FIELD_BOOL,
    HTTP_FIELD_ENUM,   /* a string among `choices`, '|'-separated */
    HTTP_FIELD_IDS,    /* an array of at most HTTP_MAX_TERRITORIES integers in [min, max] */
    HTTP_FIELD_OBJECT, /* a JSON object whose members the handler checks */
};

/* One allowed member of a request body object. */
struct http_field {
    const char *name;
    enum http_field_type type;
    bool is_required;
    size_t max_len;      /* strings: bytes (0 means 1000) */
    double min, max;     /* numbers: inclusive range (both 0: unbounded) */
    const char *choices; /* HTTP_FIELD_ENUM */
};

/*
 * http_body_parse - parses body as one JSON object and checks it against
 * the field table: unknown members, missing required ones, wrong types,
 * out-of-range numbers, invalid UTF-8, too-long strings. Every bad field
 * is recorded in resp (field errors). Returns ERR_OK with *out a new
 * reference to the object, or ERR_INPUT (malformed JSON, not an object,
 * or any bad field).
 */
int http_body_parse(const char *body, size_t len, const struct http_field *fields, size_t n_fields,
                    struct http_resp *resp, json_t **out, struct err *e);

/* Accessors on a validated object: absent members give the default. */
const char *http_json_str(const json_t *o, const char *key, const char *dflt);
int64_t http_json_int(const json_t *o, const char *key, int64_t dflt);
double http_json_num(const json_t *o, const char *key, double dflt);
bool http_json_bool(const json_t *o, const char *key, bool dflt);
bool http_json_has(const json_t *o, const char *key);
/* Parses an enumerated member into *out (kept when absent); a bad name is
 * a field error and counts in *n_bad. */
void http_json_vocab(struct http_resp *resp, const json_t *body, const char *key,
                     enum store_vocab voc, int *out, size_t *n_bad);

/* A named request-body schema: its field table, shown in the OpenAPI. */
struct http_body_schema {
    const char *name; /* "FlowCreate" */
    const struct http_field *fields;
    size_t n_fields;
};

extern const struct http_body_schema http_bodies[];
extern const size_t http_n_bodies;
const struct http_body_schema *http_body_find(const char *name);
/* Adds one JSON schema per entry of http_bodies to `schemas`. */
void http_schemas_add(json_t *schemas);
/* Parses the body against the route's schema (req->route->body). */
int http_req_body(struct http_req *req, struct http_resp *resp, json_t **out, struct err *e);

/* ------------------------------------------------------------- paging */

struct http_page {
    int64_t page;     /* 1-based */
    int64_t per_page; /* 1..200 */
};

/* Reads ?page=&per_page= (defaults 1 and 50). ERR_INPUT on bad values. */
int http_page_parse(struct http_req *req, struct http_resp *resp, struct http_page *pg,
                    struct err *e);

/* ----------------------------------------------------------- static */

/* Serves a file of the web folder for GET path; ERR_NOT_FOUND if none,
 * ERR_FORBIDDEN for traversal attempts. */
int http_static_serve(const char *web_dir, struct http_req *req, struct http_resp *resp,
                      struct err *e);

/* --------------------------------------------------------------- app */

struct http_ratelimit;
struct http_cache;

#define HTTP_CACHE_SLOTS 32
#define HTTP_CACHE_TTL_S 5

struct http_cache *http_cache_new(void);
void http_cache_free(struct http_cache *c);
/* Forgets every entry (after a write). */
void http_cache_invalidate(struct http_cache *c);
/* Copies a live entry for key into out; false if none. */
bool http_cache_get(struct http_cache *c, const char *key, struct sb *out);
void http_cache_put(struct http_cache *c, const char *key, const char *body, size_t len);
/* The generation writes bump (read it before computing what you put). */
uint64_t http_cache_generation(struct http_cache *c);
/* The anonymised label of org_id: 1 and *out when the labels are live and
 * hold it, 0 when live without it, -1 when they must be built again. */
int http_cache_anon_label(struct http_cache *c, int64_t org_id, struct network_anon_label *out);
/* Keeps the labels built at `generation` (takes a's content). */
void http_cache_anon_take(struct http_cache *c, struct network_anon *a, uint64_t generation);
/* The cache key of an endpoint for the caller's scope (in the arena). */
const char *http_scope_key(struct http_req *req, const char *endpoint);

/* A mutex-guarded pool of database handles, one per request in flight. */
struct http_db_pool {
    pthread_mutex_t lock;
    struct store **idle; /* handles not in use */
    size_t n_idle;
    size_t cap_idle;
};

/* The scopes of the detections running now (POST /suggestions/run): one
 * at a time per territory, and a region-wide run excludes every other. */
#define HTTP_DETECT_MAX_RUNNING 16
struct http_detect_guard {
    pthread_mutex_t lock;
    int64_t scopes[HTTP_DETECT_MAX_RUNNING]; /* territory ids, 0 = region */
    size_t n;
};

/*
 * The application context: everything handlers share. Read-only after
 * http_app_new except the pool and the rate limiter, which lock.
 */
struct http_app {
    char *web_dir;
    char *db_path;
    char *data_dir;
    size_t max_body;            /* bytes */
    bool is_insecure_cookie;    /* no Secure flag on the session cookie */
    int64_t idle_timeout_s;     /* sliding idle timeout of sessions, seconds */
    char *trusted_proxy;        /* the reverse proxy's address, or NULL */
    struct ref *ref;            /* reference data, shared read-only */
    struct report_framework fw; /* the evaluation's indicators, read-only */
    struct ref_rules *rules;    /* valorisation routes at start, to describe a suggestion's route
                                   (detection reloads them, so local routes need no restart) */
    struct http_db_pool pool;
    struct http_ratelimit *rl;
    struct http_cache *cache; /* whole answers of heavy reads, per scope */
    struct http_detect_guard detect;
    unsigned char secret[32]; /* per-process key deriving CSRF tokens */
};

void http_app_dispatch(struct http_app *app, struct http_req *req, struct http_resp *resp);
/*
 * http_app_precheck - what can be decided from the request line and the
 * headers alone, before any body is read: an unknown path or method, a
 * missing or dead session on a non-public route, a cross-site write or a
 * missing CSRF token. Returns true to go on reading the body; false with
 * resp filled with the error answer (401, 403, 404, 405) otherwise.
 * req->remote_addr must be the client's address already.
 */
bool http_app_precheck(struct http_app *app, struct http_req *req, struct http_resp *resp);
/*
 * http_client_addr - the client's address: peer, unless peer is the
 * trusted proxy (NULL: none) and xff (X-Forwarded-For, may be NULL) ends
 * in a valid IPv4 or IPv6 address, which the proxy appended. Writes a
 * NUL-terminated address into out (INET6_ADDRSTRLEN bytes at least).
 */
void http_client_addr(const char *peer, const char *xff, const char *trusted, char *out,
                      size_t size);
#define HTTP_ADDR_MAX 46 /* INET6_ADDRSTRLEN */
/* Replaces req->remote_addr by the client's address (http_client_addr
 * with the app's trusted proxy); both transports call it. */
void http_req_client_addr(struct http_app *app, struct http_req *req);
/*
 * http_app_spool_open - a new empty file (mode 0600) for a request body
 * in the spool folder next to the database ("<db>.files/spool"), so that
 * the library moves it into place without copying. Writes its path into
 * path and returns ERR_OK with an open descriptor in *fd, or ERR_IO.
 */
int http_app_spool_open(const struct http_app *app, char *path, size_t size, int *fd,
                        struct err *e);
/* The largest body accepted for method+path: HTTP_MAX_UPLOAD_BODY (or
 * max_body if larger) for an upload route, else app->max_body. The
 * transport calls it before reading a body, to refuse early. */
size_t http_app_body_limit(const struct http_app *app, enum http_method m, const char *path);
/* Whether method+path is a route flagged HTTP_ROUTE_UPLOAD (its body is
 * spooled to disk by the socket transport). */
bool http_app_is_upload(enum http_method m, const char *path);
const struct http_header *http_security_headers(size_t *n);
void http_resp_init(struct http_resp *resp);
void http_resp_release(struct http_resp *resp);
/* Adds the pairs of a query string (percent-decoded) to req->query. */
void http_req_parse_query(struct http_req *req, const char *qs);

/* Claims the detection scope territory_id (0: the region): false when a
 * run on the same scope, on the region, or (for the region) on any
 * territory is in progress, or too many run. Release what was claimed. */
bool http_detect_claim(struct http_app *app, int64_t territory_id);
void http_detect_release(struct http_app *app, int64_t territory_id);

/* Takes a database handle for the request (req->db) / gives it back. */
int http_db_acquire(struct http_app *app, struct http_req *req, struct err *e);
void http_db_release(struct http_app *app, struct http_req *req);

/* ------------------------------------------------------------- auth */

#define HTTP_SESSION_COOKIE "symbiose_session"
#define HTTP_SESSION_TTL_S (8 * 3600)

/* Fills req->auth from the session cookie, if any and live. Never fails
 * for a missing or stale cookie (the request is then anonymous). */
int http_auth_load(struct http_req *req, struct err *e);

struct http_ratelimit *http_ratelimit_new(void);
void http_ratelimit_free(struct http_ratelimit *rl);
/*
 * http_ratelimit_hit - records one failed login for key at time now_s and
 * says whether key is over its budget (max failures in window_s).
 * http_ratelimit_blocked only checks. http_ratelimit_clear forgets key.
 */
void http_ratelimit_hit(struct http_ratelimit *rl, const char *key, int64_t now_s);
bool http_ratelimit_blocked(struct http_ratelimit *rl, const char *key, int64_t now_s, int max,
                            int64_t window_s);
void http_ratelimit_clear(struct http_ratelimit *rl, const char *key);
/*
 * Progressive delays of failed logins: after n failures of one key within
 * HTTP_LOGIN_FORGET_S, the next try must wait http_login_delay_s(n)
 * seconds after the last one: nothing for the first HTTP_LOGIN_FREE_TRIES,
 * then 1 s doubling up to HTTP_LOGIN_MAX_DELAY_S. http_ratelimit_wait is
 * the time left to wait for key at now_s (0: it may try).
 */
#define HTTP_LOGIN_FREE_TRIES 3
#define HTTP_LOGIN_MAX_DELAY_S 900
#define HTTP_LOGIN_FORGET_S 3600
int64_t http_login_delay_s(int n_failures);
int64_t http_ratelimit_wait(struct http_ratelimit *rl, const char *key, int64_t now_s);

/* Hex-encodes n bytes into out (2n+1 bytes). */
void http_hex(const unsigned char *p, size_t n, char *out);

/* ------------------------------------------------- scope and views */

/* How much of a row the caller may see. */
enum http_view {
    HTTP_VIEW_NONE = 0, /* nothing: 404 for one row, absent from lists */
    HTTP_VIEW_ANON,     /* activity, commune, quantity band; no identity */
    HTTP_VIEW_FULL,
};

/* true if the caller runs this territory (facilitator) or is regional admin. */
bool http_scope_territory(const struct http_auth *a, int64_t territory_id);
/* true if the caller may write on rows of this territory (its facilitator). */
bool http_scope_territory_write(const struct http_auth *a, int64_t territory_id);
/* The one rule (network_view, docs/confidentiality.md) for the caller;
 * is_side: as a side of a derived view (network_view_side). */
enum http_view http_view_subject(const struct http_auth *a, const struct network_subject *s,
                                 bool is_side);
/* The rule without working relations (lists: they never show more than
 * a direct read). */
enum http_view http_view_org(const struct http_auth *a, const struct store_org *o);
enum http_view http_view_flow(const struct http_auth *a, const struct store_flow *f);
/* *out: whether a working relation links org_id (flow_id: that flow) to the caller. */
int http_related(struct http_req *req, int64_t org_id, int64_t flow_id, bool *out, struct err *e);
/* The rule with the caller's working relations: what a direct read shows. */
int http_view_org_direct(struct http_req *req, const struct store_org *o, enum http_view *out,
                         struct err *e);
int http_view_flow_direct(struct http_req *req, const struct store_flow *f, enum http_view *out,
                          struct err *e);
/* true if the caller may edit this organisation and its flows. */
bool http_can_edit_org(const struct http_auth *a, int64_t org_id, int64_t territory_id);

/* The k-anonymous label an anonymised organisation is shown with
 * (network_anon_build over every organisation, kept in the app's cache
 * until a write); an organisation not labelled yet gets the coarsest. */
void http_anon_label(struct http_req *req, int64_t org_id, struct network_anon_label *out);
/* JSON of an organisation / flow as the given view shows it (new reference). */
json_t *http_org_json(struct http_req *req, const struct store_org *o, enum http_view v);
json_t *http_flow_json(struct http_req *req, const struct store_flow *f, enum http_view v);
/* "10-100 t/an" style band of a yearly quantity. Static storage. */
const char *http_quantity_band(double qty_per_yr, const char *base_unit, char *buf, size_t size);

/* A synergy as a map line [id, status, lat1, lon1, lat2, lon2, code], with
 * anonymised sides at their commune's centre; NULL if the caller may not
 * see it. */
json_t *http_synergy_line(struct http_req *req, const struct store_syn_line *l);

/* The page of a list: {"items":[...],"page":..,"per_page":..,"total":..}. */
json_t *http_page_json(json_t *items_all, const struct http_page *pg);

/* Sorts items (objects) by ?sort=KEY or ?sort=-KEY when present; KEY must
 * be among allowed (NULL-ended). Sorting only reorders what the caller
 * may already see. ERR_INPUT for an unknown key. */
int http_sort_items(struct http_req *req, struct http_resp *resp, json_t *items,
                    const char *const *allowed, struct err *e);

/* GET /pools?suggested=1: the engine's pools of the caller's scope
 * (h_detect.c), paged by pg. */
int http_pools_suggested(struct http_req *req, struct http_resp *resp, const struct http_page *pg,
                         struct err *e);

/* Records a write in the audit log (before/after may be NULL; not stolen). */
int http_audit(struct http_req *req, const char *action, const char *entity, int64_t id,
               const json_t *before, const json_t *after, struct err *e);

/* The territory of a computation asked by the caller (0: the region):
 * a facilitator must name one of their territories (with
 * is_single_default, their only one is taken when none is named):
 * ERR_INPUT (422) when none, ERR_FORBIDDEN when not theirs; an unknown
 * territory is ERR_INPUT (422). The caller checked the role. */
int http_territory_scope(struct http_req *req, struct http_resp *resp, int64_t *territory_id,
                         bool is_single_default, struct err *e);

/* Parses a positive integer query parameter; 0 if absent. ERR_INPUT if bad. */
int http_query_id(struct http_req *req, struct http_resp *resp, const char *key, int64_t *out,
                  struct err *e);
/* The arguments of a paged list filtered by one id: ?page=&per_page= and
 * ?<id_key>= (0 if absent). ERR_INPUT if one is bad. */
int http_list_args(struct http_req *req, struct http_resp *resp, struct http_page *pg,
                   const char *id_key, int64_t *id, struct err *e);

/* ------------------------------------------ network services (helper netweb) */

struct store_account;
/* The session's account as network.h wants it (borrows req->auth). */
void http_net_who(struct http_req *req, struct store_account *who);
/* Starts a write: parses the route's body into *body when body is not
 * NULL, fills *who, opens the transaction http_net_end closes. */
int http_net_begin(struct http_req *req, struct http_resp *resp, json_t **body,
                   struct store_account *who, struct err *e);
/* Ends a list: answers {"items": items} (stolen), or frees items and
 * returns rc (with http_net_fail's field mapping). */
int http_net_items(struct http_resp *resp, int rc, json_t *items, struct err *e);
/*
 * http_net_end - ends a write on the network services: on success records
 * the audit line and commits the transaction the handler opened, then
 * answers `status` with `out` (stolen); on failure rolls back and, for a
 * French validation message "field : reason", records it as a field error
 * (422). Returns rc or the audit/commit error.
 */
int http_net_end(struct http_req *req, struct http_resp *resp, int rc, const char *action,
                 const char *entity, int64_t id, int status, json_t *out, struct err *e);
/* http_net_end for a change: the audit line also keeps `before` (not
 * stolen; NULL if none). */
int http_net_end_change(struct http_req *req, struct http_resp *resp, int rc, const char *action,
                        const char *entity, int64_t id, const json_t *before, int status,
                        json_t *out, struct err *e);
/* A network service's read error, with the same field mapping. */
int http_net_fail(struct http_resp *resp, int rc, struct err *e);
/* Where uploaded library files live: "<db>.files" (created 0700). */
const char *http_net_files_dir(struct http_req *req);

/* The yearly evaluation (h_indicators.c). */
#define HTTP_EVAL_HANDLERS(X)                                                                      \
    X(evaluation_get)                                                                              \
    X(evaluation_put)                                                                              \
    X(evaluation_close)                                                                            \
    X(evaluation_reopen)                                                                           \
    X(evaluation_report)                                                                           \
    X(evaluations_list)                                                                            \
    X(evaluations_export)                                                                          \
    X(evaluations_report)

#define HTTP_NET_HANDLERS(X)                                                                       \
    X(territory_registry)                                                                          \
    X(territory_actor_add)                                                                         \
    X(territory_key_date_add)                                                                      \
    X(territory_checklist_set)                                                                     \
    X(territory_progress)                                                                          \
    X(indicators_csv)                                                                              \
    X(search)                                                                                      \
    X(notifications_list)                                                                          \
    X(notifications_read)                                                                          \
    X(events_list)                                                                                 \
    X(event_get)                                                                                   \
    X(event_create)                                                                                \
    X(event_update)                                                                                \
    X(event_cancel)                                                                                \
    X(event_register)                                                                              \
    X(event_unregister)                                                                            \
    X(event_registrations)                                                                         \
    X(events_ics)                                                                                  \
    X(feed_token)                                                                                  \
    X(threads_list)                                                                                \
    X(thread_get)                                                                                  \
    X(thread_create)                                                                               \
    X(post_create)                                                                                 \
    X(resources_list)                                                                              \
    X(resource_upload)                                                                             \
    X(resource_download)                                                                           \
    X(resource_delete)                                                                             \
    X(rooms_list)                                                                                  \
    X(room_create)                                                                                 \
    X(room_bookings)                                                                               \
    X(booking_create)                                                                              \
    X(booking_cancel)                                                                              \
    X(trainings_list)                                                                              \
    X(training_create)                                                                             \
    X(training_register)                                                                           \
    X(training_unregister)                                                                         \
    X(purchases_list)                                                                              \
    X(purchase_get)                                                                                \
    X(purchase_create)                                                                             \
    X(purchase_quantity)                                                                           \
    X(purchase_csv)

/* ------------------------------------------------------ handlers */

#define HTTP_HANDLERS(X)                                                                           \
    X(health)                                                                                      \
    X(openapi)                                                                                     \
    X(login)                                                                                       \
    X(logout)                                                                                      \
    X(me)                                                                                          \
    X(territories_list)                                                                            \
    X(territory_get)                                                                               \
    X(territory_create)                                                                            \
    X(orgs_list)                                                                                   \
    X(org_get)                                                                                     \
    X(org_create)                                                                                  \
    X(org_update)                                                                                  \
    X(flows_list)                                                                                  \
    X(flow_get)                                                                                    \
    X(flow_create)                                                                                 \
    X(flow_update)                                                                                 \
    X(flow_delete)                                                                                 \
    X(suggestions_list)                                                                            \
    X(suggestion_accept)                                                                           \
    X(suggestion_reject)                                                                           \
    X(synergies_list)                                                                              \
    X(synergy_get)                                                                                 \
    X(synergy_create)                                                                              \
    X(synergy_update)                                                                              \
    X(synergy_history)                                                                             \
    X(pools_list)                                                                                  \
    X(detection_run)                                                                               \
    X(indicators)                                                                                  \
    X(map)                                                                                         \
    X(ref_waste)                                                                                   \
    X(ref_naf)                                                                                     \
    X(import_orgs)                                                                                 \
    X(import_flows)                                                                                \
    X(audit_list)                                                                                  \
    HTTP_NET_HANDLERS(X)                                                                           \
    X(allocations_list)                                                                            \
    X(allocation_get)                                                                              \
    X(allocation_create)                                                                           \
    X(rounds_list)                                                                                 \
    X(round_get)                                                                                   \
    X(round_create)                                                                                \
    X(collections_list)                                                                            \
    X(collection_get)                                                                              \
    X(collection_create)                                                                           \
    X(collection_item_set)                                                                         \
    X(collectors_list)                                                                             \
    X(collector_create)                                                                            \
    X(password_change)                                                                             \
    X(accounts_list)                                                                               \
    X(account_get)                                                                                 \
    X(account_update)                                                                              \
    X(account_password_reset)                                                                      \
    X(prospects_rank)                                                                              \
    X(prospect_enrol)                                                                              \
    X(drafts_list)                                                                                 \
    X(draft_confirm)                                                                               \
    X(draft_discard)                                                                               \
    HTTP_EVAL_HANDLERS(X)

#define HTTP_DECLARE_(name)                                                                        \
    int http_h_##name(struct http_req *req, struct http_resp *resp, struct err *e);
HTTP_HANDLERS(HTTP_DECLARE_)
#undef HTTP_DECLARE_

#endif /* SYMBIOSE_HTTP_INT_H */
