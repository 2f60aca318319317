/* SPDX-License-Identifier: MIT */
/*
 * match_input.c - the flows file of `symbiose match --input` (the format
 * written by the benchmark generator), parsed into the engine's arrays.
 * All-or-nothing: every bad row is reported, and any makes the whole
 * file fail, so that no suggestion is ever computed on half a file.
 */
#include "engine_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define IN_MAX_ID 64
#define IN_MAX_QTY 1e9

enum in_col { IC_ID, IC_LAT, IC_LON, IC_DIR, IC_CODE, IC_QTY, IC_COUNT };
static const char *in_cols[IC_COUNT] = {"establishment_id", "lat",  "lon",
                                        "direction",        "code", "quantity_t_per_year"};

/* establishment id -> org index, open addressing over the org array */
struct in_orgs {
    uint32_t *slots; /* index + 1; 0 empty */
    size_t cap;
    size_t cap_orgs;
};

static uint64_t in_hash(struct slice s)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < s.len; i++)
        h = (h ^ (unsigned char)s.p[i]) * 1099511628211ULL;
    return h;
}

static void in_orgs_rehash(struct in_orgs *h, const struct engine_flowset *fs)
{
    size_t cap = h->cap ? h->cap * 2 : 1024;
    uint32_t *slots = xcalloc(cap, sizeof(*slots));
    for (size_t i = 0; i < fs->n_orgs; i++) {
        size_t j = in_hash(slice_cstr(fs->orgs[i].ext_id)) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = (uint32_t)i + 1;
    }
    free(h->slots);
    h->slots = slots;
    h->cap = cap;
}

static size_t in_org(struct in_orgs *h, struct engine_flowset *fs, struct slice id)
{
    if ((fs->n_orgs + 1) * 2 > h->cap)
        in_orgs_rehash(h, fs);
    size_t j = in_hash(id) & (h->cap - 1);
    for (; h->slots[j]; j = (j + 1) & (h->cap - 1)) {
        const char *x = fs->orgs[h->slots[j] - 1].ext_id;
        if (strlen(x) == id.len && memcmp(x, id.p, id.len) == 0)
            return h->slots[j] - 1;
    }
    CORE_GROW(fs->orgs, h->cap_orgs, fs->n_orgs + 1);
    struct engine_org *o = &fs->orgs[fs->n_orgs];
    memset(o, 0, sizeof(*o));
    o->ext_id = xmemdupz(id.p, id.len);
    h->slots[j] = (uint32_t)fs->n_orgs + 1;
    return fs->n_orgs++;
}

void engine_flowset_release(struct engine_flowset *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->n_orgs; i++)
        free((char *)fs->orgs[i].ext_id);
    free(fs->orgs);
    free(fs->flows);
    err_list_release(&fs->warnings);
    fs->orgs = NULL;
    fs->flows = NULL;
    fs->n_orgs = fs->n_flows = 0;
}

static int in_header(const struct csv_reader *csv, int map[IC_COUNT], struct err *e)
{
    for (int c = 0; c < IC_COUNT; c++)
        map[c] = -1;
    for (size_t i = 0; i < csv->n_fields; i++) {
        struct slice f = slice_trim(csv->fields[i]);
        int c = 0;
        while (c < IC_COUNT && !slice_eq(f, in_cols[c]))
            c++;
        if (c == IC_COUNT)
            return err_set(e, ERR_INPUT, "header: unknown column '%.*s'",
                           (int)(f.len > 40 ? 40 : f.len), f.p);
        if (map[c] >= 0)
            return err_set(e, ERR_INPUT, "header: duplicate column '%s'", in_cols[c]);
        map[c] = (int)i;
    }
    for (int c = 0; c < IC_COUNT; c++) {
        if (map[c] < 0)
            return err_set(e, ERR_INPUT, "header: missing column '%s'", in_cols[c]);
    }
    return ERR_OK;
}

/*
 * parse_double, with a fast path for the plain decimals of generated files
 * ("-1.703922"): up to 15 digits, the value is the integer of the digits
 * divided by a power of ten, two exact doubles, so the quotient is the
 * correctly rounded value strtod gives. Anything else goes to parse_double
 * (its checks and messages).
 */
static int in_number(struct slice s, double *out, struct err *e)
{
    static const double pow10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    size_t i = 0, n_digits = 0, n_frac = 0;
    bool is_neg = s.len > 0 && s.p[0] == '-', has_point = false;
    uint64_t mant = 0;
    for (i = is_neg ? 1 : 0; i < s.len; i++) {
        char c = s.p[i];
        if (c >= '0' && c <= '9') {
            mant = mant * 10 + (uint64_t)(c - '0');
            n_digits++;
            n_frac += has_point;
        } else if (c == '.' && !has_point && n_digits > 0) {
            has_point = true;
        } else {
            break;
        }
    }
    if (i < s.len || n_digits == 0 || n_digits > 15 || (has_point && n_frac == 0))
        return parse_double(s, out, e);
    double v = (double)mant / pow10[n_frac];
    *out = is_neg ? -v : v;
    return ERR_OK;
}

