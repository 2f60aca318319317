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

/* Organisations and flows of the database as engine arrays; the engine
 * structs borrow strings from the store rows kept here. */
struct cli_engine_data {
    struct store_org *store_orgs;
    size_t n_orgs;
    struct store_flow *store_flows;
    size_t n_store_flows;
    struct engine_org *orgs;   /* same order as store_orgs (by id) */
    int64_t *org_ids;          /* store id of each organisation, ascending */
    struct engine_flow *flows; /* flows with a quantity; id = store flow id */
    size_t n_flows;
};

int cli_engine_load(struct store *st, struct cli_engine_data *d, struct err *e);
void cli_engine_data_release(struct cli_engine_data *d);

#endif /* SYMBIOSE_CLI_INT_H */
