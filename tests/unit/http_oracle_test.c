/* SPDX-License-Identifier: MIT */
/*
 * http_oracle_test.c - the leak oracle (issue 9): on the demo region,
 * after a sequence of writes by every role, every answer of every GET
 * route of the route table (and of the computing POSTs: detection,
 * allocation, rounds) is searched for what it reveals in full about an
 * organisation or a flow: organisation ids, names, SIRETs, addresses,
 * flows with an exact quantity, descriptions. Each must be something the
 * same caller reads in full by GET /organisations/{id} or /flows/{id}
 * (DESIGN.md "Confidentiality, one rule").
 *
 * The routes come from http_routes: a GET route the table below does not
 * cover fails the test, unless listed among the routes that return no
 * organisation data, with the reason. Demo counts are never assumed.
 */
#include "http_fixture.h"
#include "network/network.h"
#include "optim/optim.h"

#define ANON (-1)         /* the caller without a session */
#define MEMO_SLACK 100000 /* rows the writes may add after the needles are read */

/* What a string of an answer names. */
struct needle {
    char *text;
    int64_t org_id;  /* the organisation it identifies (0: none) */
    int64_t flow_id; /* the flow whose description it is (0: none) */
};

struct oracle {
    struct fx *fx;
    int64_t t1, t2;              /* two territories */
    int64_t org_a, org_b, org_c; /* members: A and B in t1, C elsewhere, A-C revealed */
    int64_t syn_ac;
    int64_t coll_org, coll_id; /* the collector organisation and one of its collections */
    struct needle *needles;
    size_t n_needles;
    /* direct reads already made: [who+1][id] = 1 full, 2 not full */
    unsigned char *org_read[FX_N + 1];
    unsigned char *flow_read[FX_N + 1];
    int64_t max_org, max_flow;
    size_t n_requests, n_reveals;
    size_t n_checked[FX_N + 1]; /* answers checked per caller */
};

/* ------------------------------------------------------ routes covered */

/* Where the {id} of a route comes from: a query giving the ids to try. */
static const struct {
    const char *prefix; /* the pattern up to {id} */
    const char *sql;    /* ids to try (a sample for the big tables) */
} id_sources[] = {
    {"/api/v1/territories/", "SELECT id FROM territories"},
    /* every organisation holding drafts (estimated flows of an enrolled prospect) */
    {"/api/v1/organisations/{id}/drafts",
     "SELECT DISTINCT organisation_id FROM flow_drafts UNION SELECT id FROM organisations"
     " WHERE id IN (%ORGS%)"},
    {"/api/v1/organisations/", "SELECT id FROM organisations WHERE id % 13 = 1 OR id IN (%ORGS%)"},
    {"/api/v1/flows/", "SELECT id FROM flows WHERE id % 31 = 1 OR organisation_id IN (%ORGS%)"},
    {"/api/v1/synergies/",
     "SELECT s.id FROM synergies s JOIN flows f ON f.id = s.offer_flow_id WHERE s.id % 9 = 1"
     " OR f.organisation_id IN (%ORGS%) OR s.receiver_org_id IN (%ORGS%)"},
    {"/api/v1/events/", "SELECT id FROM net_events"},
    {"/api/v1/threads/", "SELECT id FROM net_threads"},
    {"/api/v1/resources/", "SELECT id FROM net_resources"},
    {"/api/v1/rooms/", "SELECT id FROM net_rooms"},
    {"/api/v1/purchases/", "SELECT id FROM net_purchases"},
    {"/api/v1/allocations/", "SELECT id FROM alloc_plans"},
    {"/api/v1/rounds/", "SELECT id FROM collection_rounds"},
    {"/api/v1/collections/", "SELECT id FROM net_collections"},
    {"/api/v1/accounts/", "SELECT id FROM accounts"},
};

/* GET routes that return no organisation data, and why. */
static const struct {
    const char *pattern;
    const char *reason;
} no_org_data[] = {
    {"/api/v1/health", "liveness only"},
    {"/api/v1/openapi.json", "the API description"},
    {"/api/v1/auth/me", "the caller's own account"},
    {"/api/v1/ref/waste", "reference data (List of Waste)"},
    {"/api/v1/ref/naf", "reference data (NAF)"},
    {"/api/v1/resources/{id}/file", "an uploaded document, not organisation data"},
};

