/* SPDX-License-Identifier: MIT */
/*
 * ref_test.c - unit tests of src/ref: loads the embedded reference data,
 * checks the counts stated in data/SOURCES.md, lookups, code parsing and
 * formatting, search, and the "file:line: field: reason" errors of
 * malformed copies loaded from a temporary folder. Table-driven.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "ref/ref.h"

#define N_CASES(a) (sizeof(a) / sizeof((a)[0]))

static int setup_ref(void **state)
{
    struct ref *r = NULL;
    struct err e;
    err_init(&e);
    if (ref_load(&r, NULL, &e)) {
        print_error("ref_load: %s\n", e.msg);
        return -1;
    }
    *state = r;
    return 0;
}

static int teardown_ref(void **state)
{
    ref_free(*state);
    return 0;
}

static void test_counts(void **state)
{
    const struct ref *r = *state;
    size_t n_level[4] = {0}, n_hazardous = 0, n_typed = 0;
    for (size_t i = 0; i < ref_low_count(r); i++) {
        const struct ref_low *x = ref_low_at(r, i);
        n_level[x->level]++;
        n_hazardous += x->is_hazardous;
        n_typed += x->entry_type[0] != '\0';
    }
    assert_int_equal(ref_low_count(r), 973);
    assert_int_equal(n_level[1], 20);
    assert_int_equal(n_level[2], 111);
    assert_int_equal(n_level[3], 842);
    assert_int_equal(n_hazardous, 408);
    assert_int_equal(n_typed, 842);
    assert_null(ref_low_at(r, ref_low_count(r)));

    size_t n_nace[6] = {0};
    for (size_t i = 0; i < ref_nace_count(r); i++)
        n_nace[ref_nace_at(r, i)->level]++;
    assert_int_equal(n_nace[1], 21);
    assert_int_equal(n_nace[2], 88);
    assert_int_equal(n_nace[3], 272);
    assert_int_equal(n_nace[4], 615);
    assert_int_equal(n_nace[5], 732);
    assert_int_equal(ref_commune_count(r), 1228);
    assert_int_equal(ref_factor_count(r), 165);
}

static void test_low_find(void **state)
{
    const struct ref *r = *state;
    static const struct {
        const char *code;
        int level; /* 0: not found */
        bool is_hazardous;
        const char *parent;
        const char *entry_type;
    } cases[] = {
        {"150101", 3, false, "1501", "ANH"}, {"150110", 3, true, "1501", "AH"},
        {"1501", 2, false, "15", ""},        {"15", 1, false, "", ""},
        {"010101", 3, false, "0101", "ANH"}, {"200399", 3, false, "2003", "ANH"},
        {"999999", 0, false, NULL, NULL},    {"15 01 01", 0, false, NULL, NULL},
        {"", 0, false, NULL, NULL},          {"1501011", 0, false, NULL, NULL},
        {"150101*", 0, false, NULL, NULL},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        const struct ref_low *x = ref_low_find(r, cases[i].code);
        if (!cases[i].level) {
            if (x)
                fail_msg("case '%s': found", cases[i].code);
            continue;
        }
        if (!x)
            fail_msg("case '%s': not found", cases[i].code);
        if (x->level != cases[i].level || x->is_hazardous != cases[i].is_hazardous ||
            strcmp(x->parent, cases[i].parent) || strcmp(x->entry_type, cases[i].entry_type))
            fail_msg("case '%s': level %d hazardous %d parent '%s' type '%s'", cases[i].code,
                     x->level, x->is_hazardous, x->parent, x->entry_type);
        if (!x->label_fr[0] || !x->label_en[0] || !x->fold_fr[0])
            fail_msg("case '%s': empty label", cases[i].code);
    }
    assert_null(ref_low_find(r, NULL));
    assert_string_equal(ref_low_find(r, "150101")->label_fr, "emballages en papier/carton");
}

