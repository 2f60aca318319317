/* SPDX-License-Identifier: MIT */
/*
 * fuzz_tsplib.c - libFuzzer target for the TSPLIB CVRP reader: any bytes
 * must give either an instance or an input error, never a crash, a leak
 * or undefined behaviour. Small accepted instances are also solved
 * briefly and the solution is checked.
 */
#include "core/core.h"
#include "engine/engine.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cvrp *p = NULL;
    struct err e;
    err_init(&e);
    int rc = cvrp_parse_tsplib("fuzz.vrp", (const char *)data, size, &p, &e);
    if (rc == ERR_OK && p->n_nodes <= 30) {
        struct cvrp_options o;
        cvrp_options_init(&o);
        o.iterations = 50;
        struct cvrp_solution s;
        cvrp_solution_init(&s);
        if (cvrp_solve(p, &o, &s, &e) != ERR_OK || cvrp_check(p, &s, NULL, &e) != ERR_OK)
            abort(); /* a valid instance must always get a valid solution */
        cvrp_solution_release(&s);
    }
    cvrp_free(p);
    return 0;
}
