/* SPDX-License-Identifier: MIT */
/*
 * store_import_test.c - table-driven tests of the CSV import parser
 * (store_import_parse_*), malformed cases first, then the database checks
 * of store_import_apply (duplicates, unknown SIRETs, all-or-nothing).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

#define ORG_HDR "siret,name,naf,commune_insee\n"
#define FLOW_HDR "siret,direction,code,quantity,unit\n"
#define S1 "73282932000074"
#define S2 "44306184100047"

struct import_case {
    const char *name;
    bool is_orgs;
    const char *csv;
    size_t len;       /* 0: strlen(csv) */
    size_t want_rows; /* valid rows */
    const char *want; /* substring of the first error, NULL if none expected */
};

static const struct import_case cases[] = {
    /* organisations */
    {"org ok", true, ORG_HDR S1 ",Scierie,16.10A,44109\n", 0, 1, NULL},
    {"org all columns any order", true,
     "kind,territory,headcount,postal_code,address,lon,lat,commune_insee,naf,name,siret\n"
     "company,,12,44000,1 rue X,-1.55,47.2,44109,1610A,\"Scierie, SA\"," S1 "\n",
     0, 1, NULL},
    {"org BOM accepted", true, "\xEF\xBB\xBF" ORG_HDR S1 ",A,16.10A,44109\n", 0, 1, NULL},
    {"org CRLF accepted", true, "siret,name,naf,commune_insee\r\n" S1 ",A,16.10A,44109\r\n", 0, 1,
     NULL},
    {"org commune from postal code", true,
     "siret,name,naf,commune_insee,postal_code\n" S1 ",A,16.10A,,44000\n", 0, 1, NULL},
    {"empty file", true, "", 0, 0, "empty file"},
    {"header only", true, ORG_HDR, 0, 0, "no rows"},
    {"unknown column", true, "siret,name,naf,commune_insee,color\n" S1 ",A,16.10A,44109,red\n", 0,
     0, "unknown column 'color'"},
    {"missing required column", true, "siret,name,commune_insee\n" S1 ",A,44109\n", 0, 0,
     "missing required column 'naf'"},
    {"duplicate column", true, "siret,name,naf,commune_insee,name\n" S1 ",A,16.10A,44109,B\n", 0, 0,
     "appears twice"},
    {"wrong column count", true, ORG_HDR S1 ",A,16.10A\n", 0, 0, "3 fields, the header has 4"},
    {"too many columns", true, ORG_HDR S1 ",A,16.10A,44109,extra\n", 0, 0, "5 fields"},
    {"bad SIRET checksum", true, ORG_HDR "73282932000075,A,16.10A,44109\n", 0, 0, "siret"},
    {"SIRET 13 digits", true, ORG_HDR "7328293200007,A,16.10A,44109\n", 0, 0, "siret"},
    {"duplicate SIRET", true, ORG_HDR S1 ",A,16.10A,44109\n" S1 ",B,16.10A,44109\n", 0, 2,
     "duplicate of line 2"},
    {"unknown NAF", true, ORG_HDR S1 ",A,99.99Z,44109\n", 0, 0, "naf"},
    {"unknown commune", true, ORG_HDR S1 ",A,16.10A,99999\n", 0, 0, "unknown commune"},
    {"empty name", true, ORG_HDR S1 ",,16.10A,44109\n", 0, 0, "name: empty"},
    {"coordinates outside region", true,
     "siret,name,naf,commune_insee,lat,lon\n" S1 ",A,16.10A,44109,48.85,2.35\n", 0, 0,
     "outside the region"},
    {"lat without lon", true, "siret,name,naf,commune_insee,lat\n" S1 ",A,16.10A,44109,47.2\n", 0,
     0, "lon"},
    {"bad headcount", true, "siret,name,naf,commune_insee,headcount\n" S1 ",A,16.10A,44109,-3\n", 0,
     0, "headcount"},
    {"bad kind", true, "siret,name,naf,commune_insee,kind\n" S1 ",A,16.10A,44109,startup\n", 0, 0,
     "unknown organisation kind"},
    {"unterminated quote", true, ORG_HDR S1 ",\"A,16.10A,44109\n", 0, 0, "unterminated"},
    {"quote inside field", true, ORG_HDR S1 ",A\"B,16.10A,44109\n", 0, 0, "quote"},
    {"text after closing quote", true, ORG_HDR S1 ",\"A\"B,16.10A,44109\n", 0, 0,
     "after closing quote"},
    {"non-UTF-8 bytes", true, ORG_HDR S1 ",Scierie \xE9t\xE9,16.10A,44109\n", 0, 0,
     "not valid UTF-8"},
    {"NUL byte", true, ORG_HDR S1 ",A\0B,16.10A,44109\n",
     sizeof(ORG_HDR S1 ",A\0B,16.10A,44109\n") - 1, 0, "NUL"},
    {"bad postal code", true,
     "siret,name,naf,commune_insee,postal_code\n" S1 ",A,16.10A,44109,4400\n", 0, 0, "postal_code"},
    /* flows */
    {"flow ok", false, FLOW_HDR S1 ",offer,150101,10,t\n", 0, 1, NULL},
    {"flow LoW with spaces", false, FLOW_HDR S1 ",offer,15 01 01,10,t\n", 0, 1, NULL},
    {"flow LoW with dots", false, FLOW_HDR S1 ",need,15.01.01,10,kg\n", 0, 1, NULL},
    {"flow hazardous with star", false, FLOW_HDR S1 ",offer,13 02 05*,10,t\n", 0, 1, NULL},
    {"flow energy code", false, FLOW_HDR S1 ",offer,heat,100,MWh\n", 0, 1, NULL},
    {"flow all optional columns", false,
     "confidentiality,cost_eur_per_unit,availability,temperature_c,hazardous,period,description,"
     "family,unit,quantity,code,direction,siret\n"
     "anonymised,-12.5,seasonal:10-3,90,0,mois,chaleur,energy,MWh,5,heat,offer," S1 "\n",
     0, 1, NULL},
    {"star disagrees", false, FLOW_HDR S1 ",offer,15 01 01*,10,t\n", 0, 0, "not hazardous"},
    {"hazardous column disagrees", false,
     "siret,direction,code,quantity,unit,hazardous\n" S1 ",offer,130205,10,t,0\n", 0, 0,
     "hazardous"},
    {"unknown code", false, FLOW_HDR S1 ",offer,999999,10,t\n", 0, 0, "code"},
    {"unknown word code", false, FLOW_HDR S1 ",offer,unicorns,10,t\n", 0, 0, "code"},
    {"code of another family", false,
     "siret,direction,code,quantity,unit,family\n" S1 ",offer,heat,10,MWh,water\n", 0, 0,
     "belongs to family energy"},
    {"negative quantity", false, FLOW_HDR S1 ",offer,150101,-5,t\n", 0, 0, "positive"},
    {"zero quantity", false, FLOW_HDR S1 ",offer,150101,0,t\n", 0, 0, "positive"},
    {"quantity not a number", false, FLOW_HDR S1 ",offer,150101,ten,t\n", 0, 0, "quantity"},
    {"unknown unit", false, FLOW_HDR S1 ",offer,150101,10,furlongs\n", 0, 0, "unit"},
    {"unknown period", false,
     "siret,direction,code,quantity,unit,period\n" S1 ",offer,150101,10,t,fortnight\n", 0, 0,
     "period"},
    {"bad direction", false, FLOW_HDR S1 ",offre,150101,10,t\n", 0, 0, "unknown direction"},
    {"bad availability", false,
     "siret,direction,code,quantity,unit,availability\n" S1 ",offer,150101,10,t,seasonal:13-2\n", 0,
     0, "availability"},
    {"seasonal without months", false,
     "siret,direction,code,quantity,unit,availability\n" S1 ",offer,150101,10,t,seasonal\n", 0, 0,
     "months"},
    {"bad confidentiality", false,
     "siret,direction,code,quantity,unit,confidentiality\n" S1 ",offer,150101,10,t,secret\n", 0, 0,
     "confidentiality"},
    {"temperature out of range", false,
     "siret,direction,code,quantity,unit,temperature_c\n" S1 ",offer,heat,10,MWh,-300\n", 0, 0,
     "temperature_c"},
    {"flow bad SIRET", false, FLOW_HDR "12345678901234,offer,150101,10,t\n", 0, 0, "siret"},
    {"one bad row among good ones", false,
     FLOW_HDR S1 ",offer,150101,10,t\n" S1 ",offer,150101,x,t\n" S1 ",need,150101,10,t\n", 0, 2,
     "csv:3"},
};

