/* SPDX-License-Identifier: MIT */
/*
 * http_detect_test.c - POST /api/v1/suggestions/run and GET
 * /api/v1/pools?suggested=1 in-process: the confidentiality matrix (every
 * body x every role, exact status, no organisation name or private text
 * in the answer), the scope (a facilitator's run saves suggestions for
 * the offers of their territory only; the admin's for the region), no
 * duplicate on a re-run, an abandoned suggestion staying abandoned, the
 * audit record, the 409 of a second run on a busy scope, and the OpenAPI.
 *
 * World of http_fixture.h (A, B in territory 1, C in territory 2; synergy
 * A -> B already suggested), plus D "Papeterie Delta" in territory 1
 * needing cardboard, so that the run has something new to find.
 */
#include "http_fixture.h"

static int setup(void **state)
{
    struct fx *fx = fx_new(true);
    struct err e;
    struct store *s = NULL;
    fx_check(store_open(&s, fx->db_path, STORE_OPEN_DEFAULT, &e), &e);
    int64_t d = fx_org(s, "44455566600017", "Papeterie Delta", "17.12Z", "44109", fx->terr[1],
                       (struct geo_point){47.2400, -1.5600});
    fx_flow(s, d, STORE_DIR_NEED, "150101", STORE_FAM_MATERIAL, 30, "t", STORE_CONF_ANONYMISED,
            "secret-delta");
    store_close(s);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fx_free(*state);
    return 0;
}

/* substitution synergies whose offer belongs to territory t (0: all) */
static int n_syn(struct fx *fx, int64_t t)
{
    char sql[256];
    snprintf(
        sql, sizeof(sql),
        "SELECT count(*) FROM synergies s JOIN flows f ON f.id = s.offer_flow_id "
        "JOIN organisations o ON o.id = f.organisation_id WHERE %lld = 0 OR o.territory_id = %lld",
        (long long)t, (long long)t);
    return fx_sql_int(fx, sql);
}

enum target { T_NONE, T_TERR1, T_TERR2 };

struct drow {
    const char *method;
    const char *path;
    enum target t;
    const char *body; /* "{}" inside is replaced by the target id */
    int status[FX_N]; /* admin fac1 fac2 memA memB memC obs coll */
};

