/* SPDX-License-Identifier: MIT */
/* cmd_flows.c - `symbiose flows`. */
#include "cli.h"

int cmd_flows(struct cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    struct err e;
    err_set(&e, ERR_INTERNAL, "%s: not built yet", argv[0]);
    return cli_fail(&e);
}
