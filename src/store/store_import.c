/* SPDX-License-Identifier: MIT */
/*
 * store_import.c - all-or-nothing CSV imports of organisations and flows.
 *
 * Parsing (store_import_parse_*) turns a buffer into validated rows
 * without touching the database and reports every bad row as
 * "FILE:LINE: field: reason"; applying (store_import_apply) checks the
 * rows against the database (SIRETs, territories), still collecting every
 * error, and writes only when nothing was wrong. The fuzz target drives
 * the parse half.
 */
#include "store_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Longest free-text values accepted, bytes. */
#define IMPORT_MAX_NAME 300
#define IMPORT_MAX_TEXT 4000

/* One known column: its name and whether a file must have it. */
struct import_col {
    const char *name;
    bool is_required;
};

enum org_col {
    OC_SIRET,
    OC_NAME,
    OC_NAF,
    OC_COMMUNE,
    OC_LAT,
    OC_LON,
    OC_ADDRESS,
    OC_POSTAL,
    OC_HEADCOUNT,
    OC_KIND,
    OC_TERRITORY,
    OC_COUNT
};
static const struct import_col org_cols[OC_COUNT] = {
    {"siret", true},      {"name", true},  {"naf", true},        {"commune_insee", true},
    {"lat", false},       {"lon", false},  {"address", false},   {"postal_code", false},
    {"headcount", false}, {"kind", false}, {"territory", false},
};

enum flow_col {
    FC_SIRET,
    FC_DIRECTION,
    FC_CODE,
    FC_QUANTITY,
    FC_UNIT,
    FC_FAMILY,
    FC_DESCRIPTION,
    FC_PERIOD,
    FC_HAZARDOUS,
    FC_TEMPERATURE,
    FC_AVAILABILITY,
    FC_COST,
    FC_CONFIDENTIALITY,
    FC_COUNT
};
static const struct import_col flow_cols[FC_COUNT] = {
    {"siret", true},
    {"direction", true},
    {"code", true},
    {"quantity", true},
    {"unit", true},
    {"family", false},
    {"description", false},
    {"period", false},
    {"hazardous", false},
    {"temperature_c", false},
    {"availability", false},
    {"cost_eur_per_unit", false},
    {"confidentiality", false},
};

/* A file being parsed: reader, header map and error sink. */
struct import_file {
    const char *file;
    struct csv_reader rd;
    struct err_list *errs;
    const struct import_col *cols;
    size_t n_cols;
    int *col_of_field;    /* known column index of each header field */
    size_t n_fields;      /* header fields */
    int field_of_col[16]; /* header position of each known column, -1 if absent */
    size_t n_errors;      /* errors this file added */
};

static void import_error(struct import_file *f, size_t line, const char *field, const char *fmt,
                         ...) CORE_PRINTF(4, 5);

/* Adds "FILE:LINE: field: reason" to the error list. */
static void import_error(struct import_file *f, size_t line, const char *field, const char *fmt,
                         ...)
{
    struct sb b;
    sb_init(&b, 4096);
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    err_list_add(f->errs, "%s:%zu: %s: %s", f->file, line, field, b.buf);
    sb_release(&b);
    f->n_errors++;
}

void store_import_init(struct store_import *imp, const char *file)
{
    memset(imp, 0, sizeof(*imp));
    imp->file = file;
}

void store_import_release(struct store_import *imp)
{
    if (!imp)
        return;
    for (size_t i = 0; i < imp->n_orgs; i++) {
        store_org_release(&imp->orgs[i].org);
        free(imp->orgs[i].territory);
    }
    free(imp->orgs);
    for (size_t i = 0; i < imp->n_flows; i++)
        store_flow_release(&imp->flows[i].flow);
    free(imp->flows);
    memset(imp, 0, sizeof(*imp));
}