static void test_low_parse(void **state)
{
    const struct ref *r = *state;
    static const struct {
        const char *in;
        const char *want; /* NULL: ERR_INPUT */
        const char *msg;  /* substring of the error message */
    } cases[] = {
        {"15 01 01", "150101", NULL},
        {"150101", "150101", NULL},
        {"15.01.01", "150101", NULL},
        {"15-01-01", "150101", NULL},
        {"  15 01 01\t", "150101", NULL},
        {"15 01 10*", "150110", NULL},
        {"15 01 10 *", "150110", NULL},
        {"150110", "150110", NULL},
        {"150110*", "150110", NULL},
        {"20 03 01", "200301", NULL},
        {"01 01 01", "010101", NULL},
        {"15 01 01*", NULL, "not hazardous"},
        {"150101 *", NULL, "not hazardous"},
        {"15 01 99", NULL, "not in the List of Waste"},
        {"99 99 99", NULL, "not in the List of Waste"},
        {"1501", NULL, "sub-chapter"},
        {"15", NULL, "chapter"},
        {"15 01", NULL, "expected 6 digits"},
        {"1501011", NULL, "unexpected text"},
        {"15 01 01 x", NULL, "unexpected text"},
        {"15 01 10**", NULL, "unexpected text"},
        {"15  01 01", NULL, "expected 6 digits"},
        {"15..01.01", NULL, "expected 6 digits"},
        {"150 101", NULL, "expected 6 digits"},
        {"1 50101", NULL, "expected 6 digits"},
        {"", NULL, "expected 6 digits"},
        {"   ", NULL, "expected 6 digits"},
        {"*", NULL, "expected 6 digits"},
        {"abcdef", NULL, "expected 6 digits"},
        {"15/01/01", NULL, "expected 6 digits"},
        {"١٥٠١٠١", NULL, "expected 6 digits"},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        struct err e;
        err_init(&e);
        char out[7] = "";
        int rc = ref_low_parse(r, slice_cstr(cases[i].in), out, &e);
        if (cases[i].want) {
            if (rc != ERR_OK || strcmp(out, cases[i].want) != 0)
                fail_msg("case '%s': rc %d out '%s' (%s)", cases[i].in, rc, out, e.msg);
        } else if (rc != ERR_INPUT || !strstr(e.msg, cases[i].msg)) {
            fail_msg("case '%s': rc %d msg '%s', want '%s'", cases[i].in, rc, e.msg, cases[i].msg);
        }
    }
    /* a NUL inside the slice must not be taken for the end */
    struct err e;
    err_init(&e);
    char out[7];
    assert_int_equal(ref_low_parse(r, slice_from("15 01 01\0x", 10), out, &e), ERR_INPUT);
}

static void test_low_format(void **state)
{
    const struct ref *r = *state;
    static const struct {
        const char *code;
        const char *want;
    } cases[] = {
        {"150101", "15 01 01"},
        {"150110", "15 01 10*"},
        {"1501", "15 01"},
        {"15", "15"},
        {"999999", "99 99 99"},
        {"abc", "abc"},
        {"", ""},
        {"123", "123"},
        {"123456789012345", "12345678901"},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        char buf[12];
        ref_low_format(r, cases[i].code, buf);
        if (strcmp(buf, cases[i].want) != 0)
            fail_msg("case '%s': got '%s' want '%s'", cases[i].code, buf, cases[i].want);
    }
}

static void test_naf_parse(void **state)
{
    const struct ref *r = *state;
    static const struct {
        const char *in;
        const char *want; /* NULL: ERR_INPUT */
    } cases[] = {
        {"23.51Z", "23.51Z"}, {"2351Z", "23.51Z"}, {"23.51z", "23.51Z"}, {" 23.51Z ", "23.51Z"},
        {"23.51", "23.51"},   {"2351", "23.51"},   {"01.11Z", "01.11Z"}, {"10.71C", "10.71C"},
        {"10.71c", "10.71C"}, {"23.51A", NULL}, /* class 23.51 has only Z */
        {"23.5", NULL},       {"23", NULL},        {"C", NULL},          {"99.99", NULL},
        {"23.51ZZ", NULL},    {"23.51 Z", NULL},   {"23,51Z", NULL},     {"2351é", NULL},
        {"23.5.1", NULL},     {"", NULL},          {"abcd", NULL},       {"23511", NULL},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        struct err e;
        err_init(&e);
        char out[8] = "";
        int rc = ref_naf_parse(r, slice_cstr(cases[i].in), out, &e);
        if (cases[i].want ? (rc != ERR_OK || strcmp(out, cases[i].want) != 0)
                          : (rc != ERR_INPUT || !strstr(e.msg, "NAF code")))
            fail_msg("case '%s': rc %d out '%s' (%s)", cases[i].in, rc, out, e.msg);
    }
}

