/* SPDX-License-Identifier: MIT */
/*
 * fuzz_qty.c - libFuzzer target for qty_normalise: the input is split at
 * its first newline into unit and period. Accepted quantities must be
 * positive and finite, of a known dimension; error messages valid UTF-8.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    const char *nl = memchr(p, '\n', size);
    size_t unit_len = nl ? (size_t)(nl - p) : size;
    struct slice unit = slice_from(p, unit_len);
    struct slice period = nl ? slice_from(nl + 1, size - unit_len - 1) : slice_from(p, 0);
    static const double values[] = {1, 0.001, 1e12, 0, -1};
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        struct qty q;
        struct err e;
        err_init(&e);
        bool is_ok = qty_normalise(&q, values[i], unit, period, &e) == ERR_OK;
        if (is_ok && (!(q.per_yr > 0) || !isfinite(q.per_yr) || (unsigned)q.dim >= QTY_DIM_COUNT))
            abort();
        if (!is_ok && !utf8_valid(e.msg, strlen(e.msg)))
            abort();
    }
    double per_yr;
    if (qty_period_parse(unit, &per_yr, NULL) == ERR_OK && !(per_yr >= 1))
        abort();
    return 0;
}
