/* SPDX-License-Identifier: MIT */
/*
 * http_prospects_test.c - GET /api/v1/prospects in-process: the
 * confidentiality matrix (every query x every role, exact status; no
 * enrolled organisation's name, no private text, no hidden
 * establishment's name in any answer), the ranking of a facilitator's
 * territory with its reasons marked as estimates, the filters, and the
 * route in the OpenAPI document.
 *
 * World of http_fixture.h (A "Cartonnerie Alpha" and B in territory 1 at
 * 44109, C in territory 2 at 49007) plus prospects imported from a SIRENE
 * file: a paper mill and a non-public bakery in 44109, a sawmill in 49007.
 */
#include "http_fixture.h"

#include <stdio.h>

#define P_MILL "64221019962385"
#define P_HIDDEN "36853671098218"
#define P_SAW "33998441137722"

static const char sirene_csv[] =
    "siret,etatAdministratifEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,trancheEffectifsEtablissement,"
    "codeCommuneEtablissement,coordonneeLambertAbscisseEtablissement,"
    "coordonneeLambertOrdonneeEtablissement,denominationUsuelleEtablissement,"
    "statutDiffusionEtablissement\n" P_MILL ",A,17.12Z,NAFRev2,21,44109,355943.2,6691326.5,"
    "PAPETERIE PROSPECT,O\n" P_HIDDEN ",A,10.71C,NAFRev2,12,44109,[ND],[ND],SECRET-NOM,P\n" P_SAW
    ",A,16.10A,NAFRev2,12,49007,,,SCIERIE ANJOU,O\n";

static int setup(void **state)
{
    struct fx *fx = fx_new(true);
    struct err e;
    err_init(&e);
    struct store *s = NULL;
    struct store_sirene_import *imp = NULL;
    fx_check(store_open(&s, fx->db_path, STORE_OPEN_DEFAULT, &e), &e);
    fx_check(store_sirene_import_new(&imp, fx->app->ref, &e), &e);
    FILE *f = fmemopen((void *)sirene_csv, sizeof(sirene_csv) - 1, "rb");
    assert_non_null(f);
    struct store_sirene_opts o = {0};
    struct store_sirene_stats st;
    struct err_list errs;
    err_list_init(&errs, 10);
    fx_check(store_tx_begin(s, &e), &e);
    fx_check(store_sirene_import_run(imp, s, f, "t.csv", &o, &st, &errs, &e), &e);
    assert_int_equal(err_list_count(&errs), 0);
    fx_check(store_tx_commit(s, &e), &e);
    assert_int_equal(st.n_added, 3);
    err_list_release(&errs);
    fclose(f);
    store_sirene_import_free(imp);
    store_close(s);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fx_free(*state);
    return 0;
}

enum target { T_NONE, T_TERR1, T_TERR2 };

struct prow {
    const char *path; /* "{}" is replaced by the target id */
    enum target t;
    int status[FX_N]; /* admin fac1 fac2 memA memB memC obs coll */
};

static const struct prow rows[] = {
    {"/api/v1/prospects?territory_id={}", T_TERR1, {200, 200, 403, 403, 403, 403, 403, 403}},
    {"/api/v1/prospects?territory_id={}", T_TERR2, {200, 403, 200, 403, 403, 403, 403, 403}},
    {"/api/v1/prospects", T_NONE, {400, 200, 200, 403, 403, 403, 403, 403}},
    {"/api/v1/prospects?territory_id={}", T_NONE, {422, 403, 403, 403, 403, 403, 403, 403}},
    {"/api/v1/prospects?territory_id={}&limit=5000",
     T_TERR1,
     {400, 400, 403, 403, 403, 403, 403, 403}},
    {"/api/v1/prospects?territory_id={}&naf=%3Cb%3E",
     T_TERR1,
     {400, 400, 403, 403, 403, 403, 403, 403}},
};

static const char *const secrets[] = {
    "Cartonnerie Alpha", "Boulangerie Beta", "Chaudronnerie Gamma", "SECRET-NOM", "secret-", NULL};