/* Reads and checks the header. Returns false if rows cannot be read. */
static bool import_header(struct import_file *f, const char *buf, size_t len)
{
    for (size_t i = 0; i < f->n_cols; i++)
        f->field_of_col[i] = -1;
    csv_reader_init(&f->rd, buf, len);
    struct err e;
    err_init(&e);
    bool has = false;
    if (csv_next(&f->rd, &has, &e) != ERR_OK) {
        import_error(f, f->rd.line, "header", "%s", e.msg);
        return false;
    }
    if (!has) {
        import_error(f, 1, "header", "empty file");
        return false;
    }
    f->n_fields = f->rd.n_fields;
    f->col_of_field = xcalloc(f->n_fields, sizeof(int));
    bool ok = true;
    for (size_t i = 0; i < f->n_fields; i++) {
        struct slice h = slice_trim(f->rd.fields[i]);
        f->col_of_field[i] = -1;
        for (size_t c = 0; c < f->n_cols; c++) {
            if (slice_eq_nocase(h, f->cols[c].name)) {
                f->col_of_field[i] = (int)c;
                break;
            }
        }
        int c = f->col_of_field[i];
        if (!utf8_valid(h.p, h.len)) {
            import_error(f, f->rd.line, "header", "not valid UTF-8");
            ok = false;
        } else if (c < 0) {
            char q[TEXT_EXCERPT_SIZE];
            import_error(f, f->rd.line, "header", "unknown column '%s'",
                         text_excerpt(h, q, sizeof(q)));
            ok = false;
        } else if (f->field_of_col[c] >= 0) {
            import_error(f, f->rd.line, "header", "column '%s' appears twice", f->cols[c].name);
            ok = false;
        } else {
            f->field_of_col[c] = (int)i;
        }
    }
    for (size_t c = 0; c < f->n_cols; c++) {
        if (f->cols[c].is_required && f->field_of_col[c] < 0) {
            import_error(f, f->rd.line, "header", "missing required column '%s'", f->cols[c].name);
            ok = false;
        }
    }
    return ok;
}

/*
 * Reads the next data record into the reader. Returns 1 with a record
 * whose field count matches the header and whose fields are valid UTF-8,
 * 0 at end of input, -1 for a bad record (already reported).
 */
static int import_next(struct import_file *f)
{
    struct err e;
    err_init(&e);
    bool has = false;
    if (csv_next(&f->rd, &has, &e) != ERR_OK) {
        import_error(f, f->rd.line, "csv", "%s", e.msg);
        /* an unterminated quote swallows the rest of the file */
        return f->rd.pos >= f->rd.len ? 0 : -1;
    }
    if (!has)
        return 0;
    if (f->rd.n_fields != f->n_fields) {
        import_error(f, f->rd.line, "row", "%zu fields, the header has %zu", f->rd.n_fields,
                     f->n_fields);
        return -1;
    }
    for (size_t i = 0; i < f->n_fields; i++) {
        if (!utf8_valid(f->rd.fields[i].p, f->rd.fields[i].len)) {
            import_error(f, f->rd.line, f->cols[f->col_of_field[i]].name, "not valid UTF-8");
            return -1;
        }
    }
    return 1;
}

/* Value of known column c in the current record, trimmed; empty if absent. */
static struct slice import_val(const struct import_file *f, int c)
{
    int i = f->field_of_col[c];
    if (i < 0)
        return slice_from("", 0);
    return slice_trim(f->rd.fields[i]);
}

static void import_file_release(struct import_file *f)
{
    csv_reader_release(&f->rd);
    free(f->col_of_field);
}

/* Reports e's message for column c of the current line. */
static void import_field_error(struct import_file *f, int c, const struct err *e)
{
    import_error(f, f->rd.line, f->cols[c].name, "%s", e->msg);
}

/* Copies s into a fixed buffer if it fits (with its NUL). */
static bool copy_fixed(struct slice s, char *buf, size_t size)
{
    if (s.len >= size)
        return false;
    memcpy(buf, s.p, s.len);
    buf[s.len] = '\0';
    return true;
}

static bool all_digits(struct slice s)
{
    if (s.len == 0)
        return false;
    for (size_t i = 0; i < s.len; i++) {
        if (s.p[i] < '0' || s.p[i] > '9')
            return false;
    }
    return true;
}