static void test_nace(void **state)
{
    const struct ref *r = *state;
    static const struct {
        const char *code;
        const char *prefix;
        bool want;
    } cases[] = {
        {"23.51Z", "23.5", true}, {"23.51Z", "C", true},      {"23.51", "23", true},
        {"23.51", "23.51", true}, {"23.51", "23.51Z", false}, {"23.51Z", "D", false},
        {"23.51Z", "2", false},   {"zz", "C", false},         {"C", "C", true},
        {"23.51Z", "", false},    {"01.11Z", "A", true},      {"35.11Z", "D", true},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        if (ref_nace_under(r, cases[i].code, cases[i].prefix) != cases[i].want)
            fail_msg("case '%s' under '%s': want %d", cases[i].code, cases[i].prefix,
                     cases[i].want);
    }
    const struct ref_nace *x = ref_nace_find(r, "23.51Z");
    assert_non_null(x);
    assert_int_equal(x->level, 5);
    assert_string_equal(x->parent, "23.51");
    assert_string_equal(x->label_fr, "Fabrication de ciment");
    assert_string_equal(ref_nace_find(r, "C")->label_fr, "INDUSTRIE MANUFACTURIÈRE");
    assert_null(ref_nace_find(r, "23.51z"));
    assert_null(ref_nace_find(r, NULL));
}

static void test_children(void **state)
{
    const struct ref *r = *state;
    static const struct {
        bool is_nace;
        const char *code;
        size_t want;
        const char *first;
    } cases[] = {
        {false, NULL, 20, "01"},       {false, "", 20, "01"},      {false, "15", 2, "1501"},
        {false, "1501", 10, "150101"}, {false, "150101", 0, NULL}, {false, "99", 0, NULL},
        {true, NULL, 21, "A"},         {true, "C", 24, "10"},      {true, "23.5", 2, "23.51"},
        {true, "23.51", 1, "23.51Z"},  {true, "23.51Z", 0, NULL},  {true, "ZZ", 0, NULL},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        const struct ref_low *low[1] = {NULL};
        const struct ref_nace *nace[1] = {NULL};
        size_t n = cases[i].is_nace ? ref_nace_children(r, cases[i].code, nace, 1)
                                    : ref_low_children(r, cases[i].code, low, 1);
        const char *first =
            cases[i].is_nace ? (nace[0] ? nace[0]->code : NULL) : (low[0] ? low[0]->code : NULL);
        if (n != cases[i].want ||
            (cases[i].first ? !first || strcmp(first, cases[i].first) : first != NULL))
            fail_msg("case '%s': %zu children, first '%s'", cases[i].code ? cases[i].code : "", n,
                     first ? first : "(none)");
    }
    /* the whole tree is reachable from the roots: every entry exactly once */
    size_t n_entries = 0;
    const struct ref_low *ch[32], *sub[128];
    size_t n_ch = ref_low_children(r, NULL, ch, 32);
    for (size_t i = 0; i < n_ch; i++) {
        size_t n_sub = ref_low_children(r, ch[i]->code, sub, 128);
        assert_true(n_sub <= 128);
        for (size_t k = 0; k < n_sub; k++)
            n_entries += ref_low_children(r, sub[k]->code, NULL, 0);
    }
    assert_int_equal(n_entries, 842);
}

static void test_communes(void **state)
{
    const struct ref *r = *state;
    static const struct {
        const char *insee;  /* by INSEE code when set */
        const char *postal; /* else by postal code */
        const char *name;   /* NULL: not found */
        const char *epci_type;
    } cases[] = {
        {"44109", NULL, "Nantes", "METRO"},
        {"49007", NULL, "Angers", "CU"},
        {"85113", NULL, "L'Île-d'Yeu", ""},
        {"75056", NULL, NULL, NULL},
        {"", NULL, NULL, NULL},
        {NULL, "44000", "Nantes", "METRO"},
        {NULL, "44300", "Nantes", "METRO"},
        {NULL, "49100", "Angers", "CU"},
        {NULL, "44680", "Chaumes-en-Retz", "CA"},
        {NULL, "75001", NULL, NULL},
        {NULL, "4430", NULL, NULL},
        {NULL, "44300|", NULL, NULL},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        const struct ref_commune *c = cases[i].insee ? ref_commune_find(r, cases[i].insee)
                                                     : ref_commune_by_postal(r, cases[i].postal);
        const char *key = cases[i].insee ? cases[i].insee : cases[i].postal;
        if (!cases[i].name) {
            if (c)
                fail_msg("case '%s': found %s", key, c->name);
            continue;
        }
        if (!c || strcmp(c->name, cases[i].name) || strcmp(c->epci_type, cases[i].epci_type))
            fail_msg("case '%s': got %s", key, c ? c->name : "(none)");
    }
    const struct ref_commune *nantes = ref_commune_find(r, "44109");
    assert_string_equal(nantes->dep, "44");
    assert_string_equal(nantes->postal_code, "44000");
    assert_string_equal(nantes->postal_codes, "44000|44100|44200|44300");
    assert_string_equal(nantes->epci_siren, "244400404");
    assert_string_equal(nantes->epci_name, "Nantes Métropole");
    assert_int_equal(nantes->population, 327734);
    assert_true(fabs(nantes->pos.lat - 47.232046) < 1e-9);
}

