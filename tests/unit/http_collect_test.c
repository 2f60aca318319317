/* SPDX-License-Identifier: MIT */
/*
 * http_collect_test.c - the pooled collection and collector endpoints
 * in-process: the confidentiality matrix (every endpoint x every role,
 * exact status, no other member's name where the caller may not see it,
 * a row written exactly when the answer says so), the totals a member
 * sees, the audit log, the OpenAPI description and hostile bodies.
 *
 * On top of http_fixture.h: pool 1 in territory 1 (A and B, collected by
 * "Ressourcerie Delta", the collector account's organisation, collector
 * 1), pool 2 in territory 2 (C, no collector).
 */
#include "http_pool_fixture.h"

struct cfx {
    struct fx *fx;
    int64_t pool[3]; /* [1], [2] */
    int64_t org_d;
};

static int setup(void **state)
{
    struct cfx *o = calloc(1, sizeof(*o));
    o->fx = fx_new(true);
    pool_world(o->fx, o->pool, &o->org_d);
    *state = o;
    return 0;
}

static int teardown(void **state)
{
    struct cfx *o = *state;
    fx_free(o->fx);
    free(o);
    return 0;
}

enum target { T_NONE, T_POOL1, T_POOL2, T_TERR1, T_ORG_A, T_ORG_D };

static int64_t target_id(const struct cfx *o, enum target t)
{
    switch (t) {
    case T_POOL1:
        return o->pool[1];
    case T_POOL2:
        return o->pool[2];
    case T_TERR1:
        return o->fx->terr[1];
    case T_ORG_A:
        return o->fx->org_a;
    case T_ORG_D:
        return o->org_d;
    default:
        return 999999;
    }
}

/* Names a member must never read: the other members of its pools. */
static const char *const hidden_from[FX_N] = {
    [FX_MEM_A] = "Boulangerie Beta",   [FX_MEM_B] = "Cartonnerie Alpha",
    [FX_MEM_C] = "Cartonnerie Alpha",  [FX_FAC2] = "Cartonnerie Alpha",
    [FX_COLL] = "Chaudronnerie Gamma",
};

struct crow {
    const char *method;
    const char *path; /* "{}" is replaced by the target id */
    enum target t;
    const char *body; /* "{}" is replaced by the body target's id */
    enum target bt;
    const char *table; /* rows added on 200/201 for writes */
    int status[FX_N];  /* admin fac1 fac2 memA memB memC obs coll */
};

#define C "/api/v1/collections"
static const struct crow rows[] = {
    {"GET", C, T_NONE, NULL, T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}},
    {"GET", C "/{}", T_POOL1, NULL, T_NONE, NULL, {200, 200, 404, 200, 200, 404, 200, 200}},
    {"GET", C "/{}", T_POOL2, NULL, T_NONE, NULL, {200, 404, 200, 404, 404, 200, 200, 404}},
    {"GET", C "/{}", T_NONE, NULL, T_NONE, NULL, {404, 404, 404, 404, 404, 404, 404, 404}},
    {"GET",
     "/api/v1/collectors",
     T_NONE,
     NULL,
     T_NONE,
     NULL,
     {200, 200, 200, 403, 403, 403, 200, 403}},
};

