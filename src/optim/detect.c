/* SPDX-License-Identifier: MIT */
/*
 * detect.c - the detection of substitutions and pools from the store: the
 * organisations and flows of the database as the engine's plain arrays
 * (the engine never sees the store), and the saving of the matcher's
 * suggestions as synergies (never a duplicate, fresh estimates for a known
 * one, never an abandoned one again). Shared by `symbiose match`,
 * `symbiose pools` and the API.
 */
#include "optim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum engine_family engine_family_of(const struct store_flow *f)
{
    switch (f->family) {
    case STORE_FAM_MATERIAL:
        return ENGINE_FAMILY_MATERIAL;
    case STORE_FAM_ENERGY:
        return ENGINE_FAMILY_HEAT;
    case STORE_FAM_WATER:
        return ENGINE_FAMILY_WATER;
    case STORE_FAM_PURCHASE:
        return ENGINE_FAMILY_PURCHASE;
    case STORE_FAM_TRAINING:
        return ENGINE_FAMILY_TRAINING;
    default:
        return ENGINE_FAMILY_SERVICE;
    }
}

static enum engine_dim engine_dim_of(const char *base_unit)
{
    if (strcmp(base_unit, "t") == 0)
        return ENGINE_DIM_MASS;
    if (strcmp(base_unit, "MWh") == 0)
        return ENGINE_DIM_ENERGY;
    if (strcmp(base_unit, "m3") == 0)
        return ENGINE_DIM_VOLUME;
    return ENGINE_DIM_COUNT;
}

