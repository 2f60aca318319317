/* SPDX-License-Identifier: MIT */
/*
 * main.c - the `symbiose` program: reads the global options, then
 * dispatches to the command's function in src/cli. Nothing else.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    struct cli_ctx ctx = {0};
    const char *lvl = getenv("SYMBIOSE_LOG");
    if (lvl && strcmp(lvl, "debug") == 0)
        log_threshold = LOG_DEBUG;
    else if (lvl && strcmp(lvl, "info") == 0)
        log_threshold = LOG_INFO;

    /* --db may appear anywhere; strip it so commands never see it */
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc)
                return cli_usage("--db attend un nom de fichier");
            ctx.db_path = argv[++i];
            continue;
        }
        argv[++n] = argv[i];
    }
    argc = n + 1;
    if (!ctx.db_path)
        ctx.db_path = getenv("SYMBIOSE_DB");
    if (!ctx.db_path || !ctx.db_path[0])
        ctx.db_path = "symbiose.db";
    ctx.data_dir = getenv("SYMBIOSE_DATA");

    if (argc < 2) {
        cli_help_all();
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        if (argc > 3)
            return cli_usage("help : une seule commande à la fois (voir « symbiose help »)");
        if (argc == 3)
            return cli_help(argv[2]);
        cli_help_all();
        return CLI_EXIT_OK;
    }
    const struct cli_command *c = cli_command_find(argv[1]);
    if (!c)
        return cli_usage("commande inconnue « %s » (voir « symbiose help »)", argv[1]);
    if (cli_wants_help(argc - 1, argv + 1))
        return cli_help(c->name);
    return c->fn(&ctx, argc - 1, argv + 1);
}