static const struct crow write_rows[] = {
    {"PUT",
     C "/{}/items",
     T_POOL1,
     "{\"low_code\":\"15 01 02\",\"quantity_kg\":30,\"frequency\":\"monthly\"}",
     T_NONE,
     "net_collection_items",
     {422, 422, 404, 200, 200, 404, 403, 403}},
    {"PUT",
     C "/{}/items",
     T_POOL1,
     "{\"organisation_id\":{},\"low_code\":\"150103\",\"quantity_kg\":80,\"frequency\":"
     "\"quarterly\"}",
     T_ORG_A,
     "net_collection_items",
     {200, 200, 404, 200, 403, 404, 403, 403}},
    {"PUT",
     C "/{}/items",
     T_POOL2,
     "{\"low_code\":\"150101\",\"quantity_kg\":10,\"frequency\":\"weekly\"}",
     T_NONE,
     "net_collection_items",
     {422, 404, 422, 404, 404, 200, 403, 403}},
    {"POST",
     C,
     T_NONE,
     "{\"name\":\"Palettes\",\"territory_id\":{},\"collector_id\":1,\"round_frequency\":"
     "\"fortnightly\"}",
     T_TERR1,
     "net_collections",
     {201, 201, 403, 403, 403, 403, 403, 403}},
    {"POST",
     C,
     T_NONE,
     "{\"name\":\"Sans dépôt\",\"territory_id\":{},\"vehicle_capacity_kg\":500}",
     T_TERR1,
     "net_collections",
     {422, 422, 403, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/collectors",
     T_NONE,
     "{\"organisation_id\":{},\"lat\":47.2,\"lon\":-1.5,\"capacity_kg\":900}",
     T_ORG_D,
     "collector_depots",
     {201, 201, 403, 403, 403, 403, 403, 403}},
};
#undef C

static void run(struct cfx *o, const struct crow *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char path[128], body[256];
        fx_subst(path, sizeof(path), r[i].path, (long long)target_id(o, r[i].t));
        fx_subst(body, sizeof(body), r[i].body, (long long)target_id(o, r[i].bt));
        for (int who = 0; who < FX_N; who++) {
            int before = r[i].table ? count_rows(o->fx, r[i].table) : 0;
            struct http_fake_response resp;
            fx_req(o->fx, &resp, r[i].method, path, who, r[i].body ? body : NULL, NULL);
            if (resp.status != r[i].status[who])
                fail_msg("%s %s %s as %s: %d, expected %d: %s", r[i].method, path, body,
                         fx_emails[who], resp.status, r[i].status[who], resp.body);
            if (hidden_from[who] && strstr(resp.body, hidden_from[who]))
                fail_msg("%s %s as %s: leaks '%s': %s", r[i].method, path, fx_emails[who],
                         hidden_from[who], resp.body);
            json_t *j = json_loads(resp.body, 0, NULL);
            if (!j)
                fail_msg("%s %s as %s: not JSON", r[i].method, path, fx_emails[who]);
            json_decref(j);
            if (r[i].table) {
                int after = count_rows(o->fx, r[i].table);
                bool is_ok = resp.status == 200 || resp.status == 201;
                /* a PUT replacing an (organisation, code) already there adds nothing */
                int want = is_ok && (resp.status == 201 || after > before) ? before + 1 : before;
                if (after != want)
                    fail_msg("%s %s as %s: %d rows in %s, expected %d", r[i].method, path,
                             fx_emails[who], after, r[i].table, want);
            }
            http_fake_response_release(&resp);
        }
    }
}

static void test_matrix(void **state)
{
    struct cfx *o = *state;
    run(o, rows, sizeof(rows) / sizeof(rows[0]));
    run(o, write_rows, sizeof(write_rows) / sizeof(write_rows[0]));
    run(o, rows, sizeof(rows) / sizeof(rows[0]));
}

static void test_contents(void **state)
{
    struct cfx *o = *state;
    char path[96];
    /* a member: its own item, the pool's totals */
    snprintf(path, sizeof(path), "/api/v1/collections/%lld", (long long)o->pool[1]);
    json_t *j = fx_json(o->fx, "GET", path, FX_MEM_A, NULL, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "n_members")), 2);
    assert_true(json_number_value(json_object_get(j, "total_kg_per_year")) == 3600);
    assert_true(json_number_value(json_object_get(j, "total_kg_per_round")) == 300);
    json_t *items = json_object_get(j, "items");
    assert_int_equal(json_array_size(items), 1);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(items, 0), "organisation_id")),
        o->fx->org_a);
    json_decref(j);
    /* the facilitator: every item */
    j = fx_json(o->fx, "GET", path, FX_FAC1, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
    json_decref(j);
    /* member B registers pallets: the code is canonical, the pool grows */
    snprintf(path, sizeof(path), "/api/v1/collections/%lld/items", (long long)o->pool[1]);
    j = fx_json(o->fx, "PUT", path, FX_MEM_B,
                "{\"low_code\":\"15 01 03\",\"quantity_kg\":50,\"frequency\":\"quarterly\"}", 200);
    json_decref(j);
    snprintf(path, sizeof(path), "/api/v1/collections/%lld", (long long)o->pool[1]);
    j = fx_json(o->fx, "GET", path, FX_MEM_B, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
    assert_true(json_number_value(json_object_get(j, "total_kg_per_year")) == 3800);
    json_decref(j);
    /* a pool created from a collector takes its depot and vehicle */
    char body[160];
    snprintf(body, sizeof(body), "{\"name\":\"Palettes\",\"territory_id\":%lld,\"collector_id\":1}",
             (long long)o->fx->terr[1]);
    j = fx_json(o->fx, "POST", "/api/v1/collections", FX_FAC1, body, 201);
    assert_true(json_number_value(json_object_get(j, "vehicle_capacity_kg")) == 800);
    assert_int_equal(json_integer_value(json_object_get(j, "collector_organisation_id")), o->org_d);
    json_decref(j);
    /* collectors with depots and vehicles */
    j = fx_json(o->fx, "GET", "/api/v1/collectors", FX_FAC2, NULL, 200);
    json_t *k = json_array_get(json_object_get(j, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(k, "name")), "Ressourcerie Delta");
    assert_int_equal(json_array_size(json_object_get(k, "vehicles")), 1);
    json_decref(j);
    /* audited */
    j = fx_json(o->fx, "GET", "/api/v1/audit", FX_ADMIN, NULL, 200);
    char *dump = json_dumps(j, 0);
    assert_non_null(strstr(dump, "collection_item"));
    assert_non_null(strstr(dump, "\"collection\""));
    free(dump);
    json_decref(j);
    /* described */
    j = fx_json(o->fx, "GET", "/api/v1/openapi.json", -1, NULL, 200);
    json_t *paths = json_object_get(j, "paths");
    assert_non_null(json_object_get(paths, "/api/v1/collections/{id}/items"));
    assert_non_null(json_object_get(paths, "/api/v1/collectors"));
    dump = json_dumps(j, 0);
    assert_non_null(strstr(dump, "CollectionItemSet"));
    assert_non_null(strstr(dump, "CollectorCreate"));
    free(dump);
    json_decref(j);
}

static void test_hostile(void **state)
{
    struct cfx *o = *state;
    static const char *const bodies[] = {
        "{\"low_code\":\"99 99 99\",\"quantity_kg\":5,\"frequency\":\"monthly\"}",
        "{\"low_code\":\"150101\",\"quantity_kg\":-5,\"frequency\":\"monthly\"}",
        "{\"low_code\":\"150101\",\"quantity_kg\":0,\"frequency\":\"monthly\"}",
        "{\"low_code\":\"150101\",\"quantity_kg\":5,\"frequency\":\"daily\"}",
        "{\"low_code\":\"<script>\",\"quantity_kg\":5,\"frequency\":\"monthly\"}",
        "{\"low_code\":150101,\"quantity_kg\":5,\"frequency\":\"monthly\"}",
        "{\"quantity_kg\":5,\"frequency\":\"monthly\"}",
        "[]",
        "{",
    };
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/collections/%lld/items", (long long)o->pool[1]);
    int items = count_rows(o->fx, "net_collection_items");
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        struct http_fake_response r;
        fx_req(o->fx, &r, "PUT", path, FX_MEM_A, bodies[i], NULL);
        if (r.status < 400 || r.status >= 500)
            fail_msg("PUT %s: %d: %s", bodies[i], r.status, r.body);
        http_fake_response_release(&r);
    }
    assert_int_equal(count_rows(o->fx, "net_collection_items"), items);
}

