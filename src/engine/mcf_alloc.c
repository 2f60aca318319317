/* SPDX-License-Identifier: MIT */
/*
 * mcf_alloc.c - allocation of offers to needs: builds the transportation
 * problem (offers -> needs along suggested pairs, one disposal arc per
 * offer, one absorption arc per need, all into one sink), solves it with
 * mcf_solve, and computes the greedy plan it is compared with.
 *
 * Nodes: offers 0..O-1, needs O..O+N-1, the sink O+N. Arcs: the pairs
 * in input order (cost -gain), then the offers' disposal arcs (cost 0),
 * then the needs' absorption arcs (cost 0). The sink's demand is the sum
 * of the offers, so the problem is always feasible.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

void mcf_alloc_result_release(struct mcf_alloc_result *r)
{
    if (!r)
        return;
    free(r->flow_t);
    free(r->greedy_flow_t);
    memset(r, 0, sizeof(*r));
}

static int64_t pair_cap(const struct mcf_alloc_pair *pr, const int64_t *offer_t,
                        const int64_t *need_t)
{
    int64_t c = offer_t[pr->offer] < need_t[pr->need] ? offer_t[pr->offer] : need_t[pr->need];
    if (pr->cap_t >= 0 && pr->cap_t < c)
        c = pr->cap_t;
    return c;
}

static int alloc_check(const int64_t *offer_t, int32_t n_offers, const int64_t *need_t,
                       int32_t n_needs, const struct mcf_alloc_pair *pairs, int32_t n_pairs,
                       struct err *e)
{
    if (n_offers < 0 || n_needs < 0 || n_pairs < 0)
        return err_set(e, ERR_INPUT, "allocate: negative count");
    if ((int64_t)n_offers + n_needs + 1 > MCF_MAX_NODES ||
        (int64_t)n_pairs + n_offers + n_needs > MCF_MAX_ARCS)
        return err_set(e, ERR_TOO_LARGE, "allocate: too many offers, needs or pairs");
    for (int32_t i = 0; i < n_offers; i++) {
        if (offer_t[i] < 0)
            return err_set(e, ERR_INPUT, "allocate: offer %d: negative quantity", (int)i);
    }
    for (int32_t j = 0; j < n_needs; j++) {
        if (need_t[j] < 0)
            return err_set(e, ERR_INPUT, "allocate: need %d: negative quantity", (int)j);
    }
    for (int32_t k = 0; k < n_pairs; k++) {
        if (pairs[k].offer < 0 || pairs[k].offer >= n_offers || pairs[k].need < 0 ||
            pairs[k].need >= n_needs)
            return err_set(e, ERR_INPUT, "allocate: pair %d: offer or need out of range", (int)k);
    }
    return ERR_OK;
}

static void alloc_totals(const int64_t *offer_t, int32_t n_offers,
                         const struct mcf_alloc_pair *pairs, int32_t n_pairs, const int64_t *flow_t,
                         struct mcf_alloc_totals *t)
{
    int64_t offered = 0;
    memset(t, 0, sizeof(*t));
    for (int32_t i = 0; i < n_offers; i++)
        offered += offer_t[i];
    for (int32_t k = 0; k < n_pairs; k++) {
        if (flow_t[k] == 0)
            continue;
        t->n_pairs_used++;
        t->exchanged_t += flow_t[k];
        t->gain_cents += flow_t[k] * pairs[k].gain_cents_per_t;
        t->co2e_avoided_t += (double)flow_t[k] * pairs[k].co2e_kg_per_t / 1000.0;
    }
    t->disposed_t = offered - t->exchanged_t;
}

/* Sort key of the greedy plan: pairs grouped by offer, best gain first,
 * then input order (a copy, so that qsort needs no context). */
struct greedy_key {
    int32_t offer;
    int32_t k; /* pair index */
    int64_t gain_cents_per_t;
};

static int cmp_greedy(const void *pa, const void *pb)
{
    const struct greedy_key *a = pa, *b = pb;
    if (a->offer != b->offer)
        return a->offer < b->offer ? -1 : 1;
    if (a->gain_cents_per_t != b->gain_cents_per_t)
        return a->gain_cents_per_t > b->gain_cents_per_t ? -1 : 1;
    return a->k < b->k ? -1 : (a->k > b->k);
}

