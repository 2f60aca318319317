/* SPDX-License-Identifier: MIT */
/*
 * core_qty_test.c - unit tests of src/core/qty.c: units, periods and their
 * combinations normalised to canonical yearly quantities, and the
 * malformed inputs that must be refused with ERR_INPUT. Table-driven.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "core/core.h"

#define N_CASES(a) (sizeof(a) / sizeof((a)[0]))

static bool close_to(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
}

static void test_normalise_ok(void **state)
{
    (void)state;
    static const struct {
        double value;
        const char *unit;
        const char *period;
        enum qty_dim dim;
        double want_per_yr;
    } cases[] = {
        /* mass */
        {12, "t", "", QTY_DIM_MASS, 12},
        {12, "t", "an", QTY_DIM_MASS, 12},
        {12, "T", "AN", QTY_DIM_MASS, 12},
        {12, "tonnes", "année", QTY_DIM_MASS, 12},
        {12, "tonne", "year", QTY_DIM_MASS, 12},
        {12, "t/an", "", QTY_DIM_MASS, 12},
        {12, "t/an", "an", QTY_DIM_MASS, 12},
        {12, "t / an", NULL, QTY_DIM_MASS, 12},
        {12, "t/yr", NULL, QTY_DIM_MASS, 12},
        {12, "t par an", NULL, QTY_DIM_MASS, 12},
        {12, "tonnes per year", NULL, QTY_DIM_MASS, 12},
        {500, "kg", "mois", QTY_DIM_MASS, 6},
        {500, "kg/mois", NULL, QTY_DIM_MASS, 6},
        {500, "KG/MOIS", NULL, QTY_DIM_MASS, 6},
        {500, "kg/month", NULL, QTY_DIM_MASS, 6},
        {500, "kg", "mensuel", QTY_DIM_MASS, 6},
        {500, "kg", "par mois", QTY_DIM_MASS, 6},
        {500, "kg", "/mois", QTY_DIM_MASS, 6},
        {100, "kg/semaine", NULL, QTY_DIM_MASS, 5.2},
        {100, "kg", "week", QTY_DIM_MASS, 5.2},
        {100, "kg", "hebdomadaire", QTY_DIM_MASS, 5.2},
        {2, "t/jour", NULL, QTY_DIM_MASS, 500},
        {2, "t/j", NULL, QTY_DIM_MASS, 500},
        {2, "t/day", NULL, QTY_DIM_MASS, 500},
        {2, "t", "quotidien", QTY_DIM_MASS, 500},
        {2, "t/jour calendaire", NULL, QTY_DIM_MASS, 730},
        {1, "t/trimestre", NULL, QTY_DIM_MASS, 4},
        {1, "t/semestre", NULL, QTY_DIM_MASS, 2},
        {30, "t", "ponctuel", QTY_DIM_MASS, 30},
        {1000, "g", "", QTY_DIM_MASS, 0.001},
        {3, "q", "", QTY_DIM_MASS, 0.3},
        {2, "kt/an", "", QTY_DIM_MASS, 2000},
        {12.5, "kilos", "an", QTY_DIM_MASS, 0.0125},
        /* energy */
        {1500, "kWh", "", QTY_DIM_ENERGY, 1.5},
        {1500, "kwh/an", "", QTY_DIM_ENERGY, 1.5},
        {3, "MWh/an", "", QTY_DIM_ENERGY, 3},
        {3, "MWh", "mois", QTY_DIM_ENERGY, 36},
        {2, "GWh", "an", QTY_DIM_ENERGY, 2000},
        {3600, "MJ", "", QTY_DIM_ENERGY, 1},
        {36, "GJ/an", "", QTY_DIM_ENERGY, 10},
        {1, "tep", "", QTY_DIM_ENERGY, 11.63},
        /* volume */
        {1000, "L", "", QTY_DIM_VOLUME, 1},
        {1000, "litres", "an", QTY_DIM_VOLUME, 1},
        {5, "m3", "", QTY_DIM_VOLUME, 5},
        {5, "m³", "", QTY_DIM_VOLUME, 5},
        {5, "M³", "", QTY_DIM_VOLUME, 5},
        {5, "m3/jour", "", QTY_DIM_VOLUME, 1250},
        {5, "m³/jour", "", QTY_DIM_VOLUME, 1250},
        {5, "mètres cubes", "mois", QTY_DIM_VOLUME, 60},
        {10, "hL", "", QTY_DIM_VOLUME, 1},
        /* area */
        {50, "m2", "", QTY_DIM_AREA, 50},
        {50, "m²", "", QTY_DIM_AREA, 50},
        {50, "mètres carrés", "", QTY_DIM_AREA, 50},
        {2, "ha", "", QTY_DIM_AREA, 20000},
        /* time, places, sessions, items */
        {10, "h", "", QTY_DIM_TIME, 10},
        {10, "heures", "mois", QTY_DIM_TIME, 120},
        {2, "jours", "", QTY_DIM_TIME, 14},
        {2, "jour", "an", QTY_DIM_TIME, 14},
        {2, "jours/mois", "", QTY_DIM_TIME, 168},
        {1, "demi-journée", "", QTY_DIM_TIME, 3.5},
        {20, "places", "", QTY_DIM_PLACE, 20},
        {20, "place", "an", QTY_DIM_PLACE, 20},
        {4, "sessions", "an", QTY_DIM_SESSION, 4},
        {1, "session/trimestre", "", QTY_DIM_SESSION, 4},
        {3, "unités", "", QTY_DIM_ITEM, 3},
        {3, "Unité", "", QTY_DIM_ITEM, 3},
        {3, "unite", "mois", QTY_DIM_ITEM, 36},
        {3, "pièces", "", QTY_DIM_ITEM, 3},
        {3, "u", "", QTY_DIM_ITEM, 3},
        /* spacing: tabs, no-break space, around the slash */
        {12, "\tt\t/\tan ", NULL, QTY_DIM_MASS, 12},
        {12,
         "t\xC2\xA0/\xC2\xA0"
         "an",
         NULL, QTY_DIM_MASS, 12},
        {12, "  tonnes   par   an  ", NULL, QTY_DIM_MASS, 12},
        /* boundaries */
        {1e-9, "t", "", QTY_DIM_MASS, 1e-9},
        {1e9, "t", "", QTY_DIM_MASS, 1e9},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        struct err e;
        err_init(&e);
        struct qty q = {0, QTY_DIM_COUNT};
        const char *period = cases[i].period ? cases[i].period : "";
        int rc =
            qty_normalise(&q, cases[i].value, slice_cstr(cases[i].unit), slice_cstr(period), &e);
        if (rc != ERR_OK || q.dim != cases[i].dim || !close_to(q.per_yr, cases[i].want_per_yr))
            fail_msg("case %g '%s' '%s': rc %d dim %s per_yr %g (%s)", cases[i].value,
                     cases[i].unit, period, rc, qty_dim_name(q.dim), q.per_yr, e.msg);
    }
}

