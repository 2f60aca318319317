/* SPDX-License-Identifier: MIT */
/*
 * engine_match_test.c - unit tests of substitution matching (src/engine/
 * match*.c) and of the valorisation rules loader (src/ref/rules.c).
 * Table-driven: each case is a small territory (organisations and flows
 * placed in km from a base point) and what the engine must suggest.
 * A randomised case checks the pruned top k against every pair.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "ref/ref.h"

static const char test_rules[] =
    "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,purchase_eur_per_t,source,"
    "operation,frequency,min_temp_c\n"
    "T1,030105;150103,030105;150103,16.21,0,panneaux de particules,100,40,test,R3,usual,\n"
    "T2,chaleur,chaleur,35.30,0,récupération de chaleur,,,test,,usual,\n"
    "T3,070104,140603,20.14,1,régénération des solvants,,,test,R3,usual,\n"
    "T4,030105,,01.4,0,litière animale,,10,test,R3,usual,\n"
    "T5,chaleur,,10.51,0,procédés de laiterie,,,test,,usual,70\n";

static const char test_defaults[] =
    "code_prefix,disposal_eur_per_t,purchase_eur_per_t,treatment_factor,virgin_factor,label_fr,"
    "source\n"
    "*,100,20,400,0,générique,test\n"
    "15,50,30,100,200,emballages,test\n"
    "chaleur,0,60,0,200,chaleur,test\n";

#define BASE_LAT 47.0
#define BASE_LON -1.0
#define MAX_ORGS 8
#define MAX_FLOWS 8
#define MAX_WANT 4

struct t_org {
    const char *id;
    const char *naf;
    double km_n, km_e;
    const char *handles;
};

struct t_flow {
    int org;
    char dir; /* 'o' offer, 'n' need */
    enum engine_family family;
    const char *code;
    double qty;
    enum engine_dim dim;
    bool is_hazardous;
    double temp_c;
    unsigned months;
    double cost;
};

/* What one suggestion of the first offer must be (receiver id, kind). */
struct t_want {
    const char *receiver;
    enum engine_match_kind kind;
    enum engine_match_via via;
};

struct t_case {
    const char *name;
    struct t_org orgs[MAX_ORGS];
    struct t_flow flows[MAX_FLOWS];
    struct t_want want[MAX_WANT]; /* in rank order; receiver NULL ends */
};

#define NO_T NAN
#define NO_C NAN
#define MAT ENGINE_FAMILY_MATERIAL
#define HEAT ENGINE_FAMILY_HEAT
#define T ENGINE_DIM_MASS
#define MWH ENGINE_DIM_ENERGY
#define M3 ENGINE_DIM_VOLUME
#define DECL ENGINE_MATCH_DECLARED
#define POT ENGINE_MATCH_POTENTIAL
#define SAME ENGINE_VIA_SAME_CODE
#define RULE ENGINE_VIA_RULE
#define ACT ENGINE_VIA_ACTIVITY

