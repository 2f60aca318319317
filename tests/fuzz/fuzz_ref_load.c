/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ref_load.c - libFuzzer target for the reference-file loader: the
 * input holds the six files, in load order, then the three files of the
 * valorisation knowledge (material families, routes, economic defaults),
 * separated by "%%" lines (a missing one is empty), so that small inputs
 * reach every parser. The knowledge is parsed against the shipped
 * reference data, so that code and NACE checks run on real tables. Loading must either succeed with
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
static const char *const fuzz_rule_files[] = {"low_families.csv", "valorisation_rules.csv",
                                              "match_defaults.csv"};

/* The knowledge files against the shipped reference data: a consistent
 * struct, or ERR_INPUT naming one of them. */
static void fuzz_rules(const struct ref_file_buf *buf)
{
    static struct ref *shipped;
    struct err e;
    err_init(&e);
    if (!shipped && ref_load(&shipped, NULL, &e) != ERR_OK)
        abort();
    struct ref_rules *rr = NULL;
    int rc = ref_rules_parse(&rr, shipped, buf[0].data, buf[0].len, buf[1].data, buf[1].len,
                             buf[2].data, buf[2].len, &e);
    if (rc == ERR_OK) {
        for (size_t i = 0; i < ref_rules_count(rr); i++) {
            const struct ref_rule *rule = ref_rules_at(rr, i);
            if (rule->n_outputs == 0 || !rule->source[0] || rule->freq >= REF_FREQ_COUNT)
                abort();
            (void)ref_rule_level(rr, rule, "150101");
        }
        ref_rules_free(rr);
        return;
    }
    bool is_named = false;
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(fuzz_rule_files[i]);
        is_named = is_named || (strncmp(e.msg, fuzz_rule_files[i], k) == 0 && e.msg[k] == ':');
    }
    if (rr || rc != ERR_INPUT || !is_named || !utf8_valid(e.msg, strlen(e.msg)))
        abort();
}

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
    struct ref_file_buf buf[sizeof(fuzz_files) / sizeof(fuzz_files[0]) + 3];
    const char *p = (const char *)data, *end = p + size;
    for (size_t i = 0; i < n_files + 3; i++) {
        const char *sep = find_sep(p, end);
        const char *stop = sep ? sep : end;
        const char *name = i < n_files ? fuzz_files[i] : fuzz_rule_files[i - n_files];
        buf[i] = (struct ref_file_buf){name, p, (size_t)(stop - p)};
        p = sep ? sep + 3 : end;
    }
    fuzz_rules(&buf[n_files]);
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