static void test_normalise_bad(void **state)
{
    (void)state;
    static const struct {
        double value;
        const char *unit;
        const char *period;
        const char *msg; /* substring of the error message */
    } cases[] = {
        {0, "t", "", "quantity: 0 is not positive"},
        {-3, "t", "", "quantity: -3 is not positive"},
        {-0.0, "t", "", "not positive"},
        {NAN, "t", "", "not a finite number"},
        {INFINITY, "t", "", "not a finite number"},
        {1e308, "kt/jour", "", "too large"},
        {1e-320, "g", "", "too small"},
        {1, "", "", "unit: empty"},
        {1, "   ", "", "unit: empty"},
        {1, "tonnnes", "", "unit 'tonnnes': unknown"},
        {1, "lbs", "", "unit 'lbs': unknown"},
        {1, "kW", "", "unit 'kW': unknown"},
        {1, "m", "", "unit 'm': unknown"},
        {1, "t.km", "", "unit 't.km': unknown"},
        {1, "m3/h", "", "unit 'm3/h': unknown period"},
        {1, "t/an/an", "", "unknown period"},
        {1, "t/", "", "unknown period"},
        {1, "/an", "", "unit '/an': unknown"},
        {1, "t par", "", "unit 't par': unknown"},
        {1, "kg/fortnight", "", "unknown period"},
        {1, "t", "fortnight", "period 'fortnight': unknown"},
        {1, "t", "h", "period 'h': unknown"},
        {1, "t", "par", "period 'par': unknown"},
        {1, "t/an", "mois", "unit 't/an' and period 'mois' name different periods"},
        {1, "kg/jour", "jour calendaire", "different periods"},
        {1, "t\xFF", "", "unknown"},
        {1, "t\xC3", "", "unknown"},
        {1, "\xC2\xB3", "", "unknown"},
        {1, "tonnes tonnes tonnes tonnes tonnes tonnes tonnes tonnes", "", "too long"},
        {1, "t", "mois mois mois mois mois mois mois mois mois mois mois", "unknown"},
        {1, "µg", "", "unknown"},
        {1, "m 3", "", "unknown"},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        struct err e;
        err_init(&e);
        struct qty q = {-1, QTY_DIM_COUNT};
        int rc = qty_normalise(&q, cases[i].value, slice_cstr(cases[i].unit),
                               slice_cstr(cases[i].period), &e);
        if (rc != ERR_INPUT || !strstr(e.msg, cases[i].msg) || q.per_yr != -1)
            fail_msg("case %zu %g '%s' '%s': rc %d msg '%s', want '%s'", i, cases[i].value,
                     cases[i].unit, cases[i].period, rc, e.msg, cases[i].msg);
    }
    /* a NUL inside the slice is not the end of the unit */
    struct qty q;
    assert_int_equal(qty_normalise(&q, 1, slice_from("t\0x", 3), slice_cstr(""), NULL), ERR_INPUT);
}