/* Coordinates: both empty means none (*has false); else both valid. */
static int in_coords(struct slice lat, struct slice lon, struct engine_flow *f, struct err *e)
{
    f->has_pos = false;
    if (lat.len == 0 && lon.len == 0)
        return ERR_OK;
    if (lat.len == 0 || lon.len == 0)
        return err_set(e, ERR_INPUT, "%s: missing (give both coordinates or neither)",
                       lat.len == 0 ? "lat" : "lon");
    if (in_number(lat, &f->pos.lat, e) != ERR_OK || !(fabs(f->pos.lat) <= 90))
        return err_set(e, ERR_INPUT, "lat: '%.*s' is not a latitude in degrees",
                       (int)(lat.len > 40 ? 40 : lat.len), lat.p);
    if (in_number(lon, &f->pos.lon, e) != ERR_OK || !(fabs(f->pos.lon) <= 180))
        return err_set(e, ERR_INPUT, "lon: '%.*s' is not a longitude in degrees",
                       (int)(lon.len > 40 ? 40 : lon.len), lon.p);
    f->has_pos = true;
    return ERR_OK;
}

static int in_row(struct engine_flowset *fs, struct in_orgs *orgs, const struct ref *r,
                  const struct csv_reader *csv, const int map[IC_COUNT], struct engine_flow *f,
                  struct err *e)
{
    struct slice v[IC_COUNT];
    for (int c = 0; c < IC_COUNT; c++)
        v[c] = slice_trim(csv->fields[map[c]]);
    memset(f, 0, sizeof(*f));
    if (v[IC_ID].len == 0 || v[IC_ID].len > IN_MAX_ID || !utf8_valid(v[IC_ID].p, v[IC_ID].len))
        return err_set(e, ERR_INPUT, "establishment_id: empty, too long or not UTF-8");
    if (slice_eq(v[IC_DIR], "offer"))
        f->is_offer = true;
    else if (!slice_eq(v[IC_DIR], "need"))
        return err_set(e, ERR_INPUT, "direction: expected 'offer' or 'need'");
    char code[7];
    if (ref_low_parse(r, v[IC_CODE], code, e) != ERR_OK)
        return err_prefix(e, "code");
    if (in_number(v[IC_QTY], &f->qty_per_yr, e) != ERR_OK || !(f->qty_per_yr > 0) ||
        f->qty_per_yr > IN_MAX_QTY)
        return err_set(e, ERR_INPUT,
                       "quantity_t_per_year: expected a number above 0 and at most 1e9");
    if (in_coords(v[IC_LAT], v[IC_LON], f, e) != ERR_OK)
        return ERR_INPUT;
    memcpy(f->code, code, sizeof(code));
    f->is_hazardous = ref_low_find(r, code)->is_hazardous;
    f->family = ENGINE_FAMILY_MATERIAL;
    f->dim = ENGINE_DIM_MASS;
    f->temp_c = NAN;
    f->cost_eur_per_unit = NAN;
    f->months = 0;
    f->org = in_org(orgs, fs, v[IC_ID]);
    return ERR_OK;
}

int engine_flowset_parse(struct engine_flowset *fs, const struct ref *r, const char *name,
                         const char *buf, size_t len, struct err_list *errs, struct err *e)
{
    memset(fs, 0, sizeof(*fs));
    err_list_init(&fs->warnings, 20);
    struct csv_reader csv;
    struct in_orgs orgs;
    memset(&orgs, 0, sizeof(orgs));
    csv_reader_init(&csv, buf, len);
    int map[IC_COUNT];
    size_t cap_flows = 0;
    bool has = false;
    struct err row_err;
    err_init(&row_err);
    int rc = csv_next(&csv, &has, &row_err);
    if (rc == ERR_OK && !has)
        rc = err_set(&row_err, ERR_INPUT, "empty file, expected a header");
    if (rc == ERR_OK)
        rc = in_header(&csv, map, &row_err);
    if (rc != ERR_OK) {
        err_list_add(errs, "%s:%zu: %s", name, csv.line, row_err.msg);
        goto out;
    }
    for (size_t row = 1;; row++) {
        err_init(&row_err);
        if (csv_next(&csv, &has, &row_err) != ERR_OK) {
            err_list_add(errs, "%s:%zu: %s", name, csv.line, row_err.msg);
            continue;
        }
        if (!has)
            break;
        if (csv.n_fields != IC_COUNT) {
            err_list_add(errs, "%s:%zu: expected %d fields, got %zu", name, csv.line, IC_COUNT,
                         csv.n_fields);
            continue;
        }
        CORE_GROW(fs->flows, cap_flows, fs->n_flows + 1);
        struct engine_flow *f = &fs->flows[fs->n_flows];
        if (in_row(fs, &orgs, r, &csv, map, f, &row_err) != ERR_OK) {
            err_list_add(errs, "%s:%zu: %s", name, csv.line, row_err.msg);
            continue;
        }
        f->id = (int64_t)row;
        if (!f->has_pos)
            err_list_add(&fs->warnings, "%s:%zu: lat, lon: pas de coordonnées, flux non apparié",
                         name, csv.line);
        fs->n_flows++;
    }
    rc = err_list_count(errs) > 0
             ? err_set(e, ERR_INPUT, "%s: %zu bad rows", name, err_list_count(errs))
             : ERR_OK;
out:
    csv_reader_release(&csv);
    free(orgs.slots);
    if (rc != ERR_OK) {
        engine_flowset_release(fs);
        err_list_init(&fs->warnings, 20);
        return rc == ERR_OK ? ERR_INPUT : rc;
    }
    /* every establishment is an organisation at its first flow's position */
    for (size_t i = 0; i < fs->n_flows; i++) {
        struct engine_org *o = &fs->orgs[fs->flows[i].org];
        if (!o->has_pos && fs->flows[i].has_pos) {
            o->pos = fs->flows[i].pos;
            o->has_pos = true;
        }
    }
    return ERR_OK;
}
