/* SPDX-License-Identifier: MIT */
/* cmd_demo.c - `symbiose demo`. */
#include "cli.h"

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    struct err e;
    err_set(&e, ERR_INTERNAL, "%s: not built yet", argv[0]);
    return cli_fail(&e);
}
