/* SPDX-License-Identifier: MIT */
/*
 * collection.c - pooled collection of small quantities of waste:
 * organisations register a waste (List of Waste code), a quantity and a
 * frequency; the pool turns them into the input of the rounds optimiser
 * (a depot, stops with coordinates and demands per round, a capacity).
 */
#include "network_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const round_freqs[] = {"weekly", "fortnightly", "monthly", "quarterly", NULL};
static const char *const item_freqs[] = {"weekly",    "fortnightly", "monthly",
                                         "quarterly", "yearly",      NULL};

/* Periods per year of a frequency name (0 if unknown). */
static double per_year(const char *freq)
{
    static const struct {
        const char *name;
        double n;
    } table[] = {
        {"weekly", 52}, {"fortnightly", 26}, {"monthly", 12}, {"quarterly", 4}, {"yearly", 1}};
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (!strcmp(freq, table[i].name))
            return table[i].n;
    return 0;
}

int network_collection_create(struct store *s, const struct store_account *who,
                              const struct network_collection_input *in, int64_t *id, struct err *e)
{
    int rc = network_check_text("name", in->name, true, false, 200, e);
    if (rc == ERR_OK && !geo_point_valid(in->depot))
        rc = err_set(e, ERR_INPUT,
                     "depot : coordonnées invalides (latitude -90 à 90, "
                     "longitude -180 à 180)");
    if (rc == ERR_OK && (!isfinite(in->vehicle_capacity_kg) || in->vehicle_capacity_kg <= 0 ||
                         in->vehicle_capacity_kg > 1e6))
        rc = err_set(e, ERR_INPUT,
                     "vehicle_capacity_kg : doit être un nombre de kg entre 0 et 1 000 000");
    if (rc == ERR_OK)
        rc = network__check_enum("round_frequency", in->round_frequency, round_freqs, e);
    if (rc)
        return rc;
    if (!network__facilitates(who, in->territory_id))
        return network__forbidden(e, "créer une collecte mutualisée");
    struct store_collection c = {.name = (char *)in->name,
                                 .territory_id = in->territory_id,
                                 .collector_org_id = in->collector_org_id,
                                 .depot = in->depot,
                                 .vehicle_capacity_kg = in->vehicle_capacity_kg,
                                 .created_by = network__who_id(who)};
    int w = snprintf(c.round_frequency, sizeof(c.round_frequency), "%s", in->round_frequency);
    if (w < 0 || (size_t)w >= sizeof(c.round_frequency))
        return err_set(e, ERR_INPUT, "round_frequency : trop long");
    rc = store_collection_insert(s, &c, id, e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_INPUT, "collector_org_id : organisation ou territoire introuvable");
    return rc;
}

/* The canonical 6-digit code of a LoW code typed as "15 01 01" or "150101". */
static int low_shape(const char *in, char out[7], struct err *e)
{
    size_t k = 0;
    for (const char *p = in; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (k == 6)
                goto bad;
            out[k++] = *p;
        } else if (*p != ' ' && *p != '.' && *p != '-' && !(*p == '*' && p[1] == '\0')) {
            goto bad;
        }
    }
    if (k != 6)
        goto bad;
    out[6] = '\0';
    return ERR_OK;
bad:
    return err_set(e, ERR_INPUT,
                   "low_code : code déchet « %.40s » invalide (6 chiffres, "
                   "par exemple 15 01 01)",
                   in);
}

int network_collection_item_set(struct store *s, const struct ref *r,
                                const struct store_account *who,
                                const struct network_collection_item_input *in, int64_t *id,
                                struct err *e)
{
    struct store_collection_item it = {.collection_id = in->collection_id};
    struct store_collection c;
    int rc;
    if (!in->low_code || !*in->low_code)
        return err_set(e, ERR_INPUT, "low_code : obligatoire (code de la liste des déchets)");
    if (r) {
        struct err re;
        err_init(&re);
        rc = ref_low_parse(r, slice_cstr(in->low_code), it.low_code, &re);
        if (rc)
            return err_set(e, ERR_INPUT, "low_code : %s", re.msg);
    } else if ((rc = low_shape(in->low_code, it.low_code, e))) {
        return rc;
    }
    if (!isfinite(in->quantity_kg) || in->quantity_kg <= 0 || in->quantity_kg > 1e6)
        return err_set(e, ERR_INPUT,
                       "quantity_kg : doit être un nombre de kg entre 0 et "
                       "1 000 000");
    rc = network__check_enum("frequency", in->frequency, item_freqs, e);
    if (rc)
        return rc;
    it.org_id = in->org_id ? in->org_id : (who ? who->org_id : 0);
    if (it.org_id <= 0)
        return err_set(e, ERR_INPUT, "org_id : organisation obligatoire");
    if (!network__acts_for_org(s, who, it.org_id))
        return network__forbidden(e, "déclarer un déchet pour cette organisation");
    rc = store_collection_get(s, in->collection_id, &c, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "collecte %lld introuvable", (long long)in->collection_id);
    if (rc)
        return rc;
    store_collection_release(&c);
    it.quantity_kg = in->quantity_kg;
    memcpy(it.frequency, in->frequency, strlen(in->frequency) + 1);
    rc = store_collection_item_set(s, &it, id, e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_INPUT, "org_id : organisation %lld introuvable",
                       (long long)it.org_id);
    return rc;
}

void network_rounds_input_release(struct network_rounds_input *in)
{
    if (!in)
        return;
    free(in->pts);
    free(in->demand_kg);
    free(in->org_ids);
    memset(in, 0, sizeof(*in));
}

int network_collection_rounds_input(struct store *s, int64_t collection_id,
                                    struct network_rounds_input *out, struct err *e)
{
    struct store_collection c;
    struct store_collection_item *items = NULL;
    size_t n = 0;
    memset(out, 0, sizeof(*out));
    int rc = store_collection_get(s, collection_id, &c, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "collecte %lld introuvable", (long long)collection_id);
    if (rc)
        return rc;
    rc = store_collection_items(s, collection_id, &items, &n, e);
    if (rc)
        goto out;
    out->pts = xcalloc(n + 1, sizeof(*out->pts));
    out->demand_kg = xcalloc(n + 1, sizeof(*out->demand_kg));
    out->org_ids = xcalloc(n + 1, sizeof(*out->org_ids));
    out->pts[0] = c.depot;
    out->n_nodes = 1;
    out->capacity_kg = (int64_t)floor(c.vehicle_capacity_kg);
    double rounds = per_year(c.round_frequency);
    /* items come sorted by organisation: one stop per organisation */
    for (size_t i = 0; i < n; i++) {
        size_t k = out->n_nodes - 1;
        if (k == 0 || out->org_ids[k] != items[i].org_id) {
            k = out->n_nodes++;
            out->org_ids[k] = items[i].org_id;
            out->pts[k] = items[i].pos;
        }
        double kg = items[i].quantity_kg * per_year(items[i].frequency) / rounds;
        out->demand_kg[k] += (int64_t)ceil(kg - 1e-9);
        if (out->demand_kg[k] > out->capacity_kg) {
            rc = err_set(e, ERR_INPUT,
                         "quantity_kg : « %s » produit %lld kg par tournée, plus que la "
                         "capacité du véhicule (%lld kg) ; augmentez la fréquence des tournées",
                         items[i].org_name, (long long)out->demand_kg[k],
                         (long long)out->capacity_kg);
            goto out;
        }
    }
out:
    if (rc)
        network_rounds_input_release(out);
    store_collection_items_free(items, n);
    store_collection_release(&c);
    return rc;
}
