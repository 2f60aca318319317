/* SPDX-License-Identifier: MIT */
/*
 * network_anon_test.c - k-anonymity of the anonymised label: the smallest
 * class of (territory, activity, area) over all organisations is at least
 * NETWORK_ANON_K on the demo region and on a generated region of 10,000
 * organisations, and on small or skewed populations of the table below.
 * The figures are printed for the record.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "network_fixture.h"

#include <stdint.h>

/* A deterministic generator (xorshift64*), so the figure is stable. */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* Labels n generated organisations: communes drawn by population (where
 * companies are), NAF sub-classes with a skew (a few activities are
 * common, most rare), n_terr territories made of départements' EPCIs. */
static size_t generated_min_class(const struct ref *r, size_t n, size_t n_terr, uint64_t seed)
{
    size_t n_c = ref_commune_count(r);
    double total_pop = 0;
    for (size_t i = 0; i < n_c; i++)
        total_pop += (double)ref_commune_at(r, i)->population + 1;
    /* every NAF sub-class of the reference data */
    size_t n_nafs = 0;
    const char **nafs = calloc(ref_nace_count(r), sizeof(*nafs));
    for (size_t i = 0; i < ref_nace_count(r); i++) {
        const struct ref_nace *c = ref_nace_at(r, i);
        if (c->level == 5)
            nafs[n_nafs++] = c->code;
    }
    assert_true(n_nafs > 500);
    struct network_anon_input *in = calloc(n, sizeof(*in));
    char(*insee)[6] = calloc(n, sizeof(*insee));
    for (size_t i = 0; i < n; i++) {
        double x = (double)(rnd(&seed) % 1000000) / 1e6 * total_pop;
        size_t c = 0;
        while (c + 1 < n_c && x > (double)ref_commune_at(r, c)->population + 1) {
            x -= (double)ref_commune_at(r, c)->population + 1;
            c++;
        }
        const struct ref_commune *cm = ref_commune_at(r, c);
        memcpy(insee[i], cm->insee, 6);
        /* skew: index = floor(n_nafs * u^3) */
        double u = (double)(rnd(&seed) % 1000000) / 1e6;
        size_t k = (size_t)((double)n_nafs * u * u * u);
        in[i].org_id = (int64_t)i + 1;
        in[i].naf = nafs[k < n_nafs ? k : n_nafs - 1];
        in[i].commune_insee = insee[i];
        /* territories: by EPCI SIREN digits, a few organisations outside any */
        unsigned long epci = strtoul(cm->epci_siren[0] ? cm->epci_siren : "0", NULL, 10);
        in[i].territory_id = rnd(&seed) % 10 == 0 ? 0 : (int64_t)(epci % n_terr) + 1;
    }
    struct network_anon a;
    struct err e;
    assert_int_equal(network_anon_build(r, in, n, NETWORK_ANON_K, &a, &e), ERR_OK);
    assert_int_equal(a.n, n);
    size_t min = network_anon_min_class(&a);
    network_anon_release(&a);
    free(insee);
    free(in);
    free(nafs);
    return min;
}

static void test_generated_regions(void **state)
{
    (void)state;
    struct ref *r = NULL;
    struct err e;
    assert_int_equal(ref_load(&r, NULL, &e), ERR_OK);
    static const struct {
        const char *name;
        size_t n, n_terr;
        uint64_t seed;
    } cases[] = {
        {"10,000 organisations, 20 territories", 10000, 20, 42},
        {"10,000 organisations, 8 territories", 10000, 8, 7},
        {"338 organisations, 20 territories", 338, 20, 3},
        {"40 organisations, 20 territories", 40, 20, 5},
        {"7 organisations", 7, 3, 11},
        {"5 organisations", 5, 5, 13},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t min = generated_min_class(r, cases[i].n, cases[i].n_terr, cases[i].seed);
        printf("k-anonymity: %s: smallest class %zu\n", cases[i].name, min);
        if (min < NETWORK_ANON_K)
            fail_msg("%s: smallest class %zu < %d", cases[i].name, min, NETWORK_ANON_K);
    }
    ref_free(r);
}

static void test_demo_region(void **state)
{
    (void)state;
    struct fixture f;
    fixture_open(&f);
    struct ref *r = NULL;
    struct err e;
    assert_int_equal(ref_load(&r, NULL, &e), ERR_OK);
    struct network_demo_result res;
    struct network_demo_options opts = {.now_s = 1790000000, .files_dir = NULL};
    assert_int_equal(network_demo_load(f.s, r, &opts, &res, &e), ERR_OK);
    network_demo_result_release(&res);
    struct store_filter flt;
    store_filter_init(&flt);
    struct store_org *os = NULL;
    size_t n = 0;
    assert_int_equal(store_org_list(f.s, &flt, &os, &n, &e), ERR_OK);
    assert_true(n >= NETWORK_ANON_K);
    struct network_anon_input *in = calloc(n, sizeof(*in));
    for (size_t i = 0; i < n; i++)
        in[i] = (struct network_anon_input){os[i].id, os[i].naf, os[i].commune_insee,
                                            os[i].territory_id};
    struct network_anon a;
    assert_int_equal(network_anon_build(r, in, n, NETWORK_ANON_K, &a, &e), ERR_OK);
    size_t min = network_anon_min_class(&a);
    printf("k-anonymity: demo region, %zu organisations: smallest class %zu\n", n, min);
    size_t n_div_epci = 0, n_no_act = 0, n_no_terr = 0;
    for (size_t i = 0; i < a.n; i++) {
        const struct network_anon_label *l = &a.labels[i];
        n_div_epci += strlen(l->activity_code) == 2 && strncmp(l->area_code, "epci:", 5) == 0;
        n_no_act += l->activity_code[0] == '\0';
        n_no_terr += l->territory_id == 0;
    }
    printf("k-anonymity: demo region: division + intercommunality for %zu, no activity for %zu, "
           "no territory for %zu\n",
           n_div_epci, n_no_act, n_no_terr);
    /* what the label replaced: NAF sub-class and commune */
    size_t n_unique = 0;
    for (size_t i = 0; i < n; i++) {
        size_t same = 0;
        for (size_t j = 0; j < n; j++)
            same += strcmp(os[i].naf, os[j].naf) == 0 &&
                    strcmp(os[i].commune_insee, os[j].commune_insee) == 0;
        n_unique += same == 1;
    }
    printf("k-anonymity: demo region: NAF sub-class + commune unique for %zu of %zu\n", n_unique,
           n);
    assert_true(min >= NETWORK_ANON_K);
    network_anon_release(&a);
    free(in);
    store_orgs_free(os, n);
    ref_free(r);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated_regions),
        cmocka_unit_test(test_demo_region),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
