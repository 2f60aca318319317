/* SPDX-License-Identifier: MIT */
/*
 * optim_alloc.c - the allocation of a scope's open substitution
 * synergies (optim.h): builds the transportation problem from the store,
 * solves it with mcf_allocate and turns the flows into plan lines.
 */
#include "optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Quantities (t/yr) and euros beyond this are treated as data errors and
 * clamped or skipped, so that every product fits in int64. */
#define ALLOC_MAX_QTY 1e12

/* Sorted unique flow ids and the quantity of each (base unit per year). */
struct alloc_nodes {
    int64_t *ids;
    int64_t *qty;
    size_t n;
};

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int32_t alloc_nodes_find(const struct alloc_nodes *nd, int64_t id)
{
    const int64_t *p = bsearch(&id, nd->ids, nd->n, sizeof(int64_t), cmp_id);
    return p ? (int32_t)(p - nd->ids) : -1;
}

/* Sorts and dedups nd->ids, then fills nd->qty from the store, rounding
 * to whole base units. */
static int alloc_nodes_load(struct store *st, struct alloc_nodes *nd, struct err *e)
{
    qsort(nd->ids, nd->n, sizeof(int64_t), cmp_id);
    size_t k = 0;
    for (size_t i = 0; i < nd->n; i++) {
        if (k == 0 || nd->ids[i] != nd->ids[k - 1])
            nd->ids[k++] = nd->ids[i];
    }
    nd->n = k;
    nd->qty = xcalloc(k + 1, sizeof(int64_t));
    for (size_t i = 0; i < k; i++) {
        struct store_flow f;
        int rc = store_flow_get(st, nd->ids[i], &f, e);
        if (rc)
            return rc;
        double q = f.qty_per_yr;
        nd->qty[i] = isfinite(q) && q > 0 ? llround(q < ALLOC_MAX_QTY ? q : ALLOC_MAX_QTY) : 0;
        store_flow_release(&f);
    }
    return ERR_OK;
}

static void alloc_nodes_release(struct alloc_nodes *nd)
{
    free(nd->ids);
    free(nd->qty);
    memset(nd, 0, sizeof(*nd));
}

static bool synergy_is_candidate(const struct store_synergy *y)
{
    const struct store_effects *fx = &y->estimated;
    return y->kind == STORE_SYN_SUBSTITUTION && y->offer_flow_id > 0 &&
           (y->status == STORE_STATUS_SUGGESTED || y->status == STORE_STATUS_STUDIED) &&
           isfinite(fx->t_diverted) && fx->t_diverted >= 0.5 && fx->t_diverted <= ALLOC_MAX_QTY &&
           isfinite(fx->eur_saved) && fabs(fx->eur_saved) <= ALLOC_MAX_QTY;
}

static void totals_copy(struct store_alloc_totals *to, const struct mcf_alloc_totals *from)
{
    to->t = (double)from->exchanged_t;
    to->eur = (double)from->gain_cents / 100.0;
    to->co2e_t = from->co2e_avoided_t;
    to->disposed_t = (double)from->disposed_t;
    to->n_pairs = from->n_pairs_used;
}

/* The problem's pairs, one per candidate synergy; out->lines gets the
 * synergy of each pair. */
struct alloc_problem {
    struct alloc_nodes offers;
    struct alloc_nodes needs;
    int64_t *need_qty; /* declared needs, then one node per potential receiver */
    int32_t n_need_nodes;
    struct mcf_alloc_pair *pairs;
    int32_t n_pairs;
};

static void alloc_problem_release(struct alloc_problem *pb)
{
    alloc_nodes_release(&pb->offers);
    alloc_nodes_release(&pb->needs);
    free(pb->need_qty);
    free(pb->pairs);
    memset(pb, 0, sizeof(*pb));
}

