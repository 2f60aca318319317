/* SPDX-License-Identifier: MIT */
/* cli_filter.c - list filters and value formats shared by export and the list commands. */
#include "cli_int.h"

#include <stdlib.h>

int cli_filter_parse(int argc, char **argv, bool *used, struct store_filter *f)
{
    store_filter_init(f);
    struct err e;
    err_init(&e);
    const char *v = cli_opt(argc, argv, used, "--territory");
    if (v) {
        int64_t id = 0;
        if (parse_int64(slice_cstr(v), &id, &e) != ERR_OK || id <= 0)
            return cli_usage("%s : --territory attend un identifiant de territoire, reçu « %s »",
                             argv[0], v);
        f->territory_id = id;
    }
    f->code_prefix = cli_opt(argc, argv, used, "--code");
    v = cli_opt(argc, argv, used, "--direction");
    if (v && store_vocab_parse(STORE_V_DIRECTION, slice_cstr(v), &f->direction, &e) != ERR_OK)
        return cli_usage("%s : --direction : %s", argv[0], e.msg);
    v = cli_opt(argc, argv, used, "--family");
    if (v && store_vocab_parse(STORE_V_FAMILY, slice_cstr(v), &f->family, &e) != ERR_OK)
        return cli_usage("%s : --family : %s", argv[0], e.msg);
    return CLI_EXIT_OK;
}

int cli_list_args(int argc, char **argv, struct store_filter *f)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    used[1] = true;
    int status = cli_filter_parse(argc, argv, used, f);
    if (status == CLI_EXIT_OK)
        status = cli_args_check(argc, argv, used);
    free(used);
    return status;
}

void cli_add_availability(struct sb *b, const struct store_flow *fl)
{
    sb_adds(b, store_vocab_name(STORE_V_AVAILABILITY, (int)fl->availability));
    if (fl->availability != STORE_AVAIL_SEASONAL)
        return;
    char sep = ':';
    for (int m = 1; m <= 12; m++) {
        if (fl->months_mask & (1u << (m - 1))) {
            sb_addf(b, "%c%d", sep, m);
            sep = ',';
        }
    }
}
