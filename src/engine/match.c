/* SPDX-License-Identifier: MIT */
/*
 * match.c - substitution matching: the indexes (interned codes, targets,
 * one k-d tree per target) and the search of each offer's top k.
 *
 * Search: for each compatibility link of the offer's code, in decreasing
 * unit value, the k-d tree of the link's target is searched best first.
 * A candidate's score is at most
 *     weight * min(q_offer, q_need) * (value - road_km * transport)
 * so a node (bounded by its box and its largest quantity) or the rest of
 * a leaf (whose needs come by decreasing quantity) is skipped as soon as
 * that bound falls below the k-th score found so far. The work then
 * follows the output, not the number of pairs within the radius; the
 * tree adapts to clustered sites, where a fixed grid would not.
 *
 * Distances: boxes use an equirectangular projection scaled by the cosine
 * of the highest latitude of the data, which never overstates a
 * distance, so box bounds are safe lower bounds; the filter and the
 * output use the haversine times the detour factor.
 */
#include "engine_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MT_MAX_TARGETS (1u << 20)
#define MT_LEAF 16 /* entries per k-d tree leaf */

void engine_match_params_init(struct engine_match_params *p)
{
    memset(p, 0, sizeof(*p));
    p->radius_km[ENGINE_FAMILY_MATERIAL] = 60.0;
    p->radius_km[ENGINE_FAMILY_HEAT] = 5.0;
    p->radius_km[ENGINE_FAMILY_WATER] = 15.0;
    p->radius_km[ENGINE_FAMILY_SERVICE] = 30.0;
    p->radius_km[ENGINE_FAMILY_PURCHASE] = 30.0;
    p->radius_km[ENGINE_FAMILY_TRAINING] = 30.0;
    p->detour = GEO_DETOUR_FACTOR_DEFAULT;
    p->top_k = 10;
    p->use_rules = true;
    p->find_potential = true;
    p->transport_eur_per_t_km = 0.12;
    p->freight_kg_per_t_km = 0.0875;
    p->carbon_eur_per_t = 100.0;
    p->potential_weight = 0.5;
}

/* ------------------------------------------------------------ hashing */

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

uint32_t engine__code_find(const struct engine_matcher *m, const char *code)
{
    size_t mask = m->code_hash_cap - 1;
    for (size_t i = str_hash(code) & mask;; i = (i + 1) & mask) {
        uint32_t slot = m->code_hash[i];
        if (slot == 0)
            return UINT32_MAX;
        if (strcmp(m->codes[slot - 1].code, code) == 0)
            return slot - 1;
    }
}

static uint32_t code_intern(struct engine_matcher *m, size_t *cap, const char *code)
{
    uint32_t found = engine__code_find(m, code);
    if (found != UINT32_MAX)
        return found;
    if ((m->n_codes + 1) * 2 > m->code_hash_cap) {
        size_t ncap = m->code_hash_cap * 2;
        uint32_t *nh = xcalloc(ncap, sizeof(*nh));
        for (size_t i = 0; i < m->n_codes; i++) {
            size_t j = str_hash(m->codes[i].code) & (ncap - 1);
            while (nh[j])
                j = (j + 1) & (ncap - 1);
            nh[j] = (uint32_t)i + 1;
        }
        free(m->code_hash);
        m->code_hash = nh;
        m->code_hash_cap = ncap;
    }
    CORE_GROW(m->codes, *cap, m->n_codes + 1);
    struct mt_code *c = &m->codes[m->n_codes];
    memset(c, 0, sizeof(*c));
    c->code = code;
    size_t j = str_hash(code) & (m->code_hash_cap - 1);
    while (m->code_hash[j])
        j = (j + 1) & (m->code_hash_cap - 1);
    m->code_hash[j] = (uint32_t)m->n_codes + 1;
    return (uint32_t)m->n_codes++;
}

/* ------------------------------------------------------------- building */

static bool params_ok(const struct engine_match_params *p, struct err *e)
{
    for (int f = 0; f < ENGINE_FAMILY_COUNT; f++) {
        if (!(p->radius_km[f] > 0 && p->radius_km[f] <= 20000)) {
            err_set(e, ERR_INPUT, "radius: must be between 0 and 20000 km");
            return false;
        }
    }
    if (!(p->detour >= 1.0 && p->detour <= 10.0)) {
        err_set(e, ERR_INPUT, "detour: must be between 1 and 10");
        return false;
    }
    if (p->top_k < 1 || p->top_k > 10000) {
        err_set(e, ERR_INPUT, "top: must be between 1 and 10000");
        return false;
    }
    if (!(p->potential_weight > 0 && p->potential_weight <= 1)) {
        err_set(e, ERR_INPUT, "potential weight: must be in (0, 1]");
        return false;
    }
    return true;
}

