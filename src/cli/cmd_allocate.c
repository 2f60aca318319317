/* SPDX-License-Identifier: MIT */
/*
 * cmd_allocate.c - `symbiose allocate --dimacs FILE.min`: solves a
 * min-cost flow problem in DIMACS "min" format and prints the DIMACS
 * solution on stdout: "s COST", then "f TAIL HEAD FLOW" for every arc
 * with nonzero flow, in the order of the arcs in the file.
 * Malformed files fail with "FILE:LINE: field: reason", infeasible and
 * unbounded problems with their own messages; all exit with status 65.
 */
#include "cli.h"
#include "engine/engine.h"

#include <stdio.h>
#include <stdlib.h>

/* Largest DIMACS file read: 16 GiB (a 10^6-arc file is about 25 MB). */
#define ALLOCATE_MAX_FILE ((size_t)1 << 34)

static int allocate_dimacs(const char *path)
{
    struct err e;
    struct mcf_problem p = {0};
    struct mcf_solution s = {0};
    struct sb out;
    char *buf = NULL;
    size_t len = 0;
    int rc;

    err_init(&e);
    sb_init(&out, 0);
    rc = file_read_all(path, ALLOCATE_MAX_FILE, &buf, &len, &e);
    if (rc)
        goto out;
    rc = mcf_dimacs_parse(buf, len, path, MCF_MAX_NODES, &p, &e);
    free(buf);
    buf = NULL;
    if (rc)
        goto out;
    rc = mcf_solve(&p, &s, &e);
    if (rc) {
        err_prefix(&e, "%s", path);
        goto out;
    }
    mcf_dimacs_write(&out, &p, &s);
    rc = sb_finish(&out, &e);
    if (rc)
        goto out;
    if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0)
        rc = err_set(&e, ERR_IO, "stdout: write error");
out:
    free(buf);
    sb_release(&out);
    mcf_solution_release(&s);
    mcf_problem_release(&p);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

int cmd_allocate(struct cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    bool *used = xcalloc(argc > 0 ? (size_t)argc : 1, sizeof(bool));
    const char *dimacs = cli_opt(argc, argv, used, "--dimacs");
    int rc = cli_args_check(argc, argv, used);
    free(used);
    if (rc)
        return rc;
    if (dimacs)
        return allocate_dimacs(dimacs);
    /* TODO: build the problem from the store's suggestions once the store
     * module exists (see mcf_allocate in engine.h). */
    return cli_usage("%s: usage : symbiose allocate --dimacs FICHIER.min "
                     "(l'allocation sur la base n'est pas encore disponible)",
                     argv[0]);
}
