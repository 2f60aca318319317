/* SPDX-License-Identifier: MIT */
/* cli.c - the command table, exit statuses and option scanning. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

const struct cli_command cli_commands[] = {
#define CLI_ENTRY_(name, summary) {#name, cmd_##name, summary},
    CLI_COMMANDS(CLI_ENTRY_)
#undef CLI_ENTRY_
};
const size_t cli_n_commands = sizeof(cli_commands) / sizeof(cli_commands[0]);

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
            return cli_usage("%s: unexpected argument '%s'", argv[0], argv[i]);
    }
    return CLI_EXIT_OK;
}
