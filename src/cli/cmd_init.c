/* SPDX-License-Identifier: MIT */
/* cmd_init.c - `symbiose init`: creates the database or migrates it to the latest schema. */
#include "cli.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>

const char cmd_init_help[] =
    "usage : symbiose init\n"
    "\n"
    "Crée la base de données SQLite, ou la met à jour vers le dernier schéma\n"
    "(migrations). Sans effet sur une base déjà à jour.\n"
    "\n"
    "options : aucune (la base se choisit avec --db)\n"
    "\n"
    "exemple :\n"
    "  symbiose --db region.db init\n";

int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    int status = cli_args_check(argc, argv, used);
    free(used);
    if (status != CLI_EXIT_OK)
        return status;
    struct err e;
    err_init(&e);
    struct store *s = NULL;
    int version = 0;
    int rc = store_open(&s, ctx->db_path, STORE_OPEN_CREATE, &e);
    if (rc == ERR_OK)
        rc = store_schema_version(s, &version, &e);
    store_close(s);
    if (rc)
        return cli_fail(&e);
    printf("base %s prête (schéma version %d)\n", ctx->db_path, version);
    return CLI_EXIT_OK;
}
