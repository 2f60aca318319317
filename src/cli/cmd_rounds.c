/* SPDX-License-Identifier: MIT */
/*
 * cmd_rounds.c - `symbiose rounds --vrp FILE.vrp [--seed N]
 * [--iterations N] [--time-limit SECONDS]`: solves a CVRP read from a
 * TSPLIB file and prints the CVRPLIB solution format (customer k is node
 * k+1 of the file; the depot is implied at both ends of each route).
 */
#include "cli.h"
#include "engine/engine.h"

#include <stdio.h>
#include <stdlib.h>

/* Largest .vrp file read (the biggest instance allowed is far smaller). */
#define ROUNDS_MAX_FILE (64u << 20)

static int rounds_print(const struct cvrp_solution *sol)
{
    struct sb b;
    sb_init(&b, 0);
    for (size_t r = 0; r < sol->n_routes; r++) {
        sb_addf(&b, "Route #%zu:", r + 1);
        for (size_t k = sol->route_start[r]; k < sol->route_start[r + 1]; k++)
            sb_addf(&b, " %zu", sol->nodes[k]);
        sb_addc(&b, '\n');
    }
    sb_addf(&b, "Cost %lld\n", (long long)sol->cost);
    struct err e;
    err_init(&e);
    int rc = sb_finish(&b, &e);
    if (rc == ERR_OK && fwrite(b.buf, 1, b.len, stdout) != b.len)
        rc = err_set(&e, ERR_IO, "rounds: cannot write the solution");
    sb_release(&b);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

int cmd_rounds(struct cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    bool *used = xcalloc((size_t)argc, sizeof(bool));
    char *buf = NULL;
    struct cvrp *p = NULL;
    struct cvrp_solution sol;
    cvrp_solution_init(&sol);
    struct err e;
    err_init(&e);
    struct cvrp_options opt;
    cvrp_options_init(&opt);
    int status;
    const char *path = cli_opt(argc, argv, used, "--vrp");
    const char *seed = cli_opt(argc, argv, used, "--seed");
    const char *iters = cli_opt(argc, argv, used, "--iterations");
    const char *limit = cli_opt(argc, argv, used, "--time-limit");
    const char *vehicles = cli_opt(argc, argv, used, "--vehicles");
    status = cli_args_check(argc, argv, used);
    if (status != CLI_EXIT_OK)
        goto out;
    if (!path) {
        status = cli_usage("rounds : indiquez un fichier avec --vrp FICHIER.vrp");
        goto out;
    }
    int64_t v;
    if (seed && (parse_int64(slice_cstr(seed), &v, &e) || v < 0)) {
        status = cli_usage("rounds : --seed attend un entier positif ou nul");
        goto out;
    }
    if (seed)
        opt.seed = (uint64_t)v;
    if (iters && (parse_int64(slice_cstr(iters), &v, &e) || v < 1)) {
        status = cli_usage("rounds : --iterations attend un entier strictement positif");
        goto out;
    }
    if (iters)
        opt.iterations = (uint64_t)v;
    if (vehicles && (parse_int64(slice_cstr(vehicles), &v, &e) || v < 1 || v > CVRP_MAX_NODES)) {
        status = cli_usage("rounds : --vehicles attend un nombre de véhicules positif");
        goto out;
    }
    if (vehicles)
        opt.max_routes = (size_t)v;
    double secs;
    if (limit && (parse_double(slice_cstr(limit), &secs, &e) || secs <= 0 || secs > 1e6)) {
        status = cli_usage("rounds : --time-limit attend un nombre de secondes positif");
        goto out;
    }
    if (limit)
        opt.time_limit_s = secs;
    size_t len;
    int rc = file_read_all(path, ROUNDS_MAX_FILE, &buf, &len, &e);
    if (rc == ERR_OK)
        rc = cvrp_parse_tsplib(path, buf, len, &p, &e);
    if (rc == ERR_OK)
        rc = cvrp_solve(p, &opt, &sol, &e);
    if (rc == ERR_OK)
        rc = cvrp_check(p, &sol, NULL, &e);
    status = rc ? cli_fail(&e) : rounds_print(&sol);
out:
    cvrp_solution_release(&sol);
    cvrp_free(p);
    free(buf);
    free(used);
    return status;
}
