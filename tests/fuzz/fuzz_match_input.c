/* SPDX-License-Identifier: MIT */
/*
 * fuzz_match_input.c - libFuzzer target for the flows file of `symbiose
 * match --input` (engine_flowset_parse), followed, when the file is
 * accepted, by a matching run so that whatever the parser lets through is
 * also safe for the engine and the explanations.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "engine/engine.h"
#include "ref/ref.h"

static int ignore_rows(void *arg, const struct engine_match *ms, size_t n, struct err *e)
{
    const struct engine_matcher *m = arg;
    char buf[512];
    (void)e;
    for (size_t i = 0; i < n; i++)
        engine_match_explain(m, &ms[i], buf, sizeof(buf));
    return ERR_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* reference data is read-only: load it once for the whole session */
    static struct ref *r;
    static struct ref_rules *rules;
    struct err e;
    err_init(&e);
    if (!r && (ref_load(&r, NULL, &e) != ERR_OK || ref_rules_load(&rules, r, NULL, &e) != ERR_OK))
        abort();
    struct engine_flowset fs;
    struct err_list errs;
    err_list_init(&errs, 5);
    if (engine_flowset_parse(&fs, r, "fuzz.csv", (const char *)data, size, &errs, &e) == ERR_OK &&
        fs.n_flows <= 500) {
        struct engine_match_params p;
        engine_match_params_init(&p);
        p.top_k = 3;
        struct engine_matcher *m = NULL;
        if (engine_matcher_new(&m, fs.flows, fs.n_flows, fs.orgs, fs.n_orgs, rules, &p, &e) ==
            ERR_OK)
            engine_matcher_run(m, ignore_rows, m, &e);
        engine_matcher_free(m);
    }
    engine_flowset_release(&fs);
    err_list_release(&errs);
    return 0;
}
