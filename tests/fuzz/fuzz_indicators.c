/* SPDX-License-Identifier: MIT */
/*
 * fuzz_indicators.c - libFuzzer target for the evaluation framework file
 * (data/indicators.csv, which a region may replace through SYMBIOSE_DATA)
 * and for the values typed in the evaluation form: any bytes give a
 * framework or line errors (then nothing is kept), never a crash or a
 * leak; every accepted indicator is complete, and a value accepted for it
 * lies within its bounds.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct report_framework fw;
    struct err_list errs;
    struct err e;
    err_init(&e);
    err_list_init(&errs, 20);
    int rc = report_framework_parse(&fw, "fuzz.csv", (const char *)data, size, &errs, &e);
    if (rc != ERR_OK && (fw.n != 0 || err_list_count(&errs) == 0))
        abort(); /* an error keeps nothing and says why */
    for (size_t i = 0; rc == ERR_OK && i < fw.n; i++) {
        const struct report_indicator *ind = &fw.ind[i];
        if (!ind->id || !ind->label || !ind->source ||
            report_framework_find(&fw, ind->id) != (long)i)
            abort();
        if (ind->kind == REPORT_KIND_LEVEL && !ind->levels[REPORT_LEVEL_MAX])
            abort();
        /* the whole input, then each of its lines, as a typed value */
        double v = -1;
        struct err ve;
        if (report_value_parse(ind, slice_from((const char *)data, size > 64 ? 64 : size), &v,
                               &ve) == ERR_OK &&
            (v < 0 || !isfinite(v) || (ind->kind == REPORT_KIND_NUMBER && v > ind->max) ||
             (ind->kind == REPORT_KIND_LEVEL && (v > REPORT_LEVEL_MAX || v != floor(v)))))
            abort();
    }
    report_framework_release(&fw);
    err_list_release(&errs);
    return 0;
}
