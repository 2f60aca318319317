/* SPDX-License-Identifier: MIT */
/*
 * optim_test.c - the optimisation module on a small database: the
 * allocation of competing offers (optimum vs greedy, scope, saved plan),
 * the treatment sites file and the nearest-site lookup, and collection
 * rounds (capacity, km, time formula, CO2e against the baseline, the
 * collector's depot and vehicle, errors).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "optim_fixture.h"
#include "optim/optim.h"

/* Two sawmills (10 t, 8 t) and three boilers (6 t each) competing: the
 * greedy plan gains 520 euros, the optimum 590 (the DIMACS case of
 * tests/integration/allocate.sh). */
static void test_allocate(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    fixture_open(&f);
    err_init(&e);
    int64_t o1 = fixture_flow(&f, f.org[0], STORE_DIR_OFFER, 10);
    int64_t o2 = fixture_flow(&f, f.org[1], STORE_DIR_OFFER, 8);
    int64_t n1 = fixture_flow(&f, f.org[2], STORE_DIR_NEED, 6);
    int64_t n2 = fixture_flow(&f, f.org[3], STORE_DIR_NEED, 6);
    int64_t n3 = fixture_flow(&f, f.org[3], STORE_DIR_NEED, 6);
    fixture_synergy(&f, o1, n1, f.org[2], 6, 300, STORE_STATUS_SUGGESTED);
    fixture_synergy(&f, o1, n2, f.org[3], 6, 240, STORE_STATUS_STUDIED);
    fixture_synergy(&f, o2, n1, f.org[2], 6, 270, STORE_STATUS_SUGGESTED);
    fixture_synergy(&f, o2, n3, f.org[3], 6, 60, STORE_STATUS_SUGGESTED);
    /* not candidates: closed statuses */
    fixture_synergy(&f, o2, n2, f.org[3], 6, 900, STORE_STATUS_IMPLEMENTED);
    fixture_synergy(&f, o2, n2, f.org[3], 6, 900, STORE_STATUS_ABANDONED);
    static const struct {
        const char *name;
        int terr; /* -1 region, else f.terr index */
        size_t n_lines;
        double best_eur, greedy_eur, best_t;
    } cases[] = {
        {"region: optimum beats greedy", -1, 4, 590, 520, 18},
        {"territory of both sawmills", 0, 4, 590, 520, 18},
        {"territory without offers", 1, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct optim_plan op;
        int64_t t = cases[i].terr < 0 ? 0 : f.terr[cases[i].terr];
        assert_int_equal(optim_allocate(f.s, t, 0, &op, &e), ERR_OK);
        if (op.n_lines != cases[i].n_lines || op.plan.best.eur != cases[i].best_eur ||
            op.plan.greedy.eur != cases[i].greedy_eur || op.plan.best.t != cases[i].best_t)
            fail_msg("%s: %zu lines, %g / %g eur, %g t", cases[i].name, op.n_lines,
                     op.plan.best.eur, op.plan.greedy.eur, op.plan.best.t);
        double sum = 0;
        for (size_t k = 0; k < op.n_lines; k++)
            sum += op.lines[k].eur;
        assert_true(fabs(sum - op.plan.best.eur) < 1e-6);
        optim_plan_release(&op);
    }
    struct optim_plan op;
    int64_t id = 0;
    assert_int_equal(optim_allocate_save(f.s, f.terr[0], f.facil.id, &op, &id, &e), ERR_OK);
    optim_plan_release(&op);
    struct store_alloc_plan got;
    assert_int_equal(store_alloc_plan_get(f.s, id, &got, &e), ERR_OK);
    assert_true(got.best.eur == 590 && got.greedy.eur == 520 && got.best.n_pairs == 4);
    assert_int_equal(got.created_by, f.facil.id);
    struct sb b;
    sb_init(&b, 0);
    optim_plan_json(&b, &got, NULL, 0);
    assert_non_null(strstr(b.buf, "\"gain_over_greedy_eur\":70"));
    sb_release(&b);
    store_alloc_plan_release(&got);
    fixture_close(&f);
}

static const char sites_csv[] = "name,kind,commune_insee,lat,lon,low_chapters\n"
                                "Tri Nord,sorting_centre,44109,47.30,-1.55,15|20\n"
                                "UVE Sud,energy_from_waste,44109,47.10,-1.55,15|19|20\n"
                                "Stockage,landfill,44109,47.00,-1.55,17\n";

static void test_sites(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *csv;
        const char *want; /* error substring, NULL = ok */
    } cases[] = {
        {"valid", sites_csv, NULL},
        {"unknown kind", "name,kind,commune_insee,lat,lon,low_chapters\nA,zoo,44109,47,-1,15\n",
         "s.csv:2: kind: invalid value 'zoo'"},
        {"bad chapter",
         "name,kind,commune_insee,lat,lon,low_chapters\nA,landfill,44109,47,-1,1|2\n",
         "s.csv:2: low_chapters"},
        {"latitude out of range",
         "name,kind,commune_insee,lat,lon,low_chapters\nA,landfill,44109,97,-1,15\n",
         "s.csv:2: lon"},
        {"missing column", "name,kind,lat,lon,low_chapters\n", "s.csv:1: commune_insee: missing"},
        {"short row", "name,kind,commune_insee,lat,lon,low_chapters\nA,landfill\n",
         "s.csv:2: commune_insee: missing value"},
        {"empty", "", "s.csv:1: empty file"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ref_sites s;
        struct err e;
        err_init(&e);
        int rc = ref_sites_parse("s.csv", cases[i].csv, strlen(cases[i].csv), &s, &e);
        if (cases[i].want ? rc != ERR_INPUT || !strstr(e.msg, cases[i].want) : rc != ERR_OK)
            fail_msg("%s: rc %d, message '%s'", cases[i].name, rc, e.msg);
        if (!cases[i].want)
            assert_int_equal(s.n, 3);
        ref_sites_release(&s);
    }
    struct ref_sites s;
    struct err e;
    err_init(&e);
    assert_int_equal(ref_sites_parse("s.csv", sites_csv, strlen(sites_csv), &s, &e), ERR_OK);
    static const struct {
        const char *code;
        struct geo_point p;
        const char *want;
    } near[] = {
        {"150101", {47.25, -1.55}, "Tri Nord"}, /* nearest accepting */
        {"190805", {47.25, -1.55}, "UVE Sud"},  /* only the UVE takes chapter 19 */
        {"170101", {47.25, -1.55}, "Stockage"}, /* far, but the only one for 17 */
        {"160601", {47.08, -1.55}, "UVE Sud"},  /* none takes 16: nearest of any kind */
        {NULL, {47.29, -1.55}, "Tri Nord"},
    };
    for (size_t i = 0; i < sizeof(near) / sizeof(near[0]); i++) {
        double km = -1;
        const struct ref_site *site = ref_sites_nearest(&s, near[i].p, near[i].code, &km);
        assert_non_null(site);
        if (strcmp(site->name, near[i].want) || km < 0)
            fail_msg("%s: got %s", near[i].code ? near[i].code : "any", site->name);
    }
    ref_sites_release(&s);
    struct ref_sites empty = {0};
    assert_null(ref_sites_nearest(&empty, near[0].p, "150101", NULL));
    /* the shipped file loads */
    assert_int_equal(ref_sites_load(NULL, &s, &e), ERR_OK);
    assert_true(s.n >= 10);
    ref_sites_release(&s);
}

/* A pool of n organisations around (47.29, -1.48), q kg each per month. */
static int64_t make_pool(struct fixture *f, int n, double q, int64_t *orgs)
{
    struct err e;
    err_init(&e);
    struct store_collection c = {
        .name = (char *)"Cartons", .depot = {47.29, -1.48}, .vehicle_capacity_kg = 1000};
    memcpy(c.round_frequency, "monthly", 8);
    int64_t cid = 0;
    assert_int_equal(store_collection_insert(f->s, &c, &cid, &e), ERR_OK);
    for (int i = 0; i < n; i++) {
        struct store_org o = {.name = (char *)"Entreprise",
                              .kind = STORE_ORG_COMPANY,
                              .address = (char *)"",
                              .pos = {47.29 + 0.004 * (i % 3), -1.48 + 0.005 * (i / 3)},
                              .headcount = -1};
        fixture_siret(5000000000000LL + i * 7 + cid * 100, o.siret);
        memcpy(o.naf, "18.12Z", 7);
        memcpy(o.commune_insee, "44026", 6);
        assert_int_equal(store_org_insert(f->s, &o, &orgs[i], &e), ERR_OK);
        struct store_collection_item it = {
            .collection_id = cid, .org_id = orgs[i], .quantity_kg = q};
        memcpy(it.low_code, "150101", 7);
        memcpy(it.frequency, "monthly", 8);
        assert_int_equal(store_collection_item_set(f->s, &it, NULL, &e), ERR_OK);
    }
    return cid;
}

static void test_rounds(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    struct ref_sites sites;
    fixture_open(&f);
    err_init(&e);
    assert_int_equal(ref_sites_parse("s.csv", sites_csv, strlen(sites_csv), &sites, &e), ERR_OK);
    int64_t orgs[8];
    int64_t cid = make_pool(&f, 8, 300, orgs);
    struct optim_rounds_params p;
    optim_rounds_params_init(&p);
    p.collection_id = cid;
    p.cvrp.iterations = 2000;
    struct optim_rounds out;
    assert_int_equal(optim_rounds_build(f.s, NULL, &sites, &p, &out, &e), ERR_OK);
    const struct store_round *r = &out.round;
    assert_int_equal(out.n_stops, 8);
    assert_true(r->n_routes >= 3); /* 2400 kg in 1000 kg trucks */
    assert_true(r->km > 0 && r->km < r->baseline_km);
    assert_true(r->co2e_kg > 0 && r->co2e_kg < r->baseline_co2e_kg);
    assert_true(fabs(r->co2e_kg - r->km * 0.62) < 0.01); /* default truck, 3.1 kg/L */
    assert_true(fabs(r->duration_min - (r->km * 1.5 + 8 * 10)) < 1e-6);
    /* each company drives to Tri Nord and back: 2 x distance x 1.3 */
    double want = 0;
    for (size_t i = 0; i < out.n_stops; i++) {
        assert_string_equal(out.stops[i].site_name, "Tri Nord");
        want += 2 * 1.3 * geo_haversine_km(out.stops[i].pos, (struct geo_point){47.30, -1.55});
    }
    assert_true(fabs(r->baseline_km - want) < 1e-6);
    assert_true(fabs(r->baseline_co2e_kg - want * 0.09 * 3.1) < 1e-6);
    /* capacity per route, and route km summing to the total */
    double km = 0;
    for (size_t from = 0; from < out.n_stops;) {
        size_t to = from;
        double load = 0;
        while (to < out.n_stops && out.stops[to].route_no == out.stops[from].route_no)
            load += out.stops[to++].demand_kg;
        assert_true(load <= 1000);
        km += optim_route_km(r, out.stops, from, to);
        from = to;
    }
    assert_true(fabs(km - r->km) < 0.01 * (double)r->n_routes);
    int64_t rid = 0;
    assert_int_equal(store_round_insert(f.s, r, out.stops, out.n_stops, &rid, &e), ERR_OK);
    optim_rounds_release(&out);

    /* a registered collector: its depot and vehicle are used */
    struct store_org o;
    assert_int_equal(store_org_get(f.s, f.org[3], &o, &e), ERR_OK);
    o.kind = STORE_ORG_SOCIAL_ECONOMY;
    assert_int_equal(store_org_update(f.s, &o, &e), ERR_OK);
    store_org_release(&o);
    struct optim_collector_input in = {.org_id = f.org[3],
                                       .depot = {47.28, -1.47},
                                       .capacity_kg = 2500,
                                       .cost_eur_per_km = 2,
                                       .co2e_kg_per_km = 1};
    int64_t col = 0, dep = 0, veh = 0;
    assert_int_equal(optim_collector_add(f.s, NULL, &in, &col, &dep, &veh, &e), ERR_OK);
    p.collector_id = col;
    assert_int_equal(optim_rounds_build(f.s, NULL, &sites, &p, &out, &e), ERR_OK);
    assert_int_equal(out.round.n_routes, 1);
    assert_int_equal(out.round.vehicle_id, veh);
    assert_true(fabs(out.round.co2e_kg - out.round.km) < 0.01);
    assert_true(fabs(out.round.cost_eur - 2 * out.round.km) < 1e-6);
    assert_true(out.round.depot.lat == 47.28);
    assert_string_equal(out.round.collector_name, "Atelier Solidaire");
    assert_int_equal(out.round.collector_org_id, f.org[3]);
    optim_rounds_release(&out);

    static const struct {
        const char *name;
        int64_t collector, vehicle, pool;
        double detour, cap;
        int want;
    } bad[] = {
        {"unknown pool", 0, 0, 999, 1.3, 0, ERR_NOT_FOUND},
        {"unknown collector", 999, 0, 0, 1.3, 0, ERR_NOT_FOUND},
        {"vehicle of nobody", -1, 999, 0, 1.3, 0, ERR_NOT_FOUND},
        {"detour below 1", 0, 0, 0, 0.9, 0, ERR_INPUT},
        {"vehicle too small for a stop", -1, -2, 0, 1.3, 200, ERR_INPUT},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        optim_rounds_params_init(&p);
        p.cvrp.iterations = 200;
        p.collection_id = bad[i].pool ? bad[i].pool : cid;
        p.collector_id = bad[i].collector < 0 ? col : bad[i].collector;
        p.vehicle_id = bad[i].vehicle;
        p.detour_factor = bad[i].detour;
        if (bad[i].cap > 0) {
            in.capacity_kg = bad[i].cap;
            assert_int_equal(optim_collector_add(f.s, NULL, &in, &col, &dep, &p.vehicle_id, &e),
                             ERR_OK);
        }
        int rc = optim_rounds_build(f.s, NULL, &sites, &p, &out, &e);
        if (rc != bad[i].want)
            fail_msg("%s: rc %d (%s)", bad[i].name, rc, e.msg);
        assert_int_equal(out.n_stops, 0);
    }
    /* a pool without members */
    struct store_collection c = {
        .name = (char *)"Vide", .depot = {47.29, -1.48}, .vehicle_capacity_kg = 100};
    memcpy(c.round_frequency, "weekly", 7);
    assert_int_equal(store_collection_insert(f.s, &c, &p.collection_id, &e), ERR_OK);
    p.collector_id = 0;
    p.vehicle_id = 0;
    p.detour_factor = 1.3;
    assert_int_equal(optim_rounds_build(f.s, NULL, &sites, &p, &out, &e), ERR_INPUT);
    ref_sites_release(&sites);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocate),
        cmocka_unit_test(test_sites),
        cmocka_unit_test(test_rounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
