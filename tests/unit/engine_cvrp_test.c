/* SPDX-License-Identifier: MIT */
/*
 * engine_cvrp_test.c - unit tests of the collection rounds (CVRP): the
 * TSPLIB reader on good and malformed files, the constructors, the
 * checker on broken solutions, and the solver against brute-force optima
 * and a CVRPLIB instance, with determinism for a seed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "engine/engine.h"

/* A valid 5-node file; the malformed cases below are edits of it. */
#define HEAD                                                                                       \
    "NAME : tiny\n"                                                                                \
    "COMMENT : five nodes\n"                                                                       \
    "TYPE : CVRP\n"                                                                                \
    "DIMENSION : 5\n"                                                                              \
    "EDGE_WEIGHT_TYPE : EUC_2D\n"                                                                  \
    "CAPACITY : 10\n"
#define COORDS                                                                                     \
    "NODE_COORD_SECTION\n"                                                                         \
    "1 0 0\n"                                                                                      \
    "2 3 4\n"                                                                                      \
    "3 -3 4\n"                                                                                     \
    "4 0 -5\n"                                                                                     \
    "5 1 1\n"
#define DEMANDS                                                                                    \
    "DEMAND_SECTION\n"                                                                             \
    "1 0\n"                                                                                        \
    "2 4\n"                                                                                        \
    "3 5\n"                                                                                        \
    "4 6\n"                                                                                        \
    "5 3\n"
#define DEPOT                                                                                      \
    "DEPOT_SECTION\n"                                                                              \
    " 1\n"                                                                                         \
    " -1\n"                                                                                        \
    "EOF\n"

static void test_parse_valid(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *text;
    } cases[] = {
        {"plain", HEAD COORDS DEMANDS DEPOT},
        {"crlf and blanks",
         "NAME: tiny\r\nTYPE :CVRP\r\n\r\nDIMENSION:5\r\nEDGE_WEIGHT_TYPE : EUC_2D\r\nCAPACITY : "
         "10\r\nNODE_COORD_SECTION\r\n 1 0 0\r\n2\t3\t4\r\n3 -3 4\r\n4 0 -5\r\n5 1.0 1\r\n"
         "DEMAND_SECTION\r\n1 0\r\n2 4\r\n3 5\r\n4 6\r\n5 3\r\nDEPOT_SECTION\r\n1\r\n-1\r\n"},
        {"sections in another order, no EOF", HEAD DEMANDS "DEPOT_SECTION\n1\n-1\n" COORDS},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cvrp *p = NULL;
        struct err e;
        err_init(&e);
        int rc = cvrp_parse_tsplib("t.vrp", cases[i].text, strlen(cases[i].text), &p, &e);
        if (rc != ERR_OK)
            fail_msg("case %s: %s", cases[i].name, e.msg);
        assert_string_equal(p->name, "tiny");
        assert_int_equal(p->n_nodes, 5);
        assert_int_equal(p->capacity, 10);
        assert_int_equal(p->demand[3], 6);
        assert_int_equal(cvrp_dist(p, 0, 1), 5);
        assert_int_equal(cvrp_dist(p, 1, 2), 6);
        assert_int_equal(cvrp_dist(p, 0, 4), 1); /* nint(1.414) */
        assert_int_equal(cvrp_dist(p, 2, 3), 9); /* nint(9.487) */
        cvrp_free(p);
    }
}

