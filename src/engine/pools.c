/* SPDX-License-Identifier: MIT */
/*
 * pools.c - mutualisation pools: organisations that share a need and
 * gain by acting together (pooled collection of small quantities of one
 * waste, group purchase, joint training, a shared room). Groups are
 * formed by territory; organisations without a territory are grouped
 * greedily with those within the radius of the first one met.
 */
#include "engine_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define POOL_ROOM_CODE "meeting_room"

void engine_pool_params_init(struct engine_pool_params *p)
{
    memset(p, 0, sizeof(*p));
    p->collection_threshold_t = 10.0;
    p->radius_km = 15.0;
    p->collection_saving = 0.3;
    p->purchase_saving = 0.1;
    p->training_eur_per_member = 600.0;
    p->room_eur_per_need = 1500.0;
}

const char *engine_pool_kind_name(enum engine_pool_kind kind)
{
    switch (kind) {
    case ENGINE_POOL_COLLECTION:
        return "collecte";
    case ENGINE_POOL_PURCHASE:
        return "achat";
    case ENGINE_POOL_TRAINING:
        return "formation";
    case ENGINE_POOL_ROOM:
        return "salle";
    }
    return "";
}

/* A flow that may join a pool. */
struct pl_item {
    size_t flow;
    enum engine_pool_kind kind;
    const char *code;
    int64_t territory;
    size_t org;
    bool is_taken;
};

static int item_cmp(const void *pa, const void *pb)
{
    const struct pl_item *a = pa, *b = pb;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    int c = strcmp(a->code, b->code);
    if (c != 0)
        return c;
    if (a->territory != b->territory)
        return a->territory < b->territory ? -1 : 1;
    if (a->org != b->org)
        return a->org < b->org ? -1 : 1;
    return a->flow < b->flow ? -1 : a->flow > b->flow;
}

static bool item_kind(const struct engine_flow *f, const struct engine_pool_params *p,
                      enum engine_pool_kind *kind)
{
    if (f->is_offer && f->family == ENGINE_FAMILY_MATERIAL && f->dim == ENGINE_DIM_MASS &&
        f->qty_per_yr < p->collection_threshold_t) {
        *kind = ENGINE_POOL_COLLECTION;
        return true;
    }
    if (f->is_offer)
        return false;
    if (f->family == ENGINE_FAMILY_PURCHASE)
        *kind = ENGINE_POOL_PURCHASE;
    else if (f->family == ENGINE_FAMILY_TRAINING)
        *kind = ENGINE_POOL_TRAINING;
    else if (f->family == ENGINE_FAMILY_SERVICE && strcmp(f->code, POOL_ROOM_CODE) == 0)
        *kind = ENGINE_POOL_ROOM;
    else
        return false;
    return true;
}

struct pl_out {
    struct engine_pool *pools;
    size_t n, cap;
};

static bool has_org(const struct engine_pool *pool, size_t org)
{
    for (size_t i = 0; i < pool->n_orgs; i++) {
        if (pool->orgs[i] == org)
            return true;
    }
    return false;
}

static void pool_add(struct engine_pool *pool, const struct engine_flow *flows, size_t flow)
{
    pool->flows = xreallocarray(pool->flows, pool->n_flows + 1, sizeof(*pool->flows));
    pool->flows[pool->n_flows++] = flow;
    if (!has_org(pool, flows[flow].org)) {
        pool->orgs = xreallocarray(pool->orgs, pool->n_orgs + 1, sizeof(*pool->orgs));
        pool->orgs[pool->n_orgs++] = flows[flow].org;
    }
    if (!flows[flow].is_offer || pool->kind == ENGINE_POOL_COLLECTION)
        pool->total_qty += flows[flow].qty_per_yr;
}

static void pool_gain(struct engine_pool *pool, const struct engine_flow *flows,
                      const struct ref_rules *rules, const struct engine_pool_params *p)
{
    double sum = 0;
    size_t n_needs = 0;
    for (size_t i = 0; i < pool->n_flows; i++) {
        const struct engine_flow *f = &flows[pool->flows[i]];
        const struct ref_econ *ec = rules ? ref_rules_econ(rules, f->code) : NULL;
        double unit = f->cost_eur_per_unit;
        if (isnan(unit)) {
            pool->has_default = true;
            unit = pool->kind == ENGINE_POOL_COLLECTION ? (ec ? ec->disposal_eur_per_t : 100)
                                                        : (ec ? ec->purchase_eur_per_t : 20);
        }
        sum += f->qty_per_yr * unit;
        n_needs += !f->is_offer;
    }
    switch (pool->kind) {
    case ENGINE_POOL_COLLECTION:
        pool->gain_eur = p->collection_saving * sum;
        break;
    case ENGINE_POOL_PURCHASE:
        pool->gain_eur = p->purchase_saving * sum;
        break;
    case ENGINE_POOL_TRAINING:
        pool->gain_eur = p->training_eur_per_member * (double)(pool->n_orgs - 1);
        pool->has_default = true;
        break;
    case ENGINE_POOL_ROOM:
        pool->gain_eur = p->room_eur_per_need * (double)n_needs;
        pool->has_default = true;
        break;
    }
}

