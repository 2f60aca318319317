/* SPDX-License-Identifier: MIT */
/*
 * cmd_pools.c - `symbiose pools`: suggested mutualisation pools from the
 * database (pooled collection of small quantities of one waste, group
 * purchase, joint training, shared room), with their members, totals and
 * estimated gain.
 *
 *   symbiose pools [--radius-km R] [--threshold T] [--format csv|json] [-o FILE]
 *   symbiose pools --save [--pool N] [--radius-km R] [--threshold T]
 *
 * --threshold: offers below T t/yr are small enough to pool (default 10).
 * --save turns the pooled-collection suggestions (kind "collecte", in
 * tonnes) into pooled collections, every one or only the Nth of the list,
 * in one transaction: each member's offer becomes an item (kg a year),
 * rounds are monthly, the depot is the nearest collector's (then the pool
 * is served by it) or else the members' centre. A suggestion already
 * saved (same code and territory, or first member) is skipped. It prints one line per collection.
 */
#include "cli.h"
#include "cli_int.h"
#include "engine/engine.h"
#include "optim/optim.h"
#include "ref/ref.h"
#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_pools_help[] =
    "usage : symbiose pools [--radius-km R] [--threshold T] [--format csv|json] [-o FICHIER]\n"
    "        symbiose pools --save [--pool N] [--radius-km R] [--threshold T]\n"
    "\n"
    "Suggère des mutualisations : collecte de petites quantités d'un même\n"
    "déchet, achats groupés, formations, salles partagées. --save transforme\n"
    "les collectes suggérées en collectes mutualisées réelles.\n"
    "\n"
    "options :\n"
    "  --radius-km R       rayon des regroupements en km, 0 à 1000 (défaut 15)\n"
    "  --threshold T       offres de moins de T t/an à mutualiser (défaut 10)\n"
    "  --format F          csv ou json (défaut csv)\n"
    "  -o FICHIER          écrit dans FICHIER (défaut : sortie standard)\n"
    "  --save              enregistre les collectes suggérées\n"
    "  --pool N            avec --save : seulement la N-ième de la liste\n"
    "\n"
    "exemple :\n"
    "  symbiose pools --save --pool 1\n";

static void pools_row(struct sb *b, bool is_json, size_t n_done, const struct engine_pool *pool,
                      const struct optim_engine_data *d)
{
    char ex[1024], num[48];
    engine_pool_explain(pool, d->flows, ex, sizeof(ex));
    struct sb members;
    sb_init(&members, 0);
    for (size_t i = 0; i < pool->n_orgs; i++) {
        if (i > 0)
            sb_addc(&members, ';');
        sb_adds(&members, d->orgs[pool->orgs[i]].ext_id);
    }
    const char *kind = engine_pool_kind_name(pool->kind);
    if (is_json) {
        sb_adds(b, n_done == 0 ? "[\n{\"pool\":" : ",\n{\"pool\":");
        sb_addf(b, "%zu,\"kind\":", n_done + 1);
        sb_add_json_str(b, kind);
        sb_addf(b, ",\"territory_id\":%lld,\"code\":", (long long)pool->territory);
        sb_add_json_str(b, pool->code);
        sb_adds(b, ",\"members\":");
        sb_add_json_str(b, members.buf);
        sb_addf(b, ",\"n_members\":%zu,\"total_quantity\":", pool->n_orgs);
        sb_add(b, num, numfmt_fixed(num, sizeof(num), pool->total_qty, 2, '.', false));
        sb_adds(b, ",\"gain_eur_per_yr\":");
        sb_add(b, num, numfmt_fixed(num, sizeof(num), pool->gain_eur, 0, '.', false));
        sb_adds(b, ",\"explanation\":");
        sb_add_json_str(b, ex);
        sb_addc(b, '}');
    } else {
        sb_addf(b, "%zu,", n_done + 1);
        sb_add_csv_text(b, kind);
        sb_addf(b, ",%lld,", (long long)pool->territory);
        sb_add_csv_text(b, pool->code);
        sb_addc(b, ',');
        sb_add_csv_text(b, members.buf);
        sb_addf(b, ",%zu,", pool->n_orgs);
        sb_add(b, num, numfmt_fixed(num, sizeof(num), pool->total_qty, 2, '.', false));
        sb_addc(b, ',');
        sb_add(b, num, numfmt_fixed(num, sizeof(num), pool->gain_eur, 0, '.', false));
        sb_addc(b, ',');
        sb_add_csv_text(b, ex);
        sb_addc(b, '\n');
    }
    sb_release(&members);
}

static int pools_write(const char *path, const struct sb *b, struct err *e)
{
    FILE *fp = path ? fopen(path, "wb") : stdout;
    if (!fp)
        return err_set(e, ERR_IO, "%s: cannot write", path);
    bool is_ok = fwrite(b->buf, 1, b->len, fp) == b->len;
    if (path)
        is_ok = fclose(fp) == 0 && is_ok;
    return is_ok ? ERR_OK : err_set(e, ERR_IO, "%s: write failed", path ? path : "stdout");
}