static void test_region(void **state)
{
    const struct ref *r = *state;
    static const struct {
        const char *name;
        double lat, lon;
        bool want;
    } cases[] = {
        {"Nantes", 47.2320, -1.5482, true},
        {"Le Mans", 48.0, 0.2, true},
        {"Ile d'Yeu", 46.709641, -2.346930, true},
        {"5 km west of the westmost commune", 47.0, -2.58, true},
        {"Paris", 48.8566, 2.3522, false},
        {"Brest", 48.39, -4.49, false},
        {"Limoges", 45.83, 1.26, false},
        {"Bordeaux", 44.84, -0.58, false},
        {"null island", 0, 0, false},
        {"out of range", 147.0, -1.5, false},
        {"nan", NAN, -1.5, false},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        struct geo_point p = {cases[i].lat, cases[i].lon};
        if (ref_in_region(r, p) != cases[i].want)
            fail_msg("case %s: want %d", cases[i].name, cases[i].want);
    }
}

static void test_factors(void **state)
{
    const struct ref *r = *state;
    const struct ref_factor *f = ref_factor_find(r, "freight_road_articulated_34_40t_diesel");
    assert_non_null(f);
    assert_true(f->value == 0.0875);
    assert_string_equal(f->unit, "kgCO2e/t.km");
    assert_non_null(strstr(f->source, "43643"));
    assert_null(ref_factor_find(r, "no_such_factor"));
    assert_null(ref_factor_find(r, ""));
    assert_ptr_equal(ref_factor_at(r, 0), ref_factor_find(r, ref_factor_at(r, 0)->key));
}

static void test_commune_search(void **state)
{
    const struct ref *r = *state;
    static const struct {
        const char *query;
        size_t min_hits, max_hits;
        const char *first; /* INSEE code of the first hit, or NULL */
        const char *has;   /* INSEE code among the hits, or NULL */
    } cases[] = {
        {"nantes", 1, 1, "44109", NULL}, /* not Vernantes: word prefix */
        {"NANTES", 1, 1, "44109", NULL},
        {"st nazaire", 1, 1, "44184", NULL},
        {"Saint-Nazaire", 1, 1, "44184", NULL},
        {"saint naz", 1, 1, "44184", NULL},
        {"angers", 1, 3, "49007", NULL},
        {"sur yon", 2, 5, NULL, "85191"},
        {"la roche", 3, 20, NULL, "85191"},
        {"l ile d yeu", 1, 1, "85113", NULL},
        {"L'Île-d'Yeu", 1, 1, "85113", NULL},
        {"44000", 1, 1, "44109", NULL},
        {"44300", 1, 1, "44109", NULL},
        {"49007", 1, 1, "49007", NULL},
        {"85", 200, 200, NULL, "85191"},
        {"44 1", 100, 200, NULL, "44109"},
        {"zzzz", 0, 0, NULL, NULL},
        {"", 0, 0, NULL, NULL},
        {"75001", 0, 0, NULL, NULL},
        {"ste", 5, 200, NULL, NULL},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        const struct ref_commune *out[200];
        size_t n = ref_commune_search(r, cases[i].query, out, 200);
        bool has = cases[i].has == NULL;
        for (size_t k = 0; k < n; k++)
            has = has || strcmp(out[k]->insee, cases[i].has) == 0;
        if (n < cases[i].min_hits || n > cases[i].max_hits || !has ||
            (cases[i].first && strcmp(out[0]->insee, cases[i].first)))
            fail_msg("case '%s': %zu hits, first %s", cases[i].query, n, n ? out[0]->name : "-");
    }
    /* names that start with the query come first */
    const struct ref_commune *out[40];
    size_t n = ref_commune_search(r, "ste", out, 40);
    assert_true(n > 0);
    assert_non_null(strstr(out[0]->fold_name, "sainte"));
    assert_int_equal(strncmp(out[0]->fold_name, "sainte", 6), 0);
    n = ref_commune_search(r, "la roche", out, 40);
    for (size_t k = 0; k < n; k++) {
        bool is_start = strncmp(out[k]->fold_name, "la", 2) == 0;
        if (k > 0 && is_start && strncmp(out[k - 1]->fold_name, "la", 2) != 0)
            fail_msg("'la roche': %s after a non-start hit", out[k]->name);
    }
}