/* Free text of column c into *out; false (reported) if longer than max. */
static bool import_text(struct import_file *f, int c, size_t max, char **out)
{
    struct slice v = import_val(f, c);
    if (v.len > max) {
        import_error(f, f->rd.line, f->cols[c].name, "longer than %zu bytes", max);
        *out = xstrdup("");
        return false;
    }
    *out = slice_dup(v);
    return true;
}

/* The SIRET of column c into out; false (reported) if invalid. */
static bool import_siret(struct import_file *f, int c, char out[15])
{
    struct err e;
    err_init(&e);
    struct slice v = import_val(f, c);
    if (siret_check(v, &e) != ERR_OK) {
        import_field_error(f, c, &e);
        return false;
    }
    return copy_fixed(v, out, 15);
}

/* Optional number of column c: *has false if empty. */
static bool import_number(struct import_file *f, int c, double *out, bool *has)
{
    struct slice v = import_val(f, c);
    *has = false;
    if (v.len == 0)
        return true;
    struct err e;
    err_init(&e);
    if (parse_double(v, out, &e) != ERR_OK) {
        import_field_error(f, c, &e);
        return false;
    }
    *has = true;
    return true;
}

/* ---------------------------------------------------------- organisations */

/* Fills o's place: commune (by INSEE or postal code) and coordinates. */
static bool org_place(struct import_file *f, const struct ref *r, struct store_org *o)
{
    struct slice insee = import_val(f, OC_COMMUNE);
    struct slice postal = import_val(f, OC_POSTAL);
    bool ok = true;
    if (postal.len && (postal.len != 5 || !all_digits(postal))) {
        import_error(f, f->rd.line, "postal_code", "not 5 digits");
        ok = false;
    } else {
        copy_fixed(postal, o->postal_code, sizeof(o->postal_code));
    }
    const struct ref_commune *com = NULL;
    if (insee.len) {
        char code[6];
        if (copy_fixed(insee, code, sizeof(code)))
            com = ref_commune_find(r, code);
        if (!com) {
            char q[TEXT_EXCERPT_SIZE];
            import_error(f, f->rd.line, "commune_insee", "unknown commune '%s'",
                         text_excerpt(insee, q, sizeof(q)));
            return false;
        }
    } else if (postal.len && ok) {
        com = ref_commune_by_postal(r, o->postal_code);
        if (!com) {
            import_error(f, f->rd.line, "postal_code", "no commune of the region has this code");
            return false;
        }
    } else {
        import_error(f, f->rd.line, "commune_insee", "empty (give it or a postal_code)");
        return false;
    }
    memcpy(o->commune_insee, com->insee, sizeof(o->commune_insee));
    double lat = 0, lon = 0;
    bool has_lat = false, has_lon = false;
    if (!import_number(f, OC_LAT, &lat, &has_lat) || !import_number(f, OC_LON, &lon, &has_lon))
        return false;
    if (has_lat != has_lon) {
        import_error(f, f->rd.line, has_lat ? "lon" : "lat", "missing (give both lat and lon)");
        return false;
    }
    if (has_lat) {
        struct geo_point p = {lat, lon};
        if (!ref_in_region(r, p)) {
            import_error(f, f->rd.line, "lat,lon", "outside the region");
            return false;
        }
        o->pos = p;
    } else {
        o->pos = com->pos;
    }
    return ok;
}

