/* SPDX-License-Identifier: MIT */
/*
 * engine_mcf_test.c - unit tests of the min-cost flow solver, its DIMACS
 * reader and writer, and the allocation of offers to needs: hand cases,
 * malformed files, and random instances checked against GLPK's exact
 * simplex (an independent solver, linked in tests only).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

/* Parses text as a DIMACS file named "t.min" and solves it. */
static int solve_text(const char *text, struct mcf_problem *p, struct mcf_solution *s,
                      struct err *e)
{
    int rc = mcf_dimacs_parse(text, strlen(text), "t.min", 1000, p, e);
    if (rc)
        return rc;
    return mcf_solve(p, s, e);
}

/* true if flow meets the bounds and the supplies of p, and costs `cost`. */
static bool flow_ok(const struct mcf_problem *p, const int64_t *flow, int64_t cost)
{
    int64_t *bal = calloc((size_t)p->n_nodes, sizeof(int64_t));
    int64_t total = 0;
    bool ok = true;
    for (int32_t a = 0; a < p->n_arcs; a++) {
        if (flow[a] < p->lower[a] || flow[a] > p->upper[a])
            ok = false;
        bal[p->tail[a]] += flow[a];
        bal[p->head[a]] -= flow[a];
        total += flow[a] * p->cost[a];
    }
    for (int32_t u = 0; u < p->n_nodes; u++) {
        if (bal[u] != p->supply[u])
            ok = false;
    }
    free(bal);
    return ok && total == cost;
}

