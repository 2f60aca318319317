/* SPDX-License-Identifier: MIT */
/*
 * ref_load.c - reads and validates the reference files of data/ into a
 * struct ref. Each file is a CSV whose columns are found by name in the
 * header (extra columns are ignored). Every row is checked: code formats,
 * levels, parents that exist and come first, flags, numbers, UTF-8. The
 * first bad row stops loading with ERR_INPUT "file:line: field: reason".
 */
#include "ref_int.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define REF_MAX_COLS 16

/* One reference file: its name, the columns it needs, its row parser. The
 * row parser receives the fields in the order of cols. */
struct ref_file {
    const char *name;
    const char *cols[REF_MAX_COLS];
    size_t n_cols;
    int (*row)(struct ref *r, const struct slice *f, struct err *e);
};

static bool is_digits(struct slice s)
{
    for (size_t i = 0; i < s.len; i++) {
        if (s.p[i] < '0' || s.p[i] > '9')
            return false;
    }
    return true;
}

/* Copies a code field (printable ASCII) into a fixed buffer of size cap
 * (with its NUL). */
static int field_code(struct slice s, const char *field, char *out, size_t cap, struct err *e)
{
    if (s.len == 0)
        return err_set(e, ERR_INPUT, "%s: empty", field);
    char q[TEXT_EXCERPT_SIZE];
    if (s.len >= cap)
        return err_set(e, ERR_INPUT, "%s: '%s' is too long", field, text_excerpt(s, q, sizeof(q)));
    /* codes are printable ASCII, so later messages may quote them as they are */
    for (size_t i = 0; i < s.len; i++) {
        if (s.p[i] <= ' ' || s.p[i] >= 0x7F)
            return err_set(e, ERR_INPUT, "%s: '%s' is not a code", field,
                           text_excerpt(s, q, sizeof(q)));
    }
    memcpy(out, s.p, s.len);
    out[s.len] = '\0';
    return ERR_OK;
}

int ref__field_text(struct ref *r, struct slice s, const char *field, enum ref__presence presence,
                    const char **out, struct err *e)
{
    if (presence == REF__REQUIRED && s.len == 0)
        return err_set(e, ERR_INPUT, "%s: empty", field);
    if (!utf8_valid(s.p, s.len))
        return err_set(e, ERR_INPUT, "%s: not valid UTF-8", field);
    *out = ref__arena_dup(&r->arena, s.p, s.len);
    return ERR_OK;
}

/* The accent-insensitive search key of a label, in the arena. */
static const char *fold_dup(struct ref *r, const char *label)
{
    struct sb b;
    sb_init(&b, 0);
    text_fold(&b, label, strlen(label));
    const char *out = ref__arena_dup(&r->arena, b.buf, b.len);
    sb_release(&b);
    return out;
}

static int field_level(struct slice s, int max, int *out, struct err *e)
{
    if (s.len != 1 || s.p[0] < '1' || s.p[0] > '0' + max) {
        char q[TEXT_EXCERPT_SIZE];
        return err_set(e, ERR_INPUT, "level: '%s' is not 1 to %d", text_excerpt(s, q, sizeof(q)),
                       max);
    }
    *out = s.p[0] - '0';
    return ERR_OK;
}

static int field_flag(struct slice s, const char *field, bool *out, struct err *e)
{
    if (s.len != 1 || (s.p[0] != '0' && s.p[0] != '1'))
        return err_set(e, ERR_INPUT, "%s: expected 0 or 1", field);
    *out = s.p[0] == '1';
    return ERR_OK;
}

/* Indexes code -> idx with an arena copy of the key (the records' own
 * arrays still move while loading). */
static int map_add(struct ref *r, struct ref__map *m, const char *code, size_t idx,
                   const char *field, struct err *e)
{
    const char *key = ref__arena_dup(&r->arena, code, strlen(code));
    if (!ref__map_put(m, key, (uint32_t)idx))
        return err_set(e, ERR_INPUT, "%s: duplicate '%s'", field, code);
    return ERR_OK;
}

/* --- low.csv: code,level,parent,hazardous,label_en,label_fr */

