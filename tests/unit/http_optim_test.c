/* SPDX-License-Identifier: MIT */
/*
 * http_optim_test.c - the allocation and rounds endpoints in-process:
 * the confidentiality matrix (every endpoint x every role, exact status,
 * no organisation name where the caller may not see it), the answers'
 * contents (optimal vs greedy totals, route geometry, CO2e against the
 * baseline), the audit log, and refused writes leaving nothing behind.
 *
 * On top of http_fixture.h: pool 1 in territory 1 (A and B, collected by
 * "Ressourcerie Delta", the collector account's organisation), pool 2 in
 * territory 2 (C, no collector); plan 1 of territory 1, plan 2 of the
 * region; round 1 of pool 1, round 2 of pool 2.
 */
#include "http_pool_fixture.h"

struct ofx {
    struct fx *fx;
    int64_t pool[3];  /* [1], [2] */
    int64_t plan[3];  /* [1] territory 1, [2] region */
    int64_t round[3]; /* [1] pool 1, [2] pool 2 */
    int64_t org_d;
};

static int64_t round_add(struct store *s, int64_t pool, struct err *e)
{
    struct optim_rounds_params p;
    struct optim_rounds out;
    optim_rounds_params_init(&p);
    p.collection_id = pool;
    p.cvrp.iterations = 200;
    int64_t id = 0;
    fx_check(optim_rounds_build(s, NULL, NULL, &p, &out, e), e);
    fx_check(store_round_insert(s, &out.round, out.stops, out.n_stops, &id, e), e);
    optim_rounds_release(&out);
    return id;
}

static int setup(void **state)
{
    struct ofx *o = calloc(1, sizeof(*o));
    o->fx = fx_new(true);
    struct fx *fx = o->fx;
    struct err e;
    pool_world(fx, o->pool, &o->org_d);
    struct store *s = NULL;
    fx_check(store_open(&s, fx->db_path, STORE_OPEN_DEFAULT, &e), &e);
    struct optim_plan op;
    fx_check(optim_allocate_save(s, fx->terr[1], 0, &op, &o->plan[1], &e), &e);
    optim_plan_release(&op);
    fx_check(optim_allocate_save(s, 0, 0, &op, &o->plan[2], &e), &e);
    optim_plan_release(&op);
    o->round[1] = round_add(s, o->pool[1], &e);
    o->round[2] = round_add(s, o->pool[2], &e);
    store_close(s);
    *state = o;
    return 0;
}

static int teardown(void **state)
{
    struct ofx *o = *state;
    fx_free(o->fx);
    free(o);
    return 0;
}

enum target { T_NONE, T_PLAN1, T_PLAN2, T_ROUND1, T_ROUND2, T_POOL1, T_POOL2, T_TERR1 };

static int64_t target_id(const struct ofx *o, enum target t)
{
    switch (t) {
    case T_PLAN1:
        return o->plan[1];
    case T_PLAN2:
        return o->plan[2];
    case T_ROUND1:
        return o->round[1];
    case T_ROUND2:
        return o->round[2];
    case T_POOL1:
        return o->pool[1];
    case T_POOL2:
        return o->pool[2];
    case T_TERR1:
        return o->fx->terr[1];
    default:
        return 999999;
    }
}

struct orow {
    const char *method;
    const char *path; /* "{}" is replaced by the target id */
    enum target t;
    const char *body;     /* "{}" is replaced by the target id too */
    int status[FX_N];     /* admin fac1 fac2 memA memB memC obs coll */
    bool has_names[FX_N]; /* the body may name organisations */
};

static const struct orow rows[] = {
    {"GET", "/api/v1/allocations", T_NONE, NULL, {200, 200, 200, 403, 403, 403, 200, 403}, {0}},
    {"GET",
     "/api/v1/allocations/{}",
     T_PLAN1,
     NULL,
     {200, 200, 404, 403, 403, 403, 200, 403},
     {[FX_FAC1] = true}},
    {"GET", "/api/v1/allocations/{}", T_PLAN2, NULL, {200, 404, 404, 403, 403, 403, 200, 403}, {0}},
    {"GET", "/api/v1/allocations/{}", T_NONE, NULL, {404, 404, 404, 403, 403, 403, 404, 403}, {0}},
    {"GET",
     "/api/v1/allocations?territory_id={}",
     T_TERR1,
     NULL,
     {200, 200, 200, 403, 403, 403, 200, 403},
     {0}},
    {"GET", "/api/v1/rounds", T_NONE, NULL, {200, 200, 200, 403, 403, 403, 200, 200}, {0}},
    {"GET",
     "/api/v1/rounds/{}",
     T_ROUND1,
     NULL,
     {200, 200, 404, 403, 403, 403, 200, 200},
     {true, true, false, false, false, false, true, true}},
    {"GET",
     "/api/v1/rounds/{}",
     T_ROUND2,
     NULL,
     {200, 404, 200, 403, 403, 403, 200, 404},
     {true, false, true, false, false, false, true, false}},
    {"GET", "/api/v1/rounds/{}", T_NONE, NULL, {404, 404, 404, 403, 403, 403, 404, 404}, {0}},
    {"GET",
     "/api/v1/rounds?collection_id={}",
     T_POOL1,
     NULL,
     {200, 200, 200, 403, 403, 403, 200, 200},
     {0}},
};