static void pool_keep(struct pl_out *o, struct engine_pool *pool, const struct engine_flow *flows,
                      const struct ref_rules *rules, const struct engine_pool_params *p)
{
    if (pool->n_orgs < 2) {
        free(pool->flows);
        free(pool->orgs);
        return;
    }
    pool->dim = flows[pool->flows[0]].dim;
    pool_gain(pool, flows, rules, p);
    CORE_GROW(o->pools, o->cap, o->n + 1);
    o->pools[o->n++] = *pool;
}

static bool near(const struct engine_flow *a, const struct engine_flow *b, double radius_km)
{
    return a->has_pos && b->has_pos && geo_haversine_km(a->pos, b->pos) <= radius_km;
}

/* Items [lo, hi) share kind and code: pools by territory, then by radius. */
static void group_items(struct pl_out *o, struct pl_item *it, size_t lo, size_t hi,
                        const struct engine_flow *flows, const struct ref_rules *rules,
                        const struct engine_pool_params *p)
{
    for (size_t i = lo; i < hi; i++) {
        if (it[i].is_taken)
            continue;
        struct engine_pool pool;
        memset(&pool, 0, sizeof(pool));
        pool.kind = it[i].kind;
        pool.code = it[i].code;
        pool.territory = it[i].territory;
        for (size_t j = i; j < hi; j++) {
            bool joins = it[i].territory != 0
                             ? it[j].territory == it[i].territory
                             : it[j].territory == 0 &&
                                   near(&flows[it[i].flow], &flows[it[j].flow], p->radius_km);
            if (!it[j].is_taken && joins) {
                it[j].is_taken = true;
                pool_add(&pool, flows, it[j].flow);
            }
        }
        pool_keep(o, &pool, flows, rules, p);
    }
}

/* A room offer with the room needs of other organisations around it. */
static void group_rooms(struct pl_out *o, struct pl_item *it, size_t n_items,
                        const struct engine_flow *flows, size_t n_flows,
                        const struct engine_org *orgs, const struct ref_rules *rules,
                        const struct engine_pool_params *p)
{
    for (size_t f = 0; f < n_flows; f++) {
        const struct engine_flow *room = &flows[f];
        if (!room->is_offer || room->family != ENGINE_FAMILY_SERVICE ||
            strcmp(room->code, POOL_ROOM_CODE) != 0)
            continue;
        struct engine_pool pool;
        memset(&pool, 0, sizeof(pool));
        pool.kind = ENGINE_POOL_ROOM;
        pool.code = room->code;
        pool.territory = orgs[room->org].territory;
        pool_add(&pool, flows, f);
        for (size_t i = 0; i < n_items; i++) {
            if (it[i].kind == ENGINE_POOL_ROOM && !it[i].is_taken && it[i].org != room->org &&
                near(room, &flows[it[i].flow], p->radius_km)) {
                it[i].is_taken = true;
                pool_add(&pool, flows, it[i].flow);
            }
        }
        pool_keep(o, &pool, flows, rules, p);
    }
}

int engine_pools_find(const struct engine_flow *flows, size_t n_flows,
                      const struct engine_org *orgs, size_t n_orgs, const struct ref_rules *rules,
                      const struct engine_pool_params *p, struct engine_pool **out, size_t *n_out,
                      struct err *e)
{
    *out = NULL;
    *n_out = 0;
    if (!(p->collection_threshold_t > 0) || !(p->radius_km > 0))
        return err_set(e, ERR_INPUT, "pools: threshold and radius must be positive");
    struct pl_item *it = xcalloc(n_flows + 1, sizeof(*it));
    size_t n = 0;
    for (size_t i = 0; i < n_flows; i++) {
        enum engine_pool_kind kind;
        if (flows[i].org >= n_orgs) {
            free(it);
            return err_set(e, ERR_INPUT, "pools: flow %zu names organisation %zu of %zu", i,
                           flows[i].org, n_orgs);
        }
        if (!item_kind(&flows[i], p, &kind))
            continue;
        it[n].flow = i;
        it[n].kind = kind;
        it[n].code = flows[i].code;
        it[n].territory = orgs[flows[i].org].territory;
        it[n].org = flows[i].org;
        n++;
    }
    if (n > 1)
        qsort(it, n, sizeof(*it), item_cmp);
    struct pl_out o;
    memset(&o, 0, sizeof(o));
    group_rooms(&o, it, n, flows, n_flows, orgs, rules, p);
    for (size_t lo = 0; lo < n;) {
        size_t hi = lo + 1;
        while (hi < n && it[hi].kind == it[lo].kind && strcmp(it[hi].code, it[lo].code) == 0)
            hi++;
        if (it[lo].kind != ENGINE_POOL_ROOM)
            group_items(&o, it, lo, hi, flows, rules, p);
        lo = hi;
    }
    free(it);
    *out = o.pools;
    *n_out = o.n;
    return ERR_OK;
}

void engine_pools_free(struct engine_pool *pools, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(pools[i].flows);
        free(pools[i].orgs);
    }
    free(pools);
}
