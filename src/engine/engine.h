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

/*
 * Substitution matching: for each offer, the best declared needs it can
 * serve and the organisations whose activity is a known user of it.
 *
 * The caller fills arrays of organisations and flows (struct engine_org,
 * struct engine_flow), borrows them to engine_matcher_new with the
 * valorisation rules of ref (ref_rules_load) and the parameters, then
 * calls engine_matcher_run, which hands each offer's ranked suggestions
 * to a callback. Candidates come from a hash of (compatible code, grid
 * cell) buckets; buckets hold needs by decreasing quantity, so an offer
 * stops looking once no remaining candidate can enter its top k.
 */

/* Flow families; each has its own default radius. */
enum engine_family {
    ENGINE_FAMILY_MATERIAL = 0, /* waste and by-products, List of Waste codes */
    ENGINE_FAMILY_HEAT,         /* code is the carrier ("chaleur", "vapeur") */
    ENGINE_FAMILY_WATER,
    ENGINE_FAMILY_SERVICE,  /* rooms, equipment, skills: code is the service kind */
    ENGINE_FAMILY_PURCHASE, /* purchase category ("packaging"): pools only */
    ENGINE_FAMILY_TRAINING, /* training topic ("safety"): pools only */
    ENGINE_FAMILY_COUNT
};

/* The dimension of a flow's unit; only equal dimensions are compared. */
enum engine_dim {
    ENGINE_DIM_MASS = 0, /* tonnes per year */
    ENGINE_DIM_ENERGY,   /* MWh per year */
    ENGINE_DIM_VOLUME,   /* m3 per year */
    ENGINE_DIM_COUNT     /* units or hours per year */
};

#define ENGINE_NONE ((size_t)-1)
#define ENGINE_MONTHS_ALL 0xFFFu
#define ENGINE_CODE_MAX 24

/* One organisation (establishment). Strings are borrowed. */
struct engine_org {
    const char *ext_id;   /* SIRET, or the establishment id of a flows file */
    char naf[8];          /* canonical NAF/NACE ("38.21Z"), "" if unknown */
    struct geo_point pos; /* used for potential receivers */
    bool has_pos;         /* false: never a potential receiver */
    const char *handles;  /* ';'-joined LoW codes it is authorised to receive
                             although hazardous; NULL for none */
    int64_t territory;    /* pools group by territory; 0 none (then by radius) */
};

/* One declared offer or need. */
struct engine_flow {
    int64_t id;    /* the caller's id (store id or 1-based row), echoed back */
    size_t org;    /* index into the orgs array */
    bool is_offer; /* offer (output) or need (input) */
    enum engine_family family;
    char code[ENGINE_CODE_MAX]; /* LoW code, digits only ("150101"), or a kind */
    double qty_per_yr;          /* > 0, in the unit of dim */
    enum engine_dim dim;
    struct geo_point pos; /* the site's position */
    bool has_pos;         /* false: reported by the caller, never matched */
    bool is_hazardous;
    double temp_c;            /* heat: supply (offer) or required (need) temperature; NAN unknown */
    unsigned months;          /* availability, bit 0 = January; 0 means all year */
    double cost_eur_per_unit; /* offer: disposal cost; need: purchase price; NAN unknown */
};

/* Tunables; engine_match_params_init sets the documented defaults. */
struct engine_match_params {
    double radius_km[ENGINE_FAMILY_COUNT]; /* road distance limit per family */
    double detour;                         /* road km per straight-line km (>= 1) */
    size_t top_k;                          /* suggestions per offer (>= 1) */
    bool use_rules;                        /* false: same code only */
    bool find_potential;                   /* also organisations that declared nothing */
    bool all_pairs; /* debug: every compatible pair within the radius, unranked */
    double transport_eur_per_t_km;
    double freight_kg_per_t_km; /* ref factor freight_road_articulated_34_40t_diesel */
    double carbon_eur_per_t;    /* weight of one tonne CO2e in the combined score */
    double potential_weight;    /* a potential receiver's score is multiplied by this */
    const char *exclude_case;   /* routes whose source cites this documented case id are
                                   not used (leave-one-out evaluation); NULL none. Borrowed */
};

