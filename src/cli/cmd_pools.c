/* SPDX-License-Identifier: MIT */
/*
 * cmd_pools.c - `symbiose pools`: suggested mutualisation pools from the
 * database (pooled collection of small quantities of one waste, group
 * purchase, joint training, shared room), with their members, totals and
 * estimated gain.
 *
 *   symbiose pools [--radius-km R] [--threshold T] [--format csv|json] [-o FILE]
 *
 * --threshold: offers below T t/yr are small enough to pool (default 10).
 */
#include "cli.h"
#include "cli_int.h"
#include "engine/engine.h"
#include "optim/optim.h"
#include "ref/ref.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        sb_addf(b, "%zu,%s,%lld,", n_done + 1, kind, (long long)pool->territory);
        sb_add_csv(b, pool->code);
        sb_addc(b, ',');
        sb_add_csv(b, members.buf);
        sb_addf(b, ",%zu,", pool->n_orgs);
        sb_add(b, num, numfmt_fixed(num, sizeof(num), pool->total_qty, 2, '.', false));
        sb_addc(b, ',');
        sb_add(b, num, numfmt_fixed(num, sizeof(num), pool->gain_eur, 0, '.', false));
        sb_addc(b, ',');
        sb_add_csv(b, ex);
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

int cmd_pools(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(*used));
    struct engine_pool_params p;
    engine_pool_params_init(&p);
    const char *radius = cli_opt(argc, argv, used, "--radius-km");
    const char *threshold = cli_opt(argc, argv, used, "--threshold");
    const char *format = cli_opt(argc, argv, used, "--format");
    const char *out_path = cli_opt(argc, argv, used, "-o");
    int status = cli_args_check(argc, argv, used);
    free(used);
    if (status != CLI_EXIT_OK)
        return status;
    struct err e;
    err_init(&e);
    if (radius && (parse_double(slice_cstr(radius), &p.radius_km, &e) != ERR_OK ||
                   !(p.radius_km > 0 && p.radius_km <= 1000)))
        return cli_usage("%s: --radius-km: expected a number between 0 and 1000", argv[0]);
    if (threshold &&
        (parse_double(slice_cstr(threshold), &p.collection_threshold_t, &e) != ERR_OK ||
         !(p.collection_threshold_t > 0)))
        return cli_usage("%s: --threshold: expected a positive number of t/yr", argv[0]);
    bool is_json = format && strcmp(format, "json") == 0;
    if (format && !is_json && strcmp(format, "csv") != 0)
        return cli_usage("%s: --format: expected csv or json", argv[0]);

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
