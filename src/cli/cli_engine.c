/* SPDX-License-Identifier: MIT */
/*
 * cli_engine.c - the organisations and flows of the database as the
 * engine's plain arrays, for `symbiose match` and `symbiose pools` (the
 * engine never sees the store; the cli translates).
 */
#include "cli_int.h"

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

int cli_engine_load(struct store *st, struct cli_engine_data *d, struct err *e)
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
        struct engine_flow *ef = &d->flows[d->n_flows++];
        ef->id = sf->id;
        ef->org = (size_t)(at - d->org_ids);
        ef->is_offer = sf->direction == STORE_DIR_OFFER;
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

void cli_engine_data_release(struct cli_engine_data *d)
{
    free(d->flows);
    free(d->org_ids);
    free(d->orgs);
    store_flows_free(d->store_flows, d->n_store_flows);
    store_orgs_free(d->store_orgs, d->n_orgs);
    memset(d, 0, sizeof(*d));
}