/* Writes: each allowed one adds a row; refused ones add nothing. */
static const struct orow write_rows[] = {
    {"POST",
     "/api/v1/allocations",
     T_TERR1,
     "{\"territory_id\":{}}",
     {201, 201, 403, 403, 403, 403, 403, 403},
     {[FX_FAC1] = true}},
    {"POST", "/api/v1/allocations", T_NONE, "{}", {201, 422, 422, 403, 403, 403, 403, 403}, {0}},
    {"POST",
     "/api/v1/allocations",
     T_NONE,
     "{\"territory_id\":{}}",
     {422, 403, 403, 403, 403, 403, 403, 403},
     {0}},
    {"POST",
     "/api/v1/rounds",
     T_POOL1,
     "{\"collection_id\":{}}",
     {201, 201, 404, 403, 403, 403, 403, 201},
     {true, true, false, false, false, false, false, true}},
    {"POST",
     "/api/v1/rounds",
     T_POOL2,
     "{\"collection_id\":{},\"date\":\"2030-02-01\"}",
     {201, 404, 201, 403, 403, 403, 403, 404},
     {true, false, true, false, false, false, false, false}},
    {"POST",
     "/api/v1/rounds",
     T_NONE,
     "{\"collection_id\":{}}",
     {404, 404, 404, 403, 403, 403, 403, 404},
     {0}},
    {"POST",
     "/api/v1/rounds",
     T_POOL1,
     "{\"collection_id\":{},\"date\":\"2030-13-01\"}",
     {422, 422, 422, 403, 403, 403, 403, 422},
     {0}},
};

/* Names that must not appear where has_names is false. */
static const char *const org_names[] = {"Cartonnerie Alpha", "Boulangerie Beta",
                                        "Chaudronnerie Gamma", NULL};

static void run(struct ofx *o, const struct orow *r, size_t n, bool is_write)
{
    static const char *const tables[2] = {"alloc_plans", "collection_rounds"};
    for (size_t i = 0; i < n; i++) {
        char path[128], body[160];
        long long id = (long long)target_id(o, r[i].t);
        fx_subst(path, sizeof(path), r[i].path, id);
        fx_subst(body, sizeof(body), r[i].body, id);
        for (int who = 0; who < FX_N; who++) {
            const char *table = tables[strstr(path, "rounds") != NULL];
            int before = count_rows(o->fx, table);
            struct http_fake_response resp;
            fx_req(o->fx, &resp, r[i].method, path, who, r[i].body ? body : NULL, NULL);
            if (resp.status != r[i].status[who])
                fail_msg("%s %s %s as %s: %d, expected %d: %s", r[i].method, path, body,
                         fx_emails[who], resp.status, r[i].status[who], resp.body);
            for (size_t k = 0; !r[i].has_names[who] && org_names[k]; k++)
                if (strstr(resp.body, org_names[k]))
                    fail_msg("%s %s as %s: leaks '%s': %s", r[i].method, path, fx_emails[who],
                             org_names[k], resp.body);
            json_t *j = json_loads(resp.body, 0, NULL);
            if (!j)
                fail_msg("%s %s as %s: not JSON", r[i].method, path, fx_emails[who]);
            json_decref(j);
            int after = count_rows(o->fx, table);
            int want = is_write && resp.status == 201 ? before + 1 : before;
            if (after != want)
                fail_msg("%s %s as %s: %d rows in %s, expected %d", r[i].method, path,
                         fx_emails[who], after, table, want);
            http_fake_response_release(&resp);
        }
    }
}

static void test_matrix(void **state)
{
    struct ofx *o = *state;
    run(o, rows, sizeof(rows) / sizeof(rows[0]), false);
    run(o, write_rows, sizeof(write_rows) / sizeof(write_rows[0]), true);
    run(o, rows, sizeof(rows) / sizeof(rows[0]), false);
}