static int low_row(struct ref *r, const struct slice *f, struct err *e)
{
    struct ref_low x;
    memset(&x, 0, sizeof(x));
    int rc = field_code(f[0], "code", x.code, sizeof(x.code), e);
    if (rc)
        return rc;
    if (!is_digits(f[0]) || (f[0].len != 2 && f[0].len != 4 && f[0].len != 6))
        return err_set(e, ERR_INPUT, "code: '%s' is not 2, 4 or 6 digits", x.code);
    rc = field_level(f[1], 3, &x.level, e);
    if (rc)
        return rc;
    if ((size_t)x.level * 2 != f[0].len)
        return err_set(e, ERR_INPUT, "level: %d does not match code '%s'", x.level, x.code);
    if (x.level == 1 && f[2].len != 0)
        return err_set(e, ERR_INPUT, "parent: a chapter has no parent");
    if (x.level > 1) {
        rc = field_code(f[2], "parent", x.parent, sizeof(x.parent), e);
        if (rc)
            return rc;
        uint32_t p;
        if (f[2].len + 2 != f[0].len || memcmp(x.parent, x.code, f[2].len) != 0)
            return err_set(e, ERR_INPUT, "parent: '%s' is not the prefix of '%s'", x.parent,
                           x.code);
        if (!ref__map_get(&r->low_by_code, x.parent, f[2].len, &p))
            return err_set(e, ERR_INPUT, "parent: unknown code '%s' (parents come first)",
                           x.parent);
    }
    rc = field_flag(f[3], "hazardous", &x.is_hazardous, e);
    if (rc)
        return rc;
    if (x.is_hazardous && x.level != 3)
        return err_set(e, ERR_INPUT, "hazardous: only entries can be hazardous");
    rc = ref__field_text(r, f[4], "label_en", REF__REQUIRED, &x.label_en, e);
    if (!rc)
        rc = ref__field_text(r, f[5], "label_fr", REF__REQUIRED, &x.label_fr, e);
    if (!rc)
        rc = map_add(r, &r->low_by_code, x.code, r->n_low, "code", e);
    if (rc)
        return rc;
    x.fold_fr = fold_dup(r, x.label_fr);
    CORE_GROW(r->low, r->cap_low, r->n_low + 1);
    r->low[r->n_low++] = x;
    return ERR_OK;
}

/* --- low_entry_types.csv: code,hazardous,entry_type */

static int low_type_row(struct ref *r, const struct slice *f, struct err *e)
{
    static const char *const types[] = {"AH", "ANH", "MH", "MNH"};
    uint32_t i;
    char q[TEXT_EXCERPT_SIZE];
    if (f[0].len != 6 || !is_digits(f[0]) || !ref__map_get(&r->low_by_code, f[0].p, 6, &i))
        return err_set(e, ERR_INPUT, "code: '%s' is not an entry of low.csv",
                       text_excerpt(f[0], q, sizeof(q)));
    struct ref_low *x = &r->low[i];
    bool is_hazardous = false;
    int rc = field_flag(f[1], "hazardous", &is_hazardous, e);
    if (rc)
        return rc;
    if (is_hazardous != x->is_hazardous)
        return err_set(e, ERR_INPUT, "hazardous: disagrees with low.csv for '%s'", x->code);
    if (x->entry_type[0])
        return err_set(e, ERR_INPUT, "code: duplicate '%s'", x->code);
    for (size_t k = 0; k < sizeof(types) / sizeof(types[0]); k++) {
        if (slice_eq(f[2], types[k])) {
            /* AH and MH are the hazardous kinds */
            if ((types[k][1] == 'H') != is_hazardous)
                return err_set(e, ERR_INPUT, "entry_type: '%s' disagrees with hazardous", types[k]);
            memcpy(x->entry_type, types[k], strlen(types[k]) + 1);
            return ERR_OK;
        }
    }
    return err_set(e, ERR_INPUT, "entry_type: expected AH, ANH, MH or MNH");
}

/* --- nace.csv: code,level,parent,label_en,label_fr */

/* Checks the shape of a NACE/NAF code of a level: "A", "01", "01.1",
 * "01.11", "01.11Z". */
static bool nace_shape_ok(const char *c, int level)
{
    static const char *const shapes[] = {"A", "99", "99.9", "99.99", "99.99A"};
    const char *s = shapes[level - 1];
    if (strlen(c) != strlen(s))
        return false;
    for (size_t i = 0; s[i]; i++) {
        bool ok = s[i] == '9'   ? (c[i] >= '0' && c[i] <= '9')
                  : s[i] == 'A' ? (c[i] >= 'A' && c[i] <= 'Z')
                                : c[i] == s[i];
        if (!ok)
            return false;
    }
    return true;
}

