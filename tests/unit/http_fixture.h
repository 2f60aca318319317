/* SPDX-License-Identifier: MIT */
/*
 * http_fixture.h - the world the web tests run against: two territories,
 * three organisations, flows of every confidentiality, one suggested
 * synergy, and one account per role, in a fresh database; plus helpers
 * to send fake requests and log in. Shared by the http_*_test.c files.
 *
 *   territory 1 "Estuaire" (Nantes)   orgs A "Cartonnerie Alpha", B "Boulangerie Beta"
 *   territory 2 "Anjou"    (Angers)   org  C "Chaudronnerie Gamma"
 *   flows: A offers 150101 40 t/yr (anonymised, "secret-alpha")
 *          B needs  150101 60 t/yr (anonymised, "secret-beta")
 *          C offers 150101 17 t/yr (public), C needs heat (facilitator_only, "secret-gamma")
 *   synergy 1: A's offer -> B's need, suggested
 */
#ifndef SYMBIOSE_HTTP_FIXTURE_H
#define SYMBIOSE_HTTP_FIXTURE_H

#include "http/http_int.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#define FX_PASSWORD "motdepasse-test-1"

enum fx_role { FX_ADMIN, FX_FAC1, FX_FAC2, FX_MEM_A, FX_MEM_B, FX_MEM_C, FX_OBS, FX_COLL, FX_N };

static const char *const fx_emails[FX_N] = {
    "admin@test.fr", "fac1@test.fr", "fac2@test.fr", "mema@test.fr",
    "memb@test.fr",  "memc@test.fr", "obs@test.fr",  "coll@test.fr",
};

struct fx {
    char dir[64];
    char db_path[128];
    struct http_app *app;
    int64_t terr[3]; /* [1], [2] */
    int64_t org_a, org_b, org_c;
    int64_t flow_a, flow_b, flow_c_offer, flow_c_need;
    int64_t syn_ab;
    char cookie[FX_N][128]; /* "symbiose_session=..." */
    char csrf[FX_N][HTTP_TOKEN_HEX];
};

static void fx_check(int rc, const struct err *e)
{
    if (rc != ERR_OK)
        fail_msg("fixture: %s", e->msg);
}

static int64_t fx_org(struct store *s, const char *siret, const char *name, const char *naf,
                      const char *insee, int64_t terr, struct geo_point pos)
{
    struct store_org o;
    memset(&o, 0, sizeof(o));
    memcpy(o.siret, siret, 15);
    o.name = (char *)name;
    memcpy(o.naf, naf, strlen(naf) + 1);
    memcpy(o.commune_insee, insee, 6);
    o.address = "1 rue du Test";
    o.pos = pos;
    o.headcount = 12;
    o.territory_id = terr;
    int64_t id = 0;
    struct err e;
    fx_check(store_org_insert(s, &o, &id, &e), &e);
    return id;
}

static int64_t fx_flow(struct store *s, int64_t org, enum store_direction dir, const char *code,
                       enum store_family fam, double qty, const char *unit,
                       enum store_confidentiality conf, const char *desc)
{
    struct store_flow f;
    memset(&f, 0, sizeof(f));
    f.org_id = org;
    f.direction = dir;
    f.family = fam;
    memcpy(f.code, code, strlen(code) + 1);
    f.quantity = qty;
    memcpy(f.unit, unit, strlen(unit) + 1);
    memcpy(f.period, "year", 5);
    f.qty_per_yr = qty;
    memcpy(f.base_unit, unit, strlen(unit) + 1);
    f.months_mask = 0xFFF;
    f.confidentiality = conf;
    f.description = (char *)desc;
    int64_t id = 0;
    struct err e;
    fx_check(store_flow_insert(s, &f, &id, &e), &e);
    return id;
}

static void fx_account(struct store *s, const char *email, enum store_role role, int64_t org,
                       int64_t terr)
{
    struct store_account a;
    memset(&a, 0, sizeof(a));
    a.email = (char *)email;
    a.display_name = "";
    a.role = role;
    a.org_id = org;
    int64_t terrs[1] = {terr};
    if (terr) {
        a.territory_ids = terrs;
        a.n_territories = 1;
    }
    int64_t id;
    struct err e;
    fx_check(store_account_insert(s, &a, FX_PASSWORD, &id, &e), &e);
}