/* The collector whose first depot is nearest to pos; *org_id 0 if none. */
static int pools_nearest_collector(struct store *st, struct geo_point pos, int64_t *org_id,
                                   struct geo_point *depot, struct err *e)
{
    struct store_collector *ks = NULL;
    struct store_depot *ds = NULL;
    size_t nk = 0, nd = 0;
    *org_id = 0;
    int rc = store_collector_list(st, &ks, &nk, e);
    if (rc == ERR_OK)
        rc = store_depot_list(st, 0, &ds, &nd, e);
    double best = 0;
    for (size_t i = 0; rc == ERR_OK && i < nd; i++) {
        double km = geo_haversine_km(pos, ds[i].pos);
        for (size_t k = 0; k < nk; k++) {
            if (ks[k].id == ds[i].collector_id && (*org_id == 0 || km < best)) {
                best = km;
                *org_id = ks[k].org_id;
                *depot = ds[i].pos;
            }
        }
    }
    store_collectors_free(ks, nk);
    store_depots_free(ds, nd);
    return rc;
}

/* One suggested pool as a pooled collection; *id 0 if one of its name exists. */
static int pools_save_one(struct store *st, const struct engine_pool *pool, size_t number,
                          const struct optim_engine_data *d, int64_t *id, struct sb *out,
                          struct err *e)
{
    char name[160];
    /* named by code and territory (or first member), not by the list's order */
    int w = pool->territory > 0
                ? snprintf(name, sizeof(name), "Collecte mutualisée %s (territoire %lld)",
                           pool->code, (long long)pool->territory)
                : snprintf(name, sizeof(name), "Collecte mutualisée %s (autour de %s)", pool->code,
                           d->orgs[pool->orgs[0]].ext_id);
    if (w < 0 || (size_t)w >= sizeof(name))
        return err_set(e, ERR_INTERNAL, "pool name too long");
    struct store_collection *cs = NULL;
    size_t n_cs = 0;
    *id = 0;
    int rc = store_collection_list(st, &cs, &n_cs, e);
    bool exists = false;
    for (size_t i = 0; rc == ERR_OK && i < n_cs; i++)
        exists = exists || strcmp(cs[i].name, name) == 0;
    store_collections_free(cs, n_cs);
    if (rc || exists) {
        if (exists)
            sb_addf(out, "suggestion %zu déjà enregistrée (« %s »)\n", number, name);
        return rc;
    }
    struct geo_point centre = {0, 0};
    double max_kg = 0;
    for (size_t i = 0; i < pool->n_flows; i++) {
        const struct engine_flow *f = &d->flows[pool->flows[i]];
        centre.lat += f->pos.lat / (double)pool->n_flows;
        centre.lon += f->pos.lon / (double)pool->n_flows;
        max_kg = f->qty_per_yr * 1000 / 12 > max_kg ? f->qty_per_yr * 1000 / 12 : max_kg;
    }
    struct store_collection c = {.name = name, .territory_id = pool->territory, .depot = centre};
    rc = pools_nearest_collector(st, centre, &c.collector_org_id, &c.depot, e);
    /* a light truck, or more if one member's monthly quantity needs it */
    c.vehicle_capacity_kg = max_kg > 1200 ? 100 * ceil(max_kg / 100) : 1200;
    memcpy(c.round_frequency, "monthly", 8);
    if (rc == ERR_OK)
        rc = store_collection_insert(st, &c, id, e);
    for (size_t i = 0; rc == ERR_OK && i < pool->n_flows; i++) {
        const struct engine_flow *f = &d->flows[pool->flows[i]];
        struct store_collection_item it = {.collection_id = *id,
                                           .org_id = d->org_ids[f->org],
                                           .quantity_kg = f->qty_per_yr * 1000};
        w = snprintf(it.low_code, sizeof(it.low_code), "%s", f->code);
        if (w != 6)
            return err_set(e, ERR_INPUT, "pool %zu: code %s is not a List of Waste code", number,
                           f->code);
        memcpy(it.frequency, "yearly", 7);
        rc = store_collection_item_set(st, &it, NULL, e);
    }
    if (rc == ERR_OK)
        sb_addf(out, "collecte %lld enregistrée : « %s », %zu organisation(s), %.0f kg par an%s\n",
                (long long)*id, name, pool->n_orgs, pool->total_qty * 1000,
                c.collector_org_id ? ", collecteur le plus proche" : ", sans collecteur");
    return rc;
}

