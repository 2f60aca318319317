/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ref_parse.c - libFuzzer target for the parsers of user-typed
 * reference codes: ref_low_parse, ref_naf_parse and the label searches.
 * The input is used whole as each parser's slice, and as a NUL-terminated
 * search query. Parsers must never crash, and what they accept must be a
 * canonical code that exists, and error messages valid UTF-8.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ref/ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ref *fuzz_ref; /* loaded once: the fuzzer is one process */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_ref && ref_load(&fuzz_ref, NULL, NULL))
        abort();
    struct slice s = slice_from((const char *)data, size);
    struct err e;
    err_init(&e);
    char low[7];
    if (ref_low_parse(fuzz_ref, s, low, &e) != ERR_OK && !utf8_valid(e.msg, strlen(e.msg)))
        abort();
    if (e.code == ERR_OK) {
        const struct ref_low *x = ref_low_find(fuzz_ref, low);
        if (!x || x->level != 3)
            abort();
        char buf[12];
        ref_low_format(fuzz_ref, low, buf);
        char again[7];
        if (ref_low_parse(fuzz_ref, slice_cstr(buf), again, NULL) || strcmp(again, low))
            abort();
    }
    char naf[8];
    err_init(&e);
    if (ref_naf_parse(fuzz_ref, s, naf, &e) == ERR_OK ? !ref_nace_find(fuzz_ref, naf)
                                                      : !utf8_valid(e.msg, strlen(e.msg)))
        abort();
    char *query = xmemdupz(data, size);
    struct ref_hit hits[16];
    size_t n = ref_low_search(fuzz_ref, query, hits, 16);
    n += ref_nace_search(fuzz_ref, query, hits, 16);
    const struct ref_commune *communes[16];
    n += ref_commune_search(fuzz_ref, query, communes, 16);
    (void)n;
    ref_nace_under(fuzz_ref, query, "C");
    ref_case_feeds(fuzz_ref, query, "23.51Z");
    free(query);
    return 0;
}
