/* SPDX-License-Identifier: MIT */
/*
 * fuzz_import.c - libFuzzer target for the CSV import parser: the input's
 * first byte picks organisations or flows, the rest is the file. Parsing
 * never touches a database. Reference data is loaded once.
 */
#include "store/store.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ref *r;
    if (!r) {
        struct err e;
        err_init(&e);
        if (ref_load(&r, NULL, &e) != ERR_OK)
            return 0;
    }
    if (size == 0)
        return 0;
    struct store_import imp;
    store_import_init(&imp, "fuzz.csv");
    struct err_list errs;
    err_list_init(&errs, 50);
    const char *buf = (const char *)data + 1;
    if (data[0] & 1)
        store_import_parse_flows(&imp, r, buf, size - 1, &errs);
    else
        store_import_parse_orgs(&imp, r, buf, size - 1, &errs);
    store_import_release(&imp);
    err_list_release(&errs);
    return 0;
}