void engine_match_params_init(struct engine_match_params *p);

enum engine_match_kind { ENGINE_MATCH_DECLARED = 0, ENGINE_MATCH_POTENTIAL };

/* How offer and receiver were found compatible. */
enum engine_match_via {
    ENGINE_VIA_SAME_CODE = 0,
    ENGINE_VIA_RULE,     /* rule: a valorisation rule links the two codes */
    ENGINE_VIA_ACTIVITY, /* potential: a rule names the receiver's activity */
};

/* One suggestion. */
struct engine_match {
    size_t offer;    /* index into flows */
    size_t need;     /* index into flows; ENGINE_NONE for a potential receiver */
    size_t receiver; /* index into orgs */
    enum engine_match_kind kind;
    enum engine_match_via via;
    size_t rule;                /* index into the rules, ENGINE_NONE for same code */
    enum ref_route_level level; /* how the rule names the offer's code (REF_LEVEL_NONE for
                                   same code) */
    unsigned rank;              /* 1-based within the offer */
    double dist_km;             /* road distance (haversine x detour) */
    double qty;                 /* exchanged, per year, in the offer's unit */
    double gain_eur;            /* net gain per year */
    double co2e_t;              /* CO2e avoided per year, tonnes */
    double score;               /* combined rank key (higher first) */
    bool has_default;           /* some economics came from data/match_defaults.csv */
    const char *need_code; /* the need's code (borrowed from the flows); NULL for a potential */
    double need_qty;       /* the need's quantity per year; 0 for a potential */
};

struct engine_matcher;

/*
 * engine_matcher_new - builds the indexes over borrowed arrays (they must
 * outlive the matcher; rules may be NULL for same-code matching with the
 * built-in economic defaults). ERR_INPUT on bad parameters or a flow
 * naming an organisation out of range. Free with engine_matcher_free.
 */
int engine_matcher_new(struct engine_matcher **out, const struct engine_flow *flows, size_t n_flows,
                       const struct engine_org *orgs, size_t n_orgs, const struct ref_rules *rules,
                       const struct engine_match_params *p, struct err *e);
void engine_matcher_free(struct engine_matcher *m);

/*
 * Called once per offer with at least one suggestion, in flow order, with
 * the offer's suggestions ranked (borrowed for the call). In all_pairs
 * mode the suggestions are every compatible pair, unranked (rank 0).
 * A non-zero return stops the run and is returned by engine_matcher_run.
 */
typedef int (*engine_match_fn)(void *arg, const struct engine_match *ms, size_t n, struct err *e);

int engine_matcher_run(struct engine_matcher *m, engine_match_fn fn, void *arg, struct err *e);

struct engine_match_stats;

/*
 * engine_matcher_run_range - engine_matcher_run over the offers among flows
 * [first, end) only, with its own working memory, adding its counts to
 * *stats. It only reads the matcher, so several threads may run disjoint
 * ranges of one matcher at once (each with its own callback state); the
 * suggestions of a range are those engine_matcher_run gives for it.
 */
int engine_matcher_run_range(const struct engine_matcher *m, size_t first, size_t end,
                             engine_match_fn fn, void *arg, struct engine_match_stats *stats,
                             struct err *e);

/*
 * engine_match_explain - the French explanation of a suggestion, to be
 * read aloud ("même code 15 01 01 — 12 km — 40 t/an sur 60 t/an demandées
 * — gain estimé 3 200 €/an, 9 t CO2e/an évitées"). Writes at most cap
 * bytes including the NUL; returns the length it wrote.
 */
size_t engine_match_explain(const struct engine_matcher *m, const struct engine_match *s, char *buf,
                            size_t cap);

/*
 * A flows file for `symbiose match --input` (the benchmark format):
 * header establishment_id,lat,lon,direction,code,quantity_t_per_year, in
 * any order; direction offer|need; code a List of Waste entry (checked
 * with r); quantity in t/yr. Each establishment becomes one organisation
 * (no NAF); flow ids are 1-based data row numbers.
 */