static void test_parse_malformed(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *text;
        const char *want; /* substring of the message, "FILE:LINE: reason" */
    } cases[] = {
        {"empty", "", "t.vrp:0: DIMENSION manquant"},
        {"missing demand section", HEAD COORDS DEPOT, "t.vrp:16: DEMAND_SECTION manquant"},
        {"missing coords", HEAD DEMANDS DEPOT, "NODE_COORD_SECTION manquant"},
        {"missing depot", HEAD COORDS DEMANDS "EOF\n", "t.vrp:19: DEPOT_SECTION manquant"},
        {"missing capacity",
         "TYPE : CVRP\nDIMENSION : 5\nEDGE_WEIGHT_TYPE : EUC_2D\n" COORDS DEMANDS DEPOT,
         "CAPACITY manquant"},
        {"missing type",
         "DIMENSION : 5\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n" COORDS DEMANDS DEPOT,
         "TYPE manquant"},
        {"demand over capacity", HEAD COORDS "DEMAND_SECTION\n1 0\n2 4\n3 11\n4 6\n5 3\n" DEPOT,
         "t.vrp:16: DEMAND_SECTION : nœud 3 : demande 11 au-delà de la capacité 10"},
        {"capacity after demands",
         "TYPE : CVRP\nDIMENSION : 5\nEDGE_WEIGHT_TYPE : EUC_2D\n" COORDS
         "DEMAND_SECTION\n1 0\n2 40\n3 5\n4 6\n5 3\nCAPACITY : 10\n" DEPOT,
         "t.vrp:12: DEMAND_SECTION : nœud 2 : demande 40 au-delà de la capacité 10"},
        {"bad coordinate", HEAD "NODE_COORD_SECTION\n1 0 0\n2 3 x4\n", "t.vrp:9: "},
        {"bad demand", HEAD COORDS "DEMAND_SECTION\n1 0\n2 4.5\n",
         "t.vrp:15: DEMAND_SECTION : entier invalide « 4.5 »"},
        {"demande négative", HEAD COORDS "DEMAND_SECTION\n1 0\n2 -4\n", "demande négative"},
        {"too few nodes", HEAD "NODE_COORD_SECTION\n1 0 0\n2 3 4\n" DEMANDS DEPOT,
         "t.vrp:10: NODE_COORD_SECTION : 2 nœuds donnés sur 5"},
        {"node out of range", HEAD "NODE_COORD_SECTION\n1 0 0\n6 3 4\n",
         "t.vrp:9: NODE_COORD_SECTION : nœud 6 hors de 1..5"},
        {"duplicate node", HEAD "NODE_COORD_SECTION\n1 0 0\n1 3 4\n", "nœud 1 donné deux fois"},
        {"wrong dimension (extra node)", HEAD COORDS "6 7 7\n" DEMANDS DEPOT,
         "t.vrp:13: données hors d'une section"},
        {"dimension not a number", "TYPE : CVRP\nDIMENSION : five\n",
         "t.vrp:2: DIMENSION : entier invalide « five »"},
        {"dimension too small", "TYPE : CVRP\nDIMENSION : 1\n", "DIMENSION : 1 hors de"},
        {"dimension too large", "TYPE : CVRP\nDIMENSION : 99999999\n", "hors de 2..2000"},
        {"unsupported edge weight type", "TYPE : CVRP\nDIMENSION : 5\nEDGE_WEIGHT_TYPE : GEO\n",
         "t.vrp:3: EDGE_WEIGHT_TYPE : type « GEO » non pris en charge, EUC_2D ou EXACT_2D attendu"},
        {"unsupported type", "TYPE : TSP\n", "t.vrp:1: TYPE : type « TSP » non pris en charge"},
        {"unknown keyword", "TYPE : CVRP\nTIME_WINDOW_SECTION : 3\n",
         "t.vrp:2: mot-clé inconnu « TIME_WINDOW_SECTION »"},
        {"vehicles not a number", "TYPE : CVRP\nVEHICLES : trois\n",
         "t.vrp:2: VEHICLES : entier invalide « trois »"},
        {"vehicles zero", "TYPE : CVRP\nVEHICLES : 0\n", "t.vrp:2: VEHICLES : 0 hors de 1..2000"},
        {"vehicles real", "TYPE : CVRP\nVEHICLES : 2.5\n", "t.vrp:2: VEHICLES : entier invalide"},
        {"vehicles twice", "VEHICLES : 3\nVEHICLES : 3\n", "t.vrp:2: VEHICLES donné deux fois"},
        {"vehicles missing value", "VEHICLES :\n", "t.vrp:1: VEHICLES : valeur manquante"},
        {"distance not a number", "TYPE : CVRP\nDISTANCE : loin\n",
         "t.vrp:2: DISTANCE : nombre invalide « loin »"},
        {"distance zero", "DISTANCE : 0\n", "t.vrp:1: DISTANCE : 0 hors de ]0, 1e+09]"},
        {"distance negative", "DISTANCE : -5\n", "t.vrp:1: DISTANCE : -5 hors de"},
        {"distance huge", "DISTANCE : 1e300\n", "t.vrp:1: DISTANCE : 1e300 hors de"},
        {"distance nan", "DISTANCE : nan\n", "t.vrp:1: DISTANCE : "},
        {"distance twice", "DISTANCE : 5\nDISTANCE : 5\n", "t.vrp:2: DISTANCE donné deux fois"},
        {"distance missing value", "DISTANCE\n", "t.vrp:1: DISTANCE : valeur manquante"},
        {"service time not a number", "SERVICE_TIME : 10 min\n",
         "t.vrp:1: SERVICE_TIME : nombre invalide « 10 min »"},
        {"service time negative", "SERVICE_TIME : -1\n", "t.vrp:1: SERVICE_TIME : -1 hors de [0"},
        {"service time twice", "SERVICE_TIME : 1\nSERVICE_TIME : 1\n",
         "t.vrp:2: SERVICE_TIME donné deux fois"},
        {"service time missing value", "SERVICE_TIME :\n",
         "t.vrp:1: SERVICE_TIME : valeur manquante"},
        {"exact type twice", "EDGE_WEIGHT_TYPE : EXACT_2D\nEDGE_WEIGHT_TYPE : EXACT_2D\n",
         "t.vrp:2: EDGE_WEIGHT_TYPE donné deux fois"},
        {"coords before dimension", "TYPE : CVRP\nNODE_COORD_SECTION\n1 0 0\n",
         "t.vrp:2: NODE_COORD_SECTION : DIMENSION doit venir avant"},
        {"depot not node 1", HEAD COORDS DEMANDS "DEPOT_SECTION\n2\n-1\n",
         "DEPOT_SECTION : dépôt 2 : seul le nœud 1 peut être le dépôt"},
        {"depot without terminator", HEAD COORDS DEMANDS "DEPOT_SECTION\n1\nEOF\n",
         "t.vrp:21: DEPOT_SECTION : -1 final manquant"},
        {"two depots", HEAD COORDS DEMANDS "DEPOT_SECTION\n1\n2\n-1\n", "un seul dépôt"},
        {"depot demand", HEAD COORDS "DEMAND_SECTION\n1 2\n2 4\n3 5\n4 6\n5 3\n" DEPOT,
         "t.vrp:14: DEMAND_SECTION : la demande du dépôt doit être 0"},
        {"zero capacity", "TYPE : CVRP\nCAPACITY : 0\n", "t.vrp:2: CAPACITY : 0 hors limites"},
        {"capacity missing value", "TYPE : CVRP\nCAPACITY :\n",
         "t.vrp:2: CAPACITY : valeur manquante"},
        {"duplicate dimension", "DIMENSION : 5\nDIMENSION : 5\n",
         "t.vrp:2: DIMENSION donné deux fois"},
        {"coordinate too large", HEAD "NODE_COORD_SECTION\n1 0 1e300\n", "coordonnée hors limites"},
        {"coordinate line short", HEAD "NODE_COORD_SECTION\n1 0\n",
         "t.vrp:8: NODE_COORD_SECTION : « nœud x y » attendu"},
        {"nul byte", HEAD "NODE_COORD_SECTION\n1 0 \0\n", "t.vrp:8: "},
    };
    int n_bad = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cvrp *p = NULL;
        struct err e;
        err_init(&e);
        size_t len = strlen(cases[i].text);
        if (strcmp(cases[i].name, "nul byte") == 0)
            len += 3; /* the text goes on after the NUL */
        int rc = cvrp_parse_tsplib("t.vrp", cases[i].text, len, &p, &e);
        if (rc != ERR_INPUT || p != NULL || !strstr(e.msg, cases[i].want)) {
            print_error("case %s: rc %d, message '%s' lacks '%s'\n", cases[i].name, rc, e.msg,
                        cases[i].want);
            n_bad++;
        }
        cvrp_free(p);
    }
    assert_int_equal(n_bad, 0);
}