static void entry_place(const struct engine_matcher *m, struct mt_entry *en, struct geo_point pos)
{
    en->lat_rad = pos.lat * M_PI / 180.0;
    en->lon_rad = pos.lon * M_PI / 180.0;
    en->cos_lat = cos(en->lat_rad);
    en->y = pos.lat * MT_KM_PER_DEG;
    en->x = pos.lon * MT_KM_PER_DEG * m->cos_ref;
}

static int entry_cmp(const void *pa, const void *pb)
{
    const struct mt_entry *a = pa, *b = pb;
    if (a->target != b->target)
        return a->target < b->target ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Leaf order: decreasing quantity, so that a scan stops at the first entry
 * whose bound falls below the k-th score. */
static int entry_qty_cmp(const void *pa, const void *pb)
{
    const struct mt_entry *a = pa, *b = pb;
    if (a->qty != b->qty)
        return a->qty > b->qty ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Receiver targets: the distinct activity prefixes the rules name. */
static void targets_add_receivers(struct engine_matcher *m, size_t *cap)
{
    size_t n_rules = m->p.find_potential ? ref_rules_count(m->rules) : 0;
    for (size_t ri = 0; ri < n_rules; ri++) {
        const struct ref_rule *r = ref_rules_at(m->rules, ri);
        for (size_t k = 0; k < r->n_receivers; k++) {
            bool seen = false;
            for (size_t t = m->n_codes; t < m->n_targets && !seen; t++)
                seen = strcmp(m->targets[t].code, r->receivers[k]) == 0;
            if (seen)
                continue;
            CORE_GROW(m->targets, *cap, m->n_targets + 1);
            struct mt_target *t = &m->targets[m->n_targets++];
            memset(t, 0, sizeof(*t));
            t->code = r->receivers[k];
            t->max_known_cost = -INFINITY;
        }
    }
}

static size_t entries_collect(struct engine_matcher *m)
{
    size_t cap = 0, n = 0;
    for (size_t i = 0; i < m->n_flows; i++) {
        const struct engine_flow *f = &m->flows[i];
        if (f->is_offer || !f->has_pos)
            continue;
        CORE_GROW(m->entries, cap, n + 1);
        struct mt_entry *en = &m->entries[n++];
        entry_place(m, en, f->pos);
        en->qty = f->qty_per_yr;
        en->cost = f->cost_eur_per_unit;
        en->temp_c = f->temp_c;
        en->org = (uint32_t)f->org;
        en->months = f->months;
        en->dim = (uint32_t)f->dim;
        en->idx = (uint32_t)i;
        en->target = m->flow_code[i];
        struct mt_target *t = &m->targets[en->target];
        t->n++;
        if (!isnan(f->cost_eur_per_unit) && f->cost_eur_per_unit > t->max_known_cost)
            t->max_known_cost = f->cost_eur_per_unit;
    }
    for (size_t i = 0; i < m->n_orgs; i++) {
        const struct engine_org *o = &m->orgs[i];
        if (!o->has_pos || !o->naf[0])
            continue;
        for (size_t t = m->n_codes; t < m->n_targets; t++) {
            if (!ref_code_under(o->naf, m->targets[t].code))
                continue;
            CORE_GROW(m->entries, cap, n + 1);
            struct mt_entry *en = &m->entries[n++];
            entry_place(m, en, o->pos);
            en->qty = INFINITY;
            en->cost = NAN;
            en->temp_c = NAN;
            en->org = (uint32_t)i;
            en->idx = (uint32_t)i;
            en->target = (uint32_t)t;
            m->targets[t].n++;
        }
    }
    return n;
}

/* Entries on one side of the split: coordinate, then index (deterministic). */
static bool entry_before(const struct mt_entry *a, const struct mt_entry *b, bool is_x)
{
    double ka = is_x ? a->x : a->y, kb = is_x ? b->x : b->y;
    if (ka != kb)
        return ka < kb;
    return a->idx < b->idx;
}

static void entry_swap(struct mt_entry *a, struct mt_entry *b)
{
    struct mt_entry t = *a;
    *a = *b;
    *b = t;
}

/* Quickselect: puts the k-th entry of e[0..n) in place, smaller ones before. */
static void entries_select(struct mt_entry *e, size_t n, size_t k, bool is_x)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        /* median of three as pivot, moved to hi */
        if (entry_before(&e[mid], &e[lo], is_x))
            entry_swap(&e[mid], &e[lo]);
        if (entry_before(&e[hi], &e[lo], is_x))
            entry_swap(&e[hi], &e[lo]);
        if (entry_before(&e[mid], &e[hi], is_x))
            entry_swap(&e[mid], &e[hi]);
        size_t store = lo;
        for (size_t i = lo; i < hi; i++) {
            if (entry_before(&e[i], &e[hi], is_x))
                entry_swap(&e[i], &e[store++]);
        }
        entry_swap(&e[store], &e[hi]);
        if (store == k)
            return;
        if (store < k)
            lo = store + 1;
        else
            hi = store - 1;
    }
}