static struct ref *test_ref;

static int group_setup(void **state)
{
    (void)state;
    struct err e;
    err_init(&e);
    return ref_load(&test_ref, NULL, &e) == ERR_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    ref_free(test_ref);
    return 0;
}

static void test_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct import_case *c = &cases[i];
        struct store_import imp;
        store_import_init(&imp, "csv");
        struct err_list errs;
        err_list_init(&errs, 100);
        size_t len = c->len ? c->len : strlen(c->csv);
        int rc = c->is_orgs ? store_import_parse_orgs(&imp, test_ref, c->csv, len, &errs)
                            : store_import_parse_flows(&imp, test_ref, c->csv, len, &errs);
        size_t rows = c->is_orgs ? imp.n_orgs : imp.n_flows;
        const char *first = errs.n ? errs.lines[0] : "";
        bool ok = c->want ? (rc == ERR_INPUT && strstr(first, c->want) != NULL &&
                             strncmp(first, "csv:", 4) == 0)
                          : (rc == ERR_OK && errs.n == 0);
        ok = ok && rows == c->want_rows;
        if (!ok) {
            char msg[600];
            int n = snprintf(msg, sizeof(msg), "case '%s': rc %d, %zu rows, first error '%s'",
                             c->name, rc, rows, first);
            (void)n;
            store_import_release(&imp);
            err_list_release(&errs);
            fail_msg("%s", msg);
        }
        store_import_release(&imp);
        err_list_release(&errs);
    }
}

