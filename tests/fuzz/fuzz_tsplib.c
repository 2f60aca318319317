/* SPDX-License-Identifier: MIT */
/*
 * fuzz_tsplib.c - libFuzzer target for the TSPLIB CVRP reader: any bytes
 * must give either an instance or an input error, never a crash, a leak
 * or undefined behaviour. Small accepted instances are also solved
 * briefly, sometimes with a limited fleet, and the solution is checked
 * (capacity, and the route duration limit of DISTANCE and SERVICE_TIME).
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
        /* the file's VEHICLES (0: unlimited), or a fleet that may be too small */
        o.max_routes = size % 5 ? size % 5 : p->vehicles;
        struct cvrp_solution s;
        cvrp_solution_init(&s);
        rc = cvrp_solve(p, &o, &s, &e);
        /* a valid instance gets a valid solution, or "infeasible" for a small
         * fleet (every customer fits a route alone: the reader checked) */
        if (rc == ERR_INFEASIBLE ? o.max_routes == 0 : rc != ERR_OK)
            abort();
        if (rc == ERR_OK &&
            (cvrp_check(p, &s, NULL, &e) != ERR_OK || (o.max_routes && s.n_routes > o.max_routes)))
            abort();
        cvrp_solution_release(&s);
    }
    cvrp_free(p);
    return 0;
}
