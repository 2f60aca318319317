/* SPDX-License-Identifier: MIT */
/*
 * store_optim_test.c - the store's optimisation tables: allocation plans
 * and their lines (scopes, order, all-or-nothing), collectors (who may
 * be one), depots, vehicles, and saved rounds with their stops.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "optim_fixture.h"

/* An offer or need of 10 t/yr of 150101 for organisation org. */
static void test_plans(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    fixture_open(&f);
    err_init(&e);
    int64_t offer = fixture_flow(&f, f.org[0], STORE_DIR_OFFER, 10);
    int64_t need = fixture_flow(&f, f.org[1], STORE_DIR_NEED, 10);
    int64_t syn[2] = {fixture_synergy(&f, offer, need, f.org[1], 10, 400, STORE_STATUS_SUGGESTED),
                      fixture_synergy(&f, offer, 0, f.org[2], 10, 400, STORE_STATUS_SUGGESTED)};
    struct store_alloc_plan plan = {.territory_id = f.terr[0],
                                    .created_by = f.facil.id,
                                    .n_candidates = 2,
                                    .best = {10, 400, 1, 0, 1},
                                    .greedy = {10, 300, 1, 0, 1}};
    /* the kept line has the higher synergy id: reads put it first anyway */
    struct store_alloc_line lines[2] = {{.synergy_id = syn[0], .t = 0, .greedy_t = 10},
                                        {.synergy_id = syn[1], .t = 10, .eur = 400, .co2e_t = 1}};
    int64_t ids[3] = {0};
    assert_int_equal(store_alloc_plan_insert(f.s, &plan, lines, 2, &ids[0], &e), ERR_OK);
    plan.territory_id = 0;
    assert_int_equal(store_alloc_plan_insert(f.s, &plan, lines, 1, &ids[1], &e), ERR_OK);
    /* an unknown synergy: the whole plan is refused, nothing written */
    struct store_alloc_line bad[2] = {{.synergy_id = syn[0], .t = 1}, {.synergy_id = 999, .t = 1}};
    assert_int_equal(store_alloc_plan_insert(f.s, &plan, bad, 2, &ids[2], &e), ERR_CONFLICT);

    static const struct {
        const char *name;
        int scope; /* -1 all, 0 region, 1 terr[0], 2 terr[1] */
        size_t n;
    } scopes[] = {{"every scope", -1, 2},
                  {"region only", 0, 1},
                  {"territory", 1, 1},
                  {"other territory", 2, 0}};
    for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
        struct store_alloc_plan *ps = NULL;
        size_t n = 0;
        int64_t t = scopes[i].scope <= 0 ? scopes[i].scope : f.terr[scopes[i].scope - 1];
        assert_int_equal(store_alloc_plan_list(f.s, t, 0, &ps, &n, &e), ERR_OK);
        if (n != scopes[i].n)
            fail_msg("%s: %zu plans, want %zu", scopes[i].name, n, scopes[i].n);
        store_alloc_plans_free(ps, n);
    }
    struct store_alloc_plan got;
    assert_int_equal(store_alloc_plan_get(f.s, ids[0], &got, &e), ERR_OK);
    assert_int_equal(got.territory_id, f.terr[0]);
    assert_string_equal(got.territory_name, "Vallée de l'Arve");
    assert_int_equal(got.created_by, f.facil.id);
    assert_true(got.best.eur == 400 && got.greedy.eur == 300 && got.best.n_pairs == 1);
    store_alloc_plan_release(&got);
    struct store_alloc_line *ls = NULL;
    size_t n = 0;
    assert_int_equal(store_alloc_plan_lines(f.s, ids[0], &ls, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    /* kept first, with the names of both sides */
    assert_int_equal(ls[0].synergy_id, syn[1]);
    assert_string_equal(ls[0].offer_org_name, "Scierie Dupont");
    assert_string_equal(ls[0].receiver_name, "Papeterie Voiron");
    assert_string_equal(ls[0].code, "150101");
    assert_int_equal(ls[0].need_flow_id, 0);
    assert_int_equal(ls[1].need_flow_id, need);
    assert_true(ls[1].greedy_t == 10 && ls[1].t == 0);
    store_alloc_lines_free(ls, n);
    assert_int_equal(store_alloc_plan_get(f.s, 999, &got, &e), ERR_NOT_FOUND);
    fixture_close(&f);
}

static void test_collectors(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    fixture_open(&f);
    err_init(&e);
    struct store_org o;
    assert_int_equal(store_org_get(f.s, f.org[3], &o, &e), ERR_OK);
    o.kind = STORE_ORG_SOCIAL_ECONOMY;
    assert_int_equal(store_org_update(f.s, &o, &e), ERR_OK);
    store_org_release(&o);
    struct store_account coll;
    fixture_account(&f, &coll, "tri@collecte.fr", "", STORE_ROLE_COLLECTOR, f.org[2], NULL, 0);
    store_account_release(&coll);
    static const struct {
        const char *name;
        int org; /* index into f.org, -1 unknown */
        int want;
    } cases[] = {
        {"company without collector account", 0, ERR_INPUT},
        {"social economy", 3, ERR_OK},
        {"already a collector", 3, ERR_CONFLICT},
        {"company with a collector account", 2, ERR_OK},
        {"unknown organisation", -1, ERR_NOT_FOUND},
    };
    int64_t ids[5] = {0};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int64_t org = cases[i].org >= 0 ? f.org[cases[i].org] : 999;
        int rc = store_collector_insert(f.s, org, &ids[i], &e);
        if (rc != cases[i].want)
            fail_msg("%s: got %d (%s), want %d", cases[i].name, rc, e.msg, cases[i].want);
    }
    int64_t id = 0;
    assert_int_equal(store_collector_find_org(f.s, f.org[3], &id, &e), ERR_OK);
    assert_int_equal(id, ids[1]);
    assert_int_equal(store_collector_find_org(f.s, f.org[0], &id, &e), ERR_NOT_FOUND);
    struct store_depot d = {.collector_id = ids[1], .name = (char *)"Dépôt", .pos = {45.2, 5.7}};
    struct store_vehicle v = {.collector_id = ids[1], .capacity_kg = 900, .co2e_kg_per_km = 0.6};
    int64_t did = 0, vid = 0;
    assert_int_equal(store_depot_insert(f.s, &d, &did, &e), ERR_OK);
    assert_int_equal(store_vehicle_insert(f.s, &v, &vid, &e), ERR_OK);
    v.capacity_kg = 0; /* CHECK capacity_kg > 0 */
    assert_int_equal(store_vehicle_insert(f.s, &v, &id, &e), ERR_CONFLICT);
    d.pos.lat = 91;
    assert_int_equal(store_depot_insert(f.s, &d, &id, &e), ERR_CONFLICT);
    struct store_depot *ds = NULL;
    struct store_vehicle *vs = NULL;
    size_t n_d = 0, n_v = 0;
    assert_int_equal(store_depot_list(f.s, ids[1], &ds, &n_d, &e), ERR_OK);
    assert_int_equal(store_vehicle_list(f.s, ids[3], &vs, &n_v, &e), ERR_OK);
    assert_int_equal(n_d, 1);
    assert_string_equal(ds[0].name, "Dépôt");
    assert_string_equal(ds[0].address, "");
    assert_int_equal(n_v, 0);
    store_depots_free(ds, n_d);
    store_vehicles_free(vs, n_v);
    struct store_collector c;
    assert_int_equal(store_collector_get(f.s, ids[1], &c, &e), ERR_OK);
    assert_string_equal(c.name, "Atelier Solidaire");
    store_collector_release(&c);
    fixture_close(&f);
}

