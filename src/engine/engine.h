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
    ENGINE_FAMILY_SERVICE, /* rooms, equipment, skills: code is the service kind */
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
    size_t rule;           /* index into the rules, ENGINE_NONE for same code */
    unsigned rank;         /* 1-based within the offer */
    double dist_km;        /* road distance (haversine x detour) */
    double qty;            /* exchanged, per year, in the offer's unit */
    double gain_eur;       /* net gain per year */
    double co2e_t;         /* CO2e avoided per year, tonnes */
    double score;          /* combined rank key (higher first) */
    bool has_default;      /* some economics came from data/match_defaults.csv */
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

/* (defined by the allocation work) */

/* ================================================================== */
/* Collection rounds: CVRP (cvrp_*)                                    */
/* ================================================================== */

/* (defined by the rounds work) */

#endif /* SYMBIOSE_ENGINE_H */