/* Builds the k-d tree node over entries[start, start + n); returns its index. */
static uint32_t node_build(struct engine_matcher *m, size_t *cap, uint32_t start, uint32_t n)
{
    CORE_GROW(m->nodes, *cap, m->n_nodes + 1);
    uint32_t id = (uint32_t)m->n_nodes++;
    struct mt_node nd;
    memset(&nd, 0, sizeof(nd));
    nd.x0 = nd.y0 = INFINITY;
    nd.x1 = nd.y1 = -INFINITY;
    nd.max_qty = 0;
    nd.start = start;
    nd.n = n;
    for (uint32_t i = start; i < start + n; i++) {
        const struct mt_entry *en = &m->entries[i];
        nd.x0 = fmin(nd.x0, en->x);
        nd.x1 = fmax(nd.x1, en->x);
        nd.y0 = fmin(nd.y0, en->y);
        nd.y1 = fmax(nd.y1, en->y);
        nd.max_qty = fmax(nd.max_qty, en->qty);
    }
    if (n <= MT_LEAF) {
        qsort(&m->entries[start], n, sizeof(*m->entries), entry_qty_cmp);
    } else {
        bool is_x = nd.x1 - nd.x0 >= nd.y1 - nd.y0;
        uint32_t half = n / 2;
        entries_select(&m->entries[start], n, half, is_x);
        nd.left = node_build(m, cap, start, half);
        nd.right = node_build(m, cap, start + half, n - half);
    }
    m->nodes[id] = nd;
    return id;
}

/* One k-d tree per target over its entries (grouped by target). */
static void trees_build(struct engine_matcher *m)
{
    size_t cap = 0;
    if (m->n_entries > 1)
        qsort(m->entries, m->n_entries, sizeof(*m->entries), entry_cmp);
    for (size_t t = 0; t < m->n_targets; t++)
        m->targets[t].root = UINT32_MAX;
    for (size_t i = 0; i < m->n_entries;) {
        size_t j = i + 1;
        while (j < m->n_entries && m->entries[j].target == m->entries[i].target)
            j++;
        uint32_t t = m->entries[i].target;
        m->targets[t].root = node_build(m, &cap, (uint32_t)i, (uint32_t)(j - i));
        i = j;
    }
}

/* For each organisation, the codes of its needs (to skip it as a potential
 * receiver of offers it already declared a need for). */
static void org_needs_build(struct engine_matcher *m)
{
    m->org_need_start = xcalloc(m->n_orgs + 1, sizeof(*m->org_need_start));
    size_t n = 0;
    for (size_t i = 0; i < m->n_flows; i++) {
        if (!m->flows[i].is_offer) {
            m->org_need_start[m->flows[i].org + 1]++;
            n++;
        }
    }
    for (size_t o = 0; o < m->n_orgs; o++)
        m->org_need_start[o + 1] += m->org_need_start[o];
    m->org_needs = xcalloc(n + 1, sizeof(*m->org_needs));
    uint32_t *fill = xcalloc(m->n_orgs + 1, sizeof(*fill));
    for (size_t i = 0; i < m->n_flows; i++) {
        size_t o = m->flows[i].org;
        if (!m->flows[i].is_offer)
            m->org_needs[m->org_need_start[o] + fill[o]++] = m->flow_code[i];
    }
    free(fill);
}

