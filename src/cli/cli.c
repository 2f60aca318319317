/* SPDX-License-Identifier: MIT */
/* cli.c - the command table, exit statuses and option scanning. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

const struct cli_command cli_commands[] = {
#define CLI_ENTRY_(name, summary) {#name, cmd_##name, summary, cmd_##name##_help},
    CLI_COMMANDS(CLI_ENTRY_)
#undef CLI_ENTRY_
};
const size_t cli_n_commands = sizeof(cli_commands) / sizeof(cli_commands[0]);

static const char cli_global_help[] =
    "option commune à toutes les commandes :\n"
    "  --db FICHIER   base SQLite (défaut : $SYMBIOSE_DB, sinon symbiose.db dans le dossier "
    "courant)\n";

const struct cli_command *cli_command_find(const char *name)
{
    for (size_t i = 0; i < cli_n_commands; i++) {
        if (strcmp(name, cli_commands[i].name) == 0)
            return &cli_commands[i];
    }
    return NULL;
}

void cli_help_all(void)
{
    puts("usage : symbiose [--db FICHIER] COMMANDE [ARGUMENTS]\n"
         "        symbiose help COMMANDE, symbiose COMMANDE --help : aide d'une commande\n\n"
         "commandes :");
    for (size_t i = 0; i < cli_n_commands; i++)
        printf("  %-14s %s\n", cli_commands[i].name, cli_commands[i].summary);
    printf("\n%s%s", cli_global_help, CLI_EXIT_HELP);
}

int cli_help(const char *name)
{
    const struct cli_command *c = cli_command_find(name);
    if (!c)
        return cli_usage("commande inconnue « %s » (voir « symbiose help »)", name);
    printf("%s — %s\n\n%s\n%s%s", c->name, c->summary, c->help, cli_global_help, CLI_EXIT_HELP);
    return CLI_EXIT_OK;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

int cli_exit_status(int code)
{
    switch (code) {
    case ERR_OK:
        return CLI_EXIT_OK;
    case ERR_INPUT:
    case ERR_TOO_LARGE:
    case ERR_INFEASIBLE:
    case ERR_UNBOUNDED:
    case ERR_CONFLICT:
        return CLI_EXIT_DATA;
    case ERR_NOT_FOUND:
        return CLI_EXIT_NOINPUT;
    case ERR_IO:
        return CLI_EXIT_IO;
    case ERR_INTERNAL:
    case ERR_NOMEM:
        return CLI_EXIT_INTERNAL;
    default:
        return CLI_EXIT_FAIL;
    }
}

int cli_fail(const struct err *e)
{
    fprintf(stderr, "symbiose: %s\n", e->msg[0] ? e->msg : err_code_message(e->code));
    return cli_exit_status(e->code);
}

int cli_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("symbiose: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

const char *cli_opt(int argc, char **argv, bool *used, const char *name)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], name) == 0 && i + 1 < argc) {
            used[i] = used[i + 1] = true;
            return argv[i + 1];
        }
    }
    return NULL;
}

bool cli_opt_flag(int argc, char **argv, bool *used, const char *name)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            used[i] = true;
            return true;
        }
    }
    return false;
}

int cli_args_check(int argc, char **argv, const bool *used)
{
    for (int i = 1; i < argc; i++) {
        if (!used[i])
            return cli_usage("%s : argument inattendu « %s » (voir « symbiose help %s »)", argv[0],
                             argv[i], argv[0]);
    }
    return CLI_EXIT_OK;
}
