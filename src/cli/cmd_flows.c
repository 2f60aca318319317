/* SPDX-License-Identifier: MIT */
/*
 * cmd_flows.c - `symbiose flows list [--territory ID] [--code PREFIX]
 * [--direction offer|need] [--family F]`.
 */
#include "cli_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_flows_help[] =
    "usage : symbiose flows list [filtres]\n"
    "\n"
    "Liste les flux (offres et besoins) de la base, un par ligne.\n"
    "\n"
    "options :\n"
    "  --territory ID      un seul territoire (défaut : tous)\n"
    "  --code PREFIXE      code (déchet, catégorie) commençant par PREFIXE\n"
    "  --direction D       offer ou need\n"
    "  --family F          famille de flux (material, heat, water, ...)\n"
    "\n"
    "exemple :\n"
    "  symbiose flows list --direction offer --code 15\n";

int cmd_flows(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "list") != 0)
        return cli_usage("flows : sous-commande list attendue (voir « symbiose help flows »)");
    struct store_filter f;
    int status = cli_list_args(argc, argv, &f);
    if (status != CLI_EXIT_OK)
        return status;
    struct err e;
    err_init(&e);
    struct store *s = NULL;
    struct store_flow *fs = NULL;
    size_t n = 0;
    int rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = store_flow_list(s, &f, &fs, &n, &e);
    if (rc == ERR_OK) {
        printf("%-7s %-14s %-5s %-9s %-15s %14s %-6s %s\n", "id", "siret", "sens", "famille",
               "code", "quantité/an", "unité", "description");
        for (size_t i = 0; i < n; i++) {
            const struct store_flow *fl = &fs[i];
            printf("%-7lld %-14s %-5s %-9s %-15s %14.3f %-6s %s\n", (long long)fl->id, fl->siret,
                   store_vocab_name(STORE_V_DIRECTION, (int)fl->direction),
                   store_vocab_name(STORE_V_FAMILY, (int)fl->family), fl->code, fl->qty_per_yr,
                   fl->base_unit, fl->description);
        }
        printf("%zu flux\n", n);
    }
    store_flows_free(fs, n);
    store_close(s);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}
