/* SPDX-License-Identifier: MIT */
/*
 * fuzz_csv.c - libFuzzer target for the core CSV reader: any bytes must
 * give records or errors, never a crash, a leak or an endless loop, and
 * every field must lie inside the reader's buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_reader r;
    csv_reader_init(&r, (const char *)data, size);
    r.max_field = 1024;
    r.max_fields = 64;
    size_t guard = 0;
    for (;;) {
        bool has = false;
        struct err e;
        err_init(&e);
        size_t before = r.pos;
        int rc = csv_next(&r, &has, &e);
        if (rc == ERR_OK && !has)
            break;
        if (rc != ERR_OK && r.pos == before)
            break; /* unterminated quote at the end: nothing left to read */
        if (rc == ERR_OK) {
            for (size_t i = 0; i < r.n_fields; i++) {
                if (r.fields[i].len > r.max_field)
                    abort();
                struct sb b;
                sb_init(&b, 0);
                text_fold(&b, r.fields[i].p, r.fields[i].len);
                (void)utf8_valid(r.fields[i].p, r.fields[i].len);
                sb_release(&b);
            }
        }
        if (++guard > size + 2)
            abort(); /* every call must consume input */
    }
    csv_reader_release(&r);
    return 0;
}
