/* SPDX-License-Identifier: MIT */
/*
 * engine.h - the public header of the engine: substitution matching and
 * mutualisation pools, allocation as a min-cost flow, and collection
 * rounds as a capacitated vehicle routing problem.
 *
 * The engine is pure computation on plain arrays: it never includes the
 * store and does no I/O beyond parsing buffers it is given. Callers (cli,
 * http) load data, call it, and save results.
 */
#ifndef SYMBIOSE_ENGINE_H
#define SYMBIOSE_ENGINE_H

#include "core/core.h"
#include "ref/ref.h"

/* ================================================================== */
/* Matching and pools (engine_match_*, engine_pool_*)                  */
/* ================================================================== */

/* (defined by the matching work) */

/* ================================================================== */
/* Allocation: min-cost flow (mcf_*)                                   */
/* ================================================================== */

/* (defined by the allocation work) */

/* ================================================================== */
/* Collection rounds: CVRP (cvrp_*)                                    */
/* ================================================================== */

/*
 * A CVRP instance: node 0 is the depot, nodes 1..n_nodes-1 are customers.
 * Distances are integers in a unit the constructor states (TSPLIB units,
 * or metres for cvrp_new_geo), symmetric, zero on the diagonal. The fleet
 * is unlimited; each route starts and ends at the depot and carries at
 * most `capacity`. Built only by the cvrp_new_* constructors and
 * cvrp_parse_tsplib; freed with cvrp_free.
 */
struct cvrp {
    char *name;         /* instance name (NAME of a TSPLIB file), never NULL */
    size_t n_nodes;     /* depot + customers, >= 1 */
    int64_t *dist;      /* n_nodes * n_nodes, row-major, >= 0 */
    int64_t *demand;    /* n_nodes; demand[0] == 0; 0 <= demand[i] <= capacity */
    int64_t capacity;   /* vehicle capacity, > 0 */
    double km_per_unit; /* km per distance unit; 0 when the unit is abstract */
};

/* Largest instance the constructors accept (the matrix is n^2 int64). */
#define CVRP_MAX_NODES 2000
/* Largest capacity and coordinate magnitude, so that sums cannot overflow. */
#define CVRP_MAX_CAPACITY ((int64_t)1 << 40)
#define CVRP_MAX_COORD 1e7

/*
 * cvrp_new_matrix - an instance from a distance matrix (n_nodes^2, row
 * major, symmetric, >= 0, zero diagonal), demands (demand[0] must be 0)
 * and a capacity. The arrays are copied. ERR_INPUT names the bad value.
 * *out is freed with cvrp_free.
 */
int cvrp_new_matrix(size_t n_nodes, const int64_t *dist, const int64_t *demand, int64_t capacity,
                    struct cvrp **out, struct err *e);
/* cvrp_new_euc2d - the same from planar coordinates, with TSPLIB EUC_2D
 * distances nint(sqrt(dx^2 + dy^2)). */
int cvrp_new_euc2d(size_t n_nodes, const double *x, const double *y, const int64_t *demand,
                   int64_t capacity, struct cvrp **out, struct err *e);
/*
 * cvrp_new_geo - the same from WGS84 points: road-like distances are the
 * haversine distance times detour_factor (>= 1, e.g.
 * GEO_DETOUR_FACTOR_DEFAULT), stored in whole metres (km_per_unit 0.001).
 */
int cvrp_new_geo(size_t n_nodes, const struct geo_point *pts, double detour_factor,
                 const int64_t *demand, int64_t capacity, struct cvrp **out, struct err *e);
/*
 * cvrp_parse_tsplib - parses a TSPLIB/CVRPLIB CVRP file held in buf (len
 * bytes, need not be NUL-terminated). Supports TYPE CVRP, EDGE_WEIGHT_TYPE
 * EUC_2D, NODE_COORD_SECTION, DEMAND_SECTION, DEPOT_SECTION (node 1 only)
 * and EOF. Errors are ERR_INPUT "FILE:LINE: reason", with file_name as
 * FILE. *out is freed with cvrp_free.
 */
int cvrp_parse_tsplib(const char *file_name, const char *buf, size_t len, struct cvrp **out,
                      struct err *e);
void cvrp_free(struct cvrp *p);

/* Distance between nodes a and b. */
static inline int64_t cvrp_dist(const struct cvrp *p, size_t a, size_t b)
{
    return p->dist[a * p->n_nodes + b];
}

/*
 * A solution: route r visits customers nodes[route_start[r]] ..
 * nodes[route_start[r + 1] - 1] in order (depot implied at both ends).
 * Owned by the struct: cvrp_solution_release. cost is what the solver
 * computed; cvrp_check recomputes it independently.
 */
struct cvrp_solution {
    size_t n_routes;
    size_t *route_start; /* n_routes + 1 offsets into nodes */
    size_t *nodes;       /* customer node indices, each 1..n_nodes-1 */
    int64_t cost;        /* total distance, in the instance's unit */
};

void cvrp_solution_init(struct cvrp_solution *s);
void cvrp_solution_release(struct cvrp_solution *s);

/*
 * Solver options. The search is deterministic for a given seed and
 * iteration budget; the CPU-time limit is only a safety stop, and when it
 * ends the search first the result may depend on the machine's speed.
 */
struct cvrp_options {
    uint64_t seed;       /* random seed */
    uint64_t iterations; /* ruin-and-recreate iterations; 0 = default for the size */
    double time_limit_s; /* CPU seconds; <= 0 means no limit */
    size_t max_routes;   /* vehicles available; 0 = unlimited fleet */
};

#define CVRP_TIME_LIMIT_DEFAULT_S 2.0

/* Default options: seed 1, default iterations, CVRP_TIME_LIMIT_DEFAULT_S,
 * unlimited fleet. */
void cvrp_options_init(struct cvrp_options *o);

/*
 * cvrp_solve - Clarke-Wright savings, then local search (relocate, swap,
 * 2-opt, 2-opt*, or-opt), then slack-induced string removals with
 * simulated annealing (ruin and recreate), polishing each new best with
 * the local search. With max_routes set, routes may be overloaded during
 * the search at an adaptive price per unit over capacity, and only a
 * solution within capacity is returned. Fills *out (initialised by the caller with
 * cvrp_solution_init; its previous content is released). ERR_INPUT if
 * options are invalid; ERR_INFEASIBLE if max_routes is set and no
 * solution with that many routes was found (out is then left empty).
 */
int cvrp_solve(const struct cvrp *p, const struct cvrp_options *o, struct cvrp_solution *out,
               struct err *e);

/*
 * cvrp_check - verifies s against p without trusting the solver: every
 * customer exactly once, only valid node indices, no empty route, no
 * route over capacity, and s->cost equal to the recomputed total. Stores
 * the recomputed total in *cost_out (may be NULL). ERR_INPUT says what is
 * wrong (first problem found).
 */
int cvrp_check(const struct cvrp *p, const struct cvrp_solution *s, int64_t *cost_out,
               struct err *e);

/* Total length in km (cost * km_per_unit; 0 if the unit is abstract). */
double cvrp_solution_km(const struct cvrp *p, const struct cvrp_solution *s);
/* Emissions in kg CO2e: km times a freight factor in kg CO2e per
 * vehicle-km supplied by the caller (e.g. from the reference factors). */
double cvrp_solution_co2e_kg(const struct cvrp *p, const struct cvrp_solution *s,
                             double kg_co2e_per_vehicle_km);

#endif /* SYMBIOSE_ENGINE_H */
