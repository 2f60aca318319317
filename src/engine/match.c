/* SPDX-License-Identifier: MIT */
/*
 * match.c - substitution matching: the indexes (interned codes, targets,
 * grid buckets) and the search of each offer's top k.
 *
 * Search: for each compatibility link of the offer's code, in decreasing
 * unit value, the grid of the link's target is visited ring by ring
 * around the offer. A candidate's score is at most
 *     weight * min(q_offer, q_need) * (value - road_km * transport)
 * so a ring, a cell or the rest of a bucket (whose needs come by
 * decreasing quantity) is skipped as soon as that bound falls below the
 * k-th score found so far. The work then follows the output, not the
 * number of pairs within the radius.
 *
 * Distances: the grid uses an equirectangular projection scaled by the
 * cosine of the highest latitude of the data, which never overstates a
 * distance, so grid bounds are safe lower bounds; the filter and the
 * output use the haversine times the detour factor.
 */
#include "engine_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MT_MAX_TARGETS (1u << 20)
#define MT_CELL_OFFSET (1 << 21)
#define MT_MIN_CELL_KM 1.0
#define MT_PER_CELL 4.0 /* aimed entries per occupied cell */

void engine_match_params_init(struct engine_match_params *p)
{
    memset(p, 0, sizeof(*p));
    p->radius_km[ENGINE_FAMILY_MATERIAL] = 60.0;
    p->radius_km[ENGINE_FAMILY_HEAT] = 5.0;
    p->radius_km[ENGINE_FAMILY_WATER] = 15.0;
    p->radius_km[ENGINE_FAMILY_SERVICE] = 30.0;
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

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static size_t pow2_at_least(size_t n)
{
    size_t c = 16;
    while (c < n)
        c <<= 1;
    return c;
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

static uint64_t bucket_key(uint32_t target, int32_t cx, int32_t cy)
{
    return ((uint64_t)(target + 1) << 44) | ((uint64_t)(uint32_t)(cx + MT_CELL_OFFSET) << 22) |
           (uint64_t)(uint32_t)(cy + MT_CELL_OFFSET);
}

static const struct mt_bucket *bucket_find(const struct engine_matcher *m, uint64_t key)
{
    size_t mask = m->bucket_cap - 1;
    for (size_t i = mix64(key) & mask;; i = (i + 1) & mask) {
        if (m->buckets[i].key == key)
            return &m->buckets[i];
        if (m->buckets[i].key == 0)
            return NULL;
    }
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
    if (a->cx != b->cx)
        return a->cx < b->cx ? -1 : 1;
    if (a->cy != b->cy)
        return a->cy < b->cy ? -1 : 1;
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

/* Cell size per target: about MT_PER_CELL entries per cell of its bounding box. */
static void targets_size_cells(struct engine_matcher *m)
{
    double max_r = 0;
    for (int f = 0; f < ENGINE_FAMILY_COUNT; f++)
        max_r = fmax(max_r, m->p.radius_km[f]);
    double *box = xcalloc(m->n_targets * 4, sizeof(*box));
    for (size_t t = 0; t < m->n_targets; t++) {
        box[4 * t] = box[4 * t + 2] = INFINITY;
        box[4 * t + 1] = box[4 * t + 3] = -INFINITY;
    }
    for (size_t i = 0; i < m->n_entries; i++) {
        const struct mt_entry *en = &m->entries[i];
        double *b = &box[4 * en->target];
        b[0] = fmin(b[0], en->x);
        b[1] = fmax(b[1], en->x);
        b[2] = fmin(b[2], en->y);
        b[3] = fmax(b[3], en->y);
    }
    for (size_t t = 0; t < m->n_targets; t++) {
        struct mt_target *tg = &m->targets[t];
        const double *b = &box[4 * t];
        double area = tg->n > 0 ? (b[1] - b[0] + 1.0) * (b[3] - b[2] + 1.0) : 1.0;
        double cells = fmax(1.0, (double)tg->n / MT_PER_CELL);
        tg->cell_km = fmin(fmax(sqrt(area / cells), MT_MIN_CELL_KM), fmax(max_r, MT_MIN_CELL_KM));
    }
    free(box);
}

/* Occupancy bitmaps: one bit per cell of each target's box, so that the
 * ring search skips empty cells without probing the hash. A target whose
 * box would need far more bits than it has entries goes without. */
static void occupancy_build(struct engine_matcher *m)
{
    size_t n_bits = 0;
    for (size_t t = 0; t < m->n_targets; t++) {
        struct mt_target *tg = &m->targets[t];
        tg->occ_off = SIZE_MAX;
        if (tg->n == 0)
            continue;
        size_t w = (size_t)((int64_t)tg->cx_max - tg->cx_min + 1);
        size_t h = (size_t)((int64_t)tg->cy_max - tg->cy_min + 1);
        if (w > (1u << 20) || h > (1u << 20) || w * h > 256 * tg->n + 65536)
            continue;
        tg->occ_off = n_bits;
        n_bits += w * h;
    }
    m->occ = xcalloc(n_bits / 64 + 1, sizeof(*m->occ));
    for (size_t i = 0; i < m->n_entries; i++) {
        const struct mt_entry *en = &m->entries[i];
        const struct mt_target *tg = &m->targets[en->target];
        if (tg->occ_off == SIZE_MAX)
            continue;
        size_t w = (size_t)((int64_t)tg->cx_max - tg->cx_min + 1);
        size_t bit =
            tg->occ_off + (size_t)(en->cy - tg->cy_min) * w + (size_t)(en->cx - tg->cx_min);
        m->occ[bit / 64] |= (uint64_t)1 << (bit % 64);
    }
}

static bool cell_occupied(const struct engine_matcher *m, const struct mt_target *tg, int32_t cx,
                          int32_t cy)
{
    if (cx < tg->cx_min || cx > tg->cx_max || cy < tg->cy_min || cy > tg->cy_max)
        return false;
    if (tg->occ_off == SIZE_MAX)
        return true;
    size_t w = (size_t)((int64_t)tg->cx_max - tg->cx_min + 1);
    size_t bit = tg->occ_off + (size_t)(cy - tg->cy_min) * w + (size_t)(cx - tg->cx_min);
    return (m->occ[bit / 64] >> (bit % 64)) & 1;
}

static void buckets_build(struct engine_matcher *m)
{
    for (size_t t = 0; t < m->n_targets; t++) {
        m->targets[t].cx_min = m->targets[t].cy_min = INT32_MAX;
        m->targets[t].cx_max = m->targets[t].cy_max = INT32_MIN;
    }
    for (size_t i = 0; i < m->n_entries; i++) {
        struct mt_entry *en = &m->entries[i];
        struct mt_target *tg = &m->targets[en->target];
        double s = tg->cell_km;
        en->cx = (int32_t)floor(en->x / s);
        en->cy = (int32_t)floor(en->y / s);
        tg->cx_min = en->cx < tg->cx_min ? en->cx : tg->cx_min;
        tg->cx_max = en->cx > tg->cx_max ? en->cx : tg->cx_max;
        tg->cy_min = en->cy < tg->cy_min ? en->cy : tg->cy_min;
        tg->cy_max = en->cy > tg->cy_max ? en->cy : tg->cy_max;
    }
    occupancy_build(m);
    qsort(m->entries, m->n_entries, sizeof(*m->entries), entry_cmp);
    m->bucket_cap = pow2_at_least(m->n_entries * 2 + 1);
    m->buckets = xcalloc(m->bucket_cap, sizeof(*m->buckets));
    size_t mask = m->bucket_cap - 1;
    for (size_t i = 0; i < m->n_entries;) {
        const struct mt_entry *en = &m->entries[i];
        size_t j = i + 1;
        while (j < m->n_entries && m->entries[j].target == en->target &&
               m->entries[j].cx == en->cx && m->entries[j].cy == en->cy)
            j++;
        uint64_t key = bucket_key(en->target, en->cx, en->cy);
        size_t slot = mix64(key) & mask;
        while (m->buckets[slot].key != 0)
            slot = (slot + 1) & mask;
        m->buckets[slot].key = key;
        m->buckets[slot].start = (uint32_t)i;
        m->buckets[slot].n = (uint32_t)(j - i);
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
    for (size_t i = 0; i < n_flows; i++)
        m->flow_code[i] = code_intern(m, &code_cap, flows[i].code);
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
    targets_size_cells(m);
    buckets_build(m);
    org_needs_build(m);
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
    free(m->buckets);
    free(m->occ);
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
    size_t k; /* 0: unbounded (all_pairs) */
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
        /* an organisation may fit several activity prefixes: keep its best */
        for (size_t i = 0; i < t->n; i++) {
            if (t->items[i].kind == ENGINE_MATCH_POTENTIAL && t->items[i].receiver == s->receiver) {
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

/* Highest score a candidate of this link at road distance d with quantity
 * q could reach. */
static double link_bound(const struct mt_search *s, const struct mt_link *l,
                         const struct mt_target *t, double q, double d)
{
    double purchase = fmax(l->purchase, t->max_known_cost);
    double v = s->disposal + purchase + s->carbon * (s->treatment_kg + l->virgin_kg) / 1000.0;
    return l->bound_weight * q * (v - d * s->per_km);
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
    if (o->is_hazardous && !ref_rules_at(m->rules, l->rule)->is_hazardous_ok &&
        !engine__org_handles(&m->orgs[org], o->code))
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

/* Scores the entries of one bucket, by decreasing quantity. */
static void bucket_scan(struct engine_matcher *m, struct mt_search *s, const struct mt_link *l,
                        const struct mt_bucket *b, double cell_lb)
{
    const struct mt_target *t = &m->targets[l->target];
    bool is_potential = l->via == ENGINE_VIA_ACTIVITY;
    m->stats.n_buckets++;
    for (uint32_t i = b->start; i < b->start + b->n; i++) {
        const struct mt_entry *en = &m->entries[i];
        double q = fmin(s->offer->qty_per_yr, en->qty);
        if (!s->is_all_pairs && link_bound(s, l, t, q, cell_lb) < top_floor(s->top))
            break;
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
        c.receiver = en->org;
        c.kind = is_potential ? ENGINE_MATCH_POTENTIAL : ENGINE_MATCH_DECLARED;
        c.via = l->via;
        c.rule = l->rule;
        c.dist_km = d;
        engine__score(m, s->offer, s->code->econ, l, need, &c);
        m->stats.n_candidates++;
        if (!s->is_all_pairs && c.score <= 0)
            continue;
        top_insert(s->top, &c);
    }
}

/* Lower bound of the projected distance from (x, y) to cell (cx, cy). */
static double cell_gap(double x, double y, double size, int32_t cx, int32_t cy)
{
    double x0 = cx * size, y0 = cy * size;
    double dx = x < x0 ? x0 - x : (x > x0 + size ? x - x0 - size : 0);
    double dy = y < y0 ? y0 - y : (y > y0 + size ? y - y0 - size : 0);
    return sqrt(dx * dx + dy * dy);
}

static void cell_visit(struct engine_matcher *m, struct mt_search *s, const struct mt_link *l,
                       int32_t cx, int32_t cy)
{
    const struct mt_target *t = &m->targets[l->target];
    if (!cell_occupied(m, t, cx, cy))
        return;
    const struct mt_bucket *b = bucket_find(m, bucket_key(l->target, cx, cy));
    if (!b)
        return;
    double lb = cell_gap(s->x, s->y, t->cell_km, cx, cy) * MT_PROJ_SAFETY * m->p.detour;
    if (lb > s->radius_km)
        return;
    if (!s->is_all_pairs &&
        link_bound(s, l, t, fmin(s->offer->qty_per_yr, m->entries[b->start].qty), lb) <
            top_floor(s->top))
        return;
    bucket_scan(m, s, l, b, lb);
}

/* Visits the grid of the link's target ring by ring around the offer. */
static void link_search(struct engine_matcher *m, struct mt_search *s, const struct mt_link *l)
{
    const struct mt_target *t = &m->targets[l->target];
    double size = t->cell_km;
    int32_t cx0 = (int32_t)floor(s->x / size), cy0 = (int32_t)floor(s->y / size);
    double reach = s->radius_km / m->p.detour / MT_PROJ_SAFETY;
    int32_t r_max = (int32_t)ceil(reach / size) + 1;
    if (!s->is_all_pairs && link_bound(s, l, t, s->offer->qty_per_yr, 0) < top_floor(s->top))
        return;
    for (int32_t r = 0; r <= r_max; r++) {
        if (r > 0) {
            /* distance to the outside of the (2r-1)-cell square around cx0, cy0 */
            double in = fmin(fmin(s->x - (cx0 - r + 1) * size, (cx0 + r) * size - s->x),
                             fmin(s->y - (cy0 - r + 1) * size, (cy0 + r) * size - s->y));
            double lb = fmax(in, 0) * MT_PROJ_SAFETY * m->p.detour;
            if (lb > s->radius_km)
                break;
            if (!s->is_all_pairs &&
                link_bound(s, l, t, s->offer->qty_per_yr, lb) < top_floor(s->top))
                break;
        }
        if (r == 0) {
            cell_visit(m, s, l, cx0, cy0);
            continue;
        }
        /* the ring's sides, clipped to the target's box */
        int32_t x_lo = cx0 - r > t->cx_min ? cx0 - r : t->cx_min;
        int32_t x_hi = cx0 + r < t->cx_max ? cx0 + r : t->cx_max;
        int32_t y_lo = cy0 - r + 1 > t->cy_min ? cy0 - r + 1 : t->cy_min;
        int32_t y_hi = cy0 + r - 1 < t->cy_max ? cy0 + r - 1 : t->cy_max;
        if (cx0 - r + 1 <= t->cx_min && cx0 + r - 1 >= t->cx_max && cy0 - r + 1 <= t->cy_min &&
            cy0 + r - 1 >= t->cy_max)
            break; /* the previous rings covered the whole box */
        for (int32_t cx = x_lo; cx <= x_hi; cx++) {
            cell_visit(m, s, l, cx, cy0 - r);
            cell_visit(m, s, l, cx, cy0 + r);
        }
        for (int32_t cy = y_lo; cy <= y_hi; cy++) {
            cell_visit(m, s, l, cx0 - r, cy);
            cell_visit(m, s, l, cx0 + r, cy);
        }
    }
}

int engine_matcher_run(struct engine_matcher *m, engine_match_fn fn, void *arg, struct err *e)
{
    struct mt_top top;
    memset(&top, 0, sizeof(top));
    top.k = m->p.all_pairs ? 0 : m->p.top_k;
    if (top.k > 0) {
        top.cap = top.k + 1;
        top.items = xcalloc(top.cap, sizeof(*top.items));
    }
    memset(&m->stats, 0, sizeof(m->stats));
    int rc = ERR_OK;
    for (size_t i = 0; i < m->n_flows && rc == ERR_OK; i++) {
        const struct engine_flow *o = &m->flows[i];
        if (!o->is_offer || !o->has_pos)
            continue;
        m->stats.n_offers++;
        struct mt_code *c = &m->codes[m->flow_code[i]];
        if (!c->has_links)
            engine__links_build(m, c);
        if (c->n_links == 0)
            continue;
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
        s.top = &top;
        s.is_all_pairs = m->p.all_pairs;
        top.n = 0;
        for (size_t k = 0; k < c->n_links; k++)
            link_search(m, &s, &c->links[k]);
        if (top.n == 0)
            continue;
        for (size_t k = 0; k < top.n; k++)
            top.items[k].rank = m->p.all_pairs ? 0 : (unsigned)(k + 1);
        m->stats.n_suggestions += top.n;
        rc = fn(arg, top.items, top.n, e);
    }
    free(top.items);
    return rc;
}