/* Extra query strings for list routes (every page is read). */
static const struct {
    const char *pattern;
    const char *query;
} list_queries[] = {
    {"/api/v1/pools", "suggested=1"},  {"/api/v1/events", "all=1"}, {"/api/v1/search", "q=carton"},
    {"/api/v1/ref/waste", "q=carton"}, {"/api/v1/events.ics", ""},
};

/* ------------------------------------------------------ needles */

static void needle_add(struct oracle *o, const char *text, int64_t org, int64_t flow)
{
    if (!text || strlen(text) < 6)
        return; /* too short to tell it from other words */
    o->needles = realloc(o->needles, (o->n_needles + 1) * sizeof(*o->needles));
    o->needles[o->n_needles++] = (struct needle){strdup(text), org, flow};
}

static int needle_cmp(const void *a, const void *b)
{
    return strcmp(((const struct needle *)a)->text, ((const struct needle *)b)->text);
}

static void needles_load(struct oracle *o)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open(o->fx->db_path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT id, name, siret, address FROM organisations", -1, &st, NULL),
        SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        for (int c = 1; c <= 3; c++)
            needle_add(o, (const char *)sqlite3_column_text(st, c), id, 0);
        if (id > o->max_org)
            o->max_org = id;
    }
    sqlite3_finalize(st);
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT id, organisation_id, description FROM flows", -1, &st, NULL),
        SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        const char *d = (const char *)sqlite3_column_text(st, 2);
        if (d && strlen(d) >= 12)
            needle_add(o, d, 0, id);
        if (id > o->max_flow)
            o->max_flow = id;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    qsort(o->needles, o->n_needles, sizeof(*o->needles), needle_cmp);
    for (int w = 0; w <= FX_N; w++) {
        free(o->org_read[w]);
        free(o->flow_read[w]);
        o->org_read[w] = calloc((size_t)o->max_org + MEMO_SLACK, 1);
        o->flow_read[w] = calloc((size_t)o->max_flow + MEMO_SLACK, 1);
    }
}

/* ------------------------------------------------------ the check */

static const char *who_name(int who)
{
    return who == ANON ? "anonymous" : fx_emails[who];
}

/* true if who reads org (flow when is_flow) in full directly. */
static bool reads_full(struct oracle *o, int who, int64_t id, bool is_flow)
{
    int64_t max = (is_flow ? o->max_flow : o->max_org) + MEMO_SLACK - 1;
    if (id <= 0 || id > max)
        fail_msg("%s id %lld beyond the oracle's memo", is_flow ? "flow" : "organisation",
                 (long long)id);
    unsigned char *memo = (is_flow ? o->flow_read : o->org_read)[who + 1];
    if (!memo[id]) {
        char path[96];
        snprintf(path, sizeof(path), "/api/v1/%s/%lld", is_flow ? "flows" : "organisations",
                 (long long)id);
        struct http_fake_response r;
        fx_req(o->fx, &r, "GET", path, who, NULL, NULL);
        json_t *j = r.status == 200 ? json_loads(r.body, 0, NULL) : NULL;
        memo[id] = j && json_is_false(json_object_get(j, "anonymised")) ? 1 : 2;
        json_decref(j);
        http_fake_response_release(&r);
    }
    return memo[id] == 1;
}

static void reveal(struct oracle *o, int who, const char *what, const char *detail, int64_t id,
                   bool is_flow)
{
    o->n_reveals++;
    if (!reads_full(o, who, id, is_flow))
        fail_msg("LEAK: %s as %s reveals %s %lld (%s) that GET /%s/%lld does not show in full",
                 what, who_name(who), is_flow ? "flow" : "organisation", (long long)id, detail,
                 is_flow ? "flows" : "organisations", (long long)id);
}

