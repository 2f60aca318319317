/* SPDX-License-Identifier: MIT */
/*
 * fuzz_http_addr.c - libFuzzer target for the client address behind a
 * trusted proxy: the input is an X-Forwarded-For value given to
 * http_client_addr from the proxy and from another peer, and to
 * http_addr_canonical. Checks that the answer is the peer or a canonical
 * address, and that another peer's header is never believed.
 */
#include "http/http_int.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *xff = malloc(size + 1);
    if (!xff)
        return 0;
    memcpy(xff, data, size);
    xff[size] = '\0';
    char out[HTTP_ADDR_MAX], again[HTTP_ADDR_MAX];
    http_client_addr("10.0.0.2", xff, "10.0.0.2", out, sizeof(out));
    if (strcmp(out, "10.0.0.2") != 0) {
        http_addr_canonical(out, strlen(out), again, sizeof(again));
        if (strcmp(out, again) != 0)
            abort(); /* not a canonical address */
    }
    http_client_addr("10.0.0.3", xff, "10.0.0.2", out, sizeof(out));
    if (strcmp(out, "10.0.0.3") != 0)
        abort(); /* believed a peer that is not the proxy */
    http_addr_canonical((const char *)data, size, out, sizeof(out));
    char small[8];
    http_client_addr("10.0.0.2", xff, "10.0.0.2", small, sizeof(small));
    if (strlen(small) >= sizeof(small))
        abort();
    free(xff);
    return 0;
}
