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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ranking, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