static void check_text(struct oracle *o, int who, const char *what, const char *s)
{
    struct needle key = {.text = (char *)s};
    if (!o->n_needles)
        return;
    const struct needle *n =
        bsearch(&key, o->needles, o->n_needles, sizeof(*o->needles), needle_cmp);
    if (!n)
        return;
    /* several organisations may share a text (a street): any of them will do */
    const struct needle *first = n, *last = n;
    while (first > o->needles && strcmp(first[-1].text, s) == 0)
        first--;
    while (last + 1 < o->needles + o->n_needles && strcmp(last[1].text, s) == 0)
        last++;
    for (const struct needle *p = first; p <= last; p++) {
        if (reads_full(o, who, p->flow_id ? p->flow_id : p->org_id, p->flow_id != 0))
            return;
    }
    reveal(o, who, what, s, first->flow_id ? first->flow_id : first->org_id, first->flow_id != 0);
}

/* Free text (explanations, notes, posts, notifications): no organisation
 * name or SIRET inside unless the caller reads it in full. */
static const char *const free_text_keys[] = {"explanation", "note",  "body",   "text",
                                             "message",     "title", "reason", "excerpt"};

static void check_free_text(struct oracle *o, int who, const char *what, const char *s)
{
    for (size_t i = 0; i < o->n_needles; i++) {
        const struct needle *n = &o->needles[i];
        if (!n->org_id || strlen(n->text) < 10 || !strstr(s, n->text))
            continue;
        bool is_ok = false;
        for (size_t k = 0; k < o->n_needles && !is_ok; k++) {
            if (o->needles[k].org_id && strcmp(o->needles[k].text, n->text) == 0)
                is_ok = reads_full(o, who, o->needles[k].org_id, false);
        }
        if (!is_ok)
            reveal(o, who, what, n->text, n->org_id, false);
    }
}

static const char *const org_id_keys[] = {"organisation_id", "org_id", "offer_org_id",
                                          "receiver_org_id", "collector_organisation_id"};

static void check_json(struct oracle *o, int who, const char *what, json_t *j)
{
    if (json_is_string(j)) {
        check_text(o, who, what, json_string_value(j));
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) check_json(o, who, what, v);
    } else if (json_is_object(j)) {
        for (size_t k = 0; k < sizeof(org_id_keys) / sizeof(org_id_keys[0]); k++) {
            json_t *v = json_object_get(j, org_id_keys[k]);
            if (json_is_integer(v) && json_integer_value(v) > 0)
                reveal(o, who, what, org_id_keys[k], json_integer_value(v), false);
        }
        /* the map's rows: [id, lat, lon, n_offers, n_needs, is_full, label] */
        json_t *rows = json_object_get(j, "organisations");
        size_t rx;
        json_t *row;
        json_array_foreach(rows, rx, row)
        {
            json_t *rid = json_array_get(row, 0);
            if (json_is_array(row) && json_is_boolean(json_array_get(row, 5)) &&
                json_is_integer(rid) && json_integer_value(rid) > 0)
                reveal(o, who, what, "map row", json_integer_value(rid), false);
        }
        /* lists of organisation ids ("member_org_ids") */
        const char *ikey;
        json_t *iv;
        json_object_foreach(j, ikey, iv)
        {
            size_t len = strlen(ikey);
            if (!json_is_array(iv) || len < 7 || strcmp(ikey + len - 7, "org_ids") != 0)
                continue;
            size_t x;
            json_t *idv;
            json_array_foreach(iv, x, idv)
            {
                if (json_is_integer(idv))
                    reveal(o, who, what, ikey, json_integer_value(idv), false);
            }
        }
        /* an organisation in full: its id next to its SIRET */
        json_t *id = json_object_get(j, "id");
        if (json_is_integer(id) && json_object_get(j, "siret"))
            reveal(o, who, what, "organisation object", json_integer_value(id), false);
        /* a flow with its exact quantity */
        if (json_is_integer(id) && json_object_get(j, "direction") &&
            (json_is_number(json_object_get(j, "quantity")) ||
             json_is_number(json_object_get(j, "qty_per_yr"))))
            reveal(o, who, what, "exact quantity", json_integer_value(id), true);
        const char *key;
        json_t *v;
        json_object_foreach(j, key, v)
        {
            /* reference labels (a demo description may repeat a code's label) */
            if (strcmp(key, "code_label") != 0 && strcmp(key, "activity") != 0)
                check_json(o, who, what, v);
            for (size_t k = 0; json_is_string(v) && k < sizeof(free_text_keys) / sizeof(char *);
                 k++) {
                if (strcmp(key, free_text_keys[k]) == 0)
                    check_free_text(o, who, what, json_string_value(v));
            }
        }
    }
}