int engine_matcher_new(struct engine_matcher **out, const struct engine_flow *flows, size_t n_flows,
                       const struct engine_org *orgs, size_t n_orgs, const struct ref_rules *rules,
                       const struct engine_match_params *p, struct err *e)
{
    *out = NULL;
    if (!params_ok(p, e))
        return ERR_INPUT;
    if (n_flows >= UINT32_MAX || n_orgs >= UINT32_MAX)
        return err_set(e, ERR_TOO_LARGE, "match: too many flows or organisations");
    for (size_t i = 0; i < n_flows; i++) {
        if (flows[i].org >= n_orgs)
            return err_set(e, ERR_INPUT, "match: flow %zu names organisation %zu of %zu", i,
                           flows[i].org, n_orgs);
        if (!(flows[i].qty_per_yr > 0) || !isfinite(flows[i].qty_per_yr))
            return err_set(e, ERR_INPUT, "match: flow %zu: quantity must be positive", i);
        if ((unsigned)flows[i].family >= ENGINE_FAMILY_COUNT ||
            (unsigned)flows[i].dim > ENGINE_DIM_COUNT ||
            !memchr(flows[i].code, '\0', sizeof(flows[i].code)))
            return err_set(e, ERR_INPUT, "match: flow %zu: bad family, unit or code", i);
        if (flows[i].has_pos && !geo_point_valid(flows[i].pos))
            return err_set(e, ERR_INPUT, "match: flow %zu: coordinates out of range", i);
    }
    struct engine_matcher *m = xcalloc(1, sizeof(*m));
    m->flows = flows;
    m->n_flows = n_flows;
    m->orgs = orgs;
    m->n_orgs = n_orgs;
    m->rules = rules;
    m->p = *p;
    double max_lat = 0;
    for (size_t i = 0; i < n_flows; i++) {
        if (flows[i].has_pos)
            max_lat = fmax(max_lat, fabs(flows[i].pos.lat));
    }
    for (size_t i = 0; i < n_orgs; i++) {
        if (orgs[i].has_pos)
            max_lat = fmax(max_lat, fabs(orgs[i].pos.lat));
    }
    m->cos_ref = cos(fmin(max_lat, 89.9) * M_PI / 180.0);

    size_t code_cap = 0;
    m->code_hash_cap = 64;
    m->code_hash = xcalloc(m->code_hash_cap, sizeof(*m->code_hash));
    m->flow_code = xcalloc(n_flows + 1, sizeof(*m->flow_code));
    for (size_t i = 0; i < n_flows; i++) {
        m->flow_code[i] = code_intern(m, &code_cap, flows[i].code);
        if (flows[i].is_offer && flows[i].is_hazardous)
            m->codes[m->flow_code[i]].is_hazardous = true;
    }
    if (m->n_codes >= MT_MAX_TARGETS) {
        engine_matcher_free(m);
        return err_set(e, ERR_TOO_LARGE, "match: too many distinct codes");
    }
    size_t target_cap = m->n_codes;
    m->targets = xcalloc(m->n_codes + 1, sizeof(*m->targets));
    m->n_targets = m->n_codes;
    for (size_t i = 0; i < m->n_codes; i++) {
        m->targets[i].code = m->codes[i].code;
        m->targets[i].max_known_cost = -INFINITY;
        m->codes[i].econ = engine__econ(m, m->codes[i].code);
    }
    targets_add_receivers(m, &target_cap);
    m->n_entries = entries_collect(m);
    trees_build(m);
    org_needs_build(m);
    /* the links of every offered code, before any search: a search only reads
     * the matcher, so threads may run ranges of offers at once */
    for (size_t i = 0; i < n_flows; i++) {
        struct mt_code *c = &m->codes[m->flow_code[i]];
        if (flows[i].is_offer && flows[i].has_pos && !c->has_links)
            engine__links_build(m, c);
    }
    *out = m;
    return ERR_OK;
}

void engine_matcher_free(struct engine_matcher *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_codes; i++)
        free(m->codes[i].links);
    free(m->codes);
    free(m->code_hash);
    free(m->flow_code);
    free(m->targets);
    free(m->entries);
    free(m->nodes);
    free(m->org_need_start);
    free(m->org_needs);
    free(m);
}

void engine_matcher_stats(const struct engine_matcher *m, struct engine_match_stats *out)
{
    *out = m->stats;
}

/* ----------------------------------------------------------- searching */

/* The running top k of one offer (or every pair, in all_pairs mode). */
struct mt_top {
    struct engine_match *items;
    size_t n;
    size_t cap;
    size_t k;                      /* 0: unbounded (all_pairs) */
    const struct engine_org *orgs; /* for the activity of potential receivers */
};

static bool match_better(const struct engine_match *a, const struct engine_match *b)
{
    if (a->score != b->score)
        return a->score > b->score;
    if (a->kind != b->kind)
        return a->kind < b->kind;
    if (a->dist_km != b->dist_km)
        return a->dist_km < b->dist_km;
    if (a->receiver != b->receiver)
        return a->receiver < b->receiver;
    return a->need < b->need;
}

static bool top_full(const struct mt_top *t)
{
    return t->k > 0 && t->n >= t->k;
}

/* The score a candidate must beat; -INF while the top is not full. */
static double top_floor(const struct mt_top *t)
{
    return top_full(t) ? t->items[t->n - 1].score : -INFINITY;
}

static void top_remove(struct mt_top *t, size_t i)
{
    memmove(&t->items[i], &t->items[i + 1], (t->n - i - 1) * sizeof(*t->items));
    t->n--;
}