static int org_id_cmp(const void *pa, const void *pb)
{
    const struct store_org *a = pa, *b = pb;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int id_cmp(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return a < b ? -1 : a > b;
}

int optim_engine_load(struct store *st, int64_t offer_territory_id, struct optim_engine_data *d,
                      struct err *e)
{
    struct store_filter f;
    store_filter_init(&f);
    memset(d, 0, sizeof(*d));
    int rc = store_org_list(st, &f, &d->store_orgs, &d->n_orgs, e);
    if (rc == ERR_OK)
        rc = store_flow_list(st, &f, &d->store_flows, &d->n_store_flows, e);
    if (rc != ERR_OK)
        return rc;
    if (d->n_orgs > 1) /* indexes follow ids */
        qsort(d->store_orgs, d->n_orgs, sizeof(*d->store_orgs), org_id_cmp);
    d->orgs = xcalloc(d->n_orgs + 1, sizeof(*d->orgs));
    d->org_ids = xcalloc(d->n_orgs + 1, sizeof(*d->org_ids));
    for (size_t i = 0; i < d->n_orgs; i++) {
        const struct store_org *so = &d->store_orgs[i];
        struct engine_org *eo = &d->orgs[i];
        eo->ext_id = so->siret;
        memcpy(eo->naf, so->naf, sizeof(eo->naf));
        eo->pos = so->pos;
        eo->has_pos = geo_point_valid(so->pos);
        eo->territory = so->territory_id;
        d->org_ids[i] = so->id;
    }
    d->flows = xcalloc(d->n_store_flows + 1, sizeof(*d->flows));
    for (size_t i = 0; i < d->n_store_flows; i++) {
        const struct store_flow *sf = &d->store_flows[i];
        const int64_t *at =
            d->n_orgs ? bsearch(&sf->org_id, d->org_ids, d->n_orgs, sizeof(int64_t), id_cmp) : NULL;
        if (!at || !(sf->qty_per_yr > 0))
            continue; /* a flow without quantity cannot be matched */
        size_t org = (size_t)(at - d->org_ids);
        bool is_offer = sf->direction == STORE_DIR_OFFER;
        if (is_offer && offer_territory_id > 0 && d->orgs[org].territory != offer_territory_id)
            continue; /* outside the scope: its needs still receive */
        struct engine_flow *ef = &d->flows[d->n_flows++];
        ef->id = sf->id;
        ef->org = org;
        ef->is_offer = is_offer;
        ef->family = engine_family_of(sf);
        snprintf(ef->code, sizeof(ef->code), "%s", sf->code);
        ef->qty_per_yr = sf->qty_per_yr;
        ef->dim = engine_dim_of(sf->base_unit);
        ef->pos = sf->pos;
        ef->has_pos = geo_point_valid(sf->pos);
        ef->is_hazardous = sf->is_hazardous;
        ef->temp_c = sf->has_temperature ? sf->temperature_c : NAN;
        ef->months = sf->months_mask;
        ef->cost_eur_per_unit = sf->has_cost ? sf->cost_eur_per_unit : NAN;
    }
    return ERR_OK;
}

void optim_engine_data_release(struct optim_engine_data *d)
{
    free(d->flows);
    free(d->org_ids);
    free(d->orgs);
    store_flows_free(d->store_flows, d->n_store_flows);
    store_orgs_free(d->store_orgs, d->n_orgs);
    memset(d, 0, sizeof(*d));
}

void optim_match_params_init(struct engine_match_params *p, const struct ref *r)
{
    engine_match_params_init(p);
    optim_match_params_ref(p, r);
}

void optim_match_params_ref(struct engine_match_params *p, const struct ref *r)
{
    const struct ref_factor *fr =
        r ? ref_factor_find(r, "freight_road_articulated_34_40t_diesel") : NULL;
    if (fr)
        p->freight_kg_per_t_km = fr->value;
}

/* ------------------------------------------------------ saving suggestions */

/* A synergy already in the database, by (offer, need, receiver). */
struct detect_known {
    int64_t offer, need, org; /* flow ids (need 0 for a potential) and org id */
    int64_t id;
    enum store_status status;
    struct store_effects measured;
};

static int known_cmp(const void *pa, const void *pb)
{
    const struct detect_known *a = pa, *b = pb;
    if (a->offer != b->offer)
        return a->offer < b->offer ? -1 : 1;
    if (a->need != b->need)
        return a->need < b->need ? -1 : 1;
    return a->org < b->org ? -1 : a->org > b->org;
}

static void detect_effects(const struct engine_match *s, const struct engine_flow *offer,
                           struct store_effects *fx)
{
    store_effects_unknown(fx);
    fx->co2e_t = s->co2e_t;
    fx->eur_saved = s->gain_eur;
    if (offer->dim == ENGINE_DIM_MASS) {
        fx->t_diverted = s->qty;
        /* loaded trips there and back */
        fx->km = 2.0 * s->dist_km * ceil(s->qty / OPTIM_TRUCK_T);
    }
}

int optim_saver_open(struct optim_saver *sv, struct store *st, const struct optim_engine_data *d,
                     int64_t account_id, struct err *e)
{
    memset(sv, 0, sizeof(*sv));
    sv->st = st;
    sv->d = d;
    sv->account_id = account_id;
    struct store_filter f;
    store_filter_init(&f);
    struct store_synergy *syns = NULL;
    size_t n_syns = 0;
    int rc = store_synergy_list(st, &f, &syns, &n_syns, e);
    if (rc != ERR_OK)
        return rc;
    sv->known = xcalloc(n_syns + 1, sizeof(*sv->known));
    for (size_t i = 0; i < n_syns; i++) {
        if (syns[i].kind != STORE_SYN_SUBSTITUTION)
            continue;
        struct detect_known *k = &sv->known[sv->n_known++];
        k->offer = syns[i].offer_flow_id;
        k->need = syns[i].need_flow_id;
        k->org = syns[i].receiver_org_id;
        k->id = syns[i].id;
        k->status = syns[i].status;
        k->measured = syns[i].measured;
    }
    qsort(sv->known, sv->n_known, sizeof(*sv->known), known_cmp);
    store_synergies_free(syns, n_syns);
    return ERR_OK;
}

void optim_saver_close(struct optim_saver *sv)
{
    free(sv->known);
    memset(sv, 0, sizeof(*sv));
}

int optim_saver_keep(struct optim_saver *sv, const struct engine_matcher *m,
                     const struct engine_match *ms, size_t n, struct engine_match *kept,
                     size_t *n_kept, struct err *e)
{
    const struct optim_engine_data *d = sv->d;
    int rc = ERR_OK;
    *n_kept = 0;
    for (size_t i = 0; i < n && rc == ERR_OK; i++) {
        const struct engine_flow *offer = &d->flows[ms[i].offer];
        struct detect_known key;
        memset(&key, 0, sizeof(key));
        key.offer = offer->id;
        key.need = ms[i].need != ENGINE_NONE ? d->flows[ms[i].need].id : 0;
        key.org = d->org_ids[ms[i].receiver];
        const struct detect_known *k =
            sv->n_known ? bsearch(&key, sv->known, sv->n_known, sizeof(key), known_cmp) : NULL;
        if (k && k->status == STORE_STATUS_ABANDONED) {
            sv->counts.n_skipped++;
            continue;
        }
        struct engine_match *s = &kept[*n_kept];
        *s = ms[i];
        s->rank = (unsigned)*n_kept + 1;
        struct store_effects est;
        detect_effects(s, offer, &est);
        if (k) {
            rc = store_synergy_set_effects(sv->st, k->id, &est, &k->measured, e);
            sv->counts.n_updated++;
        } else {
            char note[1024];
            engine_match_explain(m, s, note, sizeof(note));
            struct store_synergy syn;
            memset(&syn, 0, sizeof(syn));
            syn.kind = STORE_SYN_SUBSTITUTION;
            syn.offer_flow_id = key.offer;
            syn.need_flow_id = key.need;
            syn.receiver_org_id = key.org;
            syn.status = STORE_STATUS_SUGGESTED;
            syn.reason = "";
            syn.note = note;
            syn.estimated = est;
            store_effects_unknown(&syn.measured);
            int64_t id = 0;
            rc = store_synergy_insert(sv->st, &syn, sv->account_id, &id, e);
            sv->counts.n_new++;
        }
        (*n_kept)++;
    }
    return rc;
}

/* ------------------------------------------------------------ one call */

struct detect_run {
    struct optim_saver *sv;
    const struct engine_matcher *m;
};

static int detect_rows(void *arg, const struct engine_match *ms, size_t n, struct err *e)
{
    struct detect_run *dr = arg;
    struct engine_match kept[OPTIM_DETECT_TOP_MAX];
    size_t n_kept = 0;
    return optim_saver_keep(dr->sv, dr->m, ms, n < OPTIM_DETECT_TOP_MAX ? n : OPTIM_DETECT_TOP_MAX,
                            kept, &n_kept, e);
}

int optim_detect(struct store *st, const struct ref_rules *rules,
                 const struct engine_match_params *p, int64_t territory_id, int64_t account_id,
                 struct optim_detect_counts *out, struct err *e)
{
    struct optim_engine_data d;
    struct optim_saver sv;
    struct engine_matcher *m = NULL;
    memset(out, 0, sizeof(*out));
    memset(&sv, 0, sizeof(sv));
    if (p->top_k > OPTIM_DETECT_TOP_MAX || p->all_pairs)
        return err_set(e, ERR_INPUT, "detection: top_k is at most %d, no all_pairs",
                       OPTIM_DETECT_TOP_MAX);
    int rc = optim_engine_load(st, territory_id, &d, e);
    if (rc == ERR_OK)
        rc = optim_saver_open(&sv, st, &d, account_id, e);
    if (rc == ERR_OK)
        rc = engine_matcher_new(&m, d.flows, d.n_flows, d.orgs, d.n_orgs, rules, p, e);
    if (rc == ERR_OK) {
        struct detect_run dr = {&sv, m};
        rc = engine_matcher_run(m, detect_rows, &dr, e);
    }
    for (size_t i = 0; rc == ERR_OK && i < d.n_flows; i++)
        out->n_offers += d.flows[i].is_offer;
    if (rc == ERR_OK) {
        out->n_new = sv.counts.n_new;
        out->n_updated = sv.counts.n_updated;
        out->n_skipped = sv.counts.n_skipped;
    }
    engine_matcher_free(m);
    optim_saver_close(&sv);
    optim_engine_data_release(&d);
    return rc;
}
