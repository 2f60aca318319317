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

/*
 * A min-cost flow problem on plain arrays (struct of arrays, 0-based node
 * ids): minimise sum cost[e] * flow[e] subject to
 *   lower[e] <= flow[e] <= upper[e]                 for every arc e,
 *   out-flow(u) - in-flow(u) == supply[u]           for every node u.
 * supply > 0 is a source, < 0 a sink; supplies must sum to zero.
 * upper[e] == MCF_INF means no capacity (lower must then be finite).
 * Parallel arcs and self-loops are allowed.
 *
 * Limits (else ERR_TOO_LARGE): n_nodes <= MCF_MAX_NODES, n_arcs <=
 * MCF_MAX_ARCS, (max |cost| + 1) * (n_nodes + 1) <= 2^60 so that the
 * potentials of the network simplex fit in int64, and the sum of |supply|
 * and of the finite capacities fits in int64. The optimal cost must fit
 * in int64 too.
 */
#define MCF_INF INT64_MAX
#define MCF_MAX_NODES ((int32_t)1 << 28)
#define MCF_MAX_ARCS ((int32_t)0x7fffffff - MCF_MAX_NODES - 1)

struct mcf_problem {
    int32_t n_nodes;
    int32_t n_arcs;
    int64_t *supply; /* [n_nodes] units of flow produced (> 0) or consumed (< 0) */
    int32_t *tail;   /* [n_arcs] 0-based node the arc leaves */
    int32_t *head;   /* [n_arcs] 0-based node the arc enters */
    int64_t *lower;  /* [n_arcs] minimum flow */
    int64_t *upper;  /* [n_arcs] maximum flow, or MCF_INF */
    int64_t *cost;   /* [n_arcs] cost per unit of flow (may be negative) */
};

/*
 * mcf_problem_init - allocates zeroed arrays for n_nodes nodes and n_arcs
 * arcs (supplies 0, arcs 0 -> 0 with bounds [0, 0] and cost 0); the
 * caller fills them. Free with mcf_problem_release.
 */
void mcf_problem_init(struct mcf_problem *p, int32_t n_nodes, int32_t n_arcs);
/* Frees the arrays (not the struct); accepts a zeroed or released struct. */
void mcf_problem_release(struct mcf_problem *p);

/* An optimal solution. flow is owned: mcf_solution_release frees it. */
struct mcf_solution {
    int64_t cost;     /* optimal total cost, sum cost[e] * flow[e] */
    int64_t *flow;    /* [n_arcs] optimal flow per arc, lower <= flow <= upper */
    int64_t n_pivots; /* statistics: simplex pivots done, */
    int64_t n_priced; /* reduced costs computed, */
    int64_t n_moved;  /* and nodes re-hung in the tree */
};

void mcf_solution_release(struct mcf_solution *s);

/*
 * mcf_solve - solves p exactly with a primal network simplex (block
 * search pricing, spanning tree with parent/thread/depth arrays, big-M
 * artificial root, strongly feasible trees against cycling).
 * On success fills *out (release with mcf_solution_release).
 * Errors: ERR_INPUT (arc end out of range, lower > upper, supplies not
 * summing to zero), ERR_INFEASIBLE (no flow meets supplies and bounds),
 * ERR_UNBOUNDED (a negative-cost cycle of unlimited capacity),
 * ERR_TOO_LARGE (limits above). *out is left empty on error. A problem
 * that is both infeasible and has such a cycle may get either error.
 * The optimal flow returned is one of the optima (not necessarily the
 * one another solver returns); its cost is the optimum.
 */
int mcf_solve(const struct mcf_problem *p, struct mcf_solution *out, struct err *e);

/*
 * mcf_dimacs_parse - parses a DIMACS "min" file held in buf[0..len):
 *   c comment             p min NODES ARCS
 *   n ID SUPPLY           a TAIL HEAD LOW CAP COST
 * (ids 1-based, integers in int64, blank lines allowed, LF or CRLF; one
 * p line before any n or a line; each node at most one n line; exactly
 * ARCS a lines; a capacity of 9223372036854775807 means unlimited).
 * NODES above max_nodes is refused (ERR_TOO_LARGE), so that callers such
 * as fuzzers can bound memory. name is used in messages
 * "NAME:LINE: field: reason" (ERR_INPUT). On success fills *out
 * (0-based ids; release with mcf_problem_release); on error *out is empty.
 */
int mcf_dimacs_parse(const char *buf, size_t len, const char *name, int32_t max_nodes,
                     struct mcf_problem *out, struct err *e);

/*
 * mcf_dimacs_write - appends the DIMACS solution of p to out:
 * "s COST" then one "f TAIL HEAD FLOW" line (1-based ids) per arc with
 * nonzero flow, in the input order of the arcs.
 */
void mcf_dimacs_write(struct sb *out, const struct mcf_problem *p, const struct mcf_solution *s);

/*
 * Allocation of offers to needs (the transportation problem of the
 * product). Offers and needs carry yearly quantities in whole tonnes; a
 * suggested pair may carry at most its cap, and gains net_gain euro-cents
 * per tonne exchanged (transport included; may be negative). What an offer
 * does not exchange goes to disposal (the status quo, gain 0).
 * mcf_allocate maximises the total net gain exactly (min-cost flow with
 * cost = -gain and one disposal arc per offer), and also computes the
 * greedy plan (offers in input order, each takes its best pairs first) for
 * comparison.
 */
struct mcf_alloc_pair {
    int32_t offer;            /* index into the offers */
    int32_t need;             /* index into the needs */
    int64_t cap_t;            /* tonnes per year at most on this pair; < 0 = no own cap */
    int64_t gain_cents_per_t; /* net gain of one tonne exchanged, euro-cents */
    double co2e_kg_per_t;     /* CO2e avoided per tonne exchanged, kg */
};

struct mcf_alloc_totals {
    int64_t exchanged_t;   /* tonnes per year exchanged */
    int64_t gain_cents;    /* euro-cents per year of net gain */
    double co2e_avoided_t; /* tonnes CO2e per year avoided */
    int64_t disposed_t;    /* tonnes per year of offers left to disposal */
    int32_t n_pairs_used;  /* pairs with a nonzero quantity */
};

struct mcf_alloc_result {
    int64_t *flow_t;        /* [n_pairs] optimal tonnes per pair */
    int64_t *greedy_flow_t; /* [n_pairs] greedy tonnes per pair */
    struct mcf_alloc_totals best;
    struct mcf_alloc_totals greedy;
};

/*
 * mcf_allocate - offer_t[n_offers] and need_t[n_needs] are quantities
 * (tonnes per year, >= 0). Fills *out (release with
 * mcf_alloc_result_release). ERR_INPUT on a negative quantity or a pair
 * index out of range; ERR_TOO_LARGE past the solver's limits.
 */
int mcf_allocate(const int64_t *offer_t, int32_t n_offers, const int64_t *need_t, int32_t n_needs,
                 const struct mcf_alloc_pair *pairs, int32_t n_pairs, struct mcf_alloc_result *out,
                 struct err *e);
void mcf_alloc_result_release(struct mcf_alloc_result *r);

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
