/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dimacs.c - libFuzzer target for the DIMACS "min" reader, the
 * network simplex and the solution writer: any input must give either a
 * clean error or an optimal flow that meets its bounds and supplies.
 */
#include "engine/engine.h"

#include <stdlib.h>

/* Bounds memory and time per input; the solver's limits are far above. */
#define FUZZ_MAX_NODES 2000

static void check_flow(const struct mcf_problem *p, const struct mcf_solution *s)
{
    int64_t *bal = xcalloc((size_t)p->n_nodes, sizeof(int64_t));
    for (int32_t a = 0; a < p->n_arcs; a++) {
        if (s->flow[a] < p->lower[a] || s->flow[a] > p->upper[a])
            __builtin_trap();
        /* |flow| is bounded by the solver's overflow checks */
        bal[p->tail[a]] += s->flow[a];
        bal[p->head[a]] -= s->flow[a];
    }
    for (int32_t u = 0; u < p->n_nodes; u++) {
        if (bal[u] != p->supply[u])
            __builtin_trap();
    }
    free(bal);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mcf_problem p = {0};
    struct mcf_solution s = {0};
    struct err e;
    struct sb out;
    err_init(&e);
    sb_init(&out, 0);
    if (mcf_dimacs_parse((const char *)data, size, "fuzz.min", FUZZ_MAX_NODES, &p, &e) == ERR_OK &&
        mcf_solve(&p, &s, &e) == ERR_OK) {
        check_flow(&p, &s);
        mcf_dimacs_write(&out, &p, &s);
    }
    sb_release(&out);
    mcf_solution_release(&s);
    mcf_problem_release(&p);
    return 0;
}