/* Non-JSON answers (CSV, iCalendar): every field is a string to look up. */
static void check_fields(struct oracle *o, int who, const char *what, const char *body)
{
    char field[512];
    size_t n = 0;
    for (const char *p = body;; p++) {
        bool is_end = *p == '\0' || *p == ',' || *p == '\n' || *p == '\r' || *p == ';' ||
                      *p == '"' || *p == ':';
        if (is_end) {
            field[n] = '\0';
            if (n)
                check_text(o, who, what, field);
            n = 0;
            if (*p == '\0')
                break;
        } else if (n + 1 < sizeof(field)) {
            field[n++] = *p == '\\' ? ' ' : *p;
        }
    }
}

/* Sends a request as who, checks its answer, returns its JSON (or NULL). */
static json_t *call(struct oracle *o, const char *method, const char *path, int who,
                    const char *body, int *status)
{
    struct http_fake_response r;
    fx_req(o->fx, &r, method, path, who, body, NULL);
    o->n_requests++;
    o->n_checked[who + 1]++;
    if (status)
        *status = r.status;
    char what[300];
    snprintf(what, sizeof(what), "%s %s", method, path);
    json_t *j = json_loads(r.body ? r.body : "", 0, NULL);
    if (j)
        check_json(o, who, what, j);
    else if (r.body)
        check_fields(o, who, what, r.body);
    http_fake_response_release(&r);
    return j;
}

/* Reads every page of a list route (or the one answer of a detail). */
static void read_all(struct oracle *o, const char *path, int who)
{
    for (long page = 1; page < 100; page++) {
        char p[400];
        const char *sep = strchr(path, '?') ? "&" : "?";
        snprintf(p, sizeof(p), "%s%sper_page=200&page=%ld", path, sep, page);
        int status = 0;
        json_t *j = call(o, "GET", p, who, NULL, &status);
        json_t *total = json_object_get(j, "total");
        bool is_more = json_is_integer(total) && page * 200 < json_integer_value(total);
        json_decref(j);
        if (!is_more)
            break;
    }
}

/* ------------------------------------------------------ the world */

static int64_t sql_id(struct oracle *o, const char *sql)
{
    int n = fx_sql_int(o->fx, sql);
    return n > 0 ? n : 0;
}

static void account(struct fx *fx, int who, enum store_role role, int64_t org, int64_t terr)
{
    struct err e;
    struct store *s = NULL;
    fx_check(store_open(&s, fx->db_path, STORE_OPEN_DEFAULT, &e), &e);
    fx_account(s, fx_emails[who], role, org, terr);
    store_close(s);
}

/* One establishment of the register in a commune of territory t, as a
 * prospect its facilitator enrols in writes(). */
#define ORACLE_PROSPECT "64221019962385"
static void prospect_import(struct oracle *o, int64_t t)
{
    char sql[128], csv[1024];
    snprintf(sql, sizeof(sql),
             "SELECT min(insee) FROM territory_communes WHERE territory_id = %lld", (long long)t);
    int insee = fx_sql_int(o->fx, sql);
    assert_true(insee > 0);
    int len = snprintf(csv, sizeof(csv),
                       "siret,etatAdministratifEtablissement,activitePrincipaleEtablissement,"
                       "nomenclatureActivitePrincipaleEtablissement,trancheEffectifsEtablissement,"
                       "codeCommuneEtablissement,coordonneeLambertAbscisseEtablissement,"
                       "coordonneeLambertOrdonneeEtablissement,denominationUsuelleEtablissement,"
                       "statutDiffusionEtablissement\n" ORACLE_PROSPECT
                       ",A,17.12Z,NAFRev2,21,%05d,,,PAPETERIE ORACLE,O\n",
                       insee);
    assert_true(len > 0 && (size_t)len < sizeof(csv));
    struct err e;
    struct store *s = NULL;
    struct ref *r = NULL;
    struct store_sirene_import *imp = NULL;
    fx_check(store_open(&s, o->fx->db_path, STORE_OPEN_DEFAULT, &e), &e);
    fx_check(ref_load(&r, NULL, &e), &e);
    fx_check(store_sirene_import_new(&imp, r, &e), &e);
    FILE *f = fmemopen(csv, (size_t)len, "rb");
    assert_non_null(f);
    struct store_sirene_opts opts = {0};
    struct store_sirene_stats st;
    struct err_list errs;
    err_list_init(&errs, 10);
    fx_check(store_tx_begin(s, &e), &e);
    fx_check(store_sirene_import_run(imp, s, f, "oracle.csv", &opts, &st, &errs, &e), &e);
    assert_int_equal(err_list_count(&errs), 0);
    fx_check(store_tx_commit(s, &e), &e);
    assert_int_equal(st.n_added, 1);
    err_list_release(&errs);
    fclose(f);
    store_sirene_import_free(imp);
    ref_free(r);
    store_close(s);
}