static void test_cases(void **state)
{
    const struct ref *r = *state;
    assert_int_equal(ref_case_count(r), 81);
    const struct ref_case *k1 = ref_case_at(r, 0);
    assert_string_equal(k1->id, "KAL-01");
    assert_int_equal(k1->n_low, 1);
    assert_string_equal(k1->low[0], "100105");
    assert_string_equal(k1->from_nace[0], "35.11");
    assert_string_equal(k1->to_nace[0], "23.62");
    assert_true(k1->quantity == 200000);
    assert_string_equal(k1->unit, "t/yr");
    assert_null(ref_case_at(r, 81));
    static const struct {
        const char *low;
        size_t want;
        const char *first_id;
    } cases[] = {
        {"100105", 1, "KAL-01"},
        {"100102", 3, "KAL-02"},
        {"100302", 1, "ISD-1001.1"},
        {"1003", 1, "ISD-1001.1"},
        {"020102", 5, "KAL-20"},
        {"0201", 2, "ISD-1006.1"},
        {"170101", 1, "ISD-1012.1"},
        {"160801", 2, "ISD-1041.1"},
        {"999999", 0, NULL},
        {"15 01 01", 0, NULL},
        {"", 0, NULL},
        {NULL, 0, NULL},
        {"10010", 0, NULL},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        const struct ref_case *out[2] = {NULL, NULL};
        size_t n = ref_cases_for_low(r, cases[i].low, out, 1);
        if (n != cases[i].want || (cases[i].first_id && strcmp(out[0]->id, cases[i].first_id)) ||
            out[1] != NULL)
            fail_msg("case '%s': %zu cases, first %s", cases[i].low ? cases[i].low : "(null)", n,
                     out[0] ? out[0]->id : "(none)");
    }
    /* the merge keeps file order and drops repeats */
    const struct ref_case *all[8];
    size_t n = ref_cases_for_low(r, "020102", all, 8);
    for (size_t i = 1; i < n; i++)
        assert_true(all[i - 1] < all[i]);
    static const struct {
        const char *low;
        const char *nace;
        bool want;
    } feeds[] = {
        {"100105", "23.62Z", true},  {"100105", "23.62", true},   {"100105", "23.6", false},
        {"100105", "C", false},      {"100102", "23.51Z", true},  {"100102", "42.11Z", true},
        {"100105", "01.11Z", false}, {"999999", "23.62Z", false}, {"100302", "", false},
    };
    for (size_t i = 0; i < N_CASES(feeds); i++) {
        if (ref_case_feeds(r, feeds[i].low, feeds[i].nace) != feeds[i].want)
            fail_msg("case %s feeds %s: want %d", feeds[i].low, feeds[i].nace, feeds[i].want);
    }
}

/* true if a hit list holds code */
static bool hits_have(const struct ref_hit *hits, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(hits[i].code, code) == 0)
            return true;
    }
    return false;
}

