/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sirene.c - libFuzzer target for the SIRENE establishments import:
 * the input is the whole file, read through the streaming window, parsed
 * row by row, projected and written into an in-memory database inside a
 * transaction that is rolled back after each input. Reference data, the
 * database and the PROJ transformation are made once.
 */
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ref *r;
    static struct store *s;
    static struct store_sirene_import *imp;
    struct err e;
    err_init(&e);
    if (!r && (ref_load(&r, NULL, &e) != ERR_OK ||
               store_open(&s, ":memory:", STORE_OPEN_CREATE, &e) != ERR_OK ||
               store_sirene_import_new(&imp, r, &e) != ERR_OK))
        return 0;
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    static const char *const deps[] = {"44", "85"};
    struct store_sirene_opts o = {.deps = deps, .n_deps = (size & 1) ? 2 : 0};
    struct store_sirene_stats st;
    struct err_list errs;
    err_list_init(&errs, 20);
    if (store_tx_begin(s, &e) == ERR_OK) {
        store_sirene_import_run(imp, s, f, "fuzz.csv", &o, &st, &errs, &e);
        store_tx_rollback(s);
    }
    err_list_release(&errs);
    fclose(f);
    return 0;
}