static void test_rounds(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    fixture_open(&f);
    err_init(&e);
    struct store_collection c = {.name = (char *)"Cartons",
                                 .territory_id = f.terr[0],
                                 .depot = {45.9, 6.1},
                                 .vehicle_capacity_kg = 500};
    memcpy(c.round_frequency, "monthly", 8);
    int64_t cid = 0;
    assert_int_equal(store_collection_insert(f.s, &c, &cid, &e), ERR_OK);
    struct store_round r = {.collection_id = cid,
                            .depot = {45.9, 6.1},
                            .capacity_kg = 500,
                            .detour_factor = 1.3,
                            .speed_kmh = 40,
                            .stop_min = 10,
                            .n_routes = 2,
                            .km = 30,
                            .duration_min = 85,
                            .co2e_kg = 18.6,
                            .baseline_km = 90,
                            .baseline_min = 165,
                            .baseline_co2e_kg = 25.1};
    memcpy(r.date, "2030-02-01", 11);
    /* given out of order: read back by route then position */
    struct store_round_stop st[3] = {
        {.route_no = 2, .seq = 1, .org_id = f.org[1], .demand_kg = 100, .pos = {46.0, 6.4}},
        {.route_no = 1, .seq = 2, .org_id = f.org[2], .demand_kg = 200, .pos = {45.3, 5.6}},
        {.route_no = 1,
         .seq = 1,
         .org_id = f.org[0],
         .demand_kg = 300,
         .pos = {45.9, 6.1},
         .site_name = (char *)"UVE"}};
    int64_t rid = 0;
    assert_int_equal(store_round_insert(f.s, &r, st, 3, &rid, &e), ERR_OK);
    struct store_round got;
    assert_int_equal(store_round_get(f.s, rid, &got, &e), ERR_OK);
    assert_int_equal(got.n_stops, 3);
    assert_int_equal(got.n_routes, 2);
    assert_int_equal(got.territory_id, f.terr[0]);
    assert_string_equal(got.collection_name, "Cartons");
    assert_string_equal(got.collector_name, "");
    assert_string_equal(got.date, "2030-02-01");
    assert_true(got.km == 30 && got.baseline_co2e_kg == 25.1 && got.detour_factor == 1.3);
    store_round_release(&got);
    struct store_round_stop *ss = NULL;
    size_t n = 0;
    assert_int_equal(store_round_stops(f.s, rid, &ss, &n, &e), ERR_OK);
    assert_int_equal(n, 3);
    static const int64_t want_org[3] = {0, 2, 1};
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ss[i].org_id, f.org[want_org[i]]);
    assert_string_equal(ss[0].org_name, "Scierie Dupont");
    assert_string_equal(ss[0].site_name, "UVE");
    store_round_stops_free(ss, n);
    /* a stop with a bad route number: refused whole */
    st[0].route_no = 0;
    int64_t rid2 = 0;
    assert_int_equal(store_round_insert(f.s, &r, st, 3, &rid2, &e), ERR_CONFLICT);
    r.collection_id = 999;
    assert_int_equal(store_round_insert(f.s, &r, NULL, 0, &rid2, &e), ERR_CONFLICT);
    struct store_round *rs = NULL;
    assert_int_equal(store_round_list(f.s, 0, 0, &rs, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    store_rounds_free(rs, n);
    assert_int_equal(store_round_list(f.s, cid + 1, 0, &rs, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    store_rounds_free(rs, n);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plans),
        cmocka_unit_test(test_collectors),
        cmocka_unit_test(test_rounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
