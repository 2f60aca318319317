/* SPDX-License-Identifier: MIT */
/*
 * optim.h - the public header of the optimisation module: the product
 * side of the allocation and of the collection rounds. It builds the
 * engine's problems from the store (open substitution synergies; a
 * pooled-collection pool with a collector's depot and vehicle), solves
 * them with the engine and returns what the store saves, so that the cli
 * and the http handlers share one implementation.
 *
 * Dependencies: core, ref, store, network, engine (the engine stays pure;
 * this module is the "load, call the engine, save" layer of DESIGN.md).
 */
#ifndef SYMBIOSE_OPTIM_H
#define SYMBIOSE_OPTIM_H

#include "core/core.h"
#include "engine/engine.h"
#include "network/network.h"
#include "ref/ref.h"
#include "store/store.h"

/* ------------------------------------------------------------ allocation */

/*
 * A computed allocation plan: plan holds the totals of the optimum and of
 * the greedy plan; lines has one entry per candidate synergy (kept or
 * not), with the offer/need/receiver ids filled (names are not: read a
 * saved plan back with store_alloc_plan_lines for them). Release with
 * optim_plan_release.
 */
struct optim_plan {
    struct store_alloc_plan plan;
    struct store_alloc_line *lines;
    size_t n_lines;
};

/*
 * optim_allocate - the problem of a scope: every open substitution
 * synergy (status suggested or studied, with estimated tonnes and euros)
 * whose offer belongs to territory_id (0: the whole region). Offers and
 * declared needs are capacities (their yearly quantities in whole tonnes),
 * each synergy may carry at most its estimated tonnes, its gain per tonne
 * is its estimated euros over tonnes (net of transport, as match
 * computed it) taken as a negative cost; a potential receiver takes at
 * most the synergy's tonnes. Solved exactly by mcf_allocate, compared
 * with the greedy plan. account_id is recorded as the author (0: the
 * program). Only reads the store. ERR_TOO_LARGE past the solver's limits.
 */
int optim_allocate(struct store *s, int64_t territory_id, int64_t account_id,
                   struct optim_plan *out, struct err *e);
/* optim_allocate, then records the plan (one transaction); *id its id.
 * out is filled as by optim_allocate (release it). */
int optim_allocate_save(struct store *s, int64_t territory_id, int64_t account_id,
                        struct optim_plan *out, int64_t *id, struct err *e);
void optim_plan_release(struct optim_plan *p);

/* ---------------------------------------------------------------- rounds */

/*
 * Assumptions of the rounds (documented defaults, all overridable):
 * - road distance = great-circle distance x detour factor 1.3
 *   (GEO_DETOUR_FACTOR_DEFAULT);
 * - time = km / 40 km/h (mixed peri-urban driving of a collection truck)
 *   + 10 minutes per stop (handling a few bins or bags);
 * - a collector's vehicle emits its own factor; without one, a 7.5-12 t
 *   collection truck burning 20 L of diesel per 100 km, i.e. 0.20 L/km x
 *   3.1 kg CO2e/L (ADEME Base Carbone, road diesel B7, the
 *   fuel_diesel_road_b7_litre factor of data/emission_factors.csv) =
 *   0.62 kg CO2e/km;
 * - the baseline: each company drives its own waste of one round period
 *   to the nearest treatment site accepting its List of Waste chapter
 *   (data/treatment_sites.csv) and back, one trip per distinct site, in a
 *   light van burning 9 L/100 km (0.279 kg CO2e/km), with one 10-minute
 *   unloading stop per trip.
 * Rounds start and end at the depot (the collector unloads there).
 */
#define OPTIM_SPEED_KMH_DEFAULT 40.0
#define OPTIM_STOP_MIN_DEFAULT 10.0
#define OPTIM_TRUCK_L_PER_KM 0.20
#define OPTIM_VAN_L_PER_KM 0.09
#define OPTIM_DIESEL_KG_CO2E_PER_L 3.1 /* used when the reference factor is missing */

struct optim_rounds_params {
    int64_t collection_id; /* the pooled-collection pool */
    int64_t collector_id;  /* 0: the pool's collector if it is registered, else
                              the pool's own depot and vehicle capacity */
    int64_t vehicle_id;    /* 0: the collector's first vehicle */
    int64_t depot_id;      /* 0: the collector's first depot */
    int64_t account_id;    /* author, 0 for the program */
    char date[11];         /* planned day "YYYY-MM-DD" or "" */
    double detour_factor;  /* >= 1 */
    double speed_kmh;      /* > 0 */
    double stop_min;       /* >= 0 */
    struct cvrp_options cvrp;
};

/* The defaults above, seed 1, the engine's default iterations. */
void optim_rounds_params_init(struct optim_rounds_params *p);

/* Computed rounds: what store_round_insert saves, with names filled. */
struct optim_rounds {
    struct store_round round;
    struct store_round_stop *stops; /* by route then position */
    size_t n_stops;
};

