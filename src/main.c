/* SPDX-License-Identifier: MIT */
/*
 * main.c - the `symbiose` program: reads the global options, then
 * dispatches to the command's function in src/cli. Nothing else.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void main_help(void)
{
    puts("usage: symbiose [--db FICHIER] COMMANDE [ARGS]\n\ncommandes :");
    for (size_t i = 0; i < cli_n_commands; i++)
        printf("  %-14s %s\n", cli_commands[i].name, cli_commands[i].summary);
}

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
                return cli_usage("--db needs a file name");
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

    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0) {
        main_help();
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    for (size_t i = 0; i < cli_n_commands; i++) {
        if (strcmp(argv[1], cli_commands[i].name) == 0)
            return cli_commands[i].fn(&ctx, argc - 1, argv + 1);
    }
    return cli_usage("unknown command '%s' (see 'symbiose help')", argv[1]);
}
