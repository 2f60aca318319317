/* SPDX-License-Identifier: MIT */
/*
 * cmd_demo.c - `symbiose demo`: loads the demo region (idempotent, one
 * transaction) and prints what the database then holds, with the demo
 * accounts and their passwords.
 */
#include "cli.h"
#include "network/network.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>

const char cmd_demo_help[] =
    "usage : symbiose demo\n"
    "\n"
    "Charge la région de démonstration (territoires, organisations, flux,\n"
    "comptes) dans la base, qu'elle crée si besoin. Relancée, elle ne crée\n"
    "aucun doublon.\n"
    "\n"
    "options : aucune\n"
    "\n"
    "exemple :\n"
    "  symbiose --db demo.db demo\n";

static int demo_summary(struct store *s, const struct network_demo_result *res, struct err *e)
{
    struct store_territory *ts = NULL;
    size_t n_ts = 0, n = 0;
    int rc = store_territory_list(s, &ts, &n_ts, e);
    if (rc)
        return rc;
    printf("Territoires (%zu) :\n", n_ts);
    for (size_t i = 0; i < n_ts; i++) {
        const char *stage = store_vocab_name(STORE_V_STAGE, (int)ts[i].stage);
        const char *label = network_stage_label(network_stage_index(stage));
        printf("  %2lld  %-55s %3zu communes  %3zu organisations  étape « %s »\n",
               (long long)ts[i].id, ts[i].name, ts[i].n_communes, ts[i].n_organisations,
               label ? label : stage);
    }
    store_territories_free(ts, n_ts);
    struct store_filter f;
    store_filter_init(&f);
    rc = store_org_count(s, &f, &n, e);
    if (rc)
        return rc;
    printf("Organisations : %zu\n", n);
    rc = store_flow_count(s, &f, &n, e);
    if (rc)
        return rc;
    printf("Flux : %zu\n", n);
    for (int d = 0; d < store_vocab_count(STORE_V_DIRECTION); d++) {
        f.direction = d;
        f.family = -1;
        rc = store_flow_count(s, &f, &n, e);
        if (rc)
            return rc;
        printf("  %-6s %5zu :", d == STORE_DIR_OFFER ? "offres" : "besoins", n);
        for (int fam = 0; fam < store_vocab_count(STORE_V_FAMILY); fam++) {
            f.family = fam;
            rc = store_flow_count(s, &f, &n, e);
            if (rc)
                return rc;
            printf(" %s %zu", store_vocab_name(STORE_V_FAMILY, fam), n);
        }
        putchar('\n');
    }
    printf("Ajouts de ce lancement : %zu territoires, %zu organisations, %zu flux, %zu comptes, "
           "%zu synergies, %zu collectes mutualisées\n",
           res->n_territories_added, res->n_orgs_added, res->n_flows_added, res->n_accounts_added,
           res->n_synergies_added, res->n_collections_added);
    printf("Comptes de démonstration (%zu) :\n", res->n_accounts);
    for (size_t i = 0; i < res->n_accounts; i++) {
        const struct network_demo_account *a = &res->accounts[i];
        printf("  %-32s mot de passe %-20s %-15s %s\n", a->email, a->password, a->role, a->scope);
    }
    return ERR_OK;
}

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    int status = cli_args_check(argc, argv, used);
    free(used);
    if (status != CLI_EXIT_OK)
        return status;
    struct err e;
    err_init(&e);
    struct ref *r = NULL;
    struct store *s = NULL;
    struct network_demo_result res = {0};
    int rc = ref_load(&r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = store_open(&s, ctx->db_path, STORE_OPEN_CREATE, &e);
    if (rc == ERR_OK)
        rc = store_tx_begin(s, &e);
    if (rc == ERR_OK)
        rc = network_demo_load(s, r, &res, &e);
    if (rc == ERR_OK && res.n_orgs_added + res.n_accounts_added + res.n_territories_added)
        rc = store_audit_add(s, 0, "demo", "region", 0, "", "", &e);
    if (rc == ERR_OK)
        rc = store_tx_commit(s, &e);
    if (rc == ERR_OK)
        rc = demo_summary(s, &res, &e);
    store_tx_rollback(s);
    store_close(s);
    ref_free(r);
    network_demo_result_release(&res);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}