static void test_constructors(void **state)
{
    (void)state;
    static const int64_t sym[9] = {0, 2, 3, 2, 0, 4, 3, 4, 0};
    static const int64_t asym[9] = {0, 2, 3, 1, 0, 4, 3, 4, 0};
    static const int64_t neg[9] = {0, -2, 3, -2, 0, 4, 3, 4, 0};
    static const int64_t dem[3] = {0, 5, 6};
    static const int64_t dem_bad[3] = {0, 5, 60};
    static const int64_t dem_depot[3] = {1, 5, 6};
    static const struct {
        const char *name;
        const int64_t *dist, *demand;
        int64_t capacity;
        int want;
    } cases[] = {
        {"ok", sym, dem, 10, ERR_OK},
        {"asymmetric", asym, dem, 10, ERR_INPUT},
        {"negative", neg, dem, 10, ERR_INPUT},
        {"over capacity", sym, dem_bad, 10, ERR_INPUT},
        {"depot demand", sym, dem_depot, 10, ERR_INPUT},
        {"zero capacity", sym, dem, 0, ERR_INPUT},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cvrp *p = NULL;
        struct err e;
        err_init(&e);
        int rc = cvrp_new_matrix(3, cases[i].dist, cases[i].demand, cases[i].capacity, &p, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: rc %d (%s)", cases[i].name, rc, e.msg);
        cvrp_free(p);
    }

    /* WGS84 points: a depot at Nantes and two customers; km and CO2e. */
    struct geo_point pts[3] = {{47.2184, -1.5536}, {47.4784, -0.5632}, {47.2734, -2.2138}};
    struct cvrp *p = NULL;
    struct err e;
    err_init(&e);
    assert_int_equal(cvrp_new_geo(3, pts, 0.5, dem, 10, &p, &e), ERR_INPUT);
    struct geo_point bad[3] = {{95.0, 0}, {47, 0}, {47, 1}};
    assert_int_equal(cvrp_new_geo(3, bad, 1.3, dem, 10, &p, &e), ERR_INPUT);
    assert_int_equal(cvrp_new_geo(3, pts, 1.3, dem, 10, &p, &e), ERR_OK);
    double km01 = geo_haversine_km(pts[0], pts[1]) * 1.3;
    assert_true(llabs(cvrp_dist(p, 0, 1) - (int64_t)(km01 * 1000.0 + 0.5)) <= 1);
    struct cvrp_options o;
    cvrp_options_init(&o);
    o.iterations = 100;
    struct cvrp_solution s;
    cvrp_solution_init(&s);
    assert_int_equal(cvrp_solve(p, &o, &s, &e), ERR_OK);
    assert_int_equal(s.n_routes, 2); /* 5 + 6 > 10 */
    double km = cvrp_solution_km(p, &s);
    double want_km =
        2.0 * (geo_haversine_km(pts[0], pts[1]) + geo_haversine_km(pts[0], pts[2])) * 1.3;
    assert_true(km > want_km - 0.01 && km < want_km + 0.01);
    double co2 = cvrp_solution_co2e_kg(p, &s, 0.8);
    assert_true(co2 > 0.8 * km - 1e-9 && co2 < 0.8 * km + 1e-9);
    cvrp_solution_release(&s);
    cvrp_free(p);
}

/* ---------------------------------------------------- brute force optimum */

#define BF_MAX 9 /* nodes: depot + 8 customers */

/* Exact optimum by dynamic programming: the shortest route for every
 * subset of customers, then the best partition into feasible subsets. */
static int64_t brute_force(const struct cvrp *p)
{
    int nc = (int)p->n_nodes - 1;
    int full = (1 << nc) - 1;
    static int64_t path[1 << (BF_MAX - 1)][BF_MAX - 1]; /* depot -> set, ending at j */
    static int64_t route[1 << (BF_MAX - 1)];
    static int64_t part[1 << (BF_MAX - 1)];
    const int64_t inf = INT64_MAX / 4;
    for (int m = 0; m <= full; m++)
        for (int j = 0; j < nc; j++)
            path[m][j] = inf;
    for (int j = 0; j < nc; j++)
        path[1 << j][j] = cvrp_dist(p, 0, (size_t)j + 1);
    for (int m = 1; m <= full; m++) {
        for (int j = 0; j < nc; j++) {
            if (!(m & (1 << j)) || path[m][j] >= inf)
                continue;
            for (int k = 0; k < nc; k++) {
                if (m & (1 << k))
                    continue;
                int64_t v = path[m][j] + cvrp_dist(p, (size_t)j + 1, (size_t)k + 1);
                if (v < path[m | (1 << k)][k])
                    path[m | (1 << k)][k] = v;
            }
        }
    }
    for (int m = 1; m <= full; m++) {
        int64_t load = 0;
        for (int j = 0; j < nc; j++)
            if (m & (1 << j))
                load += p->demand[j + 1];
        route[m] = inf;
        if (load > p->capacity)
            continue;
        for (int j = 0; j < nc; j++) {
            if ((m & (1 << j)) && path[m][j] + cvrp_dist(p, (size_t)j + 1, 0) < route[m])
                route[m] = path[m][j] + cvrp_dist(p, (size_t)j + 1, 0);
        }
        /* the shortest order is also the shortest duration */
        if (p->max_duration &&
            route[m] + p->service_time * __builtin_popcount((unsigned)m) > p->max_duration)
            route[m] = inf;
    }
    part[0] = 0;
    for (int m = 1; m <= full; m++) {
        int low = m & -m;
        part[m] = inf;
        /* subsets of m that contain its lowest customer */
        for (int t = m; t; t = (t - 1) & m) {
            if (!(t & low) || route[t] >= inf)
                continue;
            if (route[t] + part[m & ~t] < part[m])
                part[m] = route[t] + part[m & ~t];
        }
    }
    return part[full];
}

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static void test_solve_brute_force(void **state)
{
    (void)state;
    uint64_t g = 12345;
    for (int trial = 0; trial < 24; trial++) {
        size_t n = 2 + (size_t)(trial % (BF_MAX - 1)); /* 1 to 8 customers */
        double x[BF_MAX], y[BF_MAX];
        int64_t dem[BF_MAX];
        int64_t cap = 10 + (int64_t)(lcg(&g) % 20);
        for (size_t i = 0; i < n; i++) {
            x[i] = (double)(lcg(&g) % 100);
            y[i] = (double)(lcg(&g) % 100);
            dem[i] = i ? 1 + (int64_t)(lcg(&g) % (uint64_t)cap) : 0;
        }
        struct cvrp *p = NULL;
        struct err e;
        err_init(&e);
        assert_int_equal(cvrp_new_euc2d(n, x, y, dem, cap, &p, &e), ERR_OK);
        struct cvrp_options o;
        cvrp_options_init(&o);
        o.seed = (uint64_t)trial;
        o.iterations = 3000;
        struct cvrp_solution s;
        cvrp_solution_init(&s);
        assert_int_equal(cvrp_solve(p, &o, &s, &e), ERR_OK);
        int64_t checked = -1;
        if (cvrp_check(p, &s, &checked, &e) != ERR_OK)
            fail_msg("trial %d: %s", trial, e.msg);
        int64_t opt = brute_force(p);
        if (s.cost != opt)
            fail_msg("trial %d (%zu customers): cost %lld, optimum %lld", trial, n - 1,
                     (long long)s.cost, (long long)opt);
        cvrp_solution_release(&s);
        cvrp_free(p);
    }
}

/* Route duration limits (DISTANCE, SERVICE_TIME): on random instances
 * whose limit binds, the solver finds the optimum that respects it and
 * the checker agrees; EXACT_2D distances too. */
static void test_solve_duration_brute_force(void **state)
{
    (void)state;
    uint64_t g = 777;
    int n_binding = 0;
    for (int trial = 0; trial < 32; trial++) {
        size_t n = 3 + (size_t)(trial % (BF_MAX - 2)); /* 2 to 8 customers */
        double x[BF_MAX], y[BF_MAX];
        int64_t dem[BF_MAX];
        int64_t cap = 30 + (int64_t)(lcg(&g) % 30);
        for (size_t i = 0; i < n; i++) {
            x[i] = (double)(lcg(&g) % 100);
            y[i] = (double)(lcg(&g) % 100);
            dem[i] = i ? 1 + (int64_t)(lcg(&g) % 10) : 0;
        }
        struct cvrp *p = NULL;
        struct err e;
        err_init(&e);
        bool is_exact = trial % 2;
        assert_int_equal(is_exact ? cvrp_new_exact2d(n, x, y, dem, cap, &p, &e)
                                  : cvrp_new_euc2d(n, x, y, dem, cap, &p, &e),
                         ERR_OK);
        int64_t free_opt = brute_force(p);
        /* the limit: the longest round trip plus some slack */
        double service = (double)(lcg(&g) % 10);
        double longest = 0;
        for (size_t c = 1; c < n; c++) {
            double trip = 2.0 * (double)cvrp_dist(p, 0, c) / (double)p->dist_scale + service;
            longest = trip > longest ? trip : longest;
        }
        double limit = longest + (double)(lcg(&g) % 60);
        assert_int_equal(cvrp_set_duration(p, limit, service, &e), ERR_OK);
        int64_t opt = brute_force(p);
        n_binding += opt > free_opt;
        struct cvrp_options o;
        cvrp_options_init(&o);
        o.seed = (uint64_t)trial;
        o.iterations = 3000;
        o.time_limit_s = 0;
        struct cvrp_solution s;
        cvrp_solution_init(&s);
        assert_int_equal(cvrp_solve(p, &o, &s, &e), ERR_OK);
        if (cvrp_check(p, &s, NULL, &e) != ERR_OK)
            fail_msg("trial %d: %s", trial, e.msg);
        if (s.cost != opt)
            fail_msg("trial %d (%zu customers, limit %g, service %g): cost %lld, optimum %lld",
                     trial, n - 1, limit, service, (long long)s.cost, (long long)opt);
        cvrp_solution_release(&s);
        cvrp_free(p);
    }
    /* the test means something only if the limits change optima */
    assert_true(n_binding >= 8);
}

/* The keywords of the Christofides-Mingozzi-Toth files. */
static void test_parse_cmt(void **state)
{
    (void)state;
    static const char text[] = "NAME : cmt-like\n"
                               "TYPE : CVRP\n"
                               "DIMENSION : 5\n"
                               "EDGE_WEIGHT_TYPE : EXACT_2D\n"
                               "CAPACITY : 10\n"
                               "VEHICLES : 3\n"
                               "DISTANCE : 25.5\n"
                               "SERVICE_TIME : 2\n" COORDS DEMANDS DEPOT;
    struct cvrp *p = NULL;
    struct err e;
    err_init(&e);
    if (cvrp_parse_tsplib("t.vrp", text, strlen(text), &p, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(p->vehicles, 3);
    assert_int_equal(p->dist_scale, CVRP_EXACT_SCALE);
    assert_int_equal(cvrp_dist(p, 0, 1), 5 * CVRP_EXACT_SCALE);
    assert_int_equal(cvrp_dist(p, 0, 4), 14142); /* sqrt(2), 4 decimals */
    assert_int_equal(p->max_duration, 255000);
    assert_int_equal(p->service_time, 20000);
    cvrp_free(p);

    /* EUC_2D keeps whole units; a limit no customer can meet names its line */
    static const char tight[] =
        "TYPE : CVRP\nDIMENSION : 5\nEDGE_WEIGHT_TYPE : EUC_2D\n"
        "CAPACITY : 10\nSERVICE_TIME : 1\nDISTANCE : 10.5\n" COORDS DEMANDS DEPOT;
    err_init(&e);
    assert_int_equal(cvrp_parse_tsplib("t.vrp", tight, strlen(tight), &p, &e), ERR_INFEASIBLE);
    assert_null(p);
    if (!strstr(e.msg, "t.vrp:6: DISTANCE : le client 2 ne peut être servi"))
        fail_msg("message: %s", e.msg);
    /* 11: the round trip to node 2 (5 + 5) plus 1 of service fits */
    static const char fits[] =
        "TYPE : CVRP\nDIMENSION : 5\nEDGE_WEIGHT_TYPE : EUC_2D\n"
        "CAPACITY : 10\nSERVICE_TIME : 1\nDISTANCE : 11\n" COORDS DEMANDS DEPOT;
    err_init(&e);
    assert_int_equal(cvrp_parse_tsplib("t.vrp", fits, strlen(fits), &p, &e), ERR_OK);
    assert_int_equal(p->max_duration, 11);
    assert_int_equal(p->dist_scale, 1);
    assert_int_equal(p->vehicles, 0);
    struct cvrp_options o;
    cvrp_options_init(&o);
    struct cvrp_solution s;
    cvrp_solution_init(&s);
    assert_int_equal(cvrp_solve(p, &o, &s, &e), ERR_OK);
    assert_int_equal(cvrp_check(p, &s, NULL, &e), ERR_OK);
    assert_int_equal(s.n_routes, 4); /* every customer alone: no two fit in 11 */
    /* a fleet too small for the limit is refused, in French */
    o.max_routes = 3;
    o.iterations = 500;
    o.time_limit_s = 0;
    assert_int_equal(cvrp_solve(p, &o, &s, &e), ERR_INFEASIBLE);
    assert_non_null(strstr(e.msg, "aucune solution en 3 tournées"));
    cvrp_solution_release(&s);
    cvrp_free(p);
}

static struct cvrp *load_instance(const char *path)
{
    char *buf = NULL;
    size_t len;
    struct cvrp *p = NULL;
    struct err e;
    err_init(&e);
    if (file_read_all(path, 1 << 20, &buf, &len, &e) || cvrp_parse_tsplib(path, buf, len, &p, &e))
        fail_msg("%s", e.msg);
    free(buf);
    return p;
}

static void solve_with(const struct cvrp *p, uint64_t seed, uint64_t iterations,
                       struct cvrp_solution *s)
{
    struct cvrp_options o;
    cvrp_options_init(&o);
    o.seed = seed;
    o.iterations = iterations;
    o.time_limit_s = 0; /* deterministic: the iteration budget decides */
    struct err e;
    err_init(&e);
    assert_int_equal(cvrp_solve(p, &o, s, &e), ERR_OK);
    if (cvrp_check(p, s, NULL, &e) != ERR_OK)
        fail_msg("%s", e.msg);
}

static void test_solve_cvrplib(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        size_t max_routes;
        int want_rc;
        int64_t optimum;
    } cases[] = {
        {"tests/data/cvrp/P-n16-k8.vrp", 0, ERR_OK, 450},
        {"tests/data/cvrp/P-n16-k8.vrp", 8, ERR_OK, 450},
        {"tests/data/cvrp/P-n16-k8.vrp", 7, ERR_INFEASIBLE, 0}, /* 246 of demand, 7 x 35 */
        {"tests/data/cvrp/P-n19-k2.vrp", 0, ERR_OK, 212},
        {"tests/data/cvrp/A-n32-k5.vrp", 0, ERR_OK, 784},
        {"tests/data/cvrp/A-n32-k5.vrp", 5, ERR_OK, 784},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cvrp *p = load_instance(cases[i].path);
        struct cvrp_options o;
        cvrp_options_init(&o);
        o.iterations = 20000;
        o.time_limit_s = 0;
        o.max_routes = cases[i].max_routes;
        struct cvrp_solution s;
        cvrp_solution_init(&s);
        struct err e;
        err_init(&e);
        int rc = cvrp_solve(p, &o, &s, &e);
        if (rc != cases[i].want_rc)
            fail_msg("%s, %zu routes: rc %d (%s)", cases[i].path, cases[i].max_routes, rc, e.msg);
        if (rc == ERR_OK) {
            if (cvrp_check(p, &s, NULL, &e) != ERR_OK)
                fail_msg("%s: %s", cases[i].path, e.msg);
            if (s.cost != cases[i].optimum ||
                (cases[i].max_routes && s.n_routes > cases[i].max_routes))
                fail_msg("%s: cost %lld with %zu routes, optimum %lld", cases[i].path,
                         (long long)s.cost, s.n_routes, (long long)cases[i].optimum);
        }
        cvrp_solution_release(&s);
        cvrp_free(p);
    }
}

static void test_determinism(void **state)
{
    (void)state;
    struct cvrp *p = load_instance("tests/data/cvrp/A-n32-k5.vrp");
    struct cvrp_solution a, b;
    cvrp_solution_init(&a);
    cvrp_solution_init(&b);
    for (uint64_t seed = 3; seed < 6; seed++) {
        solve_with(p, seed, 1500, &a);
        solve_with(p, seed, 1500, &b);
        assert_int_equal(a.cost, b.cost);
        assert_int_equal(a.n_routes, b.n_routes);
        assert_memory_equal(a.route_start, b.route_start, (a.n_routes + 1) * sizeof(size_t));
        assert_memory_equal(a.nodes, b.nodes, 31 * sizeof(size_t));
    }
    cvrp_solution_release(&a);
    cvrp_solution_release(&b);
    cvrp_free(p);
}

static void test_check_catches(void **state)
{
    (void)state;
    /* depot 0 at the origin; customers 1..4; capacity 10 */
    double x[5] = {0, 3, -3, 0, 1}, y[5] = {0, 4, 4, -5, 1};
    int64_t dem[5] = {0, 4, 5, 6, 3};
    struct cvrp *p = NULL;
    struct err e;
    err_init(&e);
    assert_int_equal(cvrp_new_euc2d(5, x, y, dem, 10, &p, &e), ERR_OK);
    static const struct {
        const char *name;
        size_t n_routes;
        size_t starts[5];
        size_t nodes[6];
        int64_t cost;
        const char *want; /* NULL: valid */
    } cases[] = {
        /* 0-1-2-0: 5+6+5, 0-3-4-0: 5+6+1 */
        {"valid", 2, {0, 2, 4}, {1, 2, 3, 4}, 28, NULL},
        {"wrong cost", 2, {0, 2, 4}, {1, 2, 3, 4}, 27, "stated cost 27, recomputed 28"},
        {"missing customer", 2, {0, 2, 3}, {1, 2, 3}, 22, "customer 4 not visited"},
        {"twice", 2, {0, 2, 4}, {1, 2, 3, 1}, 28, "customer 1 visited twice"},
        {"over capacity", 2, {0, 3, 4}, {1, 2, 4, 3}, 0, "route #1: load 12 over capacity 10"},
        {"depot as customer", 2, {0, 2, 4}, {1, 0, 3, 4}, 0, "invalid customer 0"},
        {"node out of range", 2, {0, 2, 4}, {1, 9, 3, 4}, 0, "invalid customer 9"},
        {"empty route", 3, {0, 2, 2, 4}, {1, 2, 3, 4}, 28, "route #2 is empty"},
        {"more stops than customers", 1, {0, 5}, {1, 2, 3, 4, 1}, 0, "more stops"},
        /* with the limit set below: 0-1-2-0 lasts 16 + 2 x 1 */
        {"over duration",
         2,
         {0, 2, 4},
         {1, 2, 3, 4},
         28,
         "route #1: duration 18 over the limit 17"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (strcmp(cases[i].name, "over duration") == 0)
            assert_int_equal(cvrp_set_duration(p, 17, 1, &e), ERR_OK);
        struct cvrp_solution s = {cases[i].n_routes, (size_t *)cases[i].starts,
                                  (size_t *)cases[i].nodes, cases[i].cost};
        err_init(&e);
        int rc = cvrp_check(p, &s, NULL, &e);
        if (!cases[i].want && rc != ERR_OK)
            fail_msg("case %s: %s", cases[i].name, e.msg);
        if (cases[i].want && (rc != ERR_INPUT || !strstr(e.msg, cases[i].want)))
            fail_msg("case %s: rc %d message '%s'", cases[i].name, rc, e.msg);
    }
    cvrp_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),   cmocka_unit_test(test_parse_malformed),
        cmocka_unit_test(test_constructors),  cmocka_unit_test(test_solve_brute_force),
        cmocka_unit_test(test_solve_cvrplib), cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_check_catches), cmocka_unit_test(test_solve_duration_brute_force),
        cmocka_unit_test(test_parse_cmt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