static void top_insert(struct mt_top *t, const struct engine_match *s)
{
    if (t->k == 0) {
        CORE_GROW(t->items, t->cap, t->n + 1);
        t->items[t->n++] = *s;
        return;
    }
    if (s->kind == ENGINE_MATCH_POTENTIAL) {
        /* one potential receiver per activity: an organisation may fit several
         * activity prefixes, and a facilitator learns more from five kinds of
         * users than from five of one kind (the nearest of a kind is kept) */
        const char *naf = t->orgs[s->receiver].naf;
        for (size_t i = 0; i < t->n; i++) {
            if (t->items[i].kind == ENGINE_MATCH_POTENTIAL &&
                strcmp(t->orgs[t->items[i].receiver].naf, naf) == 0) {
                if (!match_better(s, &t->items[i]))
                    return;
                top_remove(t, i);
                break;
            }
        }
    }
    if (top_full(t) && !match_better(s, &t->items[t->n - 1]))
        return;
    size_t i = top_full(t) ? t->n - 1 : t->n++;
    while (i > 0 && match_better(s, &t->items[i - 1])) {
        t->items[i] = t->items[i - 1];
        i--;
    }
    t->items[i] = *s;
}

/* What the search of one offer needs at hand. */
struct mt_search {
    const struct engine_flow *offer;
    size_t offer_idx;
    const struct mt_code *code;
    double x, y; /* projected offer position */
    double lat_rad, lon_rad, cos_lat;
    double radius_km; /* road km */
    double disposal;  /* per unit, the offer's or the default */
    double treatment_kg;
    double per_km; /* score lost per unit and road km */
    double carbon; /* euros per tonne CO2e in the score */
    struct mt_top *top;
    struct mt_work *w;
    double link_value; /* link_value() of the link being searched */
    bool is_all_pairs;
};

static double road_km(const struct engine_matcher *m, const struct mt_search *s,
                      const struct mt_entry *en)
{
    double dlat = en->lat_rad - s->lat_rad, dlon = en->lon_rad - s->lon_rad;
    double a = sin(dlat / 2.0), b = sin(dlon / 2.0);
    double h = a * a + s->cos_lat * en->cos_lat * b * b;
    if (h > 1.0)
        h = 1.0;
    return 2.0 * GEO_EARTH_RADIUS_KM * asin(sqrt(h)) * m->p.detour;
}

/* The value per unit of a link before transport, for link_bound: the same
 * for every candidate of the link, so computed once per (offer, link). */
static double link_value(const struct mt_search *s, const struct mt_link *l,
                         const struct mt_target *t)
{
    double purchase = fmax(l->rank_purchase, t->max_known_cost);
    return s->disposal + purchase + s->carbon * (s->treatment_kg + l->rank_virgin_kg) / 1000.0;
}

/* Highest score a candidate of this link at road distance d with quantity
 * q could reach. */
static double link_bound(const struct mt_search *s, const struct mt_link *l, double q, double d)
{
    return l->bound_weight * q * (s->link_value - d * s->per_km);
}

/* fmin without the library call: quantities are never NaN */
static double qty_min(double a, double b)
{
    return a < b ? a : b;
}

static bool months_overlap(unsigned a, unsigned b)
{
    a &= ENGINE_MONTHS_ALL;
    b &= ENGINE_MONTHS_ALL;
    return (a ? a : ENGINE_MONTHS_ALL) & (b ? b : ENGINE_MONTHS_ALL);
}

/* Hard filters on a declared need, besides distance. */
static bool need_fits(const struct engine_matcher *m, const struct mt_search *s,
                      const struct mt_link *l, const struct mt_entry *need)
{
    const struct engine_flow *o = s->offer;
    if (need->org == o->org || need->dim != (uint32_t)o->dim ||
        !months_overlap(o->months, need->months))
        return false;
    if (o->family == ENGINE_FAMILY_HEAT && !isnan(o->temp_c) && !isnan(need->temp_c) &&
        need->temp_c > o->temp_c - 10.0)
        return false;
    if (o->is_hazardous && l->via != ENGINE_VIA_SAME_CODE &&
        !engine__org_handles(&m->orgs[need->org], o->code))
        return false;
    return true;
}

/* Hard filters on a potential receiver: not the giver, allowed to take a
 * hazardous waste, and no declared need this offer could serve. */