static void test_hand_cases(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *text;
        int want;
        int64_t cost;
    } cases[] = {
        {"textbook 4 nodes",
         "p min 4 5\nn 1 4\nn 4 -4\na 1 2 0 4 2\na 1 3 0 2 2\na 2 3 0 2 1\n"
         "a 2 4 0 3 3\na 3 4 0 5 1\n",
         ERR_OK, 14},
        {"transport 2 sawmills 3 boilers",
         "p min 6 9\nn 1 10\nn 2 8\nn 6 -18\n"
         "a 1 3 0 6 -50\na 1 4 0 6 -40\na 2 3 0 6 -45\na 2 5 0 6 -10\n"
         "a 1 6 0 10 0\na 2 6 0 8 0\na 3 6 0 6 0\na 4 6 0 6 0\na 5 6 0 6 0\n",
         ERR_OK, -4 * 50 - 2 * 45 - 6 * 40 - 6 * 10},
        {"single node", "p min 1 0\n", ERR_OK, 0},
        {"zero supplies, negative cycle finite",
         "p min 3 3\na 1 2 0 5 -1\na 2 3 0 4 -1\na 3 1 0 9 -1\n", ERR_OK, -12},
        {"lower bound forces a costly arc", "p min 2 2\nn 1 5\nn 2 -5\na 1 2 0 9 1\na 1 2 3 9 10\n",
         ERR_OK, 32},
        {"lower bound on a cycle", "p min 2 2\na 1 2 2 5 3\na 2 1 0 5 4\n", ERR_OK, 14},
        {"negative lower bound", "p min 2 1\nn 1 -3\nn 2 3\na 1 2 -5 5 2\n", ERR_OK, -6},
        {"lower bound infeasible", "p min 2 1\nn 1 1\nn 2 -1\na 1 2 2 5 1\n", ERR_INFEASIBLE, 0},
        {"no path", "p min 3 1\nn 1 2\nn 3 -2\na 1 2 0 5 1\n", ERR_INFEASIBLE, 0},
        {"capacity too small", "p min 2 1\nn 1 5\nn 2 -5\na 1 2 0 4 1\n", ERR_INFEASIBLE, 0},
        {"unbounded negative cycle",
         "p min 3 3\na 1 2 0 9223372036854775807 -1\na 2 3 0 9223372036854775807 0\n"
         "a 3 1 0 9223372036854775807 0\n",
         ERR_UNBOUNDED, 0},
        {"unlimited but positive cycle",
         "p min 2 3\nn 1 1\nn 2 -1\na 1 2 0 9223372036854775807 3\n"
         "a 2 1 0 9223372036854775807 -2\na 1 2 0 1 7\n",
         ERR_OK, 3},
        {"self-loop negative finite", "p min 1 1\na 1 1 0 7 -2\n", ERR_OK, -14},
        {"self-loop positive", "p min 1 1\na 1 1 0 7 2\n", ERR_OK, 0},
        {"self-loop with lower bound", "p min 1 1\na 1 1 3 7 2\n", ERR_OK, 6},
        {"self-loop unbounded", "p min 1 1\na 1 1 0 9223372036854775807 -1\n", ERR_UNBOUNDED, 0},
        {"parallel arcs", "p min 2 3\nn 1 6\nn 2 -6\na 1 2 0 2 5\na 1 2 0 3 1\na 1 2 0 9 2\n",
         ERR_OK, 3 * 1 + 3 * 2},
        {"supplies not balanced", "p min 2 1\nn 1 5\nn 2 -4\na 1 2 0 9 1\n", ERR_INPUT, 0},
        {"costs too large", "p min 2 1\nn 1 1\nn 2 -1\na 1 2 0 1 4611686018427387904\n",
         ERR_TOO_LARGE, 0},
        {"cost INT64_MAX (fuzz)",
         "p min 3 3\na 1 2 0 9223372036854775807 -1\na 2 3 0 9223372036854775807 0\n"
         "a 3 1 0 0 9223372036854775807\n",
         ERR_TOO_LARGE, 0},
        {"cost INT64_MIN", "p min 1 1\na 1 1 0 1 -9223372036854775808\n", ERR_TOO_LARGE, 0},
        {"optimal cost overflows",
         "p min 2 1\nn 1 4611686018427387904\nn 2 -4611686018427387904\n"
         "a 1 2 0 4611686018427387904 100\n",
         ERR_TOO_LARGE, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct mcf_problem p = {0};
        struct mcf_solution s = {0};
        struct err e;
        err_init(&e);
        int rc = solve_text(cases[i].text, &p, &s, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: got %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (rc == ERR_OK && s.cost != cases[i].cost)
            fail_msg("case %s: cost %lld want %lld", cases[i].name, (long long)s.cost,
                     (long long)cases[i].cost);
        if (rc == ERR_OK && !flow_ok(&p, s.flow, s.cost))
            fail_msg("case %s: flow breaks bounds or supplies", cases[i].name);
        mcf_solution_release(&s);
        mcf_problem_release(&p);
    }
}

static void test_malformed(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *text;
        int want;
        const char *msg; /* expected prefix of the message */
    } cases[] = {
        {"empty", "", ERR_INPUT, "t.min:1: no problem line"},
        {"comments only", "c hello\nc world\n", ERR_INPUT, "t.min:3: no problem line"},
        {"arc before p", "a 1 2 0 1 1\np min 2 1\n", ERR_INPUT, "t.min:1: a: comes before"},
        {"node before p", "n 1 1\n", ERR_INPUT, "t.min:1: n: comes before"},
        {"p max", "p max 2 1\n", ERR_INPUT, "t.min:1: p: problem type"},
        {"p minx", "p minx 2 1\n", ERR_INPUT, "t.min:1: p: problem type"},
        {"two p lines", "p min 2 0\np min 2 0\n", ERR_INPUT, "t.min:2: p: second problem line"},
        {"zero nodes", "p min 0 0\n", ERR_INPUT, "t.min:1: p: node count: must be"},
        {"negative arcs", "p min 2 -1\n", ERR_INPUT, "t.min:1: p: arc count: must not"},
        {"too many nodes", "p min 1001 0\n", ERR_TOO_LARGE, "t.min:1: p: node count: more"},
        {"arc count beyond file", "p min 2 1000000\n", ERR_INPUT, "t.min:1: p: arc count: 1000000"},
        {"missing arc count", "p min 2\n", ERR_INPUT, "t.min:1: p: arc count: missing"},
        {"node id 0", "p min 2 0\nn 0 1\n", ERR_INPUT, "t.min:2: n: node id: node 0"},
        {"node id too big", "p min 2 0\nn 3 1\n", ERR_INPUT, "t.min:2: n: node id: node 3"},
        {"duplicate n", "p min 2 0\nn 1 1\nn 1 -1\n", ERR_INPUT, "t.min:3: n: node id: node 1"},
        {"supply not integer", "p min 2 0\nn 1 1.5\n", ERR_INPUT, "t.min:2: n: supply: not an"},
        {"arc head out of range", "p min 2 1\na 1 5 0 1 1\n", ERR_INPUT, "t.min:2: a: head:"},
        {"arc tail letters", "p min 2 1\na x 2 0 1 1\n", ERR_INPUT, "t.min:2: a: tail: not an"},
        {"arc missing cost", "p min 2 1\na 1 2 0 1\n", ERR_INPUT, "t.min:2: a: cost: missing"},
        {"arc extra field", "p min 2 1\na 1 2 0 1 1 9\n", ERR_INPUT,
         "t.min:2: unexpected text after"},
        {"low above cap", "p min 2 1\na 1 2 5 1 1\n", ERR_INPUT, "t.min:2: a: lower bound: 5"},
        {"cost overflow", "p min 2 1\na 1 2 0 1 9223372036854775808\n", ERR_INPUT,
         "t.min:2: a: cost: out of the int64"},
        {"capacity overflow negative", "p min 2 1\na 1 2 0 -9223372036854775809 1\n", ERR_INPUT,
         "t.min:2: a: capacity: out of"},
        {"more arcs than announced", "p min 2 1\na 1 2 0 1 1\na 1 2 0 1 1\n", ERR_INPUT,
         "t.min:3: a: more arcs"},
        {"fewer arcs than announced", "p min 2 2\na 1 2 0 1 1\n\n\n\n\n\n\n", ERR_INPUT,
         "t.min:1: p: arc count: 2 arcs announced, 1 found"},
        {"unknown line", "p min 2 0\nx 1\n", ERR_INPUT, "t.min:2: unknown line type"},
        {"glued type", "p min 2 0\nn1 1\n", ERR_INPUT, "t.min:2: unknown line type"},
        {"sign alone", "p min 2 0\nn 1 -\n", ERR_INPUT, "t.min:2: n: supply: not an"},
        {"NUL in number", "p min 2 0\nn 1 1\0002\n", ERR_INPUT, "t.min:2: n: supply: not an"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct mcf_problem p = {0};
        struct err e;
        err_init(&e);
        /* the NUL case needs its real length */
        size_t len = strlen(cases[i].text);
        if (strcmp(cases[i].name, "NUL in number") == 0)
            len = sizeof("p min 2 0\nn 1 1\0002\n") - 1;
        int rc = mcf_dimacs_parse(cases[i].text, len, "t.min", 1000, &p, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: got %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
            fail_msg("case %s: message '%s' want '%s...'", cases[i].name, e.msg, cases[i].msg);
        if (p.supply || p.tail)
            fail_msg("case %s: output not empty on error", cases[i].name);
    }
}

static void test_dimacs_accepts(void **state)
{
    (void)state;
    /* CRLF, tabs, blank lines, '+' sign, comments anywhere, no final newline */
    const char *text = "c x\r\np min 3 2\r\n\r\n\tn 1 +2\r\nc mid\nn 3 -2\n"
                       "a 1 2 0 5 1\na 2 3 0 5 -1";
    struct mcf_problem p = {0};
    struct mcf_solution s = {0};
    struct err e;
    struct sb out;
    err_init(&e);
    int rc = solve_text(text, &p, &s, &e);
    if (rc)
        fail_msg("%s", e.msg);
    sb_init(&out, 0);
    mcf_dimacs_write(&out, &p, &s);
    assert_string_equal(out.buf, "s 0\nf 1 2 2\nf 2 3 2\n");
    sb_release(&out);
    mcf_solution_release(&s);
    mcf_problem_release(&p);
}

/* ---- random instances against GLPK's exact simplex */

struct rng {
    uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

static int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static void random_problem(struct rng *r, struct mcf_problem *p)
{
    bool big = rng_range(r, 0, 2) == 0;
    int32_t n = (int32_t)rng_range(r, 1, big ? 30 : 9);
    int32_t m = (int32_t)rng_range(r, 0, big ? 150 : 28);
    bool with_inf = rng_range(r, 0, 4) == 0, with_low = rng_range(r, 0, 2) == 0;
    mcf_problem_init(p, n, m);
    for (int32_t k = 0; k + 1 < n; k += 2) {
        int64_t v = rng_range(r, 0, 12);
        p->supply[k] += v;
        p->supply[k + 1] -= v;
    }
    for (int32_t a = 0; a < m; a++) {
        p->tail[a] = (int32_t)rng_range(r, 0, n - 1);
        p->head[a] = (int32_t)rng_range(r, 0, n - 1);
        p->lower[a] = with_low && rng_range(r, 0, 3) == 0 ? rng_range(r, -2, 3) : 0;
        p->upper[a] = p->lower[a] + rng_range(r, 0, 15);
        p->cost[a] = rng_range(r, -10, 30);
        if (with_inf && rng_range(r, 0, 3) == 0)
            p->upper[a] = MCF_INF;
    }
}

/* Solves p with glp_simplex then glp_exact (rational arithmetic). */
static int glpk_solve(const struct mcf_problem *p, double *cost)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_rows(lp, p->n_nodes);
    for (int32_t u = 0; u < p->n_nodes; u++)
        glp_set_row_bnds(lp, u + 1, GLP_FX, (double)p->supply[u], (double)p->supply[u]);
    if (p->n_arcs > 0)
        glp_add_cols(lp, p->n_arcs);
    for (int32_t a = 0; a < p->n_arcs; a++) {
        int col = a + 1, ind[3];
        double val[3];
        int k = 0;
        if (p->upper[a] == MCF_INF)
            glp_set_col_bnds(lp, col, GLP_LO, (double)p->lower[a], 0.0);
        else if (p->upper[a] == p->lower[a])
            glp_set_col_bnds(lp, col, GLP_FX, (double)p->lower[a], (double)p->lower[a]);
        else
            glp_set_col_bnds(lp, col, GLP_DB, (double)p->lower[a], (double)p->upper[a]);
        glp_set_obj_coef(lp, col, (double)p->cost[a]);
        if (p->tail[a] != p->head[a]) {
            ind[++k] = p->tail[a] + 1;
            val[k] = 1.0;
            ind[++k] = p->head[a] + 1;
            val[k] = -1.0;
        }
        glp_set_mat_col(lp, col, k, ind, val);
    }
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    glp_simplex(lp, &parm);
    glp_exact(lp, &parm);
    int st = glp_get_status(lp);
    int rc = st == GLP_OPT ? ERR_OK : st == GLP_UNBND ? ERR_UNBOUNDED : ERR_INFEASIBLE;
    *cost = glp_get_obj_val(lp);
    glp_delete_prob(lp);
    return rc;
}

static int64_t sum_supply_abs(const struct mcf_problem *p)
{
    int64_t t = 0;
    for (int32_t u = 0; u < p->n_nodes; u++)
        t += p->supply[u] > 0 ? p->supply[u] : 0;
    return t;
}

static void test_random_vs_glpk(void **state)
{
    (void)state;
    struct rng r = {0x9e3779b97f4a7c15ull};
    int n_opt = 0, n_inf = 0, n_unb = 0, n_both = 0;
    glp_term_out(GLP_OFF);
    for (int it = 0; it < 1000; it++) {
        struct mcf_problem p = {0};
        struct mcf_solution s = {0};
        struct err e;
        double want = 0;
        err_init(&e);
        random_problem(&r, &p);
        int got = mcf_solve(&p, &s, &e);
        int ref = glpk_solve(&p, &want);
        if (got == ERR_UNBOUNDED && ref == ERR_INFEASIBLE) {
            /* Infeasible and with a negative unlimited cycle: either answer
             * is right, the simplex meets the cycle first. */
            n_both++;
        } else if (got != ref) {
            fail_msg("instance %d: got %d (%s) glpk %d (supply %lld)", it, got, e.msg, ref,
                     (long long)sum_supply_abs(&p));
        } else if (got == ERR_OK) {
            if ((double)s.cost != want)
                fail_msg("instance %d: cost %lld glpk %.0f", it, (long long)s.cost, want);
            if (!flow_ok(&p, s.flow, s.cost))
                fail_msg("instance %d: flow breaks bounds or supplies", it);
            n_opt++;
        } else if (got == ERR_INFEASIBLE) {
            n_inf++;
        } else {
            n_unb++;
        }
        mcf_solution_release(&s);
        mcf_problem_release(&p);
    }
    /* the generator must exercise every outcome */
    print_message("random: %d optimal, %d infeasible, %d unbounded, %d both\n", n_opt, n_inf, n_unb,
                  n_both);
    assert_true(n_opt > 200 && n_inf > 20 && n_unb > 10);
}

/* ---- allocation of offers to needs */

static void test_allocate(void **state)
{
    (void)state;
    /* Two sawmills (10 t, 8 t), three boilers (6 t each). Sawmill 0 is the
     * best partner of boiler 0 and the only partner of boiler 1; sawmill 1
     * is almost as good for boiler 0. Greedy lets sawmill 0 take boiler 0
     * first and then sawmill 1 falls back on boiler 2 (poor gain). */
    const int64_t offers[] = {10, 8};
    const int64_t needs[] = {6, 6, 6};
    const struct mcf_alloc_pair pairs[] = {
        {0, 0, -1, 5000, 100.0}, {0, 1, -1, 4000, 80.0}, {1, 0, -1, 4500, 90.0},
        {1, 2, -1, 1000, 20.0},  {1, 1, 2, -300, 0.0},
    };
    struct mcf_alloc_result res;
    struct err e;
    err_init(&e);
    int rc = mcf_allocate(offers, 2, needs, 3, pairs, 5, &res, &e);
    if (rc)
        fail_msg("%s", e.msg);
    /* optimum: s0 -> b0 4, s0 -> b1 6, s1 -> b0 2, s1 -> b2 6 */
    static const int64_t want_flow[] = {4, 6, 2, 6, 0};
    static const int64_t want_greedy[] = {6, 4, 0, 6, 0};
    for (int k = 0; k < 5; k++) {
        if (res.flow_t[k] != want_flow[k])
            fail_msg("pair %d: flow %lld want %lld", k, (long long)res.flow_t[k],
                     (long long)want_flow[k]);
        if (res.greedy_flow_t[k] != want_greedy[k])
            fail_msg("pair %d: greedy %lld want %lld", k, (long long)res.greedy_flow_t[k],
                     (long long)want_greedy[k]);
    }
    assert_int_equal(res.best.gain_cents, 4 * 5000 + 6 * 4000 + 2 * 4500 + 6 * 1000);
    assert_int_equal(res.best.exchanged_t, 18);
    assert_int_equal(res.best.disposed_t, 0);
    assert_int_equal(res.best.n_pairs_used, 4);
    assert_true(fabs(res.best.co2e_avoided_t - (400 + 480 + 180 + 120) / 1000.0) < 1e-9);
    assert_int_equal(res.greedy.gain_cents, 6 * 5000 + 4 * 4000 + 6 * 1000);
    assert_int_equal(res.greedy.exchanged_t, 16);
    assert_int_equal(res.greedy.disposed_t, 2);
    assert_true(res.best.gain_cents >= res.greedy.gain_cents);
    mcf_alloc_result_release(&res);

    static const struct {
        const char *name;
        int64_t offer0;
        int32_t need_of_pair;
        int want;
    } bad[] = {
        {"negative offer", -1, 0, ERR_INPUT},
        {"pair need out of range", 5, 3, ERR_INPUT},
        {"pair need negative", 5, -1, ERR_INPUT},
        {"fine", 5, 0, ERR_OK},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int64_t o[] = {bad[i].offer0};
        struct mcf_alloc_pair pr[] = {{0, bad[i].need_of_pair, -1, 100, 1.0}};
        err_init(&e);
        rc = mcf_allocate(o, 1, needs, 3, pr, 1, &res, &e);
        if (rc != bad[i].want)
            fail_msg("case %s: got %d want %d", bad[i].name, rc, bad[i].want);
        mcf_alloc_result_release(&res);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_cases),     cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_dimacs_accepts), cmocka_unit_test(test_random_vs_glpk),
        cmocka_unit_test(test_allocate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
