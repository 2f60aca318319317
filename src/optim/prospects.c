/* SPDX-License-Identifier: MIT */
/*
 * prospects.c - where to look first: the prospects of a territory ranked
 * by the likely synergies of their estimated flows. The enrolled
 * organisations and their declared flows (optim_engine_load) and the
 * prospects with flows estimated from their activity and size go to the
 * matcher as one problem; each suggestion involving a prospect adds its
 * combined score to that prospect (to both sides when two prospects
 * meet). Nothing is written: the estimates live for one ranking.
 */
#include "optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PROSPECT_MAX_TYPICAL 32

struct rank_ctx {
    const struct optim_prospect_filter *f;
    const struct ref *r;
    struct optim_prospect *ps;
    size_t n;
    size_t cap;
};

static int rank_collect(const struct store_prospect *p, void *vctx, struct err *e)
{
    (void)e;
    struct rank_ctx *c = vctx;
    if (p->is_closed || p->org_id)
        return ERR_OK;
    const char *prefix = c->f->naf_prefix ? c->f->naf_prefix : "";
    if (strncmp(p->naf, prefix, strlen(prefix)) != 0)
        return ERR_OK;
    if (ref_typical_employees(p->band) < c->f->min_employees)
        return ERR_OK;
    core_grow((void **)&c->ps, &c->cap, c->n + 1, sizeof(*c->ps));
    struct optim_prospect *op = &c->ps[c->n++];
    memset(op, 0, sizeof(*op));
    op->p = *p;
    return ERR_OK;
}

struct match_ctx {
    const struct engine_matcher *m;
    const struct engine_flow *flows;
    size_t n_enrolled; /* engine orgs [0, n_enrolled) are enrolled, then the prospects */
    struct optim_prospect *ps;
};

/* Keeps the best OPTIM_PROSPECT_REASONS reasons of a prospect. */
static void prospect_reason(struct optim_prospect *op, double score, const char *role,
                            const char *partner, const char *explain)
{
    size_t at = op->n_reasons;
    while (at > 0 && op->reason_score[at - 1] < score)
        at--;
    if (at >= OPTIM_PROSPECT_REASONS)
        return;
    size_t last =
        op->n_reasons < OPTIM_PROSPECT_REASONS ? op->n_reasons : OPTIM_PROSPECT_REASONS - 1;
    for (size_t i = last; i > at; i--) {
        memcpy(op->reasons[i], op->reasons[i - 1], sizeof(op->reasons[i]));
        op->reason_score[i] = op->reason_score[i - 1];
    }
    struct sb b;
    sb_init(&b, OPTIM_REASON_MAX * 4);
    sb_addf(&b, "%s %s (estimé) : %s", role, partner, explain);
    size_t n = b.len < OPTIM_REASON_MAX - 1 ? b.len : OPTIM_REASON_MAX - 1;
    /* cut on a UTF-8 character boundary */
    while (n > 0 && n < b.len && ((unsigned char)b.buf[n] & 0xC0) == 0x80)
        n--;
    memcpy(op->reasons[at], b.buf, n);
    op->reasons[at][n] = '\0';
    sb_release(&b);
    op->reason_score[at] = score;
    if (op->n_reasons < OPTIM_PROSPECT_REASONS)
        op->n_reasons++;
}

static void prospect_credit(struct match_ctx *c, size_t org, size_t other, const char *role,
                            const struct engine_match *mt, const char *explain)
{
    struct optim_prospect *op = &c->ps[org - c->n_enrolled];
    op->n_matches++;
    bool is_enrolled = other < c->n_enrolled;
    op->n_with_enrolled += is_enrolled;
    double score = isfinite(mt->score) ? mt->score : 0;
    op->score += score;
    if (isfinite(mt->gain_eur))
        op->gain_eur += mt->gain_eur;
    prospect_reason(op, score, role,
                    is_enrolled ? "avec une organisation inscrite" : "avec un autre prospect",
                    explain);
}