struct engine_flowset {
    struct engine_flow *flows;
    size_t n_flows;
    struct engine_org *orgs; /* ext_id owned by the set */
    size_t n_orgs;
    struct err_list warnings; /* flows without coordinates: "FILE:LINE: ..." */
};

/*
 * engine_flowset_parse - parses buf (name labels the messages). Every bad
 * row is added to errs as "FILE:LINE: field: reason"; if any, returns
 * ERR_INPUT and fs holds nothing. A row without coordinates (both empty)
 * is kept, unmatched, and reported in fs->warnings. Release with
 * engine_flowset_release (also after a failure).
 */
int engine_flowset_parse(struct engine_flowset *fs, const struct ref *r, const char *name,
                         const char *buf, size_t len, struct err_list *errs, struct err *e);
void engine_flowset_release(struct engine_flowset *fs);

/*
 * Mutualisation pools: organisations of one territory (or, without one,
 * within a radius of each other) sharing a need:
 *   collection - offers of one waste code, each below a yearly threshold;
 *   purchase   - needs of one purchase category;
 *   training   - needs of one training topic;
 *   room       - room needs near an organisation that offers a room.
 * A pool has at least two organisations.
 */
enum engine_pool_kind {
    ENGINE_POOL_COLLECTION = 0,
    ENGINE_POOL_PURCHASE,
    ENGINE_POOL_TRAINING,
    ENGINE_POOL_ROOM
};

struct engine_pool_params {
    double collection_threshold_t;  /* offers below this (t/yr) are small: 10 */
    double radius_km;               /* grouping without territory, and rooms: 15 */
    double collection_saving;       /* share of disposal costs saved by pooling: 0.3 */
    double purchase_saving;         /* share of purchase costs saved: 0.1 */
    double training_eur_per_member; /* saved per member beyond the first: 600 */
    double room_eur_per_need;       /* saved per room need served: 1500 */
};

void engine_pool_params_init(struct engine_pool_params *p);

struct engine_pool {
    enum engine_pool_kind kind;
    int64_t territory; /* 0: grouped by radius */
    const char *code;  /* the shared code (borrowed from the flows) */
    size_t *flows;     /* member flows, indices into flows */
    size_t n_flows;
    size_t *orgs; /* distinct member organisations, by index */
    size_t n_orgs;
    double total_qty; /* sum of the members' quantities per year */
    enum engine_dim dim;
    double gain_eur;  /* estimated yearly gain of pooling */
    bool has_default; /* the gain used default costs */
};

/*
 * engine_pools_find - the pools of the flows, in a deterministic order
 * (kind, code, territory, first member). rules (may be NULL) give the
 * default costs. *out is an array freed with engine_pools_free.
 */
int engine_pools_find(const struct engine_flow *flows, size_t n_flows,
                      const struct engine_org *orgs, size_t n_orgs, const struct ref_rules *rules,
                      const struct engine_pool_params *p, struct engine_pool **out, size_t *n_out,
                      struct err *e);
void engine_pools_free(struct engine_pool *pools, size_t n);
/* French explanation of a pool; same contract as engine_match_explain. */
size_t engine_pool_explain(const struct engine_pool *pool, const struct engine_flow *flows,
                           char *buf, size_t cap);
/* "collecte", "achat", "formation", "salle" */
const char *engine_pool_kind_name(enum engine_pool_kind kind);

/* Statistics of the last run, for benchmarks. */
struct engine_match_stats {
    size_t n_offers;     /* offers considered (with coordinates) */
    size_t n_candidates; /* candidates scored */
    size_t n_buckets;    /* buckets visited */
    size_t n_suggestions;
};
void engine_matcher_stats(const struct engine_matcher *m, struct engine_match_stats *out);

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
 * 1/CVRP_EXACT_SCALE of them for real-valued EXACT_2D files, or metres
 * for cvrp_new_geo), symmetric, zero on the diagonal. Each route starts
 * and ends at the depot and carries at most `capacity`; when
 * max_duration > 0 its duration (length plus service_time per customer,
 * in distance units) is at most max_duration (the DISTANCE limit of the
 * Christofides-Mingozzi-Toth instances). `vehicles` is the fleet a file
 * states, 0 for unlimited (the solver takes it from cvrp_options).
 * Built only by the cvrp_new_* constructors and cvrp_parse_tsplib; freed
 * with cvrp_free.
 */
