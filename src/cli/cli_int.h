/* SPDX-License-Identifier: MIT */
/*
 * cli_int.h - helpers shared by several command files of the cli module
 * (not for other modules).
 */
#ifndef SYMBIOSE_CLI_INT_H
#define SYMBIOSE_CLI_INT_H

#include "cli.h"
#include "engine/engine.h"
#include "store/store.h"

/* --- store helper: list filters (cmd_export, cmd_organisations, cmd_flows) */

/*
 * Reads --territory ID, --code PREFIX, --direction offer|need and
 * --family F from argv into f (initialised here), marking them used.
 * Returns CLI_EXIT_OK or prints a usage error and returns its status.
 */
int cli_filter_parse(int argc, char **argv, bool *used, struct store_filter *f);

/* For `X list [filters]`: parses the filters of argv[2..] and rejects
 * any other argument. Returns CLI_EXIT_OK or a usage status. */
int cli_list_args(int argc, char **argv, struct store_filter *f);

/* Appends the availability of fl as the import format writes it
 * ("continuous", "one_off", "seasonal:1,2,12"). */
void cli_add_availability(struct sb *b, const struct store_flow *fl);

/* --- match helper: the database as the engine's arrays (cmd_match, cmd_pools) */

/*
 * cli_rules_load - the valorisation routes of the reference data
 * (ctx->data_dir, with its local_rules.csv if that folder has one) plus
 * the local routes file local_file (NULL: none). Errors name the file
 * and line. Free *out with ref_rules_free.
 */
int cli_rules_load(const struct cli_ctx *ctx, const struct ref *r, const char *local_file,
                   struct ref_rules **out, struct err *e);

#endif /* SYMBIOSE_CLI_INT_H */