static void test_matrix(void **state)
{
    struct fx *fx = *state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const struct prow *r = &rows[i];
        long long id = r->t == T_TERR1 ? fx->terr[1] : r->t == T_TERR2 ? fx->terr[2] : 999999;
        char path[160];
        fx_subst(path, sizeof(path), r->path, id);
        for (int who = 0; who < FX_N; who++) {
            struct http_fake_response resp;
            fx_req(fx, &resp, "GET", path, who, NULL, NULL);
            if (resp.status != r->status[who])
                fail_msg("GET %s as %s: %d, expected %d: %s", path, fx_emails[who], resp.status,
                         r->status[who], resp.body);
            for (size_t k = 0; secrets[k]; k++)
                if (strstr(resp.body, secrets[k]))
                    fail_msg("GET %s as %s: leaks '%s': %s", path, fx_emails[who], secrets[k],
                             resp.body);
            json_t *j = json_loads(resp.body, 0, NULL);
            if (!j)
                fail_msg("GET %s as %s: not JSON", path, fx_emails[who]);
            json_decref(j);
            http_fake_response_release(&resp);
        }
    }
}

static void test_ranking(void **state)
{
    struct fx *fx = *state;
    char path[160];
    snprintf(path, sizeof(path), "/api/v1/prospects?territory_id=%lld", (long long)fx->terr[1]);
    json_t *j = fx_json(fx, "GET", path, FX_FAC1, NULL, 200);
    assert_true(json_is_true(json_object_get(j, "estimated")));
    json_t *items = json_object_get(j, "items");
    /* territory 1 holds the paper mill and the hidden bakery, not the sawmill */
    assert_int_equal(json_array_size(items), 2);
    json_t *top = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(top, "siret")), P_MILL);
    assert_true(json_integer_value(json_object_get(top, "n_matches")) > 0);
    const char *why = json_string_value(json_array_get(json_object_get(top, "reasons"), 0));
    assert_non_null(why);
    assert_non_null(strstr(why, "estimé"));
    json_t *hidden = json_array_get(items, 1);
    assert_string_equal(json_string_value(json_object_get(hidden, "siret")), P_HIDDEN);
    assert_string_equal(json_string_value(json_object_get(hidden, "name")), "");
    assert_string_equal(json_string_value(json_object_get(hidden, "position")), "commune");
    json_decref(j);
    /* filters: activity and size */
    snprintf(path, sizeof(path), "/api/v1/prospects?territory_id=%lld&naf=10",
             (long long)fx->terr[1]);
    j = fx_json(fx, "GET", path, FX_ADMIN, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    json_decref(j);
    snprintf(path, sizeof(path), "/api/v1/prospects?territory_id=%lld&min_employees=50",
             (long long)fx->terr[1]);
    j = fx_json(fx, "GET", path, FX_ADMIN, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    json_decref(j);
    /* nothing was written as a flow */
    assert_int_equal(fx_sql_int(fx, "SELECT count(*) FROM flows f JOIN organisations o ON "
                                    "o.id = f.organisation_id WHERE o.siret = '" P_MILL "'"),
                     0);
    j = fx_json(fx, "GET", "/api/v1/openapi.json", -1, NULL, 200);
    assert_non_null(json_object_get(json_object_get(j, "paths"), "/api/v1/prospects"));
    json_decref(j);
}

/* POST body of an enrolment of siret into territory t. */
static void enrol_body(char *out, size_t size, const char *siret, long long t)
{
    snprintf(out, size, "{\"siret\":\"%s\",\"territory_id\":%lld}", siret, t);
}

struct erow {
    const char *name;
    int who;
    const char *body; /* "{}" is replaced by territory 1's id */
    int status;
    const char *field; /* named in the error, or NULL */
};

static void test_enrol(void **state)
{
    struct fx *fx = *state;
    static const struct erow bad[] = {
        {"other facilitator", FX_FAC2, "{\"siret\":\"" P_MILL "\",\"territory_id\":{}}", 403, NULL},
        {"member", FX_MEM_A, "{\"siret\":\"" P_MILL "\",\"territory_id\":{}}", 403, NULL},
        {"observer", FX_OBS, "{\"siret\":\"" P_MILL "\",\"territory_id\":{}}", 403, NULL},
        {"collector", FX_COLL, "{\"siret\":\"" P_MILL "\",\"territory_id\":{}}", 403, NULL},
        {"anonymous", -1, "{\"siret\":\"" P_MILL "\",\"territory_id\":{}}", 401, NULL},
        {"no siret", FX_FAC1, "{\"territory_id\":{}}", 400, "siret"},
        {"siret checksum", FX_FAC1, "{\"siret\":\"12345678901234\"}", 422, "siret"},
        {"siret letters", FX_FAC1, "{\"siret\":\"6422101996238A\"}", 422, "siret"},
        {"siret not a string", FX_FAC1, "{\"siret\":64221019962385}", 400, "siret"},
        {"unknown field", FX_FAC1, "{\"siret\":\"" P_MILL "\",\"x\":1}", 400, "x"},
        {"admin without territory", FX_ADMIN, "{\"siret\":\"" P_MILL "\"}", 422, "territory_id"},
        {"unknown territory", FX_ADMIN, "{\"siret\":\"" P_MILL "\",\"territory_id\":999999}", 422,
         "territory_id"},
        {"prospect of another territory", FX_FAC1, "{\"siret\":\"" P_SAW "\",\"territory_id\":{}}",
         404, NULL},
        {"unknown prospect", FX_FAC1, "{\"siret\":\"73282932000074\",\"territory_id\":{}}", 404,
         NULL},
        {"not JSON", FX_FAC1, "{\"siret\":", 400, NULL},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char body[256];
        fx_subst(body, sizeof(body), bad[i].body, (long long)fx->terr[1]);
        struct http_fake_response r;
        fx_req(fx, &r, "POST", "/api/v1/prospects/enrol", bad[i].who, body, NULL);
        if (r.status != bad[i].status)
            fail_msg("%s: %d, expected %d: %s", bad[i].name, r.status, bad[i].status, r.body);
        json_t *j = json_loads(r.body, 0, NULL);
        json_t *err = json_object_get(j, "error");
        if (!json_is_string(json_object_get(err, "code")))
            fail_msg("%s: no JSON error: %s", bad[i].name, r.body);
        if (bad[i].field && !json_object_get(json_object_get(err, "fields"), bad[i].field))
            fail_msg("%s: field %s not named: %s", bad[i].name, bad[i].field, r.body);
        json_decref(j);
        http_fake_response_release(&r);
    }
    /* nothing was written by any of them */
    assert_int_equal(
        fx_sql_int(fx, "SELECT count(*) FROM organisations WHERE siret = '" P_MILL "'"), 0);
    assert_int_equal(fx_sql_int(fx, "SELECT count(*) FROM flow_drafts"), 0);
    assert_int_equal(fx_sql_int(fx, "SELECT count(*) FROM audit_log WHERE action = "
                                    "'enrol_prospect'"),
                     0);
    /* the territory's facilitator enrols it (territory_id defaults to their one territory) */
    json_t *j =
        fx_json(fx, "POST", "/api/v1/prospects/enrol", FX_FAC1, "{\"siret\":\"" P_MILL "\"}", 201);
    int64_t org = json_integer_value(json_object_get(j, "organisation_id"));
    assert_true(org > 0);
    assert_true(json_integer_value(json_object_get(j, "n_drafts")) > 0);
    json_decref(j);
    char sql[200];
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM organisations WHERE id = %lld AND siret = '" P_MILL
             "' AND territory_id = %lld AND name = 'PAPETERIE PROSPECT'",
             (long long)org, (long long)fx->terr[1]);
    assert_int_equal(fx_sql_int(fx, sql), 1);
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM audit_log WHERE action = 'enrol_prospect' AND entity_id = %lld",
             (long long)org);
    assert_int_equal(fx_sql_int(fx, sql), 1);
    /* again: 409 in French, nothing more written */
    struct http_fake_response r;
    char body[128];
    enrol_body(body, sizeof(body), P_MILL, (long long)fx->terr[1]);
    fx_req(fx, &r, "POST", "/api/v1/prospects/enrol", FX_ADMIN, body, NULL);
    assert_int_equal(r.status, 409);
    if (!strstr(r.body, "déjà inscrit"))
        fail_msg("409 without the French message: %s", r.body);
    http_fake_response_release(&r);
    assert_int_equal(
        fx_sql_int(fx, "SELECT count(*) FROM organisations WHERE siret = '" P_MILL "'"), 1);
    /* the regional admin enrols the non-public one: no name from the register */
    enrol_body(body, sizeof(body), P_HIDDEN, (long long)fx->terr[1]);
    j = fx_json(fx, "POST", "/api/v1/prospects/enrol", FX_ADMIN, body, 201);
    json_decref(j);
    assert_int_equal(fx_sql_int(fx, "SELECT count(*) FROM organisations WHERE siret = '" P_HIDDEN
                                    "' AND name = 'Établissement " P_HIDDEN "'"),
                     1);
    /* an enrolled prospect leaves the call list */
    snprintf(body, sizeof(body), "/api/v1/prospects?territory_id=%lld", (long long)fx->terr[1]);
    j = fx_json(fx, "GET", body, FX_FAC1, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);
    j = fx_json(fx, "GET", "/api/v1/openapi.json", -1, NULL, 200);
    assert_non_null(json_object_get(json_object_get(j, "paths"), "/api/v1/prospects/enrol"));
    assert_non_null(
        json_object_get(json_object_get(j, "paths"), "/api/v1/organisations/{id}/drafts"));
    json_decref(j);
}