static void alloc_greedy(const int64_t *offer_t, int32_t n_offers, const int64_t *need_t,
                         int32_t n_needs, const struct mcf_alloc_pair *pairs, int32_t n_pairs,
                         int64_t *flow_t)
{
    struct greedy_key *keys = xmallocarray((size_t)n_pairs + 1, sizeof(*keys));
    int64_t *left_o = xmallocarray((size_t)n_offers + 1, sizeof(int64_t));
    int64_t *left_n = xmallocarray((size_t)n_needs + 1, sizeof(int64_t));
    memcpy(left_o, offer_t, (size_t)n_offers * sizeof(int64_t));
    memcpy(left_n, need_t, (size_t)n_needs * sizeof(int64_t));
    for (int32_t k = 0; k < n_pairs; k++) {
        keys[k].offer = pairs[k].offer;
        keys[k].k = k;
        keys[k].gain_cents_per_t = pairs[k].gain_cents_per_t;
    }
    qsort(keys, (size_t)n_pairs, sizeof(*keys), cmp_greedy);
    for (int32_t r = 0; r < n_pairs; r++) {
        const struct mcf_alloc_pair *pr = &pairs[keys[r].k];
        if (pr->gain_cents_per_t <= 0)
            continue;
        int64_t q = pair_cap(pr, left_o, left_n);
        if (q <= 0)
            continue;
        flow_t[keys[r].k] = q;
        left_o[pr->offer] -= q;
        left_n[pr->need] -= q;
    }
    free(keys);
    free(left_o);
    free(left_n);
}

int mcf_allocate(const int64_t *offer_t, int32_t n_offers, const int64_t *need_t, int32_t n_needs,
                 const struct mcf_alloc_pair *pairs, int32_t n_pairs, struct mcf_alloc_result *out,
                 struct err *e)
{
    struct mcf_problem p = {0};
    struct mcf_solution s = {0};
    int rc;

    memset(out, 0, sizeof(*out));
    rc = alloc_check(offer_t, n_offers, need_t, n_needs, pairs, n_pairs, e);
    if (rc)
        return rc;
    int32_t sink = n_offers + n_needs;
    mcf_problem_init(&p, sink + 1, n_pairs + n_offers + n_needs);
    int64_t total = 0;
    for (int32_t i = 0; i < n_offers; i++) {
        p.supply[i] = offer_t[i];
        if (__builtin_add_overflow(total, offer_t[i], &total)) {
            rc = err_set(e, ERR_TOO_LARGE, "allocate: offered quantities overflow");
            goto out;
        }
    }
    p.supply[sink] = -total;
    int32_t a = 0;
    for (int32_t k = 0; k < n_pairs; k++, a++) {
        p.tail[a] = pairs[k].offer;
        p.head[a] = n_offers + pairs[k].need;
        p.upper[a] = pair_cap(&pairs[k], offer_t, need_t);
        if (pairs[k].gain_cents_per_t == INT64_MIN) {
            rc = err_set(e, ERR_TOO_LARGE, "allocate: pair %d: gain too large", (int)k);
            goto out;
        }
        p.cost[a] = -pairs[k].gain_cents_per_t;
    }
    for (int32_t i = 0; i < n_offers; i++, a++) {
        p.tail[a] = i;
        p.head[a] = sink;
        p.upper[a] = offer_t[i];
    }
    for (int32_t j = 0; j < n_needs; j++, a++) {
        p.tail[a] = n_offers + j;
        p.head[a] = sink;
        p.upper[a] = need_t[j];
    }
    rc = mcf_solve(&p, &s, e);
    if (rc) {
        err_prefix(e, "allocate");
        goto out;
    }
    out->flow_t = xcalloc((size_t)n_pairs + 1, sizeof(int64_t));
    out->greedy_flow_t = xcalloc((size_t)n_pairs + 1, sizeof(int64_t));
    memcpy(out->flow_t, s.flow, (size_t)n_pairs * sizeof(int64_t));
    alloc_greedy(offer_t, n_offers, need_t, n_needs, pairs, n_pairs, out->greedy_flow_t);
    alloc_totals(offer_t, n_offers, pairs, n_pairs, out->flow_t, &out->best);
    alloc_totals(offer_t, n_offers, pairs, n_pairs, out->greedy_flow_t, &out->greedy);
out:
    mcf_solution_release(&s);
    mcf_problem_release(&p);
    return rc;
}
