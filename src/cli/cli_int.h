/* SPDX-License-Identifier: MIT */
/*
 * cli_int.h - helpers shared by several command files of the cli module
 * (not for other modules).
 */
#ifndef SYMBIOSE_CLI_INT_H
#define SYMBIOSE_CLI_INT_H

#include "cli.h"
#include "store/store.h"

/* --- store helper: list filters (cmd_export, cmd_organisations, cmd_flows) */

/*
 * Reads --territory ID, --code PREFIX, --direction offer|need and
 * --family F from argv into f (initialised here), marking them used.
 * Returns CLI_EXIT_OK or prints a usage error and returns its status.
 */
int cli_filter_parse(int argc, char **argv, bool *used, struct store_filter *f);

/* Appends the availability of fl as the import format writes it
 * ("continuous", "one_off", "seasonal:1,2,12"). */
void cli_add_availability(struct sb *b, const struct store_flow *fl);

#endif /* SYMBIOSE_CLI_INT_H */