static void test_every_error_reported(void **state)
{
    (void)state;
    static const char csv[] =
        FLOW_HDR S1 ",offre,150101,10,t\n" S1 ",offer,999999,10,t\n" S1 ",offer,150101,-1,t\n";
    struct store_import imp;
    store_import_init(&imp, "f.csv");
    struct err_list errs;
    err_list_init(&errs, 100);
    assert_int_equal(store_import_parse_flows(&imp, test_ref, csv, strlen(csv), &errs), ERR_INPUT);
    assert_int_equal(errs.n, 3);
    assert_non_null(strstr(errs.lines[0], "f.csv:2: direction:"));
    assert_non_null(strstr(errs.lines[1], "f.csv:3: code:"));
    assert_non_null(strstr(errs.lines[2], "f.csv:4: quantity:"));
    store_import_release(&imp);
    err_list_release(&errs);
}

static void test_huge_field(void **state)
{
    (void)state;
    size_t big = 200 * 1024;
    struct sb b;
    sb_init(&b, 0);
    sb_adds(&b, ORG_HDR S1 ",");
    for (size_t i = 0; i < big; i++)
        sb_addc(&b, 'a');
    sb_adds(&b, ",16.10A,44109\n");
    struct store_import imp;
    store_import_init(&imp, "big.csv");
    struct err_list errs;
    err_list_init(&errs, 100);
    assert_int_equal(store_import_parse_orgs(&imp, test_ref, b.buf, b.len, &errs), ERR_INPUT);
    assert_non_null(strstr(errs.lines[0], "too long"));
    store_import_release(&imp);
    err_list_release(&errs);
    sb_release(&b);
}

/* apply: SIRETs against the database, all or nothing */
static void test_apply(void **state)
{
    (void)state;
    char path[64];
    int n = snprintf(path, sizeof(path), "/tmp/store_import_test_%d.db", (int)getpid());
    assert_true(n > 0 && (size_t)n < sizeof(path));
    unlink(path);
    struct err e;
    err_init(&e);
    struct store *s = NULL;
    assert_int_equal(store_open(&s, path, STORE_OPEN_CREATE, &e), ERR_OK);
    static const struct {
        bool is_orgs;
        const char *csv;
        int want;
        size_t orgs_after, flows_after;
    } steps[] = {
        {true, ORG_HDR S1 ",A,16.10A,44109\n", ERR_OK, 1, 0},
        {true, ORG_HDR S1 ",A,16.10A,44109\n", ERR_INPUT, 1, 0},      /* already there */
        {false, FLOW_HDR S2 ",offer,150101,10,t\n", ERR_INPUT, 1, 0}, /* unknown org */
        {true, "siret,name,naf,commune_insee,territory\n" S2 ",B,17.12Z,49007,Nowhere\n", ERR_INPUT,
         1, 0},
        {false, FLOW_HDR S1 ",offer,150101,10,t\n" S1 ",need,heat,2,MWh\n", ERR_OK, 1, 2},
        {false, FLOW_HDR S1 ",offer,150101,10,t\n" S2 ",need,150101,2,t\n", ERR_INPUT, 1, 2},
    };
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        struct store_import imp;
        store_import_init(&imp, "x.csv");
        struct err_list errs;
        err_list_init(&errs, 100);
        size_t len = strlen(steps[i].csv);
        if (steps[i].is_orgs)
            store_import_parse_orgs(&imp, test_ref, steps[i].csv, len, &errs);
        else
            store_import_parse_flows(&imp, test_ref, steps[i].csv, len, &errs);
        assert_int_equal(store_tx_begin(s, &e), ERR_OK);
        int rc = store_import_apply(s, &imp, &errs, &e);
        if (rc == ERR_OK)
            assert_int_equal(store_tx_commit(s, &e), ERR_OK);
        store_tx_rollback(s);
        size_t n_orgs = 0, n_flows = 0;
        assert_int_equal(store_org_count(s, NULL, &n_orgs, &e), ERR_OK);
        assert_int_equal(store_flow_count(s, NULL, &n_flows, &e), ERR_OK);
        if (rc != steps[i].want || n_orgs != steps[i].orgs_after || n_flows != steps[i].flows_after)
            fail_msg("step %zu: rc %d, %zu orgs, %zu flows", i, rc, n_orgs, n_flows);
        store_import_release(&imp);
        err_list_release(&errs);
    }
    store_close(s);
    unlink(path);
    char p2[80];
    n = snprintf(p2, sizeof(p2), "%s-wal", path);
    if (n > 0 && (size_t)n < sizeof(p2))
        unlink(p2);
    n = snprintf(p2, sizeof(p2), "%s-shm", path);
    if (n > 0 && (size_t)n < sizeof(p2))
        unlink(p2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_every_error_reported),
        cmocka_unit_test(test_huge_field),
        cmocka_unit_test(test_apply),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