static bool org_row(struct import_file *f, const struct ref *r, struct store_import_org *row)
{
    struct store_org *o = &row->org;
    struct err e;
    err_init(&e);
    row->line = f->rd.line;
    o->headcount = -1;
    bool ok = import_siret(f, OC_SIRET, o->siret);
    struct slice v;
    ok &= import_text(f, OC_NAME, IMPORT_MAX_NAME, &o->name);
    if (o->name[0] == '\0') {
        import_error(f, f->rd.line, "name", "empty");
        ok = false;
    }
    if (ref_naf_parse(r, import_val(f, OC_NAF), o->naf, &e) != ERR_OK) {
        import_field_error(f, OC_NAF, &e);
        ok = false;
    }
    ok &= org_place(f, r, o);
    ok &= import_text(f, OC_ADDRESS, IMPORT_MAX_NAME, &o->address);
    v = import_val(f, OC_HEADCOUNT);
    if (v.len) {
        int64_t n = 0;
        if (parse_int64(v, &n, &e) != ERR_OK) {
            import_field_error(f, OC_HEADCOUNT, &e);
            ok = false;
        } else if (n < 0 || n > 1000000) {
            import_error(f, f->rd.line, "headcount", "out of range 0..1000000");
            ok = false;
        } else {
            o->headcount = n;
        }
    }
    v = import_val(f, OC_KIND);
    int kind = STORE_ORG_COMPANY;
    if (v.len && store_vocab_parse(STORE_V_ORG_KIND, v, &kind, &e) != ERR_OK) {
        import_field_error(f, OC_KIND, &e);
        ok = false;
    }
    o->kind = (enum store_org_kind)kind;
    ok &= import_text(f, OC_TERRITORY, IMPORT_MAX_NAME, &row->territory);
    return ok;
}

/* Line of an earlier row with this SIRET, 0 if none (linear: see caller). */
static int cmp_siret_line(const void *a, const void *b)
{
    const struct store_import_org *x = a, *y = b;
    int c = strcmp(x->org.siret, y->org.siret);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Reports every SIRET that appears twice among imp's organisations. */
static void org_duplicates(struct store_import *imp, struct import_file *f, size_t first)
{
    size_t n = imp->n_orgs - first;
    if (n < 2)
        return;
    struct store_import_org *sorted = xmallocarray(n, sizeof(*sorted));
    memcpy(sorted, imp->orgs + first, n * sizeof(*sorted));
    qsort(sorted, n, sizeof(*sorted), cmp_siret_line);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(sorted[i].org.siret, sorted[i - 1].org.siret) == 0) {
            size_t j = i - 1;
            while (j > 0 && strcmp(sorted[j - 1].org.siret, sorted[i].org.siret) == 0)
                j--;
            import_error(f, sorted[i].line, "siret", "duplicate of line %zu", sorted[j].line);
        }
    }
    free(sorted);
}

/* Parses one data record and appends it to imp if valid (errors reported). */
typedef void (*import_add_fn)(struct import_file *f, const struct ref *r, struct store_import *imp,
                              size_t *cap);

/* Reads the header, then every record through add; reports a file without rows. */
static void import_rows(struct import_file *f, const struct ref *r, const char *buf, size_t len,
                        struct store_import *imp, import_add_fn add)
{
    if (!import_header(f, buf, len))
        return;
    size_t cap = 0, n_rows = 0;
    int got;
    while ((got = import_next(f)) != 0) {
        n_rows++;
        if (got > 0)
            add(f, r, imp, &cap);
    }
    if (n_rows == 0)
        import_error(f, f->rd.line + 1, "file", "no rows after the header");
}

static void org_add(struct import_file *f, const struct ref *r, struct store_import *imp,
                    size_t *cap)
{
    struct store_import_org row;
    memset(&row, 0, sizeof(row));
    if (!org_row(f, r, &row)) {
        store_org_release(&row.org);
        free(row.territory);
        return;
    }
    if (*cap < imp->n_orgs)
        *cap = imp->n_orgs;
    CORE_GROW(imp->orgs, *cap, imp->n_orgs + 1);
    imp->orgs[imp->n_orgs++] = row;
}

int store_import_parse_orgs(struct store_import *imp, const struct ref *r, const char *buf,
                            size_t len, struct err_list *errs)
{
    struct import_file f = {.file = imp->file, .errs = errs, .cols = org_cols, .n_cols = OC_COUNT};
    size_t first = imp->n_orgs;
    import_rows(&f, r, buf, len, imp, org_add);
    org_duplicates(imp, &f, first);
    import_file_release(&f);
    return f.n_errors ? ERR_INPUT : ERR_OK;
}