static int nace_row(struct ref *r, const struct slice *f, struct err *e)
{
    struct ref_nace x;
    memset(&x, 0, sizeof(x));
    int rc = field_code(f[0], "code", x.code, sizeof(x.code), e);
    if (!rc)
        rc = field_level(f[1], 5, &x.level, e);
    if (rc)
        return rc;
    if (!nace_shape_ok(x.code, x.level))
        return err_set(e, ERR_INPUT, "code: '%s' is not a level-%d code", x.code, x.level);
    if (x.level == 1 && f[2].len != 0)
        return err_set(e, ERR_INPUT, "parent: a section has no parent");
    if (x.level > 1) {
        rc = field_code(f[2], "parent", x.parent, sizeof(x.parent), e);
        if (rc)
            return rc;
        uint32_t p;
        if (!ref__map_get(&r->nace_by_code, x.parent, f[2].len, &p))
            return err_set(e, ERR_INPUT, "parent: unknown code '%s' (parents come first)",
                           x.parent);
        /* below divisions the parent is a prefix: "01" < "01.1" < "01.11" < "01.11Z" */
        size_t grown = x.level == 3 ? 2 : 1;
        bool is_prefix = x.level == 2 ||
                         (f[2].len + grown == f[0].len && memcmp(x.parent, x.code, f[2].len) == 0);
        if (r->nace[p].level != x.level - 1 || !is_prefix)
            return err_set(e, ERR_INPUT, "parent: '%s' cannot be the parent of '%s'", x.parent,
                           x.code);
    }
    rc = ref__field_text(r, f[3], "label_en", REF__OPTIONAL, &x.label_en, e);
    if (!rc)
        rc = ref__field_text(r, f[4], "label_fr", REF__REQUIRED, &x.label_fr, e);
    if (!rc)
        rc = map_add(r, &r->nace_by_code, x.code, r->n_nace, "code", e);
    if (rc)
        return rc;
    x.fold_fr = fold_dup(r, x.label_fr);
    CORE_GROW(r->nace, r->cap_nace, r->n_nace + 1);
    r->nace[r->n_nace++] = x;
    return ERR_OK;
}

/* --- communes_pdl.csv */

enum {
    REF_COM_INSEE,
    REF_COM_NAME,
    REF_COM_DEP,
    REF_COM_POSTAL,
    REF_COM_POSTALS,
    REF_COM_LAT,
    REF_COM_LON,
    REF_COM_EPCI_SIREN,
    REF_COM_EPCI_NAME,
    REF_COM_EPCI_TYPE,
    REF_COM_POPULATION,
};

int ref__field_number(struct slice s, const char *field, double *out, struct err *e)
{
    char q[TEXT_EXCERPT_SIZE];
    /* parse_double's own message quotes the raw bytes: say it here */
    if (parse_double(s, out, NULL))
        return err_set(e, ERR_INPUT, "%s: '%s' is not a number", field,
                       text_excerpt(s, q, sizeof(q)));
    return ERR_OK;
}

static int field_coord(struct slice s, const char *field, double lim, double *out, struct err *e)
{
    int rc = ref__field_number(s, field, out, e);
    if (rc)
        return rc;
    if (fabs(*out) > lim)
        return err_set(e, ERR_INPUT, "%s: %g is out of range", field, *out);
    return ERR_OK;
}

/* Indexes every postal code of "44000|44100" (first commune wins). */
static int commune_postals(struct ref *r, struct ref_commune *c, size_t idx, struct err *e)
{
    const char *p = c->postal_codes;
    bool has_main = false;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        char q[TEXT_EXCERPT_SIZE];
        if (n != 5 || !is_digits(slice_from(p, n)))
            return err_set(e, ERR_INPUT, "postal_codes: '%s' is not 5 digits",
                           text_excerpt(slice_from(p, n), q, sizeof(q)));
        if (memcmp(p, c->postal_code, 5) == 0)
            has_main = true;
        const char *key = ref__arena_dup(&r->arena, p, n);
        ref__map_put(&r->commune_by_postal, key, (uint32_t)idx);
        if (!bar)
            break;
        p = bar + 1;
    }
    if (!has_main)
        return err_set(e, ERR_INPUT, "postal_codes: does not list postal_code '%s'",
                       c->postal_code);
    return ERR_OK;
}

