/* SPDX-License-Identifier: MIT */
/*
 * engine_int.h - declarations shared by the matching files of the engine
 * (match.c: indexes and search; match_rules.c: compatibility links and
 * economics; match_explain.c: the French explanation).
 *
 * Vocabulary: a "target" is what an offer can be matched against: the
 * needs of one code (targets [0, n_codes)) or the organisations of one
 * receiving activity named by a rule (targets [n_codes, n_targets)). A
 * "link" says that offers of one code may go to one target, why, and
 * with what unit value. Each target's entries form a k-d tree.
 */
#ifndef SYMBIOSE_ENGINE_INT_H
#define SYMBIOSE_ENGINE_INT_H

#include "engine.h"

#include <stdint.h>

/* A need or an organisation placed in the grid of one target. */
struct mt_entry {
    double x, y;     /* projected km (equirectangular, lower bound of distances) */
    double lat_rad;  /* for the haversine */
    double lon_rad;  /* for the haversine */
    double cos_lat;  /* cos(lat_rad) */
    double qty;      /* need quantity; INFINITY for an organisation */
    double cost;     /* need: declared purchase price per unit, NAN unknown */
    double temp_c;   /* need: required temperature, NAN unknown */
    uint32_t org;    /* the organisation (copied so that filters stay in cache) */
    uint32_t months; /* need: availability bits (0 all year) */
    uint32_t dim;    /* need: enum engine_dim */
    uint32_t idx;    /* flow index (needs) or org index (receivers) */
    uint32_t target; /* target index */
};

/* A node of a target's k-d tree; a leaf holds at most MT_LEAF entries by
 * decreasing quantity. */
struct mt_node {
    double x0, x1, y0, y1; /* bounding box of its entries, projected km */
    double max_qty;        /* largest quantity below it */
    uint32_t start, n;     /* its entries: entries[start, start + n) */
    uint32_t left, right;  /* children; 0 for a leaf (a root is never a child) */
};

struct mt_heap_item {
    double bound; /* best score any entry below the node could reach */
    double lb;    /* road-distance lower bound to the node */
    uint32_t node;
};

struct mt_target {
    double max_known_cost; /* highest purchase price declared by its needs; -INF none */
    size_t n;              /* entries */
    const char *code;      /* need code, or NACE prefix of receivers */
    uint32_t root;         /* k-d tree root node; UINT32_MAX when empty */
};

/* Offers of one code can go to one target. */
struct mt_link {
    uint32_t target;
    enum engine_match_via via;
    size_t rule;                /* ENGINE_NONE for same code */
    enum ref_route_level level; /* REF_LEVEL_NONE for same code */
    double purchase;            /* default avoided purchase per unit for this link */
    double virgin_kg;           /* avoided virgin material per unit, kg CO2e */
    double rank_purchase;  /* the purchase and virgin CO2e the ranking counts: the link's own */
    double rank_virgin_kg; /* for needs, the code's defaults for potential receivers (whose
                              avoided purchase is hypothetical, so the knowledge orders them) */
    double bound_weight;   /* 1, or potential_weight times the route's weight */
    double value;          /* weighted value per unit before transport, for ordering */
};

/* Interned code with its links (filled for codes that some offer has). */
struct mt_code {
    const char *code;
    const struct ref_econ *econ; /* economic defaults for the code */
    struct mt_link *links;       /* by decreasing unit value */
    size_t n_links;
    bool has_links;    /* links computed */
    bool is_hazardous; /* some offer of this code is hazardous */
};

/* Working memory of one search thread: the matcher itself is only read
 * while searching, so that threads can run disjoint ranges of offers. */
struct mt_work {
    struct mt_heap_item *heap; /* max-heap of nodes, reused between offers */
    size_t n_heap, cap_heap;
    struct engine_match_stats stats;
};

struct engine_matcher {
    const struct engine_flow *flows;
    size_t n_flows;
    const struct engine_org *orgs;
    size_t n_orgs;
    const struct ref_rules *rules;
    struct engine_match_params p;
    double cos_ref; /* projection: x = lon * KM_PER_DEG * cos_ref */

    struct mt_code *codes; /* interned flow codes */
    size_t n_codes;
    uint32_t *flow_code; /* code index of each flow */
    uint32_t *code_hash; /* open addressing over codes, slot = index + 1 */
    size_t code_hash_cap;

    struct mt_target *targets;
    size_t n_targets;

    struct mt_entry *entries; /* grouped by target, then by tree node */
    size_t n_entries;
    struct mt_node *nodes; /* every target's k-d tree */
    size_t n_nodes;

    uint32_t *org_need_start; /* needs of org i: org_needs[start[i] .. start[i+1]) */
    uint32_t *org_needs;      /* code indices */

    struct engine_match_stats stats;
};

#define MT_KM_PER_DEG 111.195
/* Projected distances are at most this much above the true ones. */
#define MT_PROJ_SAFETY 0.995

/* match_rules.c */
void engine__links_build(struct engine_matcher *m, struct mt_code *c);
/* The offer's disposal cost per unit: its own, else ec's default. */
double engine__offer_disposal(const struct ref_econ *ec, const struct engine_flow *offer,
                              bool *is_default);
const struct ref_econ *engine__econ(const struct engine_matcher *m, const char *code);
bool engine__org_handles(const struct engine_org *o, const char *code);
/* Fills qty, gain, CO2e, score and has_default of s (dist_km set);
 * ec is the economics of the offer's code; need is the need's entry, NULL
 * for a potential receiver. */
void engine__score(const struct engine_matcher *m, const struct engine_flow *offer,
                   const struct ref_econ *ec, const struct mt_link *link,
                   const struct mt_entry *need, struct engine_match *s);

/* match.c */
uint32_t engine__code_find(const struct engine_matcher *m, const char *code);

#endif /* SYMBIOSE_ENGINE_INT_H */