/*
 * optim_rounds_build - the pool's stops (network_collection_rounds_input:
 * one per member organisation, demand per round in kg) from the depot,
 * solved by cvrp_solve on road-like distances and checked by cvrp_check;
 * km, time, CO2e and cost of the routes and the baseline. r may be NULL
 * (default diesel factor); sites may be empty (baseline 0). ERR_NOT_FOUND
 * for an unknown pool, collector, depot or vehicle, ERR_INPUT (French)
 * when a stop alone exceeds the vehicle, the collector has no depot or
 * vehicle, or the pool has no member. Only reads the store.
 */
int optim_rounds_build(struct store *s, const struct ref *r, const struct ref_sites *sites,
                       const struct optim_rounds_params *p, struct optim_rounds *out,
                       struct err *e);
void optim_rounds_release(struct optim_rounds *r);

/* kg CO2e per litre of road diesel: the reference factor
 * fuel_diesel_road_b7_litre, else OPTIM_DIESEL_KG_CO2E_PER_L (r may be NULL). */
double optim_diesel_kg_per_l(const struct ref *r);

/* Road-like km of the route made of stops[from..to) of a saved round:
 * depot, the stops in order, depot (haversine x the round's detour factor). */
double optim_route_km(const struct store_round *r, const struct store_round_stop *stops,
                      size_t from, size_t to);

/* A collector with one depot and one vehicle (CLI and API input). */
struct optim_collector_input {
    int64_t org_id;
    const char *depot_name; /* NULL = "" */
    const char *address;
    struct geo_point depot;
    const char *vehicle_name;
    double capacity_kg;     /* 1..1,000,000 */
    double cost_eur_per_km; /* 0..100 */
    double co2e_kg_per_km;  /* 0..10; < 0 = the default truck's */
};

/*
 * optim_collector_add - registers org_id as a collector (or reuses its
 * record) and adds the depot and the vehicle, in one transaction (or the
 * caller's). ERR_INPUT with a French message naming the field, ERR_NOT_FOUND
 * for an unknown organisation. Fills the three ids.
 */
int optim_collector_add(struct store *s, const struct ref *r,
                        const struct optim_collector_input *in, int64_t *collector_id,
                        int64_t *depot_id, int64_t *vehicle_id, struct err *e);

/* ------------------------------------------------------------- detection */

/*
 * The organisations and flows of the store as the engine's plain arrays.
 * orgs follow store_orgs (sorted by id); flows holds the flows with a
 * quantity (engine_flow.id = the store flow id, .org an index into orgs).
 */
struct optim_engine_data {
    struct store_org *store_orgs;
    size_t n_orgs;
    struct store_flow *store_flows;
    size_t n_store_flows;
    struct engine_org *orgs;
    int64_t *org_ids; /* store id of each engine organisation */
    struct engine_flow *flows;
    size_t n_flows;
};

/*
 * optim_engine_load - every organisation and flow of the store;
 * offer_territory_id > 0 keeps only the offers of organisations of that
 * territory (needs and potential receivers stay region-wide: the radius
 * decides). 0: the whole region. Release with optim_engine_data_release.
 */
int optim_engine_load(struct store *st, int64_t offer_territory_id, struct optim_engine_data *d,
                      struct err *e);
void optim_engine_data_release(struct optim_engine_data *d);

/* engine_match_params_init, then optim_match_params_ref: the freight
 * factor of the reference data (freight_road_articulated_34_40t_diesel)
 * when r has it (r may be NULL). */
void optim_match_params_init(struct engine_match_params *p, const struct ref *r);
void optim_match_params_ref(struct engine_match_params *p, const struct ref *r);

#define OPTIM_TRUCK_T 25.0      /* tonnes per truckload, for the km of an exchange */
#define OPTIM_DETECT_TOP_MAX 64 /* suggestions per offer saved at most */

struct optim_detect_counts {
    size_t n_offers;  /* offers searched (in the scope, with a quantity) */
    size_t n_new;     /* synergies created with status "suggested" */
    size_t n_updated; /* known ones given fresh estimates */
    size_t n_skipped; /* abandoned ones found again, left abandoned */
};

struct detect_known;

/*
 * The saver of the matcher's suggestions (one offer at a time, as the
 * matcher's callback gets them): optim_saver_open loads the known
 * substitution synergies; optim_saver_keep copies into kept (room for n)
 * the suggestions that were not abandoned, renumbered from 1, inserts the
 * new ones as "suggested" (the explanation as note, account_id as author)
 * and sets fresh estimates on known ones (their measured effects kept).
 * The caller owns the transaction.
 */
struct optim_saver {
    struct store *st;
    const struct optim_engine_data *d;
    int64_t account_id;
    struct detect_known *known; /* sorted by (offer, need, org) */
    size_t n_known;
    struct optim_detect_counts counts;
};

int optim_saver_open(struct optim_saver *sv, struct store *st, const struct optim_engine_data *d,
                     int64_t account_id, struct err *e);
int optim_saver_keep(struct optim_saver *sv, const struct engine_matcher *m,
                     const struct engine_match *ms, size_t n, struct engine_match *kept,
                     size_t *n_kept, struct err *e);
void optim_saver_close(struct optim_saver *sv);