static void test_search(void **state)
{
    const struct ref *r = *state;
    static const struct {
        bool is_nace;
        const char *query;
        size_t min_hits, max_hits;
        const char *has;     /* a code among the hits, or NULL */
        const char *has_not; /* a code not among them, or NULL */
    } cases[] = {
        {false, "dechets de bois", 1, 200, "0301", "150101"},
        {false, "DÉCHETS de BOIS", 1, 200, "0301", NULL},
        {false, "déchets  de   bois", 1, 200, "0301", NULL},
        {false, "carton", 3, 200, "150101", NULL},
        {false, "carton", 3, 200, "200101", NULL},
        {false, "emballages carton", 1, 5, "150101", "200101"},
        {false, "EMBALLAGES en papier/carton", 1, 5, "150101", NULL},
        {false, "arton", 0, 0, NULL, "150101"}, /* word prefix, not substring */
        {false, "sciure", 2, 10, "030105", NULL},
        {false, "15 01", 11, 11, "150110", "1502"},
        {false, "1501", 11, 11, "1501", "0301"},
        {false, "15.01.0", 8, 8, "150109", "150110"},
        {false, "03 01", 5, 5, "030105", "030307"}, /* code only, not "rubrique 03 01 04" */
        {false, "zzzzz", 0, 0, NULL, NULL},
        {false, "", 0, 0, NULL, NULL},
        {false, "  ,;  ", 0, 0, NULL, NULL},
        {true, "ciment", 4, 10, "23.51Z", "23.52"},
        {true, "fabrication de ciment", 3, 3, "23.51", "23.6"},
        {true, "23.5", 5, 5, "23.52Z", "23.6"},
        {true, "2351", 2, 2, "23.51Z", NULL},
        {true, "23.51z", 1, 1, "23.51Z", NULL},
        {true, "industrie manufacturiere", 1, 3, "C", NULL},
        {true, "PLÂTRE", 3, 20, "23.52", NULL},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        struct ref_hit hits[200];
        size_t n = cases[i].is_nace ? ref_nace_search(r, cases[i].query, hits, 200)
                                    : ref_low_search(r, cases[i].query, hits, 200);
        if (n < cases[i].min_hits || n > cases[i].max_hits)
            fail_msg("case '%s': %zu hits", cases[i].query, n);
        if (cases[i].has && !hits_have(hits, n, cases[i].has))
            fail_msg("case '%s': %s missing", cases[i].query, cases[i].has);
        if (cases[i].has_not && hits_have(hits, n, cases[i].has_not))
            fail_msg("case '%s': %s found", cases[i].query, cases[i].has_not);
        for (size_t k = 1; k < n; k++) {
            if (hits[k].label_fr == NULL || hits[k].level < 1)
                fail_msg("case '%s': bad hit %zu", cases[i].query, k);
        }
    }
    /* max bounds the hits; order is the legal order */
    struct ref_hit one[1];
    assert_int_equal(ref_low_search(r, "carton", one, 1), 1);
    assert_string_equal(one[0].code, "03");
    assert_int_equal(ref_low_search(r, "carton", one, 0), 0);
    assert_int_equal(ref_low_search(r, NULL, one, 1), 0);
}

/* --- malformed copies in a temporary folder */

static const char *const ref_file_names[] = {
    "low.csv",          "low_entry_types.csv",  "nace.csv",
    "communes_pdl.csv", "emission_factors.csv", "is_cases.csv",
};