static int commune_row(struct ref *r, const struct slice *f, struct err *e)
{
    struct ref_commune c;
    memset(&c, 0, sizeof(c));
    int rc = field_code(f[REF_COM_INSEE], "insee_code", c.insee, sizeof(c.insee), e);
    if (rc)
        return rc;
    if (f[REF_COM_INSEE].len != 5)
        return err_set(e, ERR_INPUT, "insee_code: '%s' is not 5 characters", c.insee);
    rc = field_code(f[REF_COM_DEP], "dep_code", c.dep, sizeof(c.dep), e);
    if (!rc)
        rc = field_code(f[REF_COM_POSTAL], "postal_code", c.postal_code, sizeof(c.postal_code), e);
    if (rc)
        return rc;
    if (f[REF_COM_POSTAL].len != 5 || !is_digits(f[REF_COM_POSTAL]))
        return err_set(e, ERR_INPUT, "postal_code: '%s' is not 5 digits", c.postal_code);
    rc = ref__field_text(r, f[REF_COM_NAME], "name", REF__REQUIRED, &c.name, e);
    if (!rc)
        rc = ref__field_text(r, f[REF_COM_POSTALS], "postal_codes", REF__REQUIRED, &c.postal_codes,
                             e);
    if (!rc)
        rc = field_coord(f[REF_COM_LAT], "latitude", 90, &c.pos.lat, e);
    if (!rc)
        rc = field_coord(f[REF_COM_LON], "longitude", 180, &c.pos.lon, e);
    if (rc)
        return rc;
    /* a commune may belong to no EPCI (L'Île-d'Yeu): all three empty */
    if (f[REF_COM_EPCI_SIREN].len) {
        if (f[REF_COM_EPCI_SIREN].len != 9 || !is_digits(f[REF_COM_EPCI_SIREN]))
            return err_set(e, ERR_INPUT, "epci_siren: not 9 digits");
        memcpy(c.epci_siren, f[REF_COM_EPCI_SIREN].p, 9);
        static const char *const types[] = {"CC", "CA", "CU", "METRO"};
        size_t k = 0;
        while (k < 4 && !slice_eq(f[REF_COM_EPCI_TYPE], types[k]))
            k++;
        if (k == 4)
            return err_set(e, ERR_INPUT, "epci_type: expected CC, CA, CU or METRO");
        c.epci_type = types[k];
        rc = ref__field_text(r, f[REF_COM_EPCI_NAME], "epci_name", REF__REQUIRED, &c.epci_name, e);
    } else if (f[REF_COM_EPCI_NAME].len || f[REF_COM_EPCI_TYPE].len) {
        return err_set(e, ERR_INPUT, "epci_siren: empty while epci_name or epci_type is set");
    } else {
        c.epci_name = "";
        c.epci_type = "";
    }
    if (!rc && (parse_long(f[REF_COM_POPULATION], &c.population, NULL) || c.population < 0))
        rc = err_set(e, ERR_INPUT, "population: not a count");
    if (!rc)
        rc = map_add(r, &r->commune_by_insee, c.insee, r->n_communes, "insee_code", e);
    if (!rc)
        c.fold_name = fold_dup(r, c.name);
    if (!rc)
        rc = commune_postals(r, &c, r->n_communes, e);
    if (rc)
        return rc;
    CORE_GROW(r->communes, r->cap_communes, r->n_communes + 1);
    r->communes[r->n_communes++] = c;
    return ERR_OK;
}

/* --- emission_factors.csv: key,label,value,unit,source */