static int alloc_problem_build(struct store *s, const struct store_synergy *syns, size_t n_syns,
                               struct alloc_problem *pb, struct optim_plan *out, struct err *e)
{
    pb->offers.ids = xcalloc(n_syns + 1, sizeof(int64_t));
    pb->needs.ids = xcalloc(n_syns + 1, sizeof(int64_t));
    size_t n_pot = 0; /* potential receivers: one need node per synergy */
    for (size_t i = 0; i < n_syns; i++) {
        if (!synergy_is_candidate(&syns[i]))
            continue;
        pb->offers.ids[pb->offers.n++] = syns[i].offer_flow_id;
        if (syns[i].need_flow_id > 0)
            pb->needs.ids[pb->needs.n++] = syns[i].need_flow_id;
        else
            n_pot++;
    }
    int rc = alloc_nodes_load(s, &pb->offers, e);
    if (rc == ERR_OK)
        rc = alloc_nodes_load(s, &pb->needs, e);
    if (rc)
        return rc;
    if (pb->offers.n + pb->needs.n + n_pot > (size_t)MCF_MAX_NODES / 2)
        return err_set(e, ERR_TOO_LARGE, "allocate: too many synergies");
    pb->pairs = xcalloc(n_syns + 1, sizeof(*pb->pairs));
    pb->need_qty = xcalloc(pb->needs.n + n_pot + 1, sizeof(int64_t));
    memcpy(pb->need_qty, pb->needs.qty, pb->needs.n * sizeof(int64_t));
    pb->n_need_nodes = (int32_t)pb->needs.n;
    out->lines = xcalloc(n_syns + 1, sizeof(*out->lines));
    for (size_t i = 0; i < n_syns; i++) {
        const struct store_synergy *y = &syns[i];
        if (!synergy_is_candidate(y))
            continue;
        struct mcf_alloc_pair *pr = &pb->pairs[pb->n_pairs];
        int64_t cap = llround(y->estimated.t_diverted);
        pr->offer = alloc_nodes_find(&pb->offers, y->offer_flow_id);
        if (y->need_flow_id > 0) {
            pr->need = alloc_nodes_find(&pb->needs, y->need_flow_id);
        } else {
            pr->need = pb->n_need_nodes;
            pb->need_qty[pb->n_need_nodes++] = cap;
        }
        pr->cap_t = cap;
        pr->gain_cents_per_t = llround(y->estimated.eur_saved * 100.0 / y->estimated.t_diverted);
        pr->co2e_kg_per_t = isfinite(y->estimated.co2e_t)
                                ? y->estimated.co2e_t * 1000.0 / y->estimated.t_diverted
                                : 0.0;
        struct store_alloc_line *l = &out->lines[pb->n_pairs++];
        l->synergy_id = y->id;
        l->offer_flow_id = y->offer_flow_id;
        l->need_flow_id = y->need_flow_id;
        l->receiver_org_id = y->receiver_org_id;
    }
    out->n_lines = (size_t)pb->n_pairs;
    return ERR_OK;
}

int optim_allocate(struct store *s, int64_t territory_id, int64_t account_id,
                   struct optim_plan *out, struct err *e)
{
    struct store_synergy *syns = NULL;
    size_t n_syns = 0;
    struct alloc_problem pb = {0};
    struct mcf_alloc_result res = {0};
    struct store_filter f;

    memset(out, 0, sizeof(*out));
    store_filter_init(&f);
    f.territory_id = territory_id;
    int rc = store_synergy_list(s, &f, &syns, &n_syns, e);
    if (rc == ERR_OK)
        rc = alloc_problem_build(s, syns, n_syns, &pb, out, e);
    if (rc == ERR_OK)
        rc = mcf_allocate(pb.offers.qty, (int32_t)pb.offers.n, pb.need_qty, pb.n_need_nodes,
                          pb.pairs, pb.n_pairs, &res, e);
    if (rc == ERR_OK) {
        out->plan.territory_id = territory_id;
        out->plan.created_by = account_id;
        out->plan.n_candidates = pb.n_pairs;
        totals_copy(&out->plan.best, &res.best);
        totals_copy(&out->plan.greedy, &res.greedy);
        for (int32_t k = 0; k < pb.n_pairs; k++) {
            struct store_alloc_line *l = &out->lines[k];
            l->t = (double)res.flow_t[k];
            l->greedy_t = (double)res.greedy_flow_t[k];
            l->eur = (double)res.flow_t[k] * (double)pb.pairs[k].gain_cents_per_t / 100.0;
            l->co2e_t = (double)res.flow_t[k] * pb.pairs[k].co2e_kg_per_t / 1000.0;
        }
    }
    mcf_alloc_result_release(&res);
    alloc_problem_release(&pb);
    store_synergies_free(syns, n_syns);
    if (rc)
        optim_plan_release(out);
    return rc;
}

int optim_allocate_save(struct store *s, int64_t territory_id, int64_t account_id,
                        struct optim_plan *out, int64_t *id, struct err *e)
{
    int rc = optim_allocate(s, territory_id, account_id, out, e);
    if (rc == ERR_OK)
        rc = store_alloc_plan_insert(s, &out->plan, out->lines, out->n_lines, &out->plan.id, e);
    if (rc == ERR_OK && id)
        *id = out->plan.id;
    return rc;
}

void optim_plan_release(struct optim_plan *p)
{
    if (!p)
        return;
    store_alloc_plan_release(&p->plan);
    store_alloc_lines_free(p->lines, p->n_lines);
    memset(p, 0, sizeof(*p));
}
