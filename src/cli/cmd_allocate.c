/* SPDX-License-Identifier: MIT */
/*
 * cmd_allocate.c - `symbiose allocate`.
 *
 * With --dimacs FILE.min: solves a min-cost flow problem in DIMACS "min"
 * format and prints the DIMACS solution on stdout: "s COST", then
 * "f TAIL HEAD FLOW" for every arc with nonzero flow, in the order of the
 * arcs in the file. Malformed files fail with "FILE:LINE: field: reason",
 * infeasible and unbounded problems with their own messages; all exit
 * with status 65.
 *
 * Without it: reads the open substitution synergies of the database
 * (status suggested or studied) and prints the exchanges that maximise
 * the total net gain when offers and needs compete, beside the greedy
 * plan (each offer takes its best suggestion first). The database is
 * only read.
 */
#include "cli.h"
#include "engine/engine.h"
#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest DIMACS file read: 16 GiB (a 10^6-arc file is about 25 MB). */
#define ALLOCATE_MAX_FILE ((size_t)1 << 34)
/* Quantities (t/yr) and euros beyond this are treated as data errors and
 * clamped or skipped, so that every product fits in int64. */
#define ALLOCATE_MAX_QTY 1e12

static int allocate_dimacs(const char *path)
{
    struct err e;
    struct mcf_problem p = {0};
    struct mcf_solution s = {0};
    struct sb out;
    char *buf = NULL;
    size_t len = 0;
    int rc;

    err_init(&e);
    sb_init(&out, 0);
    rc = file_read_all(path, ALLOCATE_MAX_FILE, &buf, &len, &e);
    if (rc)
        goto out;
    rc = mcf_dimacs_parse(buf, len, path, MCF_MAX_NODES, &p, &e);
    free(buf);
    buf = NULL;
    if (rc)
        goto out;
    rc = mcf_solve(&p, &s, &e);
    if (rc) {
        err_prefix(&e, "%s", path);
        goto out;
    }
    mcf_dimacs_write(&out, &p, &s);
    rc = sb_finish(&out, &e);
    if (rc)
        goto out;
    if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0)
        rc = err_set(&e, ERR_IO, "stdout: write error");
out:
    free(buf);
    sb_release(&out);
    mcf_solution_release(&s);
    mcf_problem_release(&p);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

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

/* Fills nd->qty from the store, rounding to whole base units. */
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
        nd->qty[i] =
            isfinite(q) && q > 0 ? llround(q < ALLOCATE_MAX_QTY ? q : ALLOCATE_MAX_QTY) : 0;
        store_flow_release(&f);
    }
    return ERR_OK;
}

static bool synergy_is_candidate(const struct store_synergy *y)
{
    const struct store_effects *fx = &y->estimated;
    return y->kind == STORE_SYN_SUBSTITUTION && y->offer_flow_id > 0 &&
           (y->status == STORE_STATUS_SUGGESTED || y->status == STORE_STATUS_STUDIED) &&
           isfinite(fx->t_diverted) && fx->t_diverted >= 0.5 &&
           fx->t_diverted <= ALLOCATE_MAX_QTY && isfinite(fx->eur_saved) &&
           fabs(fx->eur_saved) <= ALLOCATE_MAX_QTY;
}

static void print_totals(const char *label, const struct mcf_alloc_totals *t)
{
    printf("%s : %lld t/an échangées (%d paires), %.2f €/an, %.1f t CO2e/an évitées, "
           "%lld t/an en élimination\n",
           label, (long long)t->exchanged_t, (int)t->n_pairs_used, (double)t->gain_cents / 100.0,
           t->co2e_avoided_t, (long long)t->disposed_t);
}