/* Sends one fake request; headers as "Name: value" strings, NULL-ended. */
static void fx_req(struct fx *fx, struct http_fake_response *out, const char *method,
                   const char *path, int who, const char *body, ...)
{
    struct http_fake_request rq;
    memset(&rq, 0, sizeof(rq));
    rq.method = method;
    rq.path = path;
    rq.body = body;
    rq.body_len = body ? strlen(body) : 0;
    rq.headers[rq.n_headers++] = (struct http_header){"Host", "127.0.0.1"};
    if (body)
        rq.headers[rq.n_headers++] = (struct http_header){"Content-Type", "application/json"};
    if (who >= 0) {
        rq.headers[rq.n_headers++] = (struct http_header){"Cookie", fx->cookie[who]};
        rq.headers[rq.n_headers++] = (struct http_header){"X-CSRF-Token", fx->csrf[who]};
    }
    va_list ap;
    va_start(ap, body);
    const char *name;
    while ((name = va_arg(ap, const char *)) && rq.n_headers < HTTP_MAX_HEADERS) {
        const char *value = va_arg(ap, const char *);
        /* a later header of the same name replaces the default one */
        size_t k;
        for (k = 0; k < rq.n_headers; k++) {
            if (strcasecmp(rq.headers[k].name, name) == 0)
                break;
        }
        rq.headers[k] = (struct http_header){name, value};
        if (k == rq.n_headers)
            rq.n_headers++;
    }
    va_end(ap);
    http_app_handle(fx->app, &rq, out);
}

static void fx_login(struct fx *fx, int who)
{
    char body[256];
    snprintf(body, sizeof(body), "{\"email\":\"%s\",\"password\":\"%s\"}", fx_emails[who],
             FX_PASSWORD);
    struct http_fake_response r;
    fx_req(fx, &r, "POST", "/api/v1/auth/login", -1, body, NULL);
    if (r.status != 200)
        fail_msg("login %s: %d %s", fx_emails[who], r.status, r.body);
    const char *c = http_fake_response_header(&r, "Set-Cookie");
    assert_non_null(c);
    const char *semi = strchr(c, ';');
    snprintf(fx->cookie[who], sizeof(fx->cookie[who]), "%.*s", (int)(semi - c), c);
    json_t *j = json_loads(r.body, 0, NULL);
    snprintf(fx->csrf[who], sizeof(fx->csrf[who]), "%s",
             json_string_value(json_object_get(j, "csrf_token")));
    json_decref(j);
    http_fake_response_release(&r);
}

/* Sends one request, checks its status is want, returns its JSON body. */
static inline json_t *fx_json(struct fx *fx, const char *method, const char *path, int who,
                              const char *body, int want)
{
    struct http_fake_response r;
    fx_req(fx, &r, method, path, who, body, NULL);
    if (r.status != want)
        fail_msg("%s %s: %d, expected %d: %s", method, path, r.status, want, r.body);
    json_t *j = json_loads(r.body, 0, NULL);
    http_fake_response_release(&r);
    assert_non_null(j);
    return j;
}

