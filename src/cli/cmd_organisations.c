/* SPDX-License-Identifier: MIT */
/* cmd_organisations.c - `symbiose organisations list [--territory ID] [--code NAF-PREFIX]`. */
#include "cli_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_organisations_help[] =
    "usage : symbiose organisations list [filtres]\n"
    "\n"
    "Liste les organisations de la base, une par ligne.\n"
    "\n"
    "options :\n"
    "  --territory ID      un seul territoire (défaut : tous)\n"
    "  --code PREFIXE      activité (NAF) commençant par PREFIXE\n"
    "  --direction D       offer ou need : organisations ayant un tel flux\n"
    "  --family F          organisations ayant un flux de cette famille\n"
    "\n"
    "exemple :\n"
    "  symbiose organisations list --territory 1\n";

int cmd_organisations(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "list") != 0)
        return cli_usage(
            "organisations : sous-commande list attendue (voir « symbiose help organisations »)");
    struct store_filter f;
    int status = cli_list_args(argc, argv, &f);
    if (status != CLI_EXIT_OK)
        return status;
    struct err e;
    err_init(&e);
    struct store *s = NULL;
    struct store_org *os = NULL;
    size_t n = 0;
    int rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = store_org_list(s, &f, &os, &n, &e);
    if (rc == ERR_OK) {
        printf("%-6s %-14s %-7s %-5s %-24s %s\n", "id", "siret", "naf", "insee", "territoire",
               "nom");
        for (size_t i = 0; i < n; i++)
            printf("%-6lld %-14s %-7s %-5s %-24.24s %s\n", (long long)os[i].id, os[i].siret,
                   os[i].naf, os[i].commune_insee, os[i].territory_name, os[i].name);
        printf("%zu organisation(s)\n", n);
    }
    store_orgs_free(os, n);
    store_close(s);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}