/* ------------------------------------------------------------------ flows */

/* Normalises quantity, unit and period (core qty_normalise) into fl. */
static int import_qty_per_yr(double qty, struct slice unit, struct slice period,
                             struct store_flow *fl, struct err *e)
{
    struct qty q;
    int rc = qty_normalise(&q, qty, unit, period, e);
    if (rc)
        return rc;
    if (!copy_fixed(unit, fl->unit, sizeof(fl->unit)))
        return err_set(e, ERR_INPUT, "unit: longer than %zu bytes", sizeof(fl->unit) - 1);
    if (!copy_fixed(period, fl->period, sizeof(fl->period)))
        return err_set(e, ERR_INPUT, "period: longer than %zu bytes", sizeof(fl->period) - 1);
    copy_fixed(slice_cstr(qty_dim_unit(q.dim)), fl->base_unit, sizeof(fl->base_unit));
    fl->qty_per_yr = q.per_yr;
    return ERR_OK;
}

/* Family and canonical code from the code and family columns. */
static bool flow_code(struct import_file *f, const struct ref *r, struct store_flow *fl,
                      bool *is_low_hazardous)
{
    struct err e;
    err_init(&e);
    struct slice fam = import_val(f, FC_FAMILY);
    struct slice code = import_val(f, FC_CODE);
    int family = -1;
    if (fam.len && store_vocab_parse(STORE_V_FAMILY, fam, &family, &e) != ERR_OK) {
        import_field_error(f, FC_FAMILY, &e);
        return false;
    }
    char word[24];
    enum store_family code_fam;
    bool is_word = copy_fixed(code, word, sizeof(word)) && store_code_family(word, &code_fam);
    if (is_word) {
        if (family >= 0 && family != (int)code_fam) {
            import_error(f, f->rd.line, "code", "code '%s' belongs to family %s", word,
                         store_vocab_name(STORE_V_FAMILY, (int)code_fam));
            return false;
        }
        fl->family = code_fam;
        memcpy(fl->code, word, sizeof(word));
        *is_low_hazardous = false;
        return true;
    }
    if (family >= 0 && family != STORE_FAM_MATERIAL) {
        char q[TEXT_EXCERPT_SIZE];
        import_error(f, f->rd.line, "code", "unknown %s code '%s'",
                     store_vocab_name(STORE_V_FAMILY, family), text_excerpt(code, q, sizeof(q)));
        return false;
    }
    char low[7];
    if (ref_low_parse(r, code, low, &e) != ERR_OK) {
        import_field_error(f, FC_CODE, &e);
        return false;
    }
    const struct ref_low *entry = ref_low_find(r, low);
    fl->family = STORE_FAM_MATERIAL;
    memcpy(fl->code, low, sizeof(low));
    *is_low_hazardous = entry && entry->is_hazardous;
    return true;
}

