/* SPDX-License-Identifier: MIT */
/*
 * ref_typical.c - data/typical_flows.csv: the usual outputs and inputs of
 * an activity, with a coarse quantity per employee, for the estimated
 * flows of prospects. Loaded apart from struct ref (only the prospect
 * ranking needs it); every code is checked against the reference lists.
 */
#include "ref.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TYPICAL_FILE "typical_flows.csv"

enum typical_col {
    TC_NAF,
    TC_DIRECTION,
    TC_FAMILY,
    TC_CODE,
    TC_QTY,
    TC_UNIT,
    TC_UNCERTAINTY,
    TC_BASIS,
    TC_SOURCE,
    TC_COUNT
};
static const char *const typical_cols[TC_COUNT] = {
    "naf",  "direction",          "family",    "code",   "qty_per_employee_yr",
    "unit", "uncertainty_factor", "qty_basis", "source",
};

static int typical_row(struct ref_typical_flow *row, const struct ref *r, const struct slice *f,
                       struct err *e)
{
    memset(row, 0, sizeof(*row));
    struct slice naf = slice_trim(f[TC_NAF]);
    if (naf.len == 0 || naf.len >= sizeof(row->naf))
        return err_set(e, ERR_INPUT, "naf: expected a NACE code");
    memcpy(row->naf, naf.p, naf.len);
    if (!ref_nace_find(r, row->naf))
        return err_set(e, ERR_INPUT, "naf: unknown NACE code '%s'", row->naf);
    struct slice dir = slice_trim(f[TC_DIRECTION]);
    if (!slice_eq(dir, "offer") && !slice_eq(dir, "need"))
        return err_set(e, ERR_INPUT, "direction: expected offer or need");
    row->is_offer = slice_eq(dir, "offer");
    struct slice fam = slice_trim(f[TC_FAMILY]);
    struct slice code = slice_trim(f[TC_CODE]);
    struct slice unit = slice_trim(f[TC_UNIT]);
    if (slice_eq(fam, "energy")) {
        if (!slice_eq(code, "heat") || !slice_eq(unit, "MWh"))
            return err_set(e, ERR_INPUT, "code: energy rows are heat in MWh");
        row->is_heat = true;
    } else if (slice_eq(fam, "material")) {
        if (code.len != 6 || !slice_eq(unit, "t"))
            return err_set(e, ERR_INPUT, "code: material rows are a 6-digit LoW code in t");
    } else {
        return err_set(e, ERR_INPUT, "family: expected material or energy");
    }
    memcpy(row->code, code.p, code.len);
    if (!row->is_heat && !ref_low_find(r, row->code))
        return err_set(e, ERR_INPUT, "code: unknown List of Waste code '%s'", row->code);
    struct err pe;
    err_init(&pe);
    if (parse_double(slice_trim(f[TC_QTY]), &row->qty_per_employee_yr, &pe) ||
        !(row->qty_per_employee_yr > 0) || !isfinite(row->qty_per_employee_yr))
        return err_set(e, ERR_INPUT, "qty_per_employee_yr: expected a positive number");
    if (parse_double(slice_trim(f[TC_UNCERTAINTY]), &row->uncertainty_factor, &pe) ||
        !(row->uncertainty_factor >= 1) || !isfinite(row->uncertainty_factor))
        return err_set(e, ERR_INPUT, "uncertainty_factor: expected a number >= 1");
    if (slice_trim(f[TC_BASIS]).len == 0)
        return err_set(e, ERR_INPUT, "qty_basis: empty");
    struct slice src = slice_trim(f[TC_SOURCE]);
    if (src.len == 0 || src.len >= sizeof(row->source))
        return err_set(e, ERR_INPUT, "source: expected a key of SOURCES.md");
    memcpy(row->source, src.p, src.len);
    return ERR_OK;
}

int ref_typical_parse(struct ref_typical *out, const struct ref *r, const char *buf, size_t len,
                      struct err *e)
{
    memset(out, 0, sizeof(*out));
    struct csv_reader cr;
    csv_reader_init(&cr, buf, len);
    size_t cap = 0;
    int col[TC_COUNT];
    bool has_header = false;
    int rc = ERR_OK;
    for (;;) {
        bool has = false;
        rc = csv_next(&cr, &has, e);
        if (rc || !has)
            break;
        if (!has_header) {
            has_header = true;
            /* exactly the known columns (all present, so each once), in any
             * order: rows are then read by position within the header's width */
            if (cr.n_fields != TC_COUNT) {
                rc = err_set(e, ERR_INPUT, "header: %zu columns, expected %d", cr.n_fields,
                             TC_COUNT);
                break;
            }
            for (size_t c = 0; c < TC_COUNT; c++) {
                col[c] = -1;
                for (size_t i = 0; i < cr.n_fields; i++) {
                    if (slice_eq(slice_trim(cr.fields[i]), typical_cols[c]))
                        col[c] = (int)i;
                }
                if (col[c] < 0) {
                    rc = err_set(e, ERR_INPUT, "header: missing column '%s'", typical_cols[c]);
                    break;
                }
            }
            if (rc)
                break;
            continue;
        }
        if (cr.n_fields != TC_COUNT) {
            rc = err_set(e, ERR_INPUT, "%zu fields, expected %d", cr.n_fields, TC_COUNT);
            break;
        }
        struct slice f[TC_COUNT];
        for (size_t c = 0; c < TC_COUNT; c++)
            f[c] = cr.fields[col[c]];
        core_grow((void **)&out->rows, &cap, out->n + 1, sizeof(*out->rows));
        rc = typical_row(&out->rows[out->n], r, f, e);
        if (rc)
            break;
        out->n++;
    }
    if (rc == ERR_OK && !has_header)
        rc = err_set(e, ERR_INPUT, "header: empty file");
    if (rc) {
        err_prefix(e, TYPICAL_FILE ":%zu", cr.line);
        ref_typical_release(out);
    }
    csv_reader_release(&cr);
    return rc;
}

int ref_typical_load(struct ref_typical *out, const struct ref *r, const char *data_dir,
                     struct err *e)
{
    memset(out, 0, sizeof(*out));
    char *buf = NULL;
    size_t len = 0;
    int rc = data_load(data_dir, TYPICAL_FILE, &buf, &len, e);
    if (rc == ERR_OK)
        rc = ref_typical_parse(out, r, buf, len, e);
    free(buf);
    return rc;
}

void ref_typical_release(struct ref_typical *t)
{
    free(t->rows);
    t->rows = NULL;
    t->n = 0;
}

size_t ref_typical_for(const struct ref_typical *t, const struct ref *r, const char *naf,
                       const struct ref_typical_flow **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (!ref_nace_under(r, naf, t->rows[i].naf))
            continue;
        if (n < max)
            out[n] = &t->rows[i];
        n++;
    }
    return n;
}

double ref_typical_employees(const char *band)
{
    static const struct {
        const char code[3];
        double employees;
    } mids[] = {
        {"00", 0.5},   {"01", 1.5},    {"02", 4},      {"03", 7.5},    {"11", 14.5},
        {"12", 34.5},  {"21", 74.5},   {"22", 149.5},  {"31", 224.5},  {"32", 374.5},
        {"41", 749.5}, {"42", 1499.5}, {"51", 3499.5}, {"52", 7499.5}, {"53", 10000},
    };
    for (size_t i = 0; i < sizeof(mids) / sizeof(mids[0]); i++) {
        if (band && strcmp(mids[i].code, band) == 0)
            return mids[i].employees;
    }
    return 1;
}