static void test_csv(void **state)
{
    struct fx *fx = *state;
    char path[160];
    snprintf(path, sizeof(path), "/api/v1/prospects?territory_id=%lld&format=csv",
             (long long)fx->terr[1]);
    struct http_fake_response r;
    fx_req(fx, &r, "GET", path, FX_FAC1, NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "rank,siret,name,naf,employee_band"));
    assert_non_null(strstr(r.body, "\n1," P_MILL ",PAPETERIE PROSPECT,17.12Z,"));
    assert_non_null(strstr(r.body, "estimé"));
    assert_null(strstr(r.body, "SECRET-NOM"));
    http_fake_response_release(&r);
    fx_req(fx, &r, "GET", path, FX_MEM_A, NULL, NULL);
    assert_int_equal(r.status, 403);
    http_fake_response_release(&r);
    snprintf(path, sizeof(path), "/api/v1/prospects?territory_id=%lld&format=xml",
             (long long)fx->terr[1]);
    fx_req(fx, &r, "GET", path, FX_FAC1, NULL, NULL);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "format"));
    http_fake_response_release(&r);
}

/* The drafts of an organisation as caller who sees them, else 404. */
static json_t *drafts_of(struct fx *fx, int64_t org, int who, int want)
{
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/organisations/%lld/drafts", (long long)org);
    return fx_json(fx, "GET", path, who, NULL, want);
}