static bool org_fits(const struct engine_matcher *m, const struct mt_search *s,
                     const struct mt_link *l, size_t org)
{
    const struct engine_flow *o = s->offer;
    if (org == o->org)
        return false;
    const struct ref_rule *r = ref_rules_at(m->rules, l->rule);
    if (o->is_hazardous && !r->is_hazardous_ok && !engine__org_handles(&m->orgs[org], o->code))
        return false;
    const struct mt_code *c = s->code;
    for (uint32_t i = m->org_need_start[org]; i < m->org_need_start[org + 1]; i++) {
        for (size_t k = 0; k < c->n_links; k++) {
            if (c->links[k].via != ENGINE_VIA_ACTIVITY && c->links[k].target == m->org_needs[i])
                return false;
        }
    }
    return true;
}

/* Scores the entries of one leaf, by decreasing quantity. */
static void leaf_scan(const struct engine_matcher *m, struct mt_search *s, const struct mt_link *l,
                      const struct mt_node *nd, double node_lb)
{
    const struct mt_target *t = &m->targets[l->target];
    bool is_potential = l->via == ENGINE_VIA_ACTIVITY;
    s->w->stats.n_buckets++;
    for (uint32_t i = nd->start; i < nd->start + nd->n; i++) {
        const struct mt_entry *en = &m->entries[i];
        double q = qty_min(s->offer->qty_per_yr, en->qty);
        if (!s->is_all_pairs && link_bound(s, l, q, node_lb) < top_floor(s->top))
            break;
        /* the entry's own box bound, before any trigonometry */
        double dx = en->x - s->x, dy = en->y - s->y;
        double lb = sqrt(dx * dx + dy * dy) * MT_PROJ_SAFETY * m->p.detour;
        if (lb > s->radius_km || (!s->is_all_pairs && link_bound(s, l, q, lb) < top_floor(s->top)))
            continue;
        const struct mt_entry *need = is_potential ? NULL : en;
        if (need ? !need_fits(m, s, l, need) : !org_fits(m, s, l, en->idx))
            continue;
        double d = road_km(m, s, en);
        if (d > s->radius_km)
            continue;
        struct engine_match c;
        memset(&c, 0, sizeof(c));
        c.offer = s->offer_idx;
        c.need = need ? en->idx : ENGINE_NONE;
        c.need_code = need ? t->code : NULL;
        c.need_qty = need ? en->qty : 0;
        c.receiver = en->org;
        c.kind = is_potential ? ENGINE_MATCH_POTENTIAL : ENGINE_MATCH_DECLARED;
        c.via = l->via;
        c.rule = l->rule;
        c.level = l->level;
        c.dist_km = d;
        engine__score(m, s->offer, s->code->econ, l, need, &c);
        s->w->stats.n_candidates++;
        if (!s->is_all_pairs && c.score <= 0)
            continue;
        top_insert(s->top, &c);
    }
}

/* Road-distance lower bound from the offer to a node's box. */
static double node_gap(const struct engine_matcher *m, const struct mt_search *s,
                       const struct mt_node *nd)
{
    double dx = s->x < nd->x0 ? nd->x0 - s->x : (s->x > nd->x1 ? s->x - nd->x1 : 0);
    double dy = s->y < nd->y0 ? nd->y0 - s->y : (s->y > nd->y1 ? s->y - nd->y1 : 0);
    if (dx == 0 || dy == 0)
        return (dx + dy) * MT_PROJ_SAFETY * m->p.detour;
    return sqrt(dx * dx + dy * dy) * MT_PROJ_SAFETY * m->p.detour;
}

/* Max-heap of nodes by score bound, kept in the working memory between offers. */
static void heap_push(struct mt_work *w, double bound, uint32_t node, double lb)
{
    CORE_GROW(w->heap, w->cap_heap, w->n_heap + 1);
    size_t i = w->n_heap++;
    while (i > 0 && w->heap[(i - 1) / 2].bound < bound) {
        w->heap[i] = w->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    w->heap[i].bound = bound;
    w->heap[i].node = node;
    w->heap[i].lb = lb;
}

static struct mt_heap_item heap_pop(struct mt_work *w)
{
    struct mt_heap_item top = w->heap[0];
    struct mt_heap_item last = w->heap[--w->n_heap];
    size_t i = 0, n = w->n_heap;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && w->heap[c + 1].bound > w->heap[c].bound)
            c++;
        if (w->heap[c].bound <= last.bound)
            break;
        w->heap[i] = w->heap[c];
        i = c;
    }
    if (n > 0)
        w->heap[i] = last;
    return top;
}

/* Best-first branch and bound over the k-d tree of the link's target:
 * nodes come by decreasing bound, and the search stops when the best
 * remaining bound cannot beat the k-th score. */