static void test_period_parse(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int want_rc;
        double per_yr;
    } cases[] = {
        {"an", ERR_OK, 1},
        {"/an", ERR_OK, 1},
        {"par an", ERR_OK, 1},
        {"per year", ERR_OK, 1},
        {"Annuel", ERR_OK, 1},
        {"mois", ERR_OK, 12},
        {"Mensuelle", ERR_OK, 12},
        {"semaine", ERR_OK, 52},
        {"weekly", ERR_OK, 52},
        {"jour", ERR_OK, 250},
        {"jours ouvrés", ERR_OK, 250},
        {"day", ERR_OK, 250},
        {"calendar day", ERR_OK, 365},
        {"trimestre", ERR_OK, 4},
        {"one-off", ERR_OK, 1},
        {"", ERR_INPUT, 0},
        {" ", ERR_INPUT, 0},
        {"heure", ERR_INPUT, 0},
        {"par", ERR_INPUT, 0},
        {"//an", ERR_INPUT, 0},
        {"an an", ERR_INPUT, 0},
        {"mois/an", ERR_INPUT, 0},
        {"2 mois", ERR_INPUT, 0},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        double per_yr = 0;
        int rc = qty_period_parse(slice_cstr(cases[i].in), &per_yr, NULL);
        if (rc != cases[i].want_rc || (rc == ERR_OK && per_yr != cases[i].per_yr))
            fail_msg("case '%s': rc %d per_yr %g", cases[i].in, rc, per_yr);
    }
}

static void test_unit_parse(void **state)
{
    (void)state;
    enum qty_dim dim;
    double to_canonical, per_yr;
    assert_int_equal(qty_unit_parse(slice_cstr("kg/mois"), &dim, &to_canonical, &per_yr, NULL),
                     ERR_OK);
    assert_int_equal(dim, QTY_DIM_MASS);
    assert_true(to_canonical == 1e-3 && per_yr == 12);
    assert_int_equal(qty_unit_parse(slice_cstr("MWh"), &dim, &to_canonical, &per_yr, NULL), ERR_OK);
    assert_true(dim == QTY_DIM_ENERGY && to_canonical == 1 && per_yr == 0);
    static const struct {
        enum qty_dim dim;
        const char *name;
        const char *unit;
    } dims[] = {
        {QTY_DIM_MASS, "mass", "t"},
        {QTY_DIM_ENERGY, "energy", "MWh"},
        {QTY_DIM_VOLUME, "volume", "m3"},
        {QTY_DIM_AREA, "area", "m2"},
        {QTY_DIM_TIME, "time", "h"},
        {QTY_DIM_PLACE, "place", "place"},
        {QTY_DIM_SESSION, "session", "session"},
        {QTY_DIM_ITEM, "item", "unit"},
        {QTY_DIM_COUNT, "unknown", "unknown"},
    };
    for (size_t i = 0; i < N_CASES(dims); i++) {
        if (strcmp(qty_dim_name(dims[i].dim), dims[i].name) ||
            strcmp(qty_dim_unit(dims[i].dim), dims[i].unit))
            fail_msg("dim %d: %s %s", (int)dims[i].dim, qty_dim_name(dims[i].dim),
                     qty_dim_unit(dims[i].dim));
        /* the canonical unit of each dimension reads back as itself */
        if (dims[i].dim != QTY_DIM_COUNT &&
            (qty_unit_parse(slice_cstr(dims[i].unit), &dim, &to_canonical, &per_yr, NULL) ||
             dim != dims[i].dim || to_canonical != 1))
            fail_msg("dim %s: canonical unit does not parse back", dims[i].name);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise_ok),
        cmocka_unit_test(test_normalise_bad),
        cmocka_unit_test(test_period_parse),
        cmocka_unit_test(test_unit_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