static const struct t_case cases[] = {
    {"same code",
     {{"A", "", 0, 0, NULL}, {"B", "", 12, 0, NULL}},
     {{0, 'o', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {1, 'n', MAT, "150101", 60, T, false, NO_T, 0, NO_C}},
     {{"B", DECL, SAME}}},
    {"rule links two codes",
     {{"A", "", 0, 0, NULL}, {"B", "", 5, 0, NULL}},
     {{0, 'o', MAT, "030105", 40, T, false, NO_T, 0, NO_C},
      {1, 'n', MAT, "150103", 60, T, false, NO_T, 0, NO_C}},
     {{"B", DECL, RULE}}},
    {"no rule, no match",
     {{"A", "", 0, 0, NULL}, {"B", "", 5, 0, NULL}},
     {{0, 'o', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {1, 'n', MAT, "170405", 60, T, false, NO_T, 0, NO_C}},
     {{NULL, DECL, SAME}}},
    {"radius: 59 km in, 61 km out",
     {{"A", "", 0, 0, NULL}, {"B", "", 59, 0, NULL}, {"C", "", 0, 61, NULL}},
     {{0, 'o', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {1, 'n', MAT, "150101", 60, T, false, NO_T, 0, NO_C},
      {2, 'n', MAT, "150101", 60, T, false, NO_T, 0, NO_C}},
     {{"B", DECL, SAME}}},
    {"own need never matched",
     {{"A", "", 0, 0, NULL}},
     {{0, 'o', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {0, 'n', MAT, "150101", 60, T, false, NO_T, 0, NO_C}},
     {{NULL, DECL, SAME}}},
    {"heat: need at most T - 10",
     {{"A", "", 0, 0, NULL}, {"B", "", 1, 0, NULL}, {"C", "", 2, 0, NULL}, {"D", "", 3, 0, NULL}},
     {{0, 'o', HEAT, "chaleur", 500, MWH, false, 90, 0, NO_C},
      {1, 'n', HEAT, "chaleur", 100, MWH, false, 81, 0, NO_C},
      {2, 'n', HEAT, "chaleur", 100, MWH, false, 80, 0, NO_C},
      {3, 'n', HEAT, "chaleur", 100, MWH, false, 60, 0, NO_C}},
     {{"C", DECL, SAME}, {"D", DECL, SAME}}},
    {"heat radius 5 km",
     {{"A", "", 0, 0, NULL}, {"B", "", 4, 0, NULL}, {"C", "", 0, 6, NULL}},
     {{0, 'o', HEAT, "chaleur", 500, MWH, false, 90, 0, NO_C},
      {1, 'n', HEAT, "chaleur", 100, MWH, false, 60, 0, NO_C},
      {2, 'n', HEAT, "chaleur", 100, MWH, false, 60, 0, NO_C}},
     {{"B", DECL, SAME}}},
    {"hazardous: only to who handles it",
     {{"A", "", 0, 0, NULL}, {"B", "", 2, 0, NULL}, {"C", "", 3, 0, "0701;14"}},
     {{0, 'o', MAT, "070104", 10, T, true, NO_T, 0, NO_C},
      {1, 'n', MAT, "140603", 10, T, true, NO_T, 0, NO_C},
      {2, 'n', MAT, "140603", 10, T, true, NO_T, 0, NO_C}},
     {{"C", DECL, RULE}}},
    {"hazardous: a need of the same code declares it",
     {{"A", "", 0, 0, NULL}, {"B", "", 2, 0, NULL}},
     {{0, 'o', MAT, "070104", 10, T, true, NO_T, 0, NO_C},
      {1, 'n', MAT, "070104", 10, T, true, NO_T, 0, NO_C}},
     {{"B", DECL, SAME}}},
    {"availability must overlap",
     {{"A", "", 0, 0, NULL}, {"B", "", 2, 0, NULL}, {"C", "", 3, 0, NULL}},
     {{0, 'o', MAT, "150101", 40, T, false, NO_T, 0x007, NO_C},
      {1, 'n', MAT, "150101", 40, T, false, NO_T, 0x1C0, NO_C},
      {2, 'n', MAT, "150101", 40, T, false, NO_T, 0x00C, NO_C}},
     {{"C", DECL, SAME}}},
    {"units must be comparable",
     {{"A", "", 0, 0, NULL}, {"B", "", 2, 0, NULL}},
     {{0, 'o', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {1, 'n', MAT, "150101", 40, M3, false, NO_T, 0, NO_C}},
     {{NULL, DECL, SAME}}},
    {"quantity first, then distance",
     {{"A", "", 0, 0, NULL}, {"B", "", 10, 0, NULL}, {"C", "", 5, 0, NULL}, {"D", "", 1, 0, NULL}},
     {{0, 'o', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {1, 'n', MAT, "150101", 100, T, false, NO_T, 0, NO_C},
      {2, 'n', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {3, 'n', MAT, "150101", 5, T, false, NO_T, 0, NO_C}},
     {{"C", DECL, SAME}, {"B", DECL, SAME}, {"D", DECL, SAME}}},
    {"declared costs beat defaults",
     {{"A", "", 0, 0, NULL}, {"B", "", 2, 0, NULL}, {"C", "", 2, 0, NULL}},
     {{0, 'o', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {1, 'n', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {2, 'n', MAT, "150101", 40, T, false, NO_T, 0, 500}},
     {{"C", DECL, SAME}, {"B", DECL, SAME}}},
    {"potential receiver by activity",
     {{"A", "", 0, 0, NULL}, {"P", "16.21Z", 8, 0, NULL}, {"Q", "47.11F", 2, 0, NULL}},
     {{0, 'o', MAT, "030105", 40, T, false, NO_T, 0, NO_C}},
     {{"P", POT, ACT}}},
    {"declared need ranks above potential",
     {{"A", "", 0, 0, NULL}, {"P", "16.21Z", 2, 0, NULL}, {"B", "", 9, 0, NULL}},
     {{0, 'o', MAT, "030105", 40, T, false, NO_T, 0, NO_C},
      {2, 'n', MAT, "030105", 40, T, false, NO_T, 0, NO_C}},
     {{"B", DECL, SAME}, {"P", POT, ACT}}},
    {"an organisation with a matching need is not also potential",
     {{"A", "", 0, 0, NULL}, {"P", "16.21Z", 2, 0, NULL}},
     {{0, 'o', MAT, "030105", 40, T, false, NO_T, 0, NO_C},
      {1, 'n', MAT, "030105", 40, T, false, NO_T, 0, NO_C}},
     {{"P", DECL, SAME}}},
    {"potential: best of several rules, once",
     {{"A", "", 0, 0, NULL}, {"P", "01.41Z", 2, 0, NULL}, {"Q", "16.21Z", 3, 0, NULL}},
     {{0, 'o', MAT, "030105", 40, T, false, NO_T, 0, NO_C}},
     {{"Q", POT, ACT}, {"P", POT, ACT}}},
    {"hazardous potential needs a hazardous-capable rule",
     {{"A", "", 0, 0, NULL}, {"P", "20.14Z", 2, 0, NULL}},
     {{0, 'o', MAT, "070104", 10, T, true, NO_T, 0, NO_C}},
     {{"P", POT, ACT}}},
    {"no coordinates, no match",
     {{"A", "", NAN, 0, NULL}, {"B", "", 2, 0, NULL}},
     {{0, 'o', MAT, "150101", 40, T, false, NO_T, 0, NO_C},
      {1, 'n', MAT, "150101", 40, T, false, NO_T, 0, NO_C}},
     {{NULL, DECL, SAME}}},
    {"heat route: 60 °C is too cool for a route that needs 70 °C",
     {{"A", "", 0, 0, NULL}, {"B", "10.51A", 2, 0, NULL}},
     {{0, 'o', HEAT, "chaleur", 500, MWH, false, 60, 0, NO_C}},
     {{NULL, DECL, SAME}}},
    {"heat route: 90 °C reaches the dairy",
     {{"A", "", 0, 0, NULL}, {"B", "10.51A", 2, 0, NULL}},
     {{0, 'o', HEAT, "chaleur", 500, MWH, false, 90, 0, NO_C}},
     {{"B", POT, ACT}}},
};

static struct geo_point at_km(double km_n, double km_e)
{
    struct geo_point p;
    p.lat = BASE_LAT + km_n / 111.19508;
    p.lon = BASE_LON + km_e / (111.19508 * cos(BASE_LAT * M_PI / 180.0));
    return p;
}

struct t_world {
    struct engine_org orgs[MAX_ORGS];
    struct engine_flow flows[MAX_FLOWS];
    size_t n_orgs, n_flows;
};

static void world_build(const struct t_case *c, struct t_world *w)
{
    memset(w, 0, sizeof(*w));
    for (size_t i = 0; i < MAX_ORGS && c->orgs[i].id; i++) {
        struct engine_org *o = &w->orgs[w->n_orgs++];
        o->ext_id = c->orgs[i].id;
        snprintf(o->naf, sizeof(o->naf), "%s", c->orgs[i].naf);
        o->has_pos = !isnan(c->orgs[i].km_n);
        if (o->has_pos)
            o->pos = at_km(c->orgs[i].km_n, c->orgs[i].km_e);
        o->handles = c->orgs[i].handles;
    }
    for (size_t i = 0; i < MAX_FLOWS && c->flows[i].code; i++) {
        const struct t_flow *tf = &c->flows[i];
        struct engine_flow *f = &w->flows[w->n_flows++];
        f->id = (int64_t)i + 1;
        f->org = (size_t)tf->org;
        f->is_offer = tf->dir == 'o';
        f->family = tf->family;
        snprintf(f->code, sizeof(f->code), "%s", tf->code);
        f->qty_per_yr = tf->qty;
        f->dim = tf->dim;
        f->pos = w->orgs[tf->org].pos;
        f->has_pos = w->orgs[tf->org].has_pos;
        f->is_hazardous = tf->is_hazardous;
        f->temp_c = tf->temp_c;
        f->months = tf->months;
        f->cost_eur_per_unit = tf->cost;
    }
}

/* Collected suggestions of a run. */
struct t_got {
    struct engine_match ms[256];
    size_t n;
    char explain[256][512];
    const struct engine_matcher *m;
};

static int collect(void *arg, const struct engine_match *ms, size_t n, struct err *e)
{
    struct t_got *g = arg;
    (void)e;
    for (size_t i = 0; i < n && g->n < 256; i++) {
        engine_match_explain(g->m, &ms[i], g->explain[g->n], sizeof(g->explain[0]));
        g->ms[g->n++] = ms[i];
    }
    return ERR_OK;
}

static struct ref_rules *rules_load(void)
{
    struct ref_rules *rr = NULL;
    struct err e;
    err_init(&e);
    int rc = ref_rules_parse(&rr, NULL, NULL, 0, test_rules, strlen(test_rules), test_defaults,
                             strlen(test_defaults), &e);
    if (rc != ERR_OK)
        fail_msg("rules: %s", e.msg);
    return rr;
}

static void run_world(const struct t_world *w, const struct ref_rules *rr,
                      const struct engine_match_params *p, struct t_got *g)
{
    struct engine_matcher *m = NULL;
    struct err e;
    err_init(&e);
    memset(g, 0, sizeof(*g));
    if (engine_matcher_new(&m, w->flows, w->n_flows, w->orgs, w->n_orgs, rr, p, &e) != ERR_OK)
        fail_msg("matcher: %s", e.msg);
    g->m = m;
    if (engine_matcher_run(m, collect, g, &e) != ERR_OK)
        fail_msg("run: %s", e.msg);
    engine_matcher_free(m);
    g->m = NULL;
}

static void test_cases(void **state)
{
    (void)state;
    struct ref_rules *rr = rules_load();
    struct engine_match_params p;
    engine_match_params_init(&p);
    p.detour = 1.0;
    static struct t_world w;
    static struct t_got g;
    for (size_t ci = 0; ci < sizeof(cases) / sizeof(cases[0]); ci++) {
        const struct t_case *c = &cases[ci];
        world_build(c, &w);
        run_world(&w, rr, &p, &g);
        size_t n_want = 0;
        while (n_want < MAX_WANT && c->want[n_want].receiver)
            n_want++;
        if (g.n != n_want)
            fail_msg("case '%s': %zu suggestions, want %zu", c->name, g.n, n_want);
        for (size_t i = 0; i < n_want; i++) {
            const struct engine_match *s = &g.ms[i];
            const char *got = w.orgs[s->receiver].ext_id;
            if (strcmp(got, c->want[i].receiver) != 0 || s->kind != c->want[i].kind ||
                s->via != c->want[i].via || s->rank != i + 1 || s->offer != 0)
                fail_msg("case '%s': #%zu is %s kind %d via %d rank %u, want %s kind %d via %d",
                         c->name, i + 1, got, s->kind, s->via, s->rank, c->want[i].receiver,
                         c->want[i].kind, c->want[i].via);
        }
    }
    ref_rules_free(rr);
}

static void test_scores_and_explanation(void **state)
{
    (void)state;
    struct ref_rules *rr = rules_load();
    struct engine_match_params p;
    engine_match_params_init(&p);
    p.detour = 1.0;
    static struct t_world w;
    static struct t_got g;
    world_build(&cases[0], &w); /* 40 t of 15 01 01 to a need of 60 t at 12 km */
    run_world(&w, rr, &p, &g);
    assert_int_equal(g.n, 1);
    const struct engine_match *s = &g.ms[0];
    /* defaults of prefix 15: disposal 50 + purchase 30 per t; transport 0.12 EUR/t.km */
    double want_gain = 40 * (50 + 30) - 40 * 12 * p.transport_eur_per_t_km;
    double want_co2 = 40 * (100 + 200) / 1000.0 - 40 * 12 * p.freight_kg_per_t_km / 1000.0;
    assert_true(fabs(s->dist_km - 12.0) < 0.01);
    assert_true(fabs(s->qty - 40) < 1e-9);
    assert_true(fabs(s->gain_eur - want_gain) < 0.5);
    assert_true(fabs(s->co2e_t - want_co2) < 0.01);
    assert_true(s->has_default);
    assert_string_equal(g.explain[0],
                        "même code 15 01 01 — 12 km — 40 t/an sur 60 t/an demandées — gain "
                        "estimé 3 142 €/an, 12 t CO2e/an évitées (coûts par défaut, à confirmer)");

    /* the detour factor stretches the distance */
    p.detour = 1.3;
    run_world(&w, rr, &p, &g);
    assert_true(fabs(g.ms[0].dist_km - 15.6) < 0.01);

    /* a potential receiver says why its activity fits */
    p.detour = 1.0;
    world_build(&cases[13], &w);
    run_world(&w, rr, &p, &g);
    assert_int_equal(g.n, 1);
    assert_non_null(strstr(g.explain[0], "aucun besoin déclaré, mais l'activité 16.21Z"));
    assert_non_null(
        strstr(g.explain[0], "panneaux de particules — voie T1, R3, code propre, source : test"));
    assert_non_null(strstr(g.explain[0], "40 t/an proposées"));

    /* a rule match names the rule */
    world_build(&cases[1], &w);
    run_world(&w, rr, &p, &g);
    assert_non_null(strstr(g.explain[0], "valorisation 03 01 05 → 15 01 03 : panneaux de "
                                         "particules — voie T1, R3, code propre"));
    ref_rules_free(rr);
}

/* xorshift, so that the randomised case is the same on every run */
static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static double rng_unit(uint64_t *s)
{
    return (double)(rng_next(s) >> 11) / 9007199254740992.0;
}

static bool better(const struct engine_match *a, const struct engine_match *b)
{
    if (a->score != b->score)
        return a->score > b->score;
    if (a->kind != b->kind)
        return a->kind < b->kind;
    if (a->dist_km != b->dist_km)
        return a->dist_km < b->dist_km;
    if (a->receiver != b->receiver)
        return a->receiver < b->receiver;
    return a->need < b->need;
}

/* Per offer, the pruned top k must equal the best k of all pairs. */
struct t_all {
    struct engine_match *ms;
    size_t n, cap;
};

static int collect_all(void *arg, const struct engine_match *ms, size_t n, struct err *e)
{
    struct t_all *a = arg;
    (void)e;
    for (size_t i = 0; i < n; i++) {
        CORE_GROW(a->ms, a->cap, a->n + 1);
        a->ms[a->n++] = ms[i];
    }
    return ERR_OK;
}

static void test_topk_equals_brute_force(void **state)
{
    (void)state;
    static const char *codes[] = {"150101", "030105", "150103", "170405"};
    enum { N_ORGS = 300, N_FLOWS = 900, K = 4 };
    struct engine_org *orgs = xcalloc(N_ORGS, sizeof(*orgs));
    struct engine_flow *flows = xcalloc(N_FLOWS, sizeof(*flows));
    char ids[N_ORGS][8];
    uint64_t seed = 88172645463325252ULL;
    for (size_t i = 0; i < N_ORGS; i++) {
        snprintf(ids[i], sizeof(ids[i]), "o%zu", i);
        orgs[i].ext_id = ids[i];
        orgs[i].pos = at_km(rng_unit(&seed) * 150, rng_unit(&seed) * 150);
        orgs[i].has_pos = true;
    }
    for (size_t i = 0; i < N_FLOWS; i++) {
        struct engine_flow *f = &flows[i];
        f->id = (int64_t)i + 1;
        f->org = (size_t)(rng_next(&seed) % N_ORGS);
        f->is_offer = rng_unit(&seed) < 0.6;
        f->family = ENGINE_FAMILY_MATERIAL;
        snprintf(f->code, sizeof(f->code), "%s", codes[rng_next(&seed) % 4]);
        f->qty_per_yr = 1 + floor(rng_unit(&seed) * 8) * 20; /* ties on purpose */
        f->dim = ENGINE_DIM_MASS;
        f->pos = orgs[f->org].pos;
        f->has_pos = true;
        f->temp_c = NAN;
        f->cost_eur_per_unit = rng_unit(&seed) < 0.2 ? 10 + rng_unit(&seed) * 100 : NAN;
    }
    struct ref_rules *rr = rules_load();
    struct engine_match_params p;
    engine_match_params_init(&p);
    p.top_k = K;
    p.find_potential = false;
    struct err e;
    err_init(&e);
    struct t_all top = {0}, all = {0};
    struct engine_matcher *m = NULL;
    assert_int_equal(engine_matcher_new(&m, flows, N_FLOWS, orgs, N_ORGS, rr, &p, &e), ERR_OK);
    assert_int_equal(engine_matcher_run(m, collect_all, &top, &e), ERR_OK);
    /* determinism: a second run gives the same rows */
    struct t_all again = {0};
    assert_int_equal(engine_matcher_run(m, collect_all, &again, &e), ERR_OK);
    assert_int_equal(again.n, top.n);
    assert_memory_equal(again.ms, top.ms, top.n * sizeof(*top.ms));
    engine_matcher_free(m);
    p.all_pairs = true;
    assert_int_equal(engine_matcher_new(&m, flows, N_FLOWS, orgs, N_ORGS, rr, &p, &e), ERR_OK);
    assert_int_equal(engine_matcher_run(m, collect_all, &all, &e), ERR_OK);
    engine_matcher_free(m);
    assert_true(top.n > 100);
    size_t t = 0;
    for (size_t a = 0; a < all.n;) {
        size_t b = a;
        while (b < all.n && all.ms[b].offer == all.ms[a].offer)
            b++;
        /* selection of the best K with a positive score, by the engine's order */
        for (size_t r = 0; r < K; r++) {
            size_t best = SIZE_MAX;
            for (size_t i = a; i < b; i++) {
                if (all.ms[i].score > 0 && all.ms[i].rank == 0 &&
                    (best == SIZE_MAX || better(&all.ms[i], &all.ms[best])))
                    best = i;
            }
            if (best == SIZE_MAX)
                break;
            all.ms[best].rank = (unsigned)r + 1;
            if (t >= top.n || top.ms[t].offer != all.ms[best].offer ||
                top.ms[t].need != all.ms[best].need || top.ms[t].rank != r + 1)
                fail_msg("offer %zu rank %zu: pruned search differs from all pairs",
                         all.ms[best].offer, r + 1);
            t++;
        }
        a = b;
    }
    assert_int_equal(t, top.n);
    free(top.ms);
    free(again.ms);
    free(all.ms);
    free(orgs);
    free(flows);
    ref_rules_free(rr);
}

static void test_rules_loader(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *rules;
        int want;
    } cases_r[] = {
        {"ok",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,purchase_eur_per_t,"
         "source,operation,frequency,min_temp_c\nX,15,15,38.32,0,tri,,,s,R3,usual,\n",
         ERR_OK},
        {"unknown column",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,extra\n",
         ERR_INPUT},
        {"missing column", "id,outputs\n", ERR_INPUT},
        {"no output",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,,15,38.32,0,tri,,,s,R3,usual,"
         "\n",
         ERR_INPUT},
        {"bad code",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,1501x,15,38.32,0,tri,,,s,R3,"
         "usual,\n",
         ERR_INPUT},
        {"bad nace",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15,15,A,0,tri,,,s,R3,usual,"
         "\n",
         ERR_INPUT},
        {"no source",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15,15,38.32,0,tri,,,,R3,"
         "usual,\n",
         ERR_INPUT},
        {"factor key without ref",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,"
         "virgin_factor,purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15,15,38.32,0,"
         "tri,material_steel_virgin,,s,R3,usual,\n",
         ERR_INPUT},
        {"duplicate id",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15,15,38.32,0,tri,,,s,R3,"
         "usual,\nX,15,15,38.32,0,"
         "tri,,,s,R3,usual,\n",
         ERR_INPUT},
        {"operation R14",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15,15,38.32,0,tri,,,s,"
         "R14,usual,\n",
         ERR_INPUT},
        {"operation R0",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15,15,38.32,0,tri,,,s,"
         "R0,usual,\n",
         ERR_INPUT},
        {"no operation for a waste",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15,15,38.32,0,tri,,,s,"
         ",usual,\n",
         ERR_INPUT},
        {"operation for heat",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,heat,,35.30,0,tri,,,s,"
         "R1,usual,\n",
         ERR_INPUT},
        {"bad frequency",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15,15,38.32,0,tri,,,s,"
         "R3,often,\n",
         ERR_INPUT},
        {"family without families",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,fam:wood,,16.21,0,tri,,,s,"
         "R3,usual,\n",
         ERR_INPUT},
        {"bad temperature",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,heat,,35.30,0,tri,,,s,"
         ",usual,chaud\n",
         ERR_INPUT},
        {"invalid UTF-8 in a code",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15\xff,15,38.32,0,tri,,,s,"
         "R3,usual,\n",
         ERR_INPUT},
        {"invalid UTF-8 in the header",
         "id\xff,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\n",
         ERR_INPUT},
        {"negative price",
         "id,outputs,inputs,receivers,hazardous_ok,use_fr,virgin_factor,"
         "purchase_eur_per_t,source,operation,frequency,min_temp_c\nX,15,15,38.32,0,tri,,-3,s,R3,"
         "usual,\n",
         ERR_INPUT},
    };
    for (size_t i = 0; i < sizeof(cases_r) / sizeof(cases_r[0]); i++) {
        struct ref_rules *rr = NULL;
        struct err e;
        err_init(&e);
        int rc = ref_rules_parse(&rr, NULL, NULL, 0, cases_r[i].rules, strlen(cases_r[i].rules),
                                 test_defaults, strlen(test_defaults), &e);
        if (rc != cases_r[i].want)
            fail_msg("case %s: rc %d (%s)", cases_r[i].name, rc, e.msg);
        if (rc != ERR_OK && !strstr(e.msg, "valorisation_rules.csv:"))
            fail_msg("case %s: message without file and line: %s", cases_r[i].name, e.msg);
        if (!utf8_valid(e.msg, strlen(e.msg)))
            fail_msg("case %s: message is not UTF-8", cases_r[i].name);
        ref_rules_free(rr);
    }
    /* longest prefix wins, "*" otherwise */
    struct ref_rules *rr = rules_load();
    assert_string_equal(ref_rules_econ(rr, "150101")->prefix, "15");
    assert_string_equal(ref_rules_econ(rr, "170405")->prefix, "*");
    assert_true(ref_code_under("38.21Z", "38.2"));
    assert_false(ref_code_under("38.21Z", "38.3"));
    assert_true(ref_code_under("chaleur", "chaleur"));
    assert_false(ref_code_under("chaleur_basse", "chaleur"));
    ref_rules_free(rr);
}

/* The shipped rules: loaded against the real reference data, at least 80. */
static void test_shipped_rules(void **state)
{
    (void)state;
    struct ref *r = NULL;
    struct ref_rules *rr = NULL;
    struct err e;
    err_init(&e);
    if (ref_load(&r, NULL, &e) != ERR_OK || ref_rules_load(&rr, r, NULL, &e) != ERR_OK)
        fail_msg("load: %s", e.msg);
    assert_true(ref_rules_count(rr) >= 400);
    for (size_t i = 0; i < ref_rules_count(rr); i++)
        assert_true(strlen(ref_rules_at(rr, i)->source) > 10);
    /* every entry of the List of Waste has a family and at least one route */
    size_t n_entries = 0;
    for (size_t i = 0; i < ref_low_count(r); i++) {
        const struct ref_low *low = ref_low_at(r, i);
        if (low->level != 3)
            continue;
        n_entries++;
        if (!ref_rules_family(rr, low->code))
            fail_msg("%s: no family", low->code);
        size_t k = 0;
        while (k < ref_rules_count(rr) &&
               ref_rule_level(rr, ref_rules_at(rr, k), low->code) == REF_LEVEL_NONE)
            k++;
        if (k == ref_rules_count(rr))
            fail_msg("%s: no route", low->code);
        if (ref_rules_at(rr, k)->operation[0] != 'R')
            fail_msg("%s: route %s without operation", low->code, ref_rules_at(rr, k)->id);
    }
    assert_true(n_entries > 800);
    ref_rules_free(rr);
    ref_free(r);
}

static void test_route_helpers(void **state)
{
    (void)state;
    static const struct {
        const char *source, *id;
        bool want;
    } cites[] = {
        {"BREF; ISDATA (rows ISD-1052.1)", "ISD-1052.1", true},
        {"BREF; ISDATA (rows ISD-1052.12)", "ISD-1052.1", false},
        {"ISD-1052.1. Other", "ISD-1052.1", true},
        {"KAL-01;KAL-02", "KAL-02", true},
        {"XKAL-02", "KAL-02", false},
        {"KAL-02", "", false},
        {"no case", "KAL-02", false},
    };
    for (size_t i = 0; i < sizeof(cites) / sizeof(cites[0]); i++) {
        struct ref_rule rule;
        memset(&rule, 0, sizeof(rule));
        rule.source = cites[i].source;
        if (ref_rule_cites(&rule, cites[i].id) != cites[i].want)
            fail_msg("cites '%s' in '%s': expected %d", cites[i].id, cites[i].source,
                     cites[i].want);
    }

    struct ref *r = NULL;
    struct ref_rules *rr = NULL;
    struct err e;
    err_init(&e);
    if (ref_load(&r, NULL, &e) != ERR_OK || ref_rules_load(&rr, r, NULL, &e) != ERR_OK)
        fail_msg("load: %s", e.msg);
    assert_string_equal(ref_rules_family(rr, "170405"), "ferrous");
    assert_string_equal(ref_rules_family(rr, "030105"), "wood");
    assert_null(ref_rules_family(rr, "0301"));
    /* a local file is all or nothing */
    size_t n = ref_rules_count(rr);
    static const char head[] = "id,outputs,inputs,receivers,operation,hazardous_ok,frequency,"
                               "min_temp_c,use_fr,virgin_factor,purchase_eur_per_t,source\n";
    char bad[512], good[512];
    snprintf(bad, sizeof(bad),
             "%sL1,fam:glass,,96.09,R5,0,usual,,ok,,,s\nL2,101112,,96.09,R5,0,"
             "usual,,x,,,\n",
             head);
    assert_int_equal(ref_rules_add_csv(rr, r, "local.csv", bad, strlen(bad), &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "local.csv:3: source: required"));
    assert_int_equal(ref_rules_count(rr), n);
    snprintf(good, sizeof(good), "%sL1,fam:glass,,96.09,R5,0,usual,,atelier verre,,,s1\n", head);
    assert_int_equal(ref_rules_add_csv(rr, r, "local.csv", good, strlen(good), &e), ERR_OK);
    assert_int_equal(ref_rules_count(rr), n + 1);
    assert_true(ref_rules_at(rr, n)->is_local);

    /* only the family route reaches 96.09: used, and said to be generic */
    struct t_world w;
    memset(&w, 0, sizeof(w));
    static const char *const nafs[] = {"", "96.09Z"};
    for (size_t i = 0; i < 2; i++) {
        w.orgs[i].ext_id = i == 0 ? "A" : "B";
        snprintf(w.orgs[i].naf, sizeof(w.orgs[i].naf), "%s", nafs[i]);
        w.orgs[i].pos = at_km((double)i * 3, 0);
        w.orgs[i].has_pos = true;
    }
    w.n_orgs = 2;
    struct engine_flow *f = &w.flows[0];
    f->id = 1;
    f->is_offer = true;
    snprintf(f->code, sizeof(f->code), "101112");
    f->qty_per_yr = 10;
    f->pos = w.orgs[0].pos;
    f->has_pos = true;
    f->temp_c = NAN;
    f->cost_eur_per_unit = NAN;
    w.n_flows = 1;
    struct engine_match_params p;
    engine_match_params_init(&p);
    static struct t_got g;
    run_world(&w, rr, &p, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.ms[0].level, REF_LEVEL_FAMILY);
    assert_non_null(
        strstr(g.explain[0], "voie générique : atelier verre — voie L1, R5, voie locale"));
    /* a specific route to the same activity wins, even a rare one */
    snprintf(good, sizeof(good), "%sL2,101112,,96.09,R5,0,rare,,verre en atelier,,,s2\n", head);
    assert_int_equal(ref_rules_add_csv(rr, r, "local.csv", good, strlen(good), &e), ERR_OK);
    run_world(&w, rr, &p, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.ms[0].level, REF_LEVEL_ENTRY);
    assert_non_null(strstr(g.explain[0], "verre en atelier — voie L2, R5, code propre"));
    /* leave-one-out: a route citing the case is not used */
    p.exclude_case = "s2";
    run_world(&w, rr, &p, &g);
    assert_int_equal(g.ms[0].level, REF_LEVEL_FAMILY);
    ref_rules_free(rr);
    ref_free(r);
}

static void test_flowset_parse(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *csv;
        int want;
        size_t n_flows, n_orgs, n_warn;
        const char *msg; /* part of the first error */
    } cases_p[] = {
        {"ok",
         "establishment_id,lat,lon,direction,code,quantity_t_per_year\n1,47.2,-1.5,offer,150101,"
         "12.5\n1,47.2,-1.5,need,17 04 05,3\n2,47.3,-1.6,need,150101,4\n",
         ERR_OK, 3, 2, 0, NULL},
        {"columns in any order",
         "code,direction,quantity_t_per_year,establishment_id,lon,lat\n150101,offer,1,9,-1.5,47\n",
         ERR_OK, 1, 1, 0, NULL},
        {"no coordinates is reported, kept",
         "establishment_id,lat,lon,direction,code,quantity_t_per_year\n1,,,offer,150101,1\n",
         ERR_OK, 1, 1, 1, NULL},
        {"one coordinate",
         "establishment_id,lat,lon,direction,code,quantity_t_per_year\n1,47,,offer,150101,1\n",
         ERR_INPUT, 0, 0, 0, "t.csv:2: lon:"},
        {"bad direction",
         "establishment_id,lat,lon,direction,code,quantity_t_per_year\n1,47,-1,give,150101,1\n",
         ERR_INPUT, 0, 0, 0, "t.csv:2: direction:"},
        {"unknown code",
         "establishment_id,lat,lon,direction,code,quantity_t_per_year\n1,47,-1,offer,150199,1\n",
         ERR_INPUT, 0, 0, 0, "t.csv:2: code:"},
        {"zero quantity",
         "establishment_id,lat,lon,direction,code,quantity_t_per_year\n1,47,-1,offer,150101,0\n",
         ERR_INPUT, 0, 0, 0, "t.csv:2: quantity_t_per_year:"},
        {"latitude out of range",
         "establishment_id,lat,lon,direction,code,quantity_t_per_year\n1,97,-1,offer,150101,1\n",
         ERR_INPUT, 0, 0, 0, "t.csv:2: lat:"},
        {"unknown column", "establishment_id,lat,lon,direction,code,qty\n", ERR_INPUT, 0, 0, 0,
         "t.csv:1: header: unknown column 'qty'"},
        {"short row", "establishment_id,lat,lon,direction,code,quantity_t_per_year\n1,47,-1\n",
         ERR_INPUT, 0, 0, 0, "t.csv:2: expected 6 fields"},
        {"empty", "", ERR_INPUT, 0, 0, 0, "t.csv:1:"},
        {"error on line 3 after a good row",
         "establishment_id,lat,lon,direction,code,quantity_t_per_year\n1,47,-1,offer,150101,1\n2,"
         "x,-1,offer,150101,1\n",
         ERR_INPUT, 0, 0, 0, "t.csv:3: lat:"},
    };
    struct ref *r = NULL;
    struct err e;
    err_init(&e);
    assert_int_equal(ref_load(&r, NULL, &e), ERR_OK);
    for (size_t i = 0; i < sizeof(cases_p) / sizeof(cases_p[0]); i++) {
        struct engine_flowset fs;
        struct err_list errs;
        err_list_init(&errs, 10);
        err_init(&e);
        int rc = engine_flowset_parse(&fs, r, "t.csv", cases_p[i].csv, strlen(cases_p[i].csv),
                                      &errs, &e);
        if (rc != cases_p[i].want || fs.n_flows != cases_p[i].n_flows ||
            fs.n_orgs != cases_p[i].n_orgs || fs.warnings.n != cases_p[i].n_warn)
            fail_msg("case %s: rc %d flows %zu orgs %zu warnings %zu", cases_p[i].name, rc,
                     fs.n_flows, fs.n_orgs, fs.warnings.n);
        if (cases_p[i].msg && (errs.n == 0 || !strstr(errs.lines[0], cases_p[i].msg)))
            fail_msg("case %s: message '%s'", cases_p[i].name, errs.n ? errs.lines[0] : "");
        engine_flowset_release(&fs);
        err_list_release(&errs);
    }
    ref_free(r);
}

static void test_numfmt(void **state)
{
    (void)state;
    static const struct {
        double x;
        int dec;
        char sep;
        bool grouped;
        const char *want;
    } cases_n[] = {
        {3142.4, 0, ',', true, "3 142"},
        {12.345, 2, '.', false, "12.35"},
        {0.05, 2, '.', false, "0.05"},
        {-1234567.891, 1, ',', true, "-1 234 567,9"},
        {0, 0, '.', false, "0"},
        {-0.001, 2, '.', false, "0.00"},
        {999.996, 2, '.', false, "1000.00"},
        {7.09, 2, ',', false, "7,09"},
        {12.34567, 4, '.', false, "12.3457"},
        {0.00004, 4, '.', false, "0.0000"},
        {-5.0625, 3, '.', false, "-5.063"},
        {123456.7891, 6, '.', false, "123456.789100"},
    };
    for (size_t i = 0; i < sizeof(cases_n) / sizeof(cases_n[0]); i++) {
        char buf[48];
        numfmt_fixed(buf, sizeof(buf), cases_n[i].x, cases_n[i].dec, cases_n[i].sep,
                     cases_n[i].grouped);
        if (strcmp(buf, cases_n[i].want) != 0)
            fail_msg("case %g: got '%s' want '%s'", cases_n[i].x, buf, cases_n[i].want);
    }
}

/* Pools: by territory, else by radius; at least two organisations. */
static void test_pools(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int64_t territory[3]; /* of orgs 0..2 */
        double km_e[3];       /* positions east of the base */
        double qty[3];        /* offers of 15 01 01, t/yr */
        size_t want_pools;
        size_t want_members; /* of the first pool */
    } cases_p[] = {
        {"near, no territory", {0, 0, 0}, {0, 5, 10}, {2, 3, 4}, 1, 3},
        {"one too far", {0, 0, 0}, {0, 5, 40}, {2, 3, 4}, 1, 2},
        {"same territory, far apart", {7, 7, 7}, {0, 50, 100}, {2, 3, 4}, 1, 3},
        {"two territories", {7, 8, 8}, {0, 1, 2}, {2, 3, 4}, 1, 2},
        {"big offers are not pooled", {0, 0, 0}, {0, 1, 2}, {20, 30, 4}, 0, 0},
        {"alone is no pool", {0, 0, 0}, {0, 50, 100}, {2, 3, 4}, 0, 0},
    };
    struct ref_rules *rr = rules_load();
    struct engine_pool_params p;
    engine_pool_params_init(&p);
    for (size_t c = 0; c < sizeof(cases_p) / sizeof(cases_p[0]); c++) {
        struct engine_org orgs[3];
        struct engine_flow flows[3];
        memset(orgs, 0, sizeof(orgs));
        memset(flows, 0, sizeof(flows));
        for (size_t i = 0; i < 3; i++) {
            orgs[i].ext_id = "o";
            orgs[i].pos = at_km(0, cases_p[c].km_e[i]);
            orgs[i].has_pos = true;
            orgs[i].territory = cases_p[c].territory[i];
            flows[i].org = i;
            flows[i].is_offer = true;
            flows[i].family = ENGINE_FAMILY_MATERIAL;
            snprintf(flows[i].code, sizeof(flows[i].code), "150101");
            flows[i].qty_per_yr = cases_p[c].qty[i];
            flows[i].dim = ENGINE_DIM_MASS;
            flows[i].pos = orgs[i].pos;
            flows[i].has_pos = true;
            flows[i].temp_c = NAN;
            flows[i].cost_eur_per_unit = NAN;
        }
        struct engine_pool *pools = NULL;
        size_t n = 0;
        struct err e;
        err_init(&e);
        assert_int_equal(engine_pools_find(flows, 3, orgs, 3, rr, &p, &pools, &n, &e), ERR_OK);
        if (n != cases_p[c].want_pools || (n > 0 && pools[0].n_orgs != cases_p[c].want_members))
            fail_msg("case %s: %zu pools, first with %zu members", cases_p[c].name, n,
                     n ? pools[0].n_orgs : 0);
        if (n > 0) {
            /* defaults of prefix 15: disposal 50 EUR/t, 30 % saved */
            double want = 0;
            for (size_t i = 0; i < pools[0].n_flows; i++)
                want += 0.3 * 50 * flows[pools[0].flows[i]].qty_per_yr;
            assert_true(fabs(pools[0].gain_eur - want) < 1e-6);
        }
        engine_pools_free(pools, n);
    }
    ref_rules_free(rr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_scores_and_explanation),
        cmocka_unit_test(test_topk_equals_brute_force),
        cmocka_unit_test(test_rules_loader),
        cmocka_unit_test(test_shipped_rules),
        cmocka_unit_test(test_route_helpers),
        cmocka_unit_test(test_flowset_parse),
        cmocka_unit_test(test_numfmt),
        cmocka_unit_test(test_pools),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