static void link_search(const struct engine_matcher *m, struct mt_search *s,
                        const struct mt_link *l)
{
    const struct mt_target *t = &m->targets[l->target];
    if (t->root == UINT32_MAX)
        return;
    if (l->via == ENGINE_VIA_ACTIVITY) {
        /* heat too cool for the route's receivers: none of them fits, so
         * the tree is not walked (the filter depends on the offer only) */
        const struct ref_rule *r = ref_rules_at(m->rules, l->rule);
        const double temp_c = s->offer->temp_c;
        if (!isnan(r->min_temp_c) && !isnan(temp_c) && temp_c < r->min_temp_c)
            return;
    }
    s->link_value = link_value(s, l, t);
    s->w->n_heap = 0;
    const struct mt_node *root = &m->nodes[t->root];
    double lb = node_gap(m, s, root);
    if (lb > s->radius_km)
        return;
    heap_push(s->w, link_bound(s, l, qty_min(s->offer->qty_per_yr, root->max_qty), lb), t->root,
              lb);
    while (s->w->n_heap > 0) {
        struct mt_heap_item it = heap_pop(s->w);
        if (!s->is_all_pairs && it.bound < top_floor(s->top))
            break;
        const struct mt_node *nd = &m->nodes[it.node];
        if (nd->left == 0) {
            leaf_scan(m, s, l, nd, it.lb);
            continue;
        }
        uint32_t kids[2] = {nd->left, nd->right};
        for (int k = 0; k < 2; k++) {
            const struct mt_node *c = &m->nodes[kids[k]];
            double clb = node_gap(m, s, c);
            if (clb > s->radius_km)
                continue;
            double b = link_bound(s, l, qty_min(s->offer->qty_per_yr, c->max_qty), clb);
            if (!s->is_all_pairs && b < top_floor(s->top))
                continue;
            heap_push(s->w, b, kids[k], clb);
        }
    }
}

/* Searches the top of offer i into top (top->n = 0: none). */
static void offer_search(const struct engine_matcher *m, size_t i, struct mt_top *top,
                         struct mt_work *w)
{
    const struct engine_flow *o = &m->flows[i];
    const struct mt_code *c = &m->codes[m->flow_code[i]];
    top->n = 0;
    if (c->n_links == 0)
        return;
    struct mt_search s;
    memset(&s, 0, sizeof(s));
    s.offer = o;
    s.offer_idx = i;
    s.code = c;
    s.lat_rad = o->pos.lat * M_PI / 180.0;
    s.lon_rad = o->pos.lon * M_PI / 180.0;
    s.cos_lat = cos(s.lat_rad);
    s.y = o->pos.lat * MT_KM_PER_DEG;
    s.x = o->pos.lon * MT_KM_PER_DEG * m->cos_ref;
    s.radius_km = m->p.radius_km[o->family];
    bool ignored;
    s.disposal = engine__offer_disposal(c->econ, o, &ignored);
    s.treatment_kg = c->econ->treatment_kg_per_t;
    s.carbon = m->p.carbon_eur_per_t;
    s.per_km = o->dim == ENGINE_DIM_MASS
                   ? m->p.transport_eur_per_t_km +
                         m->p.carbon_eur_per_t * m->p.freight_kg_per_t_km / 1000.0
                   : 0.0;
    s.top = top;
    s.w = w;
    s.is_all_pairs = m->p.all_pairs;
    for (size_t k = 0; k < c->n_links; k++)
        link_search(m, &s, &c->links[k]);
    for (size_t k = 0; k < top->n; k++)
        top->items[k].rank = m->p.all_pairs ? 0 : (unsigned)(k + 1);
    w->stats.n_suggestions += top->n;
}

/* Search order of a block's offers: by code, then along a Z-order curve of
 * 1 km cells, so that consecutive searches walk the same trees and leaves
 * (a file lists offers in any order; at 1,000,000 flows the searches
 * waited on memory). */
struct mt_order {
    uint64_t key;
    uint32_t flow;
};

static int order_cmp(const void *pa, const void *pb)
{
    const struct mt_order *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->flow < b->flow ? -1 : a->flow > b->flow;
}

/* The 16 low bits of v spread to the even bits. */
static uint64_t bits_spread(uint32_t v)
{
    uint64_t x = v & 0xffff;
    x = (x | (x << 8)) & 0x00ff00ffULL;
    x = (x | (x << 4)) & 0x0f0f0f0fULL;
    x = (x | (x << 2)) & 0x33333333ULL;
    x = (x | (x << 1)) & 0x55555555ULL;
    return x;
}