struct cvrp {
    char *name;           /* instance name (NAME of a TSPLIB file), never NULL */
    size_t n_nodes;       /* depot + customers, >= 1 */
    int64_t *dist;        /* n_nodes * n_nodes, row-major, >= 0 */
    int64_t *demand;      /* n_nodes; demand[0] == 0; 0 <= demand[i] <= capacity */
    int64_t capacity;     /* vehicle capacity, > 0 */
    double km_per_unit;   /* km per distance unit; 0 when the unit is abstract */
    int64_t dist_scale;   /* distance units per unit of the source: 1, or CVRP_EXACT_SCALE */
    int64_t max_duration; /* route duration limit in distance units; 0 = none */
    int64_t service_time; /* per customer visited, in distance units, >= 0 */
    size_t vehicles;      /* fleet size stated by the source; 0 = unlimited */
};

/* Largest instance the constructors accept (the matrix is n^2 int64). */
#define CVRP_MAX_NODES 2000
/* Largest capacity and coordinate magnitude, so that sums cannot overflow. */
#define CVRP_MAX_CAPACITY ((int64_t)1 << 40)
#define CVRP_MAX_COORD 1e7
/* EXACT_2D distances are kept to 1/CVRP_EXACT_SCALE of a unit (costs are
 * printed with 4 decimals); the largest possible distance still fits the
 * bounds of cvrp_new_matrix. */
#define CVRP_EXACT_SCALE 10000
/* Largest DISTANCE and SERVICE_TIME accepted, in source units. */
#define CVRP_MAX_DURATION 1e9

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
/* cvrp_new_exact2d - the same with real-valued Euclidean distances, kept
 * as round(sqrt(dx^2 + dy^2) * CVRP_EXACT_SCALE) (dist_scale says so). */
int cvrp_new_exact2d(size_t n_nodes, const double *x, const double *y, const int64_t *demand,
                     int64_t capacity, struct cvrp **out, struct err *e);
/*
 * cvrp_set_duration - route duration limit and service time per customer,
 * in the source's units (scaled by dist_scale here): max_duration > 0 (or
 * 0 for none), service_time >= 0, both at most CVRP_MAX_DURATION.
 * ERR_INFEASIBLE names a customer whose round trip alone exceeds the limit.
 */
int cvrp_set_duration(struct cvrp *p, double max_duration, double service_time, struct err *e);
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
 * EUC_2D or EXACT_2D, NODE_COORD_SECTION, DEMAND_SECTION, DEPOT_SECTION
 * (node 1 only), VEHICLES (fleet size), DISTANCE (route duration limit)
 * and SERVICE_TIME (per customer) as in the Christofides-Mingozzi-Toth
 * instances, and EOF. Errors are ERR_INPUT "FILE:LINE: reason" (in
 * French), with file_name as FILE; ERR_INFEASIBLE "FILE:LINE: ..." when a
 * customer cannot be served within DISTANCE. *out is freed with cvrp_free.
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
    int64_t cost;        /* total distance, in the instance's unit (no service time) */
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
 * the local search. Moves never make a route's duration exceed
 * p->max_duration. With max_routes set, routes may be overloaded during
 * the search at an adaptive price per unit over capacity or duration, and
 * only a solution within both is returned. Fills *out (initialised by the caller with
 * cvrp_solution_init; its previous content is released). ERR_INPUT if
 * options are invalid; ERR_INFEASIBLE if max_routes is set and no
 * solution with that many routes was found (out is then left empty).
 */
int cvrp_solve(const struct cvrp *p, const struct cvrp_options *o, struct cvrp_solution *out,
               struct err *e);

/*
 * cvrp_check - verifies s against p without trusting the solver: every
 * customer exactly once, only valid node indices, no empty route, no
 * route over capacity or over the duration limit, and s->cost equal to
 * the recomputed total. Stores
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