static int rank_match(void *arg, const struct engine_match *ms, size_t n, struct err *e)
{
    (void)e;
    struct match_ctx *c = arg;
    for (size_t i = 0; i < n; i++) {
        const struct engine_match *mt = &ms[i];
        size_t giver = c->flows[mt->offer].org;
        size_t taker = mt->receiver;
        if (giver < c->n_enrolled && taker < c->n_enrolled)
            continue;
        char explain[OPTIM_REASON_MAX];
        engine_match_explain(c->m, mt, explain, sizeof(explain));
        if (giver >= c->n_enrolled)
            prospect_credit(c, giver, taker, "sortie probable", mt, explain);
        if (taker >= c->n_enrolled && taker != giver)
            prospect_credit(c, taker, giver,
                            mt->kind == ENGINE_MATCH_POTENTIAL ? "utilisateur potentiel"
                                                               : "besoin probable",
                            mt, explain);
    }
    return ERR_OK;
}

static int prospect_cmp(const void *pa, const void *pb)
{
    const struct optim_prospect *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->n_matches != b->n_matches)
        return a->n_matches > b->n_matches ? -1 : 1;
    return strcmp(a->p.siret, b->p.siret);
}

/* The estimated flows of prospect i (engine org org) appended to flows. */
static void prospect_flows(const struct ref *r, const struct ref_typical *tf,
                           struct optim_prospect *op, size_t org, struct engine_flow **flows,
                           size_t *n, size_t *cap)
{
    const struct ref_typical_flow *rows[PROSPECT_MAX_TYPICAL];
    size_t k = ref_typical_for(tf, r, op->p.naf, rows, PROSPECT_MAX_TYPICAL);
    if (k > PROSPECT_MAX_TYPICAL)
        k = PROSPECT_MAX_TYPICAL;
    double employees = ref_typical_employees(op->p.band);
    for (size_t j = 0; j < k; j++) {
        core_grow((void **)flows, cap, *n + 1, sizeof(**flows));
        struct engine_flow *fl = &(*flows)[(*n)++];
        memset(fl, 0, sizeof(*fl));
        fl->id = 0; /* estimated: no store flow */
        fl->org = org;
        fl->is_offer = rows[j]->is_offer;
        fl->family = rows[j]->is_heat ? ENGINE_FAMILY_HEAT : ENGINE_FAMILY_MATERIAL;
        fl->dim = rows[j]->is_heat ? ENGINE_DIM_ENERGY : ENGINE_DIM_MASS;
        memcpy(fl->code, rows[j]->code, sizeof(rows[j]->code));
        fl->qty_per_yr = rows[j]->qty_per_employee_yr * employees;
        fl->pos = op->p.pos;
        fl->has_pos = true;
        const struct ref_low *low = rows[j]->is_heat ? NULL : ref_low_find(r, rows[j]->code);
        fl->is_hazardous = low && low->is_hazardous;
        fl->temp_c = NAN;
        fl->months = 0;
        fl->cost_eur_per_unit = NAN;
        op->n_estimated++;
    }
}

int optim_prospects_rank(struct store *st, const struct ref *r, const struct ref_rules *rules,
                         const struct ref_typical *tf, const struct engine_match_params *p,
                         const struct optim_prospect_filter *f, struct optim_prospect **out,
                         size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    struct optim_engine_data d;
    memset(&d, 0, sizeof(d));
    struct rank_ctx rc_ = {.f = f, .r = r};
    struct engine_org *orgs = NULL;
    struct engine_flow *flows = NULL;
    struct engine_matcher *m = NULL;
    int rc = optim_engine_load(st, 0, &d, e);
    if (rc == ERR_OK)
        rc = store_prospect_each(st, f->territory_id, rank_collect, &rc_, e);
    if (rc || rc_.n == 0)
        goto out;
    size_t n_orgs = d.n_orgs + rc_.n;
    orgs = xcalloc(n_orgs, sizeof(*orgs));
    if (d.n_orgs)
        memcpy(orgs, d.orgs, d.n_orgs * sizeof(*orgs));
    size_t n_flows = d.n_flows, cap_flows = d.n_flows ? d.n_flows : 1;
    flows = xmallocarray(cap_flows, sizeof(*flows));
    if (d.n_flows)
        memcpy(flows, d.flows, d.n_flows * sizeof(*flows));
    for (size_t i = 0; i < rc_.n; i++) {
        struct optim_prospect *op = &rc_.ps[i];
        struct engine_org *o = &orgs[d.n_orgs + i];
        o->ext_id = op->p.siret;
        memcpy(o->naf, op->p.naf, sizeof(o->naf));
        o->pos = op->p.pos;
        o->has_pos = true;
        prospect_flows(r, tf, op, d.n_orgs + i, &flows, &n_flows, &cap_flows);
    }
    rc = engine_matcher_new(&m, flows, n_flows, orgs, n_orgs, rules, p, e);
    if (rc == ERR_OK) {
        struct match_ctx mc = {.m = m, .flows = flows, .n_enrolled = d.n_orgs, .ps = rc_.ps};
        rc = engine_matcher_run(m, rank_match, &mc, e);
    }
    if (rc == ERR_OK) {
        qsort(rc_.ps, rc_.n, sizeof(*rc_.ps), prospect_cmp);
        *out = rc_.ps;
        *n = rc_.n;
        rc_.ps = NULL;
    }
out:
    engine_matcher_free(m);
    free(flows);
    free(orgs);
    free(rc_.ps);
    optim_engine_data_release(&d);
    return rc;
}