/* --save: the collection pools (all, or number only) as pooled collections. */
static int pools_save(struct store *st, const struct engine_pool *pools, size_t n_pools,
                      size_t only, const struct optim_engine_data *d, struct sb *out, struct err *e)
{
    if (only > n_pools || (only > 0 && (pools[only - 1].kind != ENGINE_POOL_COLLECTION ||
                                        pools[only - 1].dim != ENGINE_DIM_MASS)))
        return err_set(e, ERR_INPUT, "--pool %zu : pas une suggestion de collecte mutualisée",
                       only);
    int rc = store_tx_begin(st, e);
    size_t n_saved = 0;
    for (size_t i = 0; rc == ERR_OK && i < n_pools; i++) {
        if ((only > 0 && i + 1 != only) || pools[i].kind != ENGINE_POOL_COLLECTION ||
            pools[i].dim != ENGINE_DIM_MASS)
            continue;
        int64_t id = 0;
        rc = pools_save_one(st, &pools[i], i + 1, d, &id, out, e);
        n_saved += id > 0;
    }
    if (rc == ERR_OK)
        rc = store_tx_commit(st, e);
    else
        store_tx_rollback(st);
    if (rc == ERR_OK)
        sb_addf(out, "%zu collecte(s) mutualisée(s) enregistrée(s)\n", n_saved);
    return rc;
}

int cmd_pools(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(*used));
    struct engine_pool_params p;
    engine_pool_params_init(&p);
    const char *radius = cli_opt(argc, argv, used, "--radius-km");
    const char *threshold = cli_opt(argc, argv, used, "--threshold");
    const char *format = cli_opt(argc, argv, used, "--format");
    const char *out_path = cli_opt(argc, argv, used, "-o");
    bool is_save = cli_opt_flag(argc, argv, used, "--save");
    const char *only_s = cli_opt(argc, argv, used, "--pool");
    int status = cli_args_check(argc, argv, used);
    free(used);
    if (status != CLI_EXIT_OK)
        return status;
    struct err e;
    err_init(&e);
    if (radius && (parse_double(slice_cstr(radius), &p.radius_km, &e) != ERR_OK ||
                   !(p.radius_km > 0 && p.radius_km <= 1000)))
        return cli_usage("%s : --radius-km attend un nombre entre 0 et 1000", argv[0]);
    if (threshold &&
        (parse_double(slice_cstr(threshold), &p.collection_threshold_t, &e) != ERR_OK ||
         !(p.collection_threshold_t > 0)))
        return cli_usage("%s : --threshold attend un nombre de t/an positif", argv[0]);
    int64_t only = 0;
    if (only_s && (!is_save || parse_int64(slice_cstr(only_s), &only, &e) != ERR_OK || only < 1 ||
                   only > 1000000))
        return cli_usage("%s : --pool attend un numéro de mutualisation, avec --save", argv[0]);
    bool is_json = format && strcmp(format, "json") == 0;
    if (format && !is_json && strcmp(format, "csv") != 0)
        return cli_usage("%s : --format attend csv ou json", argv[0]);

    struct ref *r = NULL;
    struct ref_rules *rules = NULL;
    struct store *st = NULL;
    struct optim_engine_data d;
    struct engine_pool *pools = NULL;
    size_t n_pools = 0;
    struct sb b;
    memset(&d, 0, sizeof(d));
    sb_init(&b, 0);
    if (ref_load(&r, ctx->data_dir, &e) != ERR_OK ||
        ref_rules_load(&rules, r, ctx->data_dir, &e) != ERR_OK ||
        store_open(&st, ctx->db_path, STORE_OPEN_DEFAULT, &e) != ERR_OK ||
        optim_engine_load(st, 0, &d, &e) != ERR_OK ||
        engine_pools_find(d.flows, d.n_flows, d.orgs, d.n_orgs, rules, &p, &pools, &n_pools, &e) !=
            ERR_OK) {
        status = cli_fail(&e);
        goto out;
    }
    if (is_save) {
        if (pools_save(st, pools, n_pools, (size_t)only, &d, &b, &e) != ERR_OK ||
            sb_finish(&b, &e) != ERR_OK || pools_write(out_path, &b, &e) != ERR_OK)
            status = cli_fail(&e);
        goto out;
    }
    if (!is_json)
        sb_adds(&b, "pool,kind,territory_id,code,members,n_members,total_quantity,"
                    "gain_eur_per_yr,explanation\n");
    for (size_t i = 0; i < n_pools; i++)
        pools_row(&b, is_json, i, &pools[i], &d);
    if (is_json)
        sb_adds(&b, n_pools == 0 ? "[]\n" : "\n]\n");
    if (sb_finish(&b, &e) != ERR_OK || pools_write(out_path, &b, &e) != ERR_OK)
        status = cli_fail(&e);
out:
    sb_release(&b);
    engine_pools_free(pools, n_pools);
    optim_engine_data_release(&d);
    store_close(st);
    ref_rules_free(rules);
    ref_free(r);
    return status;
}
