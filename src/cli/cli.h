/* SPDX-License-Identifier: MIT */
/*
 * cli.h - the public header of the command-line module: one function per
 * command (src/cli/cmd_<name>.c), all with the same signature, and the
 * helpers they share. main.c looks commands up in cli_commands[].
 */
#ifndef SYMBIOSE_CLI_H
#define SYMBIOSE_CLI_H

#include "core/core.h"

/* What every command receives besides its own arguments. */
struct cli_ctx {
    const char *db_path;  /* --db, else $SYMBIOSE_DB, else "symbiose.db" */
    const char *data_dir; /* reference data folder: $SYMBIOSE_DATA or built-in */
};

/* argv[0] is the command name; returns a process exit status. */
typedef int (*cli_fn)(struct cli_ctx *ctx, int argc, char **argv);

struct cli_command {
    const char *name;
    cli_fn fn;
    const char *summary; /* one line for `symbiose help` */
    const char *help;    /* `symbiose help NAME`: usage, options with defaults, an example */
};

extern const struct cli_command cli_commands[];
extern const size_t cli_n_commands;

/* Exit statuses, one table for the whole program. */
enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAIL = 1,  /* generic failure */
    CLI_EXIT_USAGE = 2, /* bad command line */
    CLI_EXIT_DATA = 65, /* bad input data (EX_DATAERR) */
    CLI_EXIT_NOINPUT = 66,
    CLI_EXIT_INTERNAL = 70,
    CLI_EXIT_IO = 74,
};

/* Exit statuses as the help texts and the README list them. */
#define CLI_EXIT_HELP                                                                              \
    "codes de sortie : 0 réussite, 1 échec, 2 ligne de commande incorrecte, 65 données "        \
    "incorrectes,\n  66 élément introuvable, 70 erreur interne, 74 erreur de lecture ou "        \
    "d'écriture\n"

/* The command named name, or NULL. */
const struct cli_command *cli_command_find(const char *name);
/* `symbiose help`: the usage line, every command with its summary, the
 * global options and the exit statuses, on stdout. */
void cli_help_all(void);
/* `symbiose help NAME` and `symbiose NAME --help`: the command's help
 * text, then the global options and the exit statuses, on stdout.
 * Returns CLI_EXIT_OK, or a usage error if there is no such command. */
int cli_help(const char *name);
/* True if argv[1..argc-1] asks for help (--help or -h). */
bool cli_wants_help(int argc, char **argv);

/* Maps an err_code to an exit status. */
int cli_exit_status(int err_code);
/* Prints "symbiose: <message>" on stderr and returns the exit status. */
int cli_fail(const struct err *e);
/* Prints a usage error on stderr and returns CLI_EXIT_USAGE. */
int cli_usage(const char *fmt, ...) CORE_PRINTF(1, 2);

/*
 * Option scanning shared by commands: returns the value following
 * `--name` in argv (and marks both as used in `used`), or NULL.
 * cli_opt_flag returns true if `--name` is present.
 * cli_args_check returns CLI_EXIT_OK if every argument was used, else
 * prints the first unknown one and returns CLI_EXIT_USAGE.
 */
const char *cli_opt(int argc, char **argv, bool *used, const char *name);
bool cli_opt_flag(int argc, char **argv, bool *used, const char *name);
int cli_args_check(int argc, char **argv, const bool *used);

#define CLI_COMMANDS(X)                                                                            \
    X(init, "crée ou met à jour la base de données")                                               \
    X(demo, "charge la région de démonstration")                                                   \
    X(import, "importe des organisations ou des flux (CSV, tout ou rien)")                         \
    X(export, "exporte organisations, flux ou synergies (csv, json, geojson)")                     \
    X(organisations, "liste les organisations")                                                    \
    X(flows, "liste les flux")                                                                     \
    X(match, "suggère des synergies de substitution")                                              \
    X(pools, "suggère des mutualisations")                                                         \
    X(rules, "voies de valorisation connues pour un code déchet ou une énergie")                   \
    X(allocate, "répartition optimale (flot de coût minimal)")                                     \
    X(rounds, "tournées de collecte mutualisée (CVRP)")                                            \
    X(collectors, "collecteurs de la collecte mutualisée : dépôts et véhicules")                   \
    X(user, "gère les comptes")                                                                    \
    X(events, "événements du réseau : agenda iCalendar, ajout, liste")                             \
    X(report, "rapport d'évaluation annuelle (PDF ou XLSX)")                                       \
    X(sirene, "importe le répertoire SIRENE des établissements comme prospects")                   \
    X(serve, "lance le serveur web et l'API")

/*
 * A new command is one line here plus its file src/cli/cmd_NAME.c, which
 * defines cmd_NAME() and its help text `const char cmd_NAME_help[]`
 * (first line "usage : symbiose NAME ...", then the options with their
 * defaults, then "exemple :"); a command without help does not link, and
 * tests/integration/cli_help.sh checks every command's text.
 */
#define CLI_DECLARE_(name, summary)                                                                \
    int cmd_##name(struct cli_ctx *ctx, int argc, char **argv);                                    \
    extern const char cmd_##name##_help[];
CLI_COMMANDS(CLI_DECLARE_)
#undef CLI_DECLARE_

#endif /* SYMBIOSE_CLI_H */
