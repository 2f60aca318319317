/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sites.c - libFuzzer target for the treatment sites reader
 * (ref_sites_parse): any bytes give sites or an input error naming
 * "FILE:LINE", never a crash, a leak or undefined behaviour; every site
 * read has valid coordinates and two-digit chapters, and the nearest-site
 * lookup answers for any waste code.
 */
#include "core/core.h"
#include "ref/ref.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ref_sites s;
    struct err e;
    err_init(&e);
    int rc = ref_sites_parse("fuzz.csv", (const char *)data, size, &s, &e);
    if (rc != ERR_OK && (rc != ERR_INPUT || strncmp(e.msg, "fuzz.csv:", 9) != 0))
        abort();
    for (size_t i = 0; rc == ERR_OK && i < s.n; i++) {
        const struct ref_site *site = &s.sites[i];
        if (!geo_point_valid(site->pos) || site->n_chapters == 0 || strlen(site->chapters[0]) != 2)
            abort();
    }
    if (rc == ERR_OK && s.n > 0) {
        struct geo_point p = {47.2, -1.5};
        char code[7] = "150101"; /* the input's first bytes as a code */
        memcpy(code, data, size < 6 ? size : 6);
        if (!ref_sites_nearest(&s, p, code, NULL))
            abort();
    }
    ref_sites_release(&s);
    return 0;
}