static int factor_row(struct ref *r, const struct slice *f, struct err *e)
{
    struct ref_factor x;
    memset(&x, 0, sizeof(x));
    if (f[0].len == 0)
        return err_set(e, ERR_INPUT, "key: empty");
    for (size_t i = 0; i < f[0].len; i++) {
        char ch = f[0].p[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
            return err_set(e, ERR_INPUT, "key: only a-z, 0-9 and '_' allowed");
    }
    int rc = ref__field_number(f[2], "value", &x.value, e);
    if (!rc)
        rc = ref__field_text(r, f[0], "key", REF__REQUIRED, &x.key, e);
    if (!rc)
        rc = ref__field_text(r, f[1], "label", REF__REQUIRED, &x.label, e);
    if (!rc)
        rc = ref__field_text(r, f[3], "unit", REF__REQUIRED, &x.unit, e);
    if (!rc)
        rc = ref__field_text(r, f[4], "source", REF__OPTIONAL, &x.source, e);
    if (!rc && !ref__map_put(&r->factor_by_key, x.key, (uint32_t)r->n_factors))
        rc = err_set(e, ERR_INPUT, "key: duplicate '%s'", x.key);
    if (rc)
        return rc;
    CORE_GROW(r->factors, r->cap_factors, r->n_factors + 1);
    r->factors[r->n_factors++] = x;
    return ERR_OK;
}

/* Order matters: low_entry_types.csv refers to low.csv, is_cases.csv to
 * low.csv and nace.csv. */
static const struct ref_file ref_files[] = {
    {"low.csv", {"code", "level", "parent", "hazardous", "label_en", "label_fr"}, 6, low_row},
    {"low_entry_types.csv", {"code", "hazardous", "entry_type"}, 3, low_type_row},
    {"nace.csv", {"code", "level", "parent", "label_en", "label_fr"}, 5, nace_row},
    {"communes_pdl.csv",
     {"insee_code", "name", "dep_code", "postal_code", "postal_codes", "latitude", "longitude",
      "epci_siren", "epci_name", "epci_type", "population"},
     11,
     commune_row},
    {"emission_factors.csv", {"key", "label", "value", "unit", "source"}, 5, factor_row},
    {"is_cases.csv",
     {"id", "from_activity", "from_nace", "flow", "low_code", "to_activity", "to_nace", "quantity",
      "unit", "source"},
     10,
     ref__case_row},
};

/* Maps each needed column to its position in the header record. */
static int header_map(const struct ref_file *rf, const struct csv_reader *cr, size_t *pos,
                      struct err *e)
{
    for (size_t c = 0; c < rf->n_cols; c++) {
        pos[c] = SIZE_MAX;
        for (size_t k = 0; k < cr->n_fields; k++) {
            if (slice_eq(cr->fields[k], rf->cols[c])) {
                pos[c] = k;
                break;
            }
        }
        if (pos[c] == SIZE_MAX)
            return err_set(e, ERR_INPUT, "header: missing column '%s'", rf->cols[c]);
    }
    return ERR_OK;
}

/* Where the files come from: a folder or the embedded copies, except the
 * files given in memory. */
struct ref_origin {
    const char *dir;
    const struct ref_file_buf *bufs;
    size_t n_bufs;
};

static int ref_load_file(struct ref *r, const struct ref_origin *from, const struct ref_file *rf,
                         struct err *e)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = ERR_NOT_FOUND;
    for (size_t i = 0; i < from->n_bufs; i++) {
        if (strcmp(from->bufs[i].name, rf->name) == 0) {
            len = from->bufs[i].len;
            buf = xmemdupz(from->bufs[i].data, len);
            rc = ERR_OK;
            break;
        }
    }
    if (rc)
        rc = data_load(from->dir, rf->name, &buf, &len, e);
    if (rc)
        return rc;
    struct csv_reader cr;
    csv_reader_init(&cr, buf, len);
    size_t pos[REF_MAX_COLS];
    struct slice f[REF_MAX_COLS];
    bool has = false;
    rc = csv_next(&cr, &has, e);
    if (!rc && !has)
        rc = err_set(e, ERR_INPUT, "header: missing (empty file)");
    if (!rc)
        rc = header_map(rf, &cr, pos, e);
    size_t n_header = cr.n_fields;
    while (!rc) {
        rc = csv_next(&cr, &has, e);
        if (rc || !has)
            break;
        if (cr.n_fields != n_header) {
            rc = err_set(e, ERR_INPUT, "record: %zu fields, the header has %zu", cr.n_fields,
                         n_header);
            break;
        }
        for (size_t c = 0; c < rf->n_cols; c++)
            f[c] = cr.fields[pos[c]];
        rc = rf->row(r, f, e);
    }
    if (rc && rc != ERR_NOMEM)
        err_prefix(e, "%s:%zu", rf->name, cr.line);
    csv_reader_release(&cr);
    free(buf);
    return rc;
}