/* One integer from SQL over the test database (-1 on error). */
static inline int fx_sql_int(const struct fx *fx, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int n = -1;
    if (sqlite3_open(fx->db_path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* fmt with its first "{}" replaced by id (a bare "{}" stays as is);
 * NULL gives "". For the path and body templates of the matrices. */
static inline void fx_subst(char *out, size_t size, const char *fmt, long long id)
{
    const char *mark = fmt ? strstr(fmt, "{}") : NULL;
    if (!fmt)
        out[0] = '\0';
    else if (mark && !(mark == fmt && fmt[2] == '\0'))
        snprintf(out, size, "%.*s%lld%s", (int)(mark - fmt), fmt, id, mark + 2);
    else
        snprintf(out, size, "%s", fmt);
}

/* Builds the world; with is_login, opens one session per role. */
static struct fx *fx_new(bool is_login)
{
    struct fx *fx = calloc(1, sizeof(*fx));
    snprintf(fx->dir, sizeof(fx->dir), "/tmp/symbiose-http-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->db_path, sizeof(fx->db_path), "%s/t.db", fx->dir);
    struct err e;
    struct store *s = NULL;
    fx_check(store_open(&s, fx->db_path, STORE_OPEN_CREATE, &e), &e);
    char *c1[] = {"44109"}, *c2[] = {"49007"};
    struct store_territory t1 = {0}, t2 = {0};
    t1.name = "Estuaire";
    t1.pilot = "";
    t1.communes = c1;
    t1.n_communes = 1;
    t2.name = "Anjou";
    t2.pilot = "";
    t2.communes = c2;
    t2.n_communes = 1;
    fx_check(store_territory_insert(s, &t1, &fx->terr[1], &e), &e);
    fx_check(store_territory_insert(s, &t2, &fx->terr[2], &e), &e);
    struct geo_point nantes = {47.2320, -1.5482}, angers = {47.4766, -0.5562};
    fx->org_a = fx_org(s, "12345678000014", "Cartonnerie Alpha", "17.12Z", "44109", fx->terr[1],
                       (struct geo_point){47.2101, -1.5702});
    fx->org_b =
        fx_org(s, "55512345000010", "Boulangerie Beta", "10.71C", "44109", fx->terr[1], nantes);
    fx->org_c =
        fx_org(s, "77788899900011", "Chaudronnerie Gamma", "38.11Z", "49007", fx->terr[2], angers);
    fx->flow_a = fx_flow(s, fx->org_a, STORE_DIR_OFFER, "150101", STORE_FAM_MATERIAL, 40, "t",
                         STORE_CONF_ANONYMISED, "secret-alpha");
    fx->flow_b = fx_flow(s, fx->org_b, STORE_DIR_NEED, "150101", STORE_FAM_MATERIAL, 60, "t",
                         STORE_CONF_ANONYMISED, "secret-beta");
    fx->flow_c_offer = fx_flow(s, fx->org_c, STORE_DIR_OFFER, "150101", STORE_FAM_MATERIAL, 17, "t",
                               STORE_CONF_PUBLIC, "carton propre");
    fx->flow_c_need = fx_flow(s, fx->org_c, STORE_DIR_NEED, "heat", STORE_FAM_ENERGY, 500, "MWh",
                              STORE_CONF_FACILITATOR_ONLY, "secret-gamma");
    struct store_synergy syn;
    memset(&syn, 0, sizeof(syn));
    syn.kind = STORE_SYN_SUBSTITUTION;
    syn.offer_flow_id = fx->flow_a;
    syn.need_flow_id = fx->flow_b;
    syn.receiver_org_id = fx->org_b;
    syn.status = STORE_STATUS_SUGGESTED;
    syn.reason = "";
    syn.note = "same code 15 01 01, 3 km, 40 t/yr of 60 t/yr needed";
    store_effects_unknown(&syn.estimated);
    store_effects_unknown(&syn.measured);
    syn.estimated.t_diverted = 40;
    syn.estimated.co2e_t = 12.5;
    syn.estimated.eur_saved = 3000;
    fx_check(store_synergy_insert(s, &syn, 0, &fx->syn_ab, &e), &e);
    fx_account(s, fx_emails[FX_ADMIN], STORE_ROLE_REGIONAL_ADMIN, 0, 0);
    fx_account(s, fx_emails[FX_FAC1], STORE_ROLE_FACILITATOR, 0, fx->terr[1]);
    fx_account(s, fx_emails[FX_FAC2], STORE_ROLE_FACILITATOR, 0, fx->terr[2]);
    fx_account(s, fx_emails[FX_MEM_A], STORE_ROLE_MEMBER, fx->org_a, 0);
    fx_account(s, fx_emails[FX_MEM_B], STORE_ROLE_MEMBER, fx->org_b, 0);
    fx_account(s, fx_emails[FX_MEM_C], STORE_ROLE_MEMBER, fx->org_c, 0);
    fx_account(s, fx_emails[FX_OBS], STORE_ROLE_OBSERVER, 0, 0);
    fx_account(s, fx_emails[FX_COLL], STORE_ROLE_COLLECTOR, 0, 0);
    store_close(s);

    struct http_config cfg = {0};
    cfg.db_path = fx->db_path;
    cfg.web_dir = "web";
    cfg.max_body = 64 * 1024;
    fx_check(http_app_new(&fx->app, &cfg, &e), &e);
    for (int i = 0; is_login && i < FX_N; i++)
        fx_login(fx, i);
    return fx;
}

static void fx_free(struct fx *fx)
{
    if (!fx)
        return;
    http_app_free(fx->app);
    char path[192];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s%s", fx->db_path, suffix[i]);
        unlink(path);
    }
    rmdir(fx->dir);
    free(fx);
}

#endif /* SYMBIOSE_HTTP_FIXTURE_H */
