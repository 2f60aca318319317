/* SPDX-License-Identifier: MIT */
/*
 * fuzz_http_body.c - libFuzzer target for the request-body parser of the
 * web module: http_body_parse against the real body schemas of the API
 * (the first byte picks one), then the accessors on what it accepted.
 */
#include "http/http_int.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || http_n_bodies == 0)
        return 0;
    const struct http_body_schema *s = &http_bodies[data[0] % http_n_bodies];
    struct http_resp resp;
    http_resp_init(&resp);
    json_t *out = NULL;
    struct err e;
    int rc =
        http_body_parse((const char *)data + 1, size - 1, s->fields, s->n_fields, &resp, &out, &e);
    if (rc == ERR_OK) {
        for (size_t i = 0; i < s->n_fields; i++) {
            (void)http_json_str(out, s->fields[i].name, "");
            (void)http_json_num(out, s->fields[i].name, 0);
            (void)http_json_int(out, s->fields[i].name, 0);
            (void)http_json_bool(out, s->fields[i].name, false);
        }
    }
    json_decref(out);
    http_resp_release(&resp);
    return 0;
}