/* Parent index of each node, for the child links. */
static void ref_build_trees(struct ref *r)
{
    size_t n = r->n_low > r->n_nace ? r->n_low : r->n_nace;
    uint32_t *parent_of = xmallocarray(n ? n : 1, sizeof(uint32_t));
    for (size_t i = 0; i < r->n_low; i++) {
        parent_of[i] = REF__NONE;
        const char *p = r->low[i].parent;
        if (p[0])
            ref__map_get(&r->low_by_code, p, strlen(p), &parent_of[i]);
    }
    ref__tree_build(&r->low_tree, parent_of, r->n_low);
    for (size_t i = 0; i < r->n_nace; i++) {
        parent_of[i] = REF__NONE;
        const char *p = r->nace[i].parent;
        if (p[0])
            ref__map_get(&r->nace_by_code, p, strlen(p), &parent_of[i]);
    }
    ref__tree_build(&r->nace_tree, parent_of, r->n_nace);
    free(parent_of);
}

/* Bounding box of the communes plus about 10 km on each side. */
static void ref_build_region(struct ref *r)
{
    if (r->n_communes == 0) {
        r->region_min = (struct geo_point){1, 1};
        r->region_max = (struct geo_point){-1, -1}; /* empty: nothing is inside */
        return;
    }
    struct geo_point lo = r->communes[0].pos, hi = lo;
    for (size_t i = 1; i < r->n_communes; i++) {
        struct geo_point p = r->communes[i].pos;
        lo.lat = fmin(lo.lat, p.lat);
        lo.lon = fmin(lo.lon, p.lon);
        hi.lat = fmax(hi.lat, p.lat);
        hi.lon = fmax(hi.lon, p.lon);
    }
    const double margin_km = 10.0;
    double km_per_deg = GEO_EARTH_RADIUS_KM * M_PI / 180.0;
    double widest = fmax(fabs(lo.lat), fabs(hi.lat)); /* longitude degrees shrink there */
    double dlat = margin_km / km_per_deg;
    double dlon = margin_km / (km_per_deg * fmax(cos(widest * M_PI / 180.0), 0.01));
    r->region_min = (struct geo_point){lo.lat - dlat, lo.lon - dlon};
    r->region_max = (struct geo_point){hi.lat + dlat, hi.lon + dlon};
}

/* Invariants of a loaded struct ref, asserted in debug builds. */
static bool ref_ok(const struct ref *r)
{
    bool has_box = r->n_communes == 0 ||
                   (r->region_min.lat < r->region_max.lat && r->region_min.lon < r->region_max.lon);
    return r->n_low <= r->cap_low && r->low_by_code.n == r->n_low && r->n_nace <= r->cap_nace &&
           r->nace_by_code.n == r->n_nace && r->commune_by_insee.n == r->n_communes &&
           r->factor_by_key.n == r->n_factors && r->case_group_by_low.n <= r->n_low && has_box &&
           (r->n_low == 0 || r->low_tree.roots_first == 0) &&
           (r->n_nace == 0 || r->nace_tree.roots_first == 0);
}

int ref_load(struct ref **out, const char *data_dir, struct err *e)
{
    return ref_load_with(out, data_dir, NULL, 0, e);
}

int ref_load_with(struct ref **out, const char *data_dir, const struct ref_file_buf *bufs,
                  size_t n_bufs, struct err *e)
{
    const struct ref_origin from = {data_dir, bufs, n_bufs};
    *out = NULL;
    struct ref *r = xcalloc(1, sizeof(*r));
    ref__arena_init(&r->arena);
    ref__map_init(&r->low_by_code);
    ref__map_init(&r->nace_by_code);
    ref__map_init(&r->commune_by_insee);
    ref__map_init(&r->commune_by_postal);
    ref__map_init(&r->factor_by_key);
    ref__map_init(&r->case_group_by_low);
    for (size_t i = 0; i < sizeof(ref_files) / sizeof(ref_files[0]); i++) {
        int rc = ref_load_file(r, &from, &ref_files[i], e);
        if (rc) {
            ref_free(r);
            return rc;
        }
    }
    ref_build_trees(r);
    ref_build_region(r);
    ref__cases_index(r);
    assert(ref_ok(r));
    *out = r;
    return ERR_OK;
}

void ref_free(struct ref *r)
{
    if (!r)
        return;
    free(r->low);
    ref__map_release(&r->low_by_code);
    ref__tree_release(&r->low_tree);
    free(r->nace);
    ref__map_release(&r->nace_by_code);
    ref__tree_release(&r->nace_tree);
    free(r->communes);
    ref__map_release(&r->commune_by_insee);
    ref__map_release(&r->commune_by_postal);
    free(r->factors);
    ref__map_release(&r->factor_by_key);
    ref__cases_release(r);
    ref__arena_release(&r->arena);
    free(r);
}
