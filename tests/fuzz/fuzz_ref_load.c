/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ref_load.c - libFuzzer target for the reference-file loader: the
 * input holds the six files, in load order, separated by "%%" lines (a
 * missing one is empty), so that small inputs reach every parser. Loading must either succeed with
 * a consistent struct or fail with ERR_INPUT and a "file:line: " message; never crash or leak.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ref/ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_files[] = {
    "low.csv",          "low_entry_types.csv",  "nace.csv",
    "communes_pdl.csv", "emission_factors.csv", "is_cases.csv",
};

/* Files are separated by this line, in the order of fuzz_files. */
#define FUZZ_SEP "%%\n"

/* The next separator line at or after p, or NULL. */
static const char *find_sep(const char *p, const char *end)
{
    for (; end - p >= 3; p++) {
        if (memcmp(p, FUZZ_SEP, 3) == 0)
            return p;
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n_files = sizeof(fuzz_files) / sizeof(fuzz_files[0]);
    struct ref_file_buf buf[sizeof(fuzz_files) / sizeof(fuzz_files[0])];
    const char *p = (const char *)data, *end = p + size;
    for (size_t i = 0; i < n_files; i++) {
        const char *sep = find_sep(p, end);
        const char *stop = sep ? sep : end;
        buf[i] = (struct ref_file_buf){fuzz_files[i], p, (size_t)(stop - p)};
        p = sep ? sep + 3 : end;
    }
    struct ref *r = NULL;
    struct err e;
    err_init(&e);
    int rc = ref_load_with(&r, NULL, buf, n_files, &e);
    if (rc == ERR_OK) {
        /* every entry is found again by its code */
        for (size_t i = 0; i < ref_low_count(r); i++) {
            if (ref_low_find(r, ref_low_at(r, i)->code) != ref_low_at(r, i))
                abort();
        }
        for (size_t i = 0; i < ref_nace_count(r); i++) {
            if (ref_nace_find(r, ref_nace_at(r, i)->code) != ref_nace_at(r, i))
                abort();
        }
        ref_free(r);
        return 0;
    }
    /* the message names a file (a changed low.csv may fail a later file) */
    bool is_named = false;
    for (size_t i = 0; i < n_files; i++) {
        size_t k = strlen(fuzz_files[i]);
        is_named = is_named || (strncmp(e.msg, fuzz_files[i], k) == 0 && e.msg[k] == ':');
    }
    if (r || (rc != ERR_INPUT && rc != ERR_TOO_LARGE) || !is_named ||
        !utf8_valid(e.msg, strlen(e.msg)))
        abort();
    return 0;
}