static int allocate_db(const struct cli_ctx *ctx)
{
    struct err e;
    struct store *st = NULL;
    struct store_synergy *syns = NULL;
    size_t n_syns = 0;
    struct alloc_nodes offers = {0}, needs = {0};
    struct mcf_alloc_pair *pairs = NULL;
    size_t *pair_syn = NULL; /* synergy index of each pair */
    int64_t *need_qty = NULL;
    struct mcf_alloc_result res = {0};
    int rc;

    err_init(&e);
    rc = store_open(&st, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc)
        goto out;
    struct store_filter f;
    store_filter_init(&f);
    rc = store_synergy_list(st, &f, &syns, &n_syns, &e);
    if (rc)
        goto out;
    offers.ids = xcalloc(n_syns + 1, sizeof(int64_t));
    needs.ids = xcalloc(n_syns + 1, sizeof(int64_t));
    size_t n_pot = 0; /* potential receivers: one need node per synergy */
    for (size_t i = 0; i < n_syns; i++) {
        if (!synergy_is_candidate(&syns[i]))
            continue;
        offers.ids[offers.n++] = syns[i].offer_flow_id;
        if (syns[i].need_flow_id > 0)
            needs.ids[needs.n++] = syns[i].need_flow_id;
        else
            n_pot++;
    }
    rc = alloc_nodes_load(st, &offers, &e);
    if (!rc)
        rc = alloc_nodes_load(st, &needs, &e);
    if (rc)
        goto out;
    if (offers.n + needs.n + n_pot > (size_t)MCF_MAX_NODES / 2) {
        rc = err_set(&e, ERR_TOO_LARGE, "allocate: too many synergies");
        goto out;
    }
    pairs = xcalloc(n_syns + 1, sizeof(*pairs));
    pair_syn = xcalloc(n_syns + 1, sizeof(size_t));
    need_qty = xcalloc(needs.n + n_pot + 1, sizeof(int64_t));
    memcpy(need_qty, needs.qty, needs.n * sizeof(int64_t));
    int32_t n_pairs = 0, n_need_nodes = (int32_t)needs.n;
    for (size_t i = 0; i < n_syns; i++) {
        const struct store_synergy *y = &syns[i];
        if (!synergy_is_candidate(y))
            continue;
        struct mcf_alloc_pair *pr = &pairs[n_pairs];
        int64_t cap = llround(y->estimated.t_diverted);
        pr->offer = alloc_nodes_find(&offers, y->offer_flow_id);
        if (y->need_flow_id > 0) {
            pr->need = alloc_nodes_find(&needs, y->need_flow_id);
        } else {
            pr->need = n_need_nodes;
            need_qty[n_need_nodes++] = cap;
        }
        pr->cap_t = cap;
        pr->gain_cents_per_t = llround(y->estimated.eur_saved * 100.0 / y->estimated.t_diverted);
        pr->co2e_kg_per_t = isfinite(y->estimated.co2e_t)
                                ? y->estimated.co2e_t * 1000.0 / y->estimated.t_diverted
                                : 0.0;
        pair_syn[n_pairs++] = i;
    }
    rc = mcf_allocate(offers.qty, (int32_t)offers.n, need_qty, n_need_nodes, pairs, n_pairs, &res,
                      &e);
    if (rc)
        goto out;
    printf("allocation optimale de %d suggestions ouvertes (%zu offres, %d besoins ou "
           "receveurs) :\n",
           (int)n_pairs, offers.n, (int)n_need_nodes);
    for (int32_t k = 0; k < n_pairs; k++) {
        if (res.flow_t[k] == 0)
            continue;
        const struct store_synergy *y = &syns[pair_syn[k]];
        printf("  synergie %lld : offre %lld -> %s %lld : %lld t/an, %.2f €/an\n", (long long)y->id,
               (long long)y->offer_flow_id, y->need_flow_id > 0 ? "besoin" : "receveur",
               (long long)(y->need_flow_id > 0 ? y->need_flow_id : y->receiver_org_id),
               (long long)res.flow_t[k],
               (double)res.flow_t[k] * (double)pairs[k].gain_cents_per_t / 100.0);
    }
    print_totals("total optimal", &res.best);
    print_totals("glouton (chaque offre prend d'abord sa meilleure suggestion)", &res.greedy);
    printf("gain de l'optimum sur le glouton : %.2f €/an\n",
           (double)(res.best.gain_cents - res.greedy.gain_cents) / 100.0);
out:
    mcf_alloc_result_release(&res);
    free(need_qty);
    free(pair_syn);
    free(pairs);
    free(offers.ids);
    free(offers.qty);
    free(needs.ids);
    free(needs.qty);
    store_synergies_free(syns, n_syns);
    store_close(st);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

int cmd_allocate(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc(argc > 0 ? (size_t)argc : 1, sizeof(bool));
    const char *dimacs = cli_opt(argc, argv, used, "--dimacs");
    int rc = cli_args_check(argc, argv, used);
    free(used);
    if (rc)
        return rc;
    if (dimacs)
        return allocate_dimacs(dimacs);
    return allocate_db(ctx);
}