int optim_prospect_enrol(struct store *st, const struct ref *r, const struct ref_typical *tf,
                         const char *siret, int64_t territory_id, int64_t *org_id, size_t *n_drafts,
                         struct err *e)
{
    *org_id = 0;
    *n_drafts = 0;
    struct store_prospect *p = xmalloc(sizeof(*p));
    struct store_flow_draft drafts[PROSPECT_MAX_TYPICAL];
    size_t n = 0;
    int rc = store_prospect_get(st, siret, p, e);
    if (rc == ERR_OK) {
        const struct ref_typical_flow *rows[PROSPECT_MAX_TYPICAL];
        n = ref_typical_for(tf, r, p->naf, rows, PROSPECT_MAX_TYPICAL);
        if (n > PROSPECT_MAX_TYPICAL)
            n = PROSPECT_MAX_TYPICAL;
        double employees = ref_typical_employees(p->band);
        for (size_t i = 0; i < n; i++) {
            struct store_flow_draft *d = &drafts[i];
            memset(d, 0, sizeof(*d));
            d->is_offer = rows[i]->is_offer;
            d->is_heat = rows[i]->is_heat;
            memcpy(d->code, rows[i]->code, sizeof(d->code));
            d->qty_per_yr = rows[i]->qty_per_employee_yr * employees;
            d->uncertainty_factor = rows[i]->uncertainty_factor;
            memcpy(d->source, rows[i]->source, sizeof(d->source));
        }
        rc = store_prospect_enrol(st, siret, territory_id, drafts, n, org_id, e);
    }
    if (rc == ERR_OK)
        *n_drafts = n;
    free(p);
    return rc;
}

void optim_prospect_csv_row(struct sb *b, size_t rank, const struct optim_prospect *op)
{
    const struct store_prospect *p = &op->p;
    sb_addf(b, "%zu,%s,", rank, p->siret);
    sb_add_csv_text(b, p->name);
    sb_addf(b, ",%s,", p->naf);
    sb_add_csv_text(b, store_sirene_band_label(p->band));
    sb_addf(b, ",%s,", p->commune_insee);
    sb_add_csv_num(b, p->pos.lat, true);
    sb_addc(b, ',');
    sb_add_csv_num(b, p->pos.lon, true);
    sb_addc(b, ',');
    sb_add_csv_num(b, round(op->score * 100) / 100, true);
    sb_addf(b, ",%zu,%zu,", op->n_matches, op->n_with_enrolled);
    sb_add_csv_num(b, round(op->gain_eur), true);
    sb_addf(b, ",%zu,", op->n_estimated);
    struct sb why;
    sb_init(&why, 4096);
    for (size_t i = 0; i < op->n_reasons; i++) {
        if (i)
            sb_adds(&why, " | ");
        sb_adds(&why, op->reasons[i]);
    }
    sb_add_csv_text(b, why.buf);
    sb_release(&why);
    sb_addc(b, '\n');
}