/* Depots and vehicles of a collector are added by the regional admin and,
 * when the collector's organisation belongs to a territory, by that
 * territory's facilitators; a collector of no territory serves the whole
 * region, so no facilitator changes its fleet. */
static void test_collector_scope(void **state)
{
    struct cfx *o = *state;
    struct err e;
    err_init(&e);
    struct store *s = NULL;
    fx_check(store_open(&s, o->fx->db_path, STORE_OPEN_DEFAULT, &e), &e);
    struct store_org r = {.name = (char *)"Recyclerie Régionale",
                          .kind = STORE_ORG_SOCIAL_ECONOMY,
                          .address = (char *)"1 quai du Réemploi",
                          .pos = {47.3, -1.5},
                          .headcount = 5};
    memcpy(r.siret, "12345678200010", 15);
    memcpy(r.naf, "38.11Z", 7);
    memcpy(r.commune_insee, "44109", 6);
    int64_t org_r = 0, col, dep, veh;
    fx_check(store_org_insert(s, &r, &org_r, &e), &e);
    struct optim_collector_input in = {
        .org_id = org_r, .depot = {47.3, -1.5}, .capacity_kg = 3000, .co2e_kg_per_km = -1};
    fx_check(optim_collector_add(s, NULL, &in, &col, &dep, &veh, &e), &e);
    store_close(s);
    static const struct {
        const char *name;
        int who;
        bool is_regional; /* the collector of no territory, else Delta (territory 1) */
        int want;
    } cases[] = {
        {"facilitator 1 on the regional collector", FX_FAC1, true, 403},
        {"facilitator 2 on the regional collector", FX_FAC2, true, 403},
        {"facilitator 2 on territory 1's collector", FX_FAC2, false, 403},
        {"facilitator 1 on its territory's collector", FX_FAC1, false, 201},
        {"admin on the regional collector", FX_ADMIN, true, 201},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char body[160];
        snprintf(body, sizeof(body),
                 "{\"organisation_id\":%lld,\"lat\":47.1,\"lon\":-1.4,\"capacity_kg\":500}",
                 (long long)(cases[i].is_regional ? org_r : o->org_d));
        int depots = count_rows(o->fx, "collector_depots");
        int vehicles = count_rows(o->fx, "collector_vehicles");
        struct http_fake_response resp;
        fx_req(o->fx, &resp, "POST", "/api/v1/collectors", cases[i].who, body, NULL);
        int want_rows = cases[i].want == 201;
        if (resp.status != cases[i].want ||
            count_rows(o->fx, "collector_depots") != depots + want_rows ||
            count_rows(o->fx, "collector_vehicles") != vehicles + want_rows)
            fail_msg("case %s: %d, %d depots, %d vehicles: %s", cases[i].name, resp.status,
                     count_rows(o->fx, "collector_depots"), count_rows(o->fx, "collector_vehicles"),
                     resp.body);
        http_fake_response_release(&resp);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
        cmocka_unit_test_setup_teardown(test_collector_scope, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