static int setup(void **state)
{
    struct oracle *o = calloc(1, sizeof(*o));
    struct fx *fx = calloc(1, sizeof(*fx));
    o->fx = fx;
    snprintf(fx->dir, sizeof(fx->dir), "/tmp/symbiose-oracle-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->db_path, sizeof(fx->db_path), "%s/t.db", fx->dir);
    struct err e;
    struct store *s = NULL;
    struct ref *r = NULL;
    fx_check(store_open(&s, fx->db_path, STORE_OPEN_CREATE, &e), &e);
    fx_check(ref_load(&r, NULL, &e), &e);
    /* the demo as `symbiose demo` builds it: the region, detection, then
     * the pipeline moved along (without the library's files) */
    struct network_demo_result res;
    struct network_demo_options opts = {.now_s = (int64_t)time(NULL), .files_dir = NULL};
    struct ref_rules *rules = NULL;
    struct engine_match_params p;
    struct optim_detect_counts detected;
    fx_check(store_tx_begin(s, &e), &e);
    fx_check(network_demo_load(s, r, &opts, &res, &e), &e);
    fx_check(ref_rules_load(&rules, r, NULL, &e), &e);
    optim_match_params_init(&p, r);
    fx_check(optim_detect(s, rules, &p, 0, 0, &detected, &e), &e);
    fx_check(network_demo_follow(s, r, &opts, &res, &e), &e);
    fx_check(store_tx_commit(s, &e), &e);
    ref_rules_free(rules);
    network_demo_result_release(&res);
    ref_free(r);
    store_close(s);
    o->t1 = sql_id(o, "SELECT min(territory_id) FROM organisations WHERE territory_id IS NOT NULL");
    o->t2 = sql_id(o, "SELECT max(territory_id) FROM organisations WHERE territory_id IS NOT NULL");
    assert_true(o->t1 > 0 && o->t2 > o->t1);
    prospect_import(o, o->t1);
    o->coll_id =
        sql_id(o, "SELECT min(id) FROM net_collections WHERE collector_org_id IS NOT NULL");
    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT collector_org_id FROM net_collections WHERE id = %lld",
             (long long)o->coll_id);
    o->coll_org = sql_id(o, sql);
    assert_true(o->coll_org > 0);
    account(fx, FX_ADMIN, STORE_ROLE_REGIONAL_ADMIN, 0, 0);
    account(fx, FX_FAC1, STORE_ROLE_FACILITATOR, 0, o->t1);
    account(fx, FX_FAC2, STORE_ROLE_FACILITATOR, 0, o->t2);
    account(fx, FX_OBS, STORE_ROLE_OBSERVER, 0, 0);
    account(fx, FX_COLL, STORE_ROLE_COLLECTOR, 0, 0);
    char upd[160];
    snprintf(upd, sizeof(upd), "UPDATE accounts SET organisation_id = %lld WHERE email = '%s'",
             (long long)o->coll_org, fx_emails[FX_COLL]);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(fx->db_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, upd, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct http_config cfg = {0};
    cfg.db_path = fx->db_path;
    cfg.web_dir = "web";
    cfg.max_body = 64 * 1024;
    fx_check(http_app_new(&fx->app, &cfg, &e), &e);
    static const int first[] = {FX_ADMIN, FX_FAC1, FX_FAC2, FX_OBS, FX_COLL};
    for (size_t i = 0; i < sizeof(first) / sizeof(first[0]); i++)
        fx_login(fx, first[i]);
    *state = o;
    return 0;
}

static int teardown(void **state)
{
    struct oracle *o = *state;
    for (size_t i = 0; i < o->n_needles; i++)
        free(o->needles[i].text);
    free(o->needles);
    for (int w = 0; w <= FX_N; w++) {
        free(o->org_read[w]);
        free(o->flow_read[w]);
    }
    fx_free(o->fx);
    free(o);
    return 0;
}

/* The writes of every role, each answer checked too. */
static void writes(struct oracle *o)
{
    struct fx *fx = o->fx;
    char body[512], path[160];
    /* detection by both facilitators and the region */
    snprintf(body, sizeof(body), "{\"territory_id\":%lld,\"radius_km\":1000,\"top\":64}",
             (long long)o->t1);
    json_decref(call(o, "POST", "/api/v1/suggestions/run", FX_FAC1, body, NULL));
    snprintf(body, sizeof(body), "{\"territory_id\":%lld,\"radius_km\":1000,\"top\":64}",
             (long long)o->t2);
    json_decref(call(o, "POST", "/api/v1/suggestions/run", FX_FAC2, body, NULL));
    /* members: A offers to C across territories; B is A's neighbour */
    char sql[400];
    snprintf(sql, sizeof(sql),
             "SELECT s.id FROM synergies s JOIN flows f ON f.id = s.offer_flow_id"
             " JOIN organisations fo ON fo.id = f.organisation_id"
             " JOIN organisations r ON r.id = s.receiver_org_id"
             " WHERE fo.territory_id = %lld AND r.territory_id IS NOT %lld"
             " AND s.status = 'suggested' ORDER BY s.id LIMIT 1",
             (long long)o->t1, (long long)o->t1);
    o->syn_ac = sql_id(o, sql);
    assert_true(o->syn_ac > 0);
    snprintf(sql, sizeof(sql),
             "SELECT f.organisation_id FROM synergies s JOIN flows f ON f.id = s.offer_flow_id"
             " WHERE s.id = %lld",
             (long long)o->syn_ac);
    o->org_a = sql_id(o, sql);
    snprintf(sql, sizeof(sql), "SELECT receiver_org_id FROM synergies WHERE id = %lld",
             (long long)o->syn_ac);
    o->org_c = sql_id(o, sql);
    snprintf(sql, sizeof(sql),
             "SELECT min(id) FROM organisations WHERE territory_id = %lld AND id <> %lld",
             (long long)o->t1, (long long)o->org_a);
    o->org_b = sql_id(o, sql);
    assert_true(o->org_a && o->org_b && o->org_c);
    account(fx, FX_MEM_A, STORE_ROLE_MEMBER, o->org_a, 0);
    account(fx, FX_MEM_B, STORE_ROLE_MEMBER, o->org_b, 0);
    account(fx, FX_MEM_C, STORE_ROLE_MEMBER, o->org_c, 0);
    fx_login(fx, FX_MEM_A);
    fx_login(fx, FX_MEM_B);
    fx_login(fx, FX_MEM_C);
    snprintf(path, sizeof(path), "/api/v1/suggestions/%lld/accept", (long long)o->syn_ac);
    json_decref(call(o, "POST", path, FX_MEM_A, NULL, NULL));
    json_decref(call(o, "POST", path, FX_MEM_C, NULL, NULL));
    json_decref(call(o, "POST", "/api/v1/flows", FX_MEM_A,
                     "{\"direction\":\"offer\",\"code\":\"150101\",\"quantity\":12,\"unit\":\"t\","
                     "\"period\":\"year\",\"description\":\"oracle: palettes de l'atelier A\"}",
                     NULL));
    json_decref(call(o, "POST", "/api/v1/flows", FX_MEM_B,
                     "{\"direction\":\"need\",\"code\":\"150101\",\"quantity\":30,\"unit\":\"t\","
                     "\"period\":\"year\",\"confidentiality\":\"facilitator_only\","
                     "\"description\":\"oracle: besoin confidentiel de B\"}",
                     NULL));
    snprintf(body, sizeof(body), "{\"territory_id\":%lld}", (long long)o->t1);
    json_decref(call(o, "POST", "/api/v1/allocations", FX_FAC1, body, NULL));
    json_decref(call(o, "POST", "/api/v1/allocations", FX_ADMIN, "{}", NULL));
    snprintf(body, sizeof(body), "{\"collection_id\":%lld}", (long long)o->coll_id);
    json_decref(call(o, "POST", "/api/v1/rounds", FX_COLL, body, NULL));
    json_decref(call(o, "POST", "/api/v1/rounds", FX_ADMIN, body, NULL));
    json_t *p = call(o, "POST", "/api/v1/purchases", FX_MEM_A,
                     "{\"title\":\"Gants\",\"category\":\"EPI\",\"unit\":\"paire\","
                     "\"deadline\":\"2031-12-31\"}",
                     NULL);
    snprintf(path, sizeof(path), "/api/v1/purchases/%lld/quantity",
             (long long)json_integer_value(json_object_get(p, "id")));
    json_decref(p);
    json_decref(call(o, "PUT", path, FX_MEM_A, "{\"quantity\":10,\"comment\":\"quai A\"}", NULL));
    json_decref(call(o, "PUT", path, FX_MEM_B, "{\"quantity\":5,\"comment\":\"quai B\"}", NULL));
    json_decref(call(o, "PUT", path, FX_MEM_C, "{\"quantity\":5}", NULL));
    snprintf(body, sizeof(body),
             "{\"title\":\"Atelier oracle\",\"kind\":\"workshop\",\"starts_at\":"
             "\"2031-03-01T09:00:00+01:00\",\"ends_at\":\"2031-03-01T12:00:00+01:00\","
             "\"territory_id\":%lld}",
             (long long)o->t1);
    json_decref(call(o, "POST", "/api/v1/events", FX_FAC1, body, NULL));
    json_decref(call(o, "POST", "/api/v1/threads", FX_MEM_A,
                     "{\"title\":\"Palettes\",\"body\":\"Qui reprend des palettes ?\"}", NULL));
    /* a prospect of t1 enrolled from the call list: its estimated flows
     * stay drafts its facilitator sees; one of them confirmed */
    int status = 0;
    snprintf(body, sizeof(body), "{\"siret\":\"" ORACLE_PROSPECT "\",\"territory_id\":%lld}",
             (long long)o->t1);
    json_t *en = call(o, "POST", "/api/v1/prospects/enrol", FX_FAC1, body, &status);
    assert_int_equal(status, 201);
    int64_t enrolled = json_integer_value(json_object_get(en, "organisation_id"));
    json_decref(en);
    char sql2[128];
    snprintf(sql2, sizeof(sql2), "SELECT min(id) FROM flow_drafts WHERE organisation_id = %lld",
             (long long)enrolled);
    int64_t draft = sql_id(o, sql2);
    assert_true(draft > 0);
    snprintf(path, sizeof(path), "/api/v1/drafts/%lld/confirm", (long long)draft);
    json_decref(call(o, "POST", path, FX_FAC1, "{}", &status));
    assert_int_equal(status, 201);
    snprintf(sql2, sizeof(sql2), "SELECT count(*) FROM flow_drafts WHERE organisation_id = %lld",
             (long long)enrolled);
    assert_true(sql_id(o, sql2) > 0);
}

/* The ids a {id} route is tried with. */
static void route_ids(struct oracle *o, const char *pattern, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    const char *sql = NULL;
    for (size_t k = 0; k < sizeof(id_sources) / sizeof(id_sources[0]) && !sql; k++) {
        if (strncmp(pattern, id_sources[k].prefix, strlen(id_sources[k].prefix)) == 0)
            sql = id_sources[k].sql;
    }
    if (!sql)
        fail_msg("route %s: no source of ids in the oracle (add one to id_sources)", pattern);
    char orgs[96], q[600];
    snprintf(orgs, sizeof(orgs), "%lld,%lld,%lld,%lld", (long long)o->org_a, (long long)o->org_b,
             (long long)o->org_c, (long long)o->coll_org);
    size_t len = 0;
    for (const char *mark = strstr(sql, "%ORGS%"); mark; mark = strstr(sql, "%ORGS%")) {
        len += (size_t)snprintf(q + len, sizeof(q) - len, "%.*s%s", (int)(mark - sql), sql, orgs);
        sql = mark + 6;
    }
    snprintf(q + len, sizeof(q) - len, "%s", sql);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open(o->fx->db_path, &db), SQLITE_OK);
    if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", q, sqlite3_errmsg(db));
    while (sqlite3_step(st) == SQLITE_ROW) {
        *ids = realloc(*ids, (*n + 1) * sizeof(**ids));
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static bool is_listed(const char *pattern, const char **reason)
{
    for (size_t k = 0; k < sizeof(no_org_data) / sizeof(no_org_data[0]); k++) {
        if (strcmp(no_org_data[k].pattern, pattern) == 0) {
            *reason = no_org_data[k].reason;
            return true;
        }
    }
    return false;
}

static void test_leak_oracle(void **state)
{
    struct oracle *o = *state;
    needles_load(o); /* the demo's, for the answers of the writes */
    writes(o);
    for (size_t i = 0; i < o->n_needles; i++)
        free(o->needles[i].text);
    free(o->needles);
    o->needles = NULL;
    o->n_needles = 0;
    needles_load(o); /* with the writes' */
    size_t n_routes = 0, n_skipped = 0, n_paths = 0;
    static const int roles[] = {FX_ADMIN, FX_FAC1, FX_FAC2, FX_MEM_A, FX_MEM_B,
                                FX_MEM_C, FX_COLL, FX_OBS,  ANON};
    for (size_t i = 0; i < http_n_routes; i++) {
        const struct http_route *rt = &http_routes[i];
        if (rt->method != HTTP_GET)
            continue;
        const char *reason;
        if (is_listed(rt->pattern, &reason)) {
            n_skipped++;
            continue;
        }
        n_routes++;
        /* the concrete paths of this route */
        char **paths = NULL;
        size_t n = 0;
        const char *brace = strstr(rt->pattern, "{id}");
        if (brace) {
            int64_t *ids = NULL;
            size_t n_ids = 0;
            route_ids(o, rt->pattern, &ids, &n_ids);
            for (size_t k = 0; k < n_ids; k++) {
                char p[300];
                snprintf(p, sizeof(p), "%.*s%lld%s", (int)(brace - rt->pattern), rt->pattern,
                         (long long)ids[k], brace + 4);
                paths = realloc(paths, (n + 1) * sizeof(*paths));
                paths[n++] = strdup(p);
            }
            free(ids);
        } else {
            paths = realloc(paths, (n + 2) * sizeof(*paths));
            paths[n++] = strdup(rt->pattern);
            for (size_t k = 0; k < sizeof(list_queries) / sizeof(list_queries[0]); k++) {
                if (strcmp(list_queries[k].pattern, rt->pattern) == 0 && list_queries[k].query[0]) {
                    char p[300];
                    snprintf(p, sizeof(p), "%s?%s", rt->pattern, list_queries[k].query);
                    paths = realloc(paths, (n + 1) * sizeof(*paths));
                    paths[n++] = strdup(p);
                }
            }
        }
        for (size_t k = 0; k < n; k++) {
            for (size_t w = 0; w < sizeof(roles) / sizeof(roles[0]); w++)
                read_all(o, paths[k], roles[w]);
            free(paths[k]);
            n_paths++;
        }
        free(paths);
    }
    printf("leak oracle: %zu GET routes (%zu listed as without organisation data), %zu paths, "
           "9 callers, %zu requests, %zu revealed items checked against direct reads\n",
           n_routes, n_skipped, n_paths, o->n_requests, o->n_reveals);
    assert_true(n_routes > 30);
    assert_true(o->n_reveals > 0);
}

int main(void)
{
    (void)fx_new; /* the fixture's own world is not used here */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_leak_oracle, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