static uint64_t order_key(const struct engine_matcher *m, size_t i)
{
    const struct engine_flow *o = &m->flows[i];
    /* km from the antimeridian and the south pole: 0 .. 40,030 < 2^16 */
    double x = (o->pos.lon + 180.0) * MT_KM_PER_DEG * m->cos_ref;
    double y = (o->pos.lat + 90.0) * MT_KM_PER_DEG;
    uint32_t cx = x > 0 && x < 65535 ? (uint32_t)x : 0, cy = y > 0 && y < 65535 ? (uint32_t)y : 0;
    return (uint64_t)m->flow_code[i] << 32 | bits_spread(cx) << 1 | bits_spread(cy);
}

#define MT_BLOCK 65536 /* flows whose offers are searched in space order */

/* Searched offers of one block, kept to be handed over in flow order. */
struct mt_block {
    struct mt_order *order;
    struct engine_match *items; /* the tops, one after the other */
    size_t n_items, cap_items;
    uint32_t *start, *n; /* per flow of the block: its top in items */
};

/* Top-k runs: each block's offers searched in space order, then handed to
 * fn in flow order, so fn sees what a search in flow order gives. */
static int run_blocks(const struct engine_matcher *m, size_t first, size_t end, struct mt_top *top,
                      struct mt_work *w, engine_match_fn fn, void *arg, struct err *e)
{
    struct mt_block b;
    size_t n_block = end - first < MT_BLOCK ? end - first : MT_BLOCK;
    int rc = ERR_OK;
    memset(&b, 0, sizeof(b));
    b.order = xcalloc(n_block + 1, sizeof(*b.order));
    b.start = xcalloc(n_block + 1, sizeof(*b.start));
    b.n = xcalloc(n_block + 1, sizeof(*b.n));
    for (size_t at = first; at < end && rc == ERR_OK; at += n_block) {
        size_t to = end - at < n_block ? end : at + n_block, n_order = 0;
        for (size_t i = at; i < to; i++) {
            b.n[i - at] = 0;
            if (!m->flows[i].is_offer || !m->flows[i].has_pos)
                continue;
            w->stats.n_offers++;
            b.order[n_order].key = order_key(m, i);
            b.order[n_order++].flow = (uint32_t)i;
        }
        qsort(b.order, n_order, sizeof(*b.order), order_cmp);
        b.n_items = 0;
        for (size_t k = 0; k < n_order; k++) {
            size_t i = b.order[k].flow;
            offer_search(m, i, top, w);
            CORE_GROW(b.items, b.cap_items, b.n_items + top->n + 1);
            memcpy(&b.items[b.n_items], top->items, top->n * sizeof(*top->items));
            b.start[i - at] = (uint32_t)b.n_items;
            b.n[i - at] = (uint32_t)top->n;
            b.n_items += top->n;
        }
        for (size_t i = at; i < to && rc == ERR_OK; i++) {
            if (b.n[i - at] > 0)
                rc = fn(arg, &b.items[b.start[i - at]], b.n[i - at], e);
        }
    }
    free(b.items);
    free(b.n);
    free(b.start);
    free(b.order);
    return rc;
}

int engine_matcher_run_range(const struct engine_matcher *m, size_t first, size_t end,
                             engine_match_fn fn, void *arg, struct engine_match_stats *stats,
                             struct err *e)
{
    struct mt_work w;
    memset(&w, 0, sizeof(w));
    struct mt_top top;
    memset(&top, 0, sizeof(top));
    top.k = m->p.all_pairs ? 0 : m->p.top_k;
    top.orgs = m->orgs;
    if (top.k > 0) {
        top.cap = top.k + 1;
        top.items = xcalloc(top.cap, sizeof(*top.items));
    }
    int rc = ERR_OK;
    if (end > m->n_flows)
        end = m->n_flows;
    if (top.k > 0 && first < end) {
        rc = run_blocks(m, first, end, &top, &w, fn, arg, e);
    } else {
        /* all pairs: unbounded lists, handed over offer by offer */
        for (size_t i = first; i < end && rc == ERR_OK; i++) {
            if (!m->flows[i].is_offer || !m->flows[i].has_pos)
                continue;
            w.stats.n_offers++;
            offer_search(m, i, &top, &w);
            if (top.n > 0)
                rc = fn(arg, top.items, top.n, e);
        }
    }
    free(top.items);
    free(w.heap);
    stats->n_offers += w.stats.n_offers;
    stats->n_candidates += w.stats.n_candidates;
    stats->n_buckets += w.stats.n_buckets;
    stats->n_suggestions += w.stats.n_suggestions;
    return rc;
}

int engine_matcher_run(struct engine_matcher *m, engine_match_fn fn, void *arg, struct err *e)
{
    memset(&m->stats, 0, sizeof(m->stats));
    return engine_matcher_run_range(m, 0, m->n_flows, fn, arg, &m->stats, e);
}