/* A flow's JSON without what differs between two creations. */
static json_t *flow_core(json_t *f)
{
    json_t *c = json_deep_copy(f);
    json_object_del(c, "id");
    json_object_del(c, "created_at");
    json_object_del(c, "updated_at");
    return c;
}

static void test_drafts(void **state)
{
    struct fx *fx = *state;
    char body[256], path[128];
    enrol_body(body, sizeof(body), P_MILL, (long long)fx->terr[1]);
    json_t *j = fx_json(fx, "POST", "/api/v1/prospects/enrol", FX_FAC1, body, 201);
    int64_t org = json_integer_value(json_object_get(j, "organisation_id"));
    json_decref(j);
    /* member B becomes the enrolled company's member; A stays another company */
    snprintf(path, sizeof(path), "UPDATE accounts SET organisation_id = %lld WHERE email = '%s'",
             (long long)org, fx_emails[FX_MEM_B]);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(fx->db_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, path, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    fx_login(fx, FX_MEM_B);
    /* the region reads companies anonymised (one rule), so not their drafts */
    static const int want[FX_N] = {404, 200, 404, 404, 200, 404, 404, 404};
    for (int who = 0; who < FX_N; who++) {
        struct http_fake_response r;
        snprintf(path, sizeof(path), "/api/v1/organisations/%lld/drafts", (long long)org);
        fx_req(fx, &r, "GET", path, who, NULL, NULL);
        if (r.status != want[who])
            fail_msg("drafts as %s: %d, expected %d: %s", fx_emails[who], r.status, want[who],
                     r.body);
        if (want[who] != 200 && (strstr(r.body, "qty") || strstr(r.body, "estimé")))
            fail_msg("drafts as %s leak: %s", fx_emails[who], r.body);
        http_fake_response_release(&r);
    }
    j = drafts_of(fx, org, FX_MEM_B, 200);
    json_t *items = json_object_get(j, "items");
    size_t n = json_array_size(items);
    assert_true(n >= 2);
    json_t *d0 = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(d0, "status")), "estimé — à confirmer");
    assert_true(json_is_true(json_object_get(d0, "estimated")));
    int64_t id0 = json_integer_value(json_object_get(d0, "id"));
    int64_t id1 = json_integer_value(json_object_get(json_array_get(items, 1), "id"));
    char flow_body[256];
    snprintf(flow_body, sizeof(flow_body),
             "{\"organisation_id\":%lld,\"direction\":\"%s\",\"code\":\"%s\",\"quantity\":12.5,"
             "\"unit\":\"%s\",\"period\":\"year\"}",
             (long long)org, json_string_value(json_object_get(d0, "direction")),
             json_string_value(json_object_get(d0, "code")),
             json_string_value(json_object_get(d0, "unit")));
    json_decref(j);
    /* drafts are no flows: nothing declared, nothing in the indicators */
    snprintf(path, sizeof(path), "SELECT count(*) FROM flows WHERE organisation_id = %lld",
             (long long)org);
    assert_int_equal(fx_sql_int(fx, path), 0);
    /* bad confirmations name the field and change nothing */
    snprintf(path, sizeof(path), "/api/v1/drafts/%lld/confirm", (long long)id0);
    static const struct erow bad[] = {
        {"zero quantity", FX_MEM_B, "{\"quantity\":0}", 422, "quantity"},
        {"negative quantity", FX_MEM_B, "{\"quantity\":-3}", 400, "quantity"},
        {"text quantity", FX_MEM_B, "{\"quantity\":\"x\"}", 400, "quantity"},
        {"bad confidentiality", FX_MEM_B, "{\"confidentiality\":\"secret\"}", 400,
         "confidentiality"},
        {"another company", FX_MEM_A, "{}", 404, NULL},
        {"other facilitator", FX_FAC2, "{}", 404, NULL},
        {"observer", FX_OBS, "{}", 404, NULL},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct http_fake_response r;
        fx_req(fx, &r, "POST", path, bad[i].who, bad[i].body, NULL);
        if (r.status != bad[i].status)
            fail_msg("%s: %d, expected %d: %s", bad[i].name, r.status, bad[i].status, r.body);
        if (bad[i].field && !strstr(r.body, bad[i].field))
            fail_msg("%s: field %s not named: %s", bad[i].name, bad[i].field, r.body);
        http_fake_response_release(&r);
    }
    j = drafts_of(fx, org, FX_FAC1, 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), n);
    json_decref(j);
    /* the company confirms with a corrected quantity: the flow POST /flows makes */
    json_t *confirmed = fx_json(fx, "POST", path, FX_MEM_B, "{\"quantity\":12.5}", 201);
    json_t *declared = fx_json(fx, "POST", "/api/v1/flows", FX_MEM_B, flow_body, 201);
    json_t *c1 = flow_core(confirmed), *c2 = flow_core(declared);
    if (!json_equal(c1, c2)) {
        char *a = json_dumps(c1, JSON_SORT_KEYS), *b = json_dumps(c2, JSON_SORT_KEYS);
        fail_msg("confirmed %s != declared %s", a, b);
    }
    assert_true(json_integer_value(json_object_get(confirmed, "id")) > 0);
    json_decref(c1);
    json_decref(c2);
    json_decref(confirmed);
    json_decref(declared);
    /* the draft is gone: confirming it again is 404 */
    json_decref(fx_json(fx, "POST", path, FX_MEM_B, "{}", 404));
    j = drafts_of(fx, org, FX_MEM_B, 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), n - 1);
    json_decref(j);
    snprintf(path, sizeof(path),
             "SELECT count(*) FROM audit_log WHERE action = 'confirm' AND entity_id = %lld",
             (long long)id0);
    assert_int_equal(fx_sql_int(fx, path), 1);
    /* discarding: never by another company; the facilitator may */
    snprintf(path, sizeof(path), "/api/v1/drafts/%lld", (long long)id1);
    json_decref(fx_json(fx, "DELETE", path, FX_MEM_A, NULL, 404));
    json_decref(fx_json(fx, "DELETE", path, FX_FAC2, NULL, 404));
    json_decref(fx_json(fx, "DELETE", path, FX_FAC1, NULL, 200));
    json_decref(fx_json(fx, "DELETE", path, FX_FAC1, NULL, 404));
    j = drafts_of(fx, org, FX_MEM_B, 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), n - 2);
    json_decref(j);
    /* the drafts never reach another company's lists of flows */
    j = fx_json(fx, "GET", "/api/v1/flows?per_page=200", FX_MEM_A, NULL, 200);
    char *dump = json_dumps(j, 0);
    assert_null(strstr(dump, "estimé"));
    free(dump);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ranking, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enrol, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drafts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