/*
 * optim_detect - the detection of a scope in one call (what `symbiose
 * match` does on the database, without output): the offers of
 * territory_id (0: the region) against every need and potential receiver
 * within the radius, saved through the saver. p->top_k at most
 * OPTIM_DETECT_TOP_MAX. The caller owns the transaction.
 */
int optim_detect(struct store *st, const struct ref_rules *rules,
                 const struct engine_match_params *p, int64_t territory_id, int64_t account_id,
                 struct optim_detect_counts *out, struct err *e);

/* ------------------------------------------------------------------ JSON */

/*
 * The JSON shapes shared by `symbiose allocate --format json`, the export
 * and the API (appended to b):
 * optim_plan_json - {"id", "created_at", "created_by", "territory_id",
 *   "territory", "n_candidates", "optimal": TOTALS, "greedy": TOTALS,
 *   "gain_over_greedy_eur", "lines": [...]} with TOTALS {"t", "eur",
 *   "co2e_t", "disposed_t", "pairs"}; each line {"synergy_id",
 *   "offer_flow_id", "need_flow_id", "offer_org_id", "receiver_org_id",
 *   "offer_org", "receiver", "code", "t", "greedy_t", "eur", "co2e_t",
 *   "kept"}. lines NULL omits "lines" (lists).
 * optim_round_json - the round's fields, "routes": [{"route", "km",
 *   "load_kg", "duration_min", "stops": [{"seq", "org_id", "name",
 *   "demand_kg", "lat", "lon", "baseline_km", "site"}]}], and "geometry",
 *   a GeoJSON MultiLineString (one depot-to-depot line per route, [lon,
 *   lat]). stops NULL omits routes and geometry. Per-route km are
 *   recomputed from the stored points (haversine x detour factor).
 */
void optim_plan_json(struct sb *b, const struct store_alloc_plan *p,
                     const struct store_alloc_line *lines, size_t n_lines);
void optim_round_json(struct sb *b, const struct store_round *r,
                      const struct store_round_stop *stops, size_t n_stops);

/* ------------------------------------------------------ prospect ranking */

#define OPTIM_PROSPECT_REASONS 3
#define OPTIM_REASON_MAX 480

/*
 * One ranked prospect. Its flows are estimates (typical flows of its
 * activity times the middle of its employee band): they exist only for
 * the ranking, are never stored as flows and so never reach another
 * company's view nor the indicators of declared or implemented flows.
 */
struct optim_prospect {
    struct store_prospect p;
    size_t n_estimated;     /* estimated flows given to the matcher */
    size_t n_matches;       /* likely matches it takes part in */
    size_t n_with_enrolled; /* of which with an enrolled organisation */
    double score;           /* sum of the matcher's combined scores */
    double gain_eur;        /* sum of the estimated yearly gains */
    char reasons[OPTIM_PROSPECT_REASONS][OPTIM_REASON_MAX]; /* French, best first */
    double reason_score[OPTIM_PROSPECT_REASONS];
    size_t n_reasons;
};

/* Which prospects to rank: a territory's (0: the region), an activity
 * (NAF prefix, "" for all) and a least employee band middle. */
struct optim_prospect_filter {
    int64_t territory_id;
    const char *naf_prefix;
    double min_employees;
};

/*
 * optim_prospects_rank - the active, not enrolled prospects of the
 * filter, each given the estimated flows of tf, matched by the engine
 * (rules, p) against the declared flows of every enrolled organisation
 * and the estimated flows of the other prospects; ranked by score, then
 * number of matches, then SIRET. *out (n rows) is freed with free().
 * Only reads the store.
 */
int optim_prospects_rank(struct store *st, const struct ref *r, const struct ref_rules *rules,
                         const struct ref_typical *tf, const struct engine_match_params *p,
                         const struct optim_prospect_filter *f, struct optim_prospect **out,
                         size_t *n, struct err *e);

/* The call list as CSV: the header line, then one optim_prospect_csv_row
 * per prospect (names and reasons through the neutralising CSV writer). */
#define OPTIM_PROSPECT_CSV_HEADER                                                                  \
    "rank,siret,name,naf,employee_band,commune_insee,lat,lon,score,n_matches,"                     \
    "n_with_enrolled,gain_eur_estimated,n_estimated_flows,reasons\n"
/* Appends the CSV row of op at rank to b (reasons joined by " | "). */
void optim_prospect_csv_row(struct sb *b, size_t rank, const struct optim_prospect *op);

/*
 * optim_prospect_enrol - one-step enrolment: the prospect siret becomes an
 * organisation of territory_id (store_prospect_enrol) whose draft flows
 * are its estimated flows (typical flows of tf for its activity, times
 * the middle of its employee band); *n_drafts says how many. In the
 * caller's transaction. Errors as store_prospect_enrol.
 */
int optim_prospect_enrol(struct store *st, const struct ref *r, const struct ref_typical *tf,
                         const char *siret, int64_t territory_id, int64_t *org_id, size_t *n_drafts,
                         struct err *e);

#endif /* SYMBIOSE_OPTIM_H */