static bool parse_bool(struct slice v, bool *out)
{
    static const char *const yes[] = {"1", "true", "yes", "oui", "y", "o"};
    static const char *const no[] = {"0", "false", "no", "non", "n"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (slice_eq_nocase(v, yes[i])) {
            *out = true;
            return true;
        }
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        if (slice_eq_nocase(v, no[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

/*
 * Availability: "continuous", "one_off", or "seasonal:M-M" / "seasonal:M,M,..."
 * (months 1-12; a range may wrap, "11-2" is November to February).
 */
static int parse_availability(struct slice v, struct store_flow *fl, struct err *e)
{
    fl->availability = STORE_AVAIL_CONTINUOUS;
    fl->months_mask = 0xFFFu;
    if (v.len == 0)
        return ERR_OK;
    const char *colon = memchr(v.p, ':', v.len);
    struct slice kind = slice_from(v.p, colon ? (size_t)(colon - v.p) : v.len);
    int k = 0;
    if (store_vocab_parse(STORE_V_AVAILABILITY, kind, &k, e) != ERR_OK)
        return ERR_INPUT;
    fl->availability = (enum store_availability)k;
    if (k != STORE_AVAIL_SEASONAL) {
        if (colon)
            return err_set(e, ERR_INPUT, "only seasonal takes months");
        return ERR_OK;
    }
    if (!colon)
        return err_set(e, ERR_INPUT, "seasonal needs months, e.g. 'seasonal:4-9'");
    unsigned mask = 0;
    const char *p = colon + 1, *end = v.p + v.len;
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *item_end = comma ? comma : end;
        const char *dash = memchr(p, '-', (size_t)(item_end - p));
        long a = 0, b = 0;
        if (parse_long(slice_from(p, (size_t)((dash ? dash : item_end) - p)), &a, NULL) ||
            (dash && parse_long(slice_from(dash + 1, (size_t)(item_end - dash - 1)), &b, NULL)))
            return err_set(e, ERR_INPUT, "months: expected M-M or M,M,...");
        if (!dash)
            b = a;
        if (a < 1 || a > 12 || b < 1 || b > 12)
            return err_set(e, ERR_INPUT, "months: out of range 1..12");
        for (long m = a;; m = m % 12 + 1) {
            mask |= 1u << (m - 1);
            if (m == b)
                break;
        }
        p = comma ? comma + 1 : end;
    }
    fl->months_mask = mask;
    return ERR_OK;
}

static bool flow_row(struct import_file *f, const struct ref *r, struct store_import_flow *row)
{
    struct store_flow *fl = &row->flow;
    struct err e;
    err_init(&e);
    row->line = f->rd.line;
    bool ok = import_siret(f, FC_SIRET, fl->siret);
    struct slice v;
    int dir = 0;
    if (store_vocab_parse(STORE_V_DIRECTION, import_val(f, FC_DIRECTION), &dir, &e) != ERR_OK) {
        import_field_error(f, FC_DIRECTION, &e);
        ok = false;
    }
    fl->direction = (enum store_direction)dir;
    bool low_hazardous = false;
    bool code_ok = flow_code(f, r, fl, &low_hazardous);
    ok &= code_ok;
    double qty = 0;
    bool has_qty = false;
    if (!import_number(f, FC_QUANTITY, &qty, &has_qty)) {
        ok = false;
    } else if (!has_qty) {
        import_error(f, f->rd.line, "quantity", "empty");
        ok = false;
    } else if (qty <= 0) {
        import_error(f, f->rd.line, "quantity", "must be positive");
        ok = false;
    }
    /* unit and period are checked even when the quantity is bad */
    if (import_qty_per_yr(qty > 0 ? qty : 1, import_val(f, FC_UNIT), import_val(f, FC_PERIOD), fl,
                          &e) != ERR_OK) {
        /* the message starts with the field ("unit ...", "period: ...") */
        err_list_add(f->errs, "%s:%zu: %s", f->file, f->rd.line, e.msg);
        f->n_errors++;
        ok = false;
    }
    fl->quantity = qty;
    v = import_val(f, FC_HAZARDOUS);
    fl->is_hazardous = low_hazardous;
    if (v.len) {
        bool h = false;
        if (!parse_bool(v, &h)) {
            import_error(f, f->rd.line, "hazardous", "expected 0/1, true/false or oui/non");
            ok = false;
        } else if (code_ok && fl->family == STORE_FAM_MATERIAL && h != low_hazardous) {
            import_error(f, f->rd.line, "hazardous", "%s",
                         low_hazardous ? "the List of Waste marks this code hazardous (*)"
                                       : "the List of Waste marks this code non-hazardous");
            ok = false;
        } else {
            fl->is_hazardous = h;
        }
    }
    double t = 0;
    if (!import_number(f, FC_TEMPERATURE, &t, &fl->has_temperature)) {
        ok = false;
    } else if (fl->has_temperature && (t < -273.15 || t > 3000)) {
        import_error(f, f->rd.line, "temperature_c", "out of range -273.15..3000");
        ok = false;
    }
    fl->temperature_c = t;
    if (parse_availability(import_val(f, FC_AVAILABILITY), fl, &e) != ERR_OK) {
        import_field_error(f, FC_AVAILABILITY, &e);
        ok = false;
    }
    if (!import_number(f, FC_COST, &fl->cost_eur_per_unit, &fl->has_cost))
        ok = false;
    v = import_val(f, FC_CONFIDENTIALITY);
    int conf = STORE_CONF_PUBLIC;
    if (v.len && store_vocab_parse(STORE_V_CONFIDENTIALITY, v, &conf, &e) != ERR_OK) {
        import_field_error(f, FC_CONFIDENTIALITY, &e);
        ok = false;
    }
    fl->confidentiality = (enum store_confidentiality)conf;
    ok &= import_text(f, FC_DESCRIPTION, IMPORT_MAX_TEXT, &fl->description);
    return ok;
}

static void flow_add(struct import_file *f, const struct ref *r, struct store_import *imp,
                     size_t *cap)
{
    struct store_import_flow row;
    memset(&row, 0, sizeof(row));
    if (!flow_row(f, r, &row)) {
        store_flow_release(&row.flow);
        return;
    }
    if (*cap < imp->n_flows)
        *cap = imp->n_flows;
    CORE_GROW(imp->flows, *cap, imp->n_flows + 1);
    imp->flows[imp->n_flows++] = row;
}

int store_import_parse_flows(struct store_import *imp, const struct ref *r, const char *buf,
                             size_t len, struct err_list *errs)
{
    struct import_file f = {.file = imp->file, .errs = errs, .cols = flow_cols, .n_cols = FC_COUNT};
    import_rows(&f, r, buf, len, imp, flow_add);
    import_file_release(&f);
    return f.n_errors ? ERR_INPUT : ERR_OK;
}

/* ------------------------------------------------------------------ apply */

/* Resolves an organisation's territory column (id or exact name). */
int store_import_org_territory(struct store *s, const struct store_import_org *row,
                               int64_t *territory_id, struct err *e)
{
    *territory_id = row->org.territory_id;
    if (!row->territory || !row->territory[0])
        return store_territory_of_commune(s, row->org.commune_insee, territory_id, e);
    struct slice t = slice_cstr(row->territory);
    if (all_digits(t)) {
        int64_t id = 0;
        if (parse_int64(t, &id, e) != ERR_OK)
            return ERR_INPUT;
        struct store_territory terr;
        int rc = store_territory_get(s, id, &terr, e);
        store_territory_release(&terr);
        if (rc == ERR_OK)
            *territory_id = id;
        return rc;
    }
    return store_territory_find(s, row->territory, territory_id, e);
}

static int apply_territory(struct store *s, struct store_import_org *row, struct err *e)
{
    return store_import_org_territory(s, row, &row->org.territory_id, e);
}

/* Line of the import's organisation with this SIRET, 0 if none. */
static size_t import_org_line(const struct store_import *imp, const char *siret)
{
    for (size_t i = 0; i < imp->n_orgs; i++) {
        if (strcmp(imp->orgs[i].org.siret, siret) == 0)
            return imp->orgs[i].line;
    }
    return 0;
}

/* A flow's SIRET and position, for sorting flows by SIRET. */
struct flow_ref {
    const char *siret;
    size_t i;
};

static int cmp_flow_ref(const void *a, const void *b)
{
    const struct flow_ref *x = a, *y = b;
    int c = strcmp(x->siret, y->siret);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/*
 * Resolves each flow's organisation: one lookup per distinct SIRET (a
 * large import names a few thousand organisations for 200,000 flows).
 * org_id stays 0 for an organisation of this same import; a SIRET known
 * nowhere is reported on every line that uses it, in line order.
 */
static int apply_flow_orgs(struct store *s, struct store_import *imp, struct err_list *errs,
                           size_t *n_bad, struct err *e)
{
    size_t n = imp->n_flows ? imp->n_flows : 1;
    struct flow_ref *order = xmallocarray(n, sizeof(*order));
    bool *unknown = xcalloc(n, sizeof(bool));
    for (size_t i = 0; i < imp->n_flows; i++) {
        order[i].siret = imp->flows[i].flow.siret;
        order[i].i = i;
    }
    qsort(order, imp->n_flows, sizeof(*order), cmp_flow_ref);
    int rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < imp->n_flows;) {
        const char *siret = order[i].siret;
        size_t j = i;
        while (j < imp->n_flows && strcmp(order[j].siret, siret) == 0)
            j++;
        int64_t id = 0;
        struct err fe;
        err_init(&fe);
        rc = store_org_find_siret(s, siret, &id, &fe);
        bool is_unknown = rc == ERR_NOT_FOUND && import_org_line(imp, siret) == 0;
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
        else if (rc)
            err_set(e, fe.code, "%s", fe.msg);
        for (size_t k = i; k < j; k++) {
            imp->flows[order[k].i].flow.org_id = id;
            unknown[order[k].i] = is_unknown;
        }
        i = j;
    }
    for (size_t i = 0; rc == ERR_OK && i < imp->n_flows; i++) {
        if (!unknown[i])
            continue;
        err_list_add(errs, "%s:%zu: siret: no organisation %s (import it first)", imp->file,
                     imp->flows[i].line, imp->flows[i].flow.siret);
        (*n_bad)++;
    }
    free(unknown);
    free(order);
    return rc;
}

int store_import_apply(struct store *s, struct store_import *imp, struct err_list *errs,
                       struct err *e)
{
    size_t n_bad = 0;
    int rc = ERR_OK;
    struct err fe;
    for (size_t i = 0; i < imp->n_orgs; i++) {
        struct store_import_org *row = &imp->orgs[i];
        int64_t id = 0;
        err_init(&fe);
        rc = store_org_find_siret(s, row->org.siret, &id, &fe);
        if (rc == ERR_OK) {
            err_list_add(errs, "%s:%zu: siret: %s is already in the database", imp->file, row->line,
                         row->org.siret);
            n_bad++;
        } else if (rc != ERR_NOT_FOUND) {
            return err_set(e, fe.code, "%s", fe.msg);
        }
        err_init(&fe);
        rc = apply_territory(s, row, &fe);
        if (rc == ERR_NOT_FOUND || rc == ERR_INPUT) {
            err_list_add(errs, "%s:%zu: territory: %s", imp->file, row->line, fe.msg);
            n_bad++;
        } else if (rc) {
            return err_set(e, fe.code, "%s", fe.msg);
        }
    }
    /* flows: the organisation exists, or comes with this import */
    rc = apply_flow_orgs(s, imp, errs, &n_bad, e);
    if (rc)
        return rc;
    /* errs may already hold the parse errors: then nothing is written either */
    if (n_bad || err_list_count(errs))
        return err_set(e, ERR_INPUT, "%zu errors, nothing imported", err_list_count(errs));

    for (size_t i = 0; i < imp->n_orgs; i++) {
        rc = store_org_insert(s, &imp->orgs[i].org, &imp->orgs[i].org.id, e);
        if (rc)
            return err_prefix(e, "%s:%zu", imp->file, imp->orgs[i].line);
    }
    const char *last_siret = "";
    int64_t last_id = 0;
    for (size_t i = 0; i < imp->n_flows; i++) {
        struct store_flow *fl = &imp->flows[i].flow;
        if (fl->org_id == 0) {
            /* an organisation of this same import */
            if (strcmp(fl->siret, last_siret) != 0) {
                rc = store_org_find_siret(s, fl->siret, &last_id, e);
                if (rc)
                    return err_prefix(e, "%s:%zu", imp->file, imp->flows[i].line);
                last_siret = fl->siret;
            }
            fl->org_id = last_id;
        }
        rc = store_flow_insert(s, fl, &fl->id, e);
        if (rc)
            return err_prefix(e, "%s:%zu", imp->file, imp->flows[i].line);
    }
    return ERR_OK;
}