static void test_contents(void **state)
{
    struct ofx *o = *state;
    char path[96], body[96];
    /* a plan computed by the facilitator: optimum vs greedy, names shown */
    snprintf(body, sizeof(body), "{\"territory_id\":%lld}", (long long)o->fx->terr[1]);
    json_t *j = fx_json(o->fx, "POST", "/api/v1/allocations", FX_FAC1, body, 201);
    json_t *opt = json_object_get(j, "optimal"), *gr = json_object_get(j, "greedy");
    assert_true(json_number_value(json_object_get(opt, "t")) == 40);
    assert_true(json_number_value(json_object_get(opt, "eur")) == 3000);
    assert_true(json_number_value(json_object_get(opt, "eur")) >=
                json_number_value(json_object_get(gr, "eur")));
    json_t *line = json_array_get(json_object_get(j, "lines"), 0);
    assert_string_equal(json_string_value(json_object_get(line, "offer_org")), "Cartonnerie Alpha");
    assert_true(json_is_true(json_object_get(line, "kept")));
    int64_t id = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    /* the admin sees the same plan anonymised */
    snprintf(path, sizeof(path), "/api/v1/allocations/%lld", (long long)id);
    j = fx_json(o->fx, "GET", path, FX_ADMIN, NULL, 200);
    line = json_array_get(json_object_get(j, "lines"), 0);
    assert_true(json_is_true(json_object_get(line, "anonymised")));
    assert_true(json_is_null(json_object_get(line, "offer_org")));
    assert_true(json_number_value(json_object_get(line, "t")) == 40);
    json_decref(j);
    /* the list: latest first, no lines */
    j = fx_json(o->fx, "GET", "/api/v1/allocations", FX_OBS, NULL, 200);
    json_t *items = json_object_get(j, "items");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), id);
    assert_null(json_object_get(json_array_get(items, 0), "lines"));
    json_decref(j);
    /* rounds by the collector: geometry, km, CO2e vs baseline */
    snprintf(body, sizeof(body), "{\"collection_id\":%lld}", (long long)o->pool[1]);
    j = fx_json(o->fx, "POST", "/api/v1/rounds", FX_COLL, body, 201);
    assert_int_equal(json_integer_value(json_object_get(j, "n_stops")), 2);
    assert_true(json_number_value(json_object_get(j, "km")) > 0);
    assert_true(json_number_value(json_object_get(j, "co2e_kg")) > 0);
    assert_string_equal(json_string_value(json_object_get(j, "collector")), "Ressourcerie Delta");
    json_t *geom = json_object_get(j, "geometry");
    assert_string_equal(json_string_value(json_object_get(geom, "type")), "MultiLineString");
    json_t *coords = json_object_get(geom, "coordinates");
    assert_int_equal(json_array_size(coords), json_integer_value(json_object_get(j, "n_routes")));
    /* each line starts and ends at the depot, [lon, lat] */
    json_t *l0 = json_array_get(coords, 0);
    assert_true(json_number_value(json_array_get(json_array_get(l0, 0), 0)) == -1.55);
    assert_true(json_number_value(json_array_get(json_array_get(l0, 0), 1)) == 47.22);
    json_decref(j);
    /* the audit log recorded both writes */
    j = fx_json(o->fx, "GET", "/api/v1/audit", FX_ADMIN, NULL, 200);
    char *dump = json_dumps(j, 0);
    assert_non_null(strstr(dump, "allocation_plan"));
    assert_non_null(strstr(dump, "\"round\""));
    free(dump);
    json_decref(j);
    /* the OpenAPI describes the new routes and bodies */
    j = fx_json(o->fx, "GET", "/api/v1/openapi.json", -1, NULL, 200);
    json_t *paths = json_object_get(j, "paths");
    assert_non_null(json_object_get(paths, "/api/v1/allocations"));
    assert_non_null(json_object_get(paths, "/api/v1/rounds/{id}"));
    dump = json_dumps(j, 0);
    assert_non_null(strstr(dump, "RoundCreate"));
    assert_non_null(strstr(dump, "AllocationCreate"));
    free(dump);
    json_decref(j);
}

static void test_hostile(void **state)
{
    struct ofx *o = *state;
    static const struct {
        const char *path;
        const char *body;
    } cases[] = {
        {"/api/v1/allocations", "{\"territory_id\":\"1\"}"},
        {"/api/v1/allocations", "{\"territory_id\":-3}"},
        {"/api/v1/allocations", "{\"scope\":\"region\"}"},
        {"/api/v1/allocations", "[]"},
        {"/api/v1/allocations", "{"},
        {"/api/v1/rounds", "{}"},
        {"/api/v1/rounds", "{\"collection_id\":1,\"vehicle_id\":\"x\"}"},
        {"/api/v1/rounds", "{\"collection_id\":1,\"date\":\"2030-02-01T10:00\"}"},
        {"/api/v1/rounds", "{\"collection_id\":1e300}"},
    };
    int plans = count_rows(o->fx, "alloc_plans"), rounds = count_rows(o->fx, "collection_rounds");
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct http_fake_response r;
        fx_req(o->fx, &r, "POST", cases[i].path, FX_ADMIN, cases[i].body, NULL);
        if (r.status < 400 || r.status >= 500)
            fail_msg("%s %s: %d: %s", cases[i].path, cases[i].body, r.status, r.body);
        http_fake_response_release(&r);
    }
    assert_int_equal(count_rows(o->fx, "alloc_plans"), plans);
    assert_int_equal(count_rows(o->fx, "collection_rounds"), rounds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