static const struct drow rows[] = {
    {"POST", "/api/v1/suggestions/run", T_NONE, "{}", {200, 200, 200, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/suggestions/run",
     T_TERR1,
     "{\"territory_id\":{}}",
     {200, 200, 403, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/suggestions/run",
     T_TERR2,
     "{\"territory_id\":{},\"radius_km\":20,\"top\":3}",
     {200, 403, 200, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/suggestions/run",
     T_NONE,
     "{\"territory_id\":{}}",
     {422, 403, 403, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/suggestions/run",
     T_NONE,
     "{\"top\":65}",
     {400, 400, 400, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/pools?suggested=1", T_NONE, NULL, {200, 200, 200, 403, 403, 403, 200, 403}},
    {"GET",
     "/api/v1/pools?suggested=1&radius_km=0",
     T_NONE,
     NULL,
     {400, 400, 400, 403, 403, 403, 400, 403}},
};

/* Never in an answer of these endpoints: counts and codes only. */
static const char *const secrets[] = {
    "Cartonnerie Alpha", "Boulangerie Beta", "Chaudronnerie Gamma",
    "Papeterie Delta",   "secret-",          NULL};

static void test_matrix(void **state)
{
    struct fx *fx = *state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const struct drow *r = &rows[i];
        long long id = r->t == T_TERR1 ? fx->terr[1] : r->t == T_TERR2 ? fx->terr[2] : 999999;
        char body[160];
        fx_subst(body, sizeof(body), r->body, id);
        for (int who = 0; who < FX_N; who++) {
            int before = n_syn(fx, 0);
            struct http_fake_response resp;
            fx_req(fx, &resp, r->method, r->path, who, r->body ? body : NULL, NULL);
            if (resp.status != r->status[who])
                fail_msg("%s %s %s as %s: %d, expected %d: %s", r->method, r->path, body,
                         fx_emails[who], resp.status, r->status[who], resp.body);
            for (size_t k = 0; secrets[k]; k++)
                if (strstr(resp.body, secrets[k]))
                    fail_msg("%s %s as %s: leaks '%s': %s", r->method, r->path, fx_emails[who],
                             secrets[k], resp.body);
            json_t *j = json_loads(resp.body, 0, NULL);
            if (!j)
                fail_msg("%s %s as %s: not JSON", r->method, r->path, fx_emails[who]);
            json_decref(j);
            if (resp.status != 200 && n_syn(fx, 0) != before)
                fail_msg("%s %s as %s: refused but wrote", r->method, r->path, fx_emails[who]);
            http_fake_response_release(&resp);
        }
    }
}

static long long jint(const json_t *j, const char *key)
{
    return (long long)json_integer_value(json_object_get(j, key));
}

static void test_runs(void **state)
{
    struct fx *fx = *state;
    char body[96];
    int t2_before = n_syn(fx, fx->terr[2]);
    /* the facilitator of territory 1: A's offer, to B (known) and D (new) */
    json_t *j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_FAC1, "{}", 200);
    assert_int_equal(jint(j, "territory_id"), fx->terr[1]);
    assert_int_equal(jint(j, "offers"), 1);
    assert_true(jint(j, "new") >= 1);
    assert_int_equal(jint(j, "updated"), 1);
    assert_int_equal(jint(j, "kept_abandoned"), 0);
    json_decref(j);
    int t1 = n_syn(fx, fx->terr[1]);
    assert_int_equal(n_syn(fx, fx->terr[2]), t2_before); /* C's offer untouched */
    assert_int_equal(fx_sql_int(fx, "SELECT count(*) FROM synergies WHERE status = 'suggested' "
                                    "AND receiver_org_id = (SELECT id FROM organisations WHERE "
                                    "name = 'Papeterie Delta')"),
                     1);
    /* a re-run duplicates nothing */
    j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_FAC1, "{}", 200);
    assert_int_equal(jint(j, "new"), 0);
    assert_int_equal(jint(j, "updated"), t1);
    json_decref(j);
    assert_int_equal(n_syn(fx, fx->terr[1]), t1);
    /* the facilitator cannot run territory 2 */
    snprintf(body, sizeof(body), "{\"territory_id\":%lld}", (long long)fx->terr[2]);
    j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_FAC1, body, 403);
    json_decref(j);
    assert_int_equal(n_syn(fx, fx->terr[2]), t2_before);
    /* the suggestions appear in the facilitator's list */
    j = fx_json(fx, "GET", "/api/v1/suggestions?per_page=100", FX_FAC1, NULL, 200);
    assert_int_equal(jint(j, "total"), t1);
    json_decref(j);
    /* abandoned by the facilitator, it stays abandoned */
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/synergies/%lld", (long long)fx->syn_ab);
    j = fx_json(fx, "PATCH", path, FX_FAC1, "{\"status\":\"abandoned\",\"reason\":\"trop loin\"}",
                200);
    json_decref(j);
    j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_FAC1, "{}", 200);
    assert_int_equal(jint(j, "new"), 0);
    assert_int_equal(jint(j, "kept_abandoned"), 1);
    json_decref(j);
    char sql[128];
    snprintf(sql, sizeof(sql), "SELECT status = 'abandoned' FROM synergies WHERE id = %lld",
             (long long)fx->syn_ab);
    assert_int_equal(fx_sql_int(fx, sql), 1);
    assert_int_equal(n_syn(fx, fx->terr[1]), t1);
    /* the admin runs the region: C's offer is searched too */
    j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_ADMIN, "{}", 200);
    assert_true(json_is_null(json_object_get(j, "territory_id")));
    assert_int_equal(jint(j, "offers"), 2);
    assert_int_equal(jint(j, "kept_abandoned"), 1);
    json_decref(j);
    /* a member of A sees no counterpart name in their suggestions */
    j = fx_json(fx, "GET", "/api/v1/suggestions?per_page=100", FX_MEM_A, NULL, 200);
    char *dump = json_dumps(j, 0);
    assert_null(strstr(dump, "Papeterie Delta"));
    assert_null(strstr(dump, "secret-delta"));
    free(dump);
    json_decref(j);
    /* audited */
    j = fx_json(fx, "GET", "/api/v1/audit", FX_ADMIN, NULL, 200);
    dump = json_dumps(j, 0);
    assert_non_null(strstr(dump, "\"detection\""));
    free(dump);
    json_decref(j);
}

static void test_busy(void **state)
{
    struct fx *fx = *state;
    char body[96];
    snprintf(body, sizeof(body), "{\"territory_id\":%lld}", (long long)fx->terr[1]);
    int before = n_syn(fx, 0);
    assert_true(http_detect_claim(fx->app, fx->terr[1]));
    json_t *j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_FAC1, body, 409);
    json_decref(j);
    j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_ADMIN, "{}", 409);
    json_decref(j);
    assert_int_equal(n_syn(fx, 0), before);
    j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_FAC2, "{}", 200); /* another scope */
    json_decref(j);
    http_detect_release(fx->app, fx->terr[1]);
    assert_true(http_detect_claim(fx->app, 0));
    j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_FAC2, "{}", 409);
    json_decref(j);
    http_detect_release(fx->app, 0);
    j = fx_json(fx, "POST", "/api/v1/suggestions/run", FX_FAC1, body, 200);
    json_decref(j);
}

static void test_pools_and_openapi(void **state)
{
    struct fx *fx = *state;
    /* small offers of one code in one territory: A (40 t) alone is no pool,
     * the threshold makes A and the region's small offers poolable */
    json_t *j = fx_json(fx, "GET", "/api/v1/pools?suggested=1&threshold=50&radius_km=200", FX_ADMIN,
                        NULL, 200);
    assert_non_null(json_object_get(j, "items"));
    json_decref(j);
    j = fx_json(fx, "GET", "/api/v1/openapi.json", -1, NULL, 200);
    assert_non_null(json_object_get(json_object_get(j, "paths"), "/api/v1/suggestions/run"));
    char *dump = json_dumps(j, 0);
    assert_non_null(strstr(dump, "DetectionRun"));
    free(dump);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pools_and_openapi, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