static void write_file(const char *dir, const char *name, const char *p, size_t n)
{
    char path[512];
    int k = snprintf(path, sizeof(path), "%s/%s", dir, name);
    assert_true(k > 0 && (size_t)k < sizeof(path));
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* Writes the embedded copy of name with line `line` (1-based) replaced by
 * `repl`; line 0 replaces the whole file. */
static void write_mutated(const char *dir, const char *name, size_t line, const char *repl)
{
    char *buf = NULL;
    size_t len = 0;
    assert_int_equal(data_load(NULL, name, &buf, &len, NULL), ERR_OK);
    struct sb b;
    sb_init(&b, 0);
    if (line == 0) {
        sb_adds(&b, repl);
    } else {
        size_t cur = 1, start = 0;
        for (size_t i = 0; i <= len; i++) {
            if (i == len || buf[i] == '\n') {
                if (cur == line)
                    sb_adds(&b, repl);
                else
                    sb_add(&b, buf + start, i - start);
                if (i < len)
                    sb_addc(&b, '\n');
                cur++;
                start = i + 1;
            }
        }
    }
    write_file(dir, name, b.buf, b.len);
    sb_release(&b);
    free(buf);
}

static void test_malformed(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        size_t line; /* replaced line; 0: whole file */
        const char *repl;
        const char *msg; /* expected prefix of the error message */
    } cases[] = {
        {"low.csv", 3, "0101,2,01,2,Wastes,déchets", "low.csv:3: hazardous: expected 0 or 1"},
        {"low.csv", 3, "0101,2,01,1,Wastes,déchets", "low.csv:3: hazardous: only entries"},
        {"low.csv", 3, "0101,3,01,0,Wastes,déchets", "low.csv:3: level: 3 does not match"},
        {"low.csv", 3, "0101,7,01,0,Wastes,déchets", "low.csv:3: level: '7' is not 1 to 3"},
        {"low.csv", 3, "0101,2,02,0,Wastes,déchets", "low.csv:3: parent: '02' is not the prefix"},
        {"low.csv", 3, "0199,2,01,0,Wastes,déchets", "low.csv:4: parent: unknown code '0101'"},
        {"low.csv", 3, "01a1,2,01,0,Wastes,déchets", "low.csv:3: code: '01a1' is not 2, 4 or 6"},
        {"low.csv", 3, "01\xD1,2,01,0,Wastes,déchets", "low.csv:3: code: '01?' is not a code"},
        {"low.csv", 3, "01 01,2,01,0,Wastes,déchets", "low.csv:3: code: '01 01' is not a code"},
        {"low.csv", 3, "01,1,,0,Wastes,déchets", "low.csv:3: code: duplicate '01'"},
        {"low.csv", 3, "0101,2,01,0,Wastes,", "low.csv:3: label_fr: empty"},
        {"low.csv", 3, "0101,2,01,0,Wastes,d\xC3\x28", "low.csv:3: label_fr: not valid UTF-8"},
        {"low.csv", 3, "0101,2,01,0,Wastes", "low.csv:3: record: 5 fields, the header has 6"},
        {"low.csv", 974, "200399,3,2003,0,\"Wastes,déchets", "low.csv:974: unterminated quoted"},
        {"low.csv", 1, "code,level,hazardous,label_en,label_fr",
         "low.csv:1: header: missing column 'parent'"},
        {"low.csv", 0, "", "low.csv:1: header: missing (empty file)"},
        {"low_entry_types.csv", 2, "010101,0,XX", "low_entry_types.csv:2: entry_type: expected"},
        {"low_entry_types.csv", 2, "010101,0,AH", "low_entry_types.csv:2: entry_type: 'AH'"},
        {"low_entry_types.csv", 2, "010101,1,AH", "low_entry_types.csv:2: hazardous: disagrees"},
        {"low_entry_types.csv", 2, "0101,0,ANH", "low_entry_types.csv:2: code: '0101' is not"},
        {"low_entry_types.csv", 3, "010101,0,ANH", "low_entry_types.csv:3: code: duplicate"},
        {"nace.csv", 3, "01.X,3,01,Crops,Cultures", "nace.csv:3: code: '01.X' is not a level-3"},
        {"nace.csv", 3, "01,3,A,Crops,Cultures", "nace.csv:3: code: '01' is not a level-3"},
        {"nace.csv", 4, "01.1,3,02,Crops,Cultures", "nace.csv:4: parent: unknown code '02'"},
        {"nace.csv", 4, "01.1,3,A,Crops,Cultures", "nace.csv:4: parent: 'A' cannot be"},
        {"nace.csv", 4, "01.2,3,01,Crops,Cultures", "nace.csv:5: parent: unknown code '01.1'"},
        {"nace.csv", 4, "01.1,3,01,Crops,", "nace.csv:4: label_fr: empty"},
        {"nace.csv", 4, "01.1,6,01,Crops,Cultures", "nace.csv:4: level:"},
        {"communes_pdl.csv", 2,
         "44001,Abbaretz,44,Loire-Atlantique,52,44170,44170,abc,-1.49,244400537,CC de "
         "Nozay,CC,214400012,2073,x",
         "communes_pdl.csv:2: latitude: 'abc' is not a number"},
        {"communes_pdl.csv", 2,
         "44001,Abbaretz,44,Loire-Atlantique,52,44170,44170,97.5,-1.49,244400537,CC de "
         "Nozay,CC,214400012,2073,x",
         "communes_pdl.csv:2: latitude: 97.5 is out of range"},
        {"communes_pdl.csv", 2,
         "44001,Abbaretz,44,Loire-Atlantique,52,44170,44171,47.5,-1.49,244400537,CC de "
         "Nozay,CC,214400012,2073,x",
         "communes_pdl.csv:2: postal_codes: does not list"},
        {"communes_pdl.csv", 2,
         "44001,Abbaretz,44,Loire-Atlantique,52,44170,44170|4417,47.5,-1.49,244400537,CC de "
         "Nozay,CC,214400012,2073,x",
         "communes_pdl.csv:2: postal_codes: '4417' is not 5 digits"},
        {"communes_pdl.csv", 2,
         "44001,Abbaretz,44,Loire-Atlantique,52,44170,44170,47.5,-1.49,244400537,CC de "
         "Nozay,XX,214400012,2073,x",
         "communes_pdl.csv:2: epci_type"},
        {"communes_pdl.csv", 2,
         "44001,Abbaretz,44,Loire-Atlantique,52,44170,44170,47.5,-1.49,244400537,CC de "
         "Nozay,CC,214400012,-5,x",
         "communes_pdl.csv:2: population"},
        {"communes_pdl.csv", 3,
         "44001,Abbaretz,44,Loire-Atlantique,52,44170,44170,47.5,-1.49,244400537,CC de "
         "Nozay,CC,214400012,2073,x",
         "communes_pdl.csv:3: insee_code: duplicate '44001'"},
        {"communes_pdl.csv", 2,
         "44001,Abbaretz,44,Loire-Atlantique,52,44170,44170,47.5,-1.4\xB1"
         "5,244400537,CC de "
         "Nozay,CC,214400012,2073,x",
         "communes_pdl.csv:2: longitude: '-1.4?5' is not a number"},
        {"emission_factors.csv", 2, "k,label,x,kgCO2e/t,src",
         "emission_factors.csv:2: value: 'x' is not a number"},
        {"emission_factors.csv", 2, "K-1,label,1,kgCO2e/t,src", "emission_factors.csv:2: key"},
        {"emission_factors.csv", 3, "freight_road_articulated_lt34t_diesel,l,1,u,s",
         "emission_factors.csv:3: key: duplicate"},
        {"is_cases.csv", 2, "X-1,a,35.11,flow,999999,b,23.62,,,src",
         "is_cases.csv:2: low_code: unknown code '999999'"},
        {"is_cases.csv", 2, "X-1,a,35.11,flow,100105;,b,23.62,,,src",
         "is_cases.csv:2: low_code: unknown code ''"},
        {"is_cases.csv", 2, "X-1,a,35.11,flow,100105,b,23.62;99.99,,,src",
         "is_cases.csv:2: to_nace: unknown code '99.99'"},
        {"is_cases.csv", 2, "X-1,a,35.1X,flow,100105,b,23.62,,,src",
         "is_cases.csv:2: from_nace: unknown code '35.1X'"},
        {"is_cases.csv", 2, "X-1,a,35.11,flow,1;2;3;4;5;6;7;8;9,b,23.62,,,src",
         "is_cases.csv:2: low_code: unknown code '1'"},
        {"is_cases.csv", 2, "X-1,a,35.11,flow,10;10;10;10;10;10;10;10;10,b,23.62,,,src",
         "is_cases.csv:2: low_code: more than 8 codes"},
        {"is_cases.csv", 2, "X-1,a,35.11,flow,100105,b,23.62,-5,t/yr,src",
         "is_cases.csv:2: quantity: not positive"},
        {"is_cases.csv", 2, "X-1,a,35.11,flow,100105,b,23.62,5,,src",
         "is_cases.csv:2: unit: empty while quantity is set"},
        {"is_cases.csv", 2, "X-1,a,35.11,,100105,b,23.62,,,src", "is_cases.csv:2: flow: empty"},
    };
    char dir[] = "/tmp/ref_test_XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < N_CASES(cases); i++) {
        /* fresh copies of every file, then one mutation */
        for (size_t k = 0; k < N_CASES(ref_file_names); k++)
            write_mutated(dir, ref_file_names[k], SIZE_MAX, "");
        write_mutated(dir, cases[i].file, cases[i].line, cases[i].repl);
        struct ref *r = NULL;
        struct err e;
        err_init(&e);
        int rc = ref_load(&r, dir, &e);
        bool is_loaded = r != NULL;
        ref_free(r);
        if (rc != ERR_INPUT || is_loaded || strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)) ||
            !utf8_valid(e.msg, strlen(e.msg)))
            fail_msg("case %zu (%s): rc %d msg '%s'\n want '%s'", i, cases[i].file, rc, e.msg,
                     cases[i].msg);
    }
    /* intact copies load from the folder; a missing file is an I/O error */
    struct ref *r = NULL;
    struct err e;
    err_init(&e);
    for (size_t k = 0; k < N_CASES(ref_file_names); k++)
        write_mutated(dir, ref_file_names[k], SIZE_MAX, "");
    assert_int_equal(ref_load(&r, dir, &e), ERR_OK);
    assert_int_equal(ref_low_count(r), 973);
    ref_free(r);
    r = NULL;
    char path[512];
    for (size_t k = 0; k < N_CASES(ref_file_names); k++) {
        int n = snprintf(path, sizeof(path), "%s/%s", dir, ref_file_names[k]);
        assert_true(n > 0 && (size_t)n < sizeof(path));
        unlink(path);
    }
    assert_int_equal(ref_load(&r, dir, &e), ERR_IO);
    assert_null(r);
    assert_int_equal(rmdir(dir), 0);
    ref_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),    cmocka_unit_test(test_low_find),
        cmocka_unit_test(test_low_parse), cmocka_unit_test(test_low_format),
        cmocka_unit_test(test_naf_parse), cmocka_unit_test(test_nace),
        cmocka_unit_test(test_children),  cmocka_unit_test(test_communes),
        cmocka_unit_test(test_region),    cmocka_unit_test(test_factors),
        cmocka_unit_test(test_search),    cmocka_unit_test(test_commune_search),
        cmocka_unit_test(test_cases),     cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, setup_ref, teardown_ref);
}
