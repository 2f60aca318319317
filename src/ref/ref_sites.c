/* SPDX-License-Identifier: MIT */
/*
 * ref_sites.c - the waste treatment sites of the region
 * (data/treatment_sites.csv) and the nearest-site lookup used for the
 * baseline of the collection rounds (ref.h, section "treatment sites").
 */
#include "ref.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum site_col {
    COL_NAME,
    COL_KIND,
    COL_OPERATOR,
    COL_INSEE,
    COL_LAT,
    COL_LON,
    COL_CHAPTERS,
    COL_N
};

static const char *const col_names[COL_N] = {
    "name", "kind", "operator", "commune_insee", "lat", "lon", "low_chapters",
};
static const bool col_required[COL_N] = {true, true, false, true, true, true, true};
static const char *const kinds[] = {"sorting_centre", "energy_from_waste", "landfill", "composting",
                                    NULL};

void ref_sites_release(struct ref_sites *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->sites[i].name);
        free(s->sites[i].operator_name);
    }
    free(s->sites);
    s->sites = NULL;
    s->n = 0;
}

/* Copies a fixed-size code field made of digits only, exactly want bytes. */
static bool digits_copy(struct slice v, char *out, size_t want)
{
    if (v.len != want)
        return false;
    for (size_t i = 0; i < want; i++)
        if (v.p[i] < '0' || v.p[i] > '9')
            return false;
    memcpy(out, v.p, want);
    out[want] = '\0';
    return true;
}

static int parse_chapters(struct slice v, struct ref_site *site)
{
    size_t start = 0;
    site->n_chapters = 0;
    for (size_t i = 0; i <= v.len; i++) {
        if (i < v.len && v.p[i] != '|')
            continue;
        struct slice c = {v.p + start, i - start};
        if (site->n_chapters == REF_SITE_MAX_CHAPTERS ||
            !digits_copy(c, site->chapters[site->n_chapters], 2))
            return ERR_INPUT;
        site->n_chapters++;
        start = i + 1;
    }
    return site->n_chapters ? ERR_OK : ERR_INPUT;
}

/* Reads one row into *site; on ERR_INPUT *bad is the column at fault. */
static int parse_row(const struct csv_reader *cr, const int *col, struct ref_site *site, int *bad,
                     struct err *e)
{
    const struct slice *f = cr->fields;
    struct slice kind = f[col[COL_KIND]];
    bool is_kind = false;
    for (size_t k = 0; kinds[k]; k++)
        is_kind = is_kind || slice_eq(kind, kinds[k]);
    *bad = COL_KIND;
    if (!is_kind)
        return ERR_INPUT;
    memcpy(site->kind, kind.p, kind.len);
    site->kind[kind.len] = '\0';
    *bad = COL_NAME;
    if (f[col[COL_NAME]].len == 0 || f[col[COL_NAME]].len > 300)
        return ERR_INPUT;
    *bad = COL_INSEE;
    if (f[col[COL_INSEE]].len != 5)
        return ERR_INPUT;
    memcpy(site->insee, f[col[COL_INSEE]].p, 5);
    site->insee[5] = '\0';
    *bad = COL_LAT;
    if (parse_double(f[col[COL_LAT]], &site->pos.lat, e))
        return ERR_INPUT;
    *bad = COL_LON;
    if (parse_double(f[col[COL_LON]], &site->pos.lon, e) || !geo_point_valid(site->pos))
        return ERR_INPUT;
    *bad = COL_CHAPTERS;
    if (parse_chapters(f[col[COL_CHAPTERS]], site))
        return ERR_INPUT;
    site->name = slice_dup(f[col[COL_NAME]]);
    site->operator_name = col[COL_OPERATOR] >= 0 ? slice_dup(f[col[COL_OPERATOR]]) : xstrdup("");
    return ERR_OK;
}

/* Maps the header's columns; ERR_INPUT naming a missing required one. */
static int map_header(const char *file, const struct csv_reader *cr, int *col, struct err *e)
{
    for (int c = 0; c < COL_N; c++) {
        col[c] = -1;
        for (size_t i = 0; i < cr->n_fields; i++)
            if (slice_eq(cr->fields[i], col_names[c]))
                col[c] = (int)i;
        if (col[c] < 0 && col_required[c])
            return err_set(e, ERR_INPUT, "%s:1: %s: missing column", file, col_names[c]);
    }
    return ERR_OK;
}

int ref_sites_parse(const char *file, const char *buf, size_t len, struct ref_sites *out,
                    struct err *e)
{
    struct csv_reader cr;
    int col[COL_N];
    size_t cap = 0;
    bool has = false;
    memset(out, 0, sizeof(*out));
    csv_reader_init(&cr, buf, len);
    int rc = csv_next(&cr, &has, e);
    if (rc == ERR_OK && !has)
        rc = err_set(e, ERR_INPUT, "%s:1: empty file", file);
    else if (rc == ERR_OK)
        rc = map_header(file, &cr, col, e);
    else
        err_prefix(e, "%s:%zu", file, cr.line);
    while (rc == ERR_OK) {
        rc = csv_next(&cr, &has, e);
        if (rc) {
            err_prefix(e, "%s:%zu", file, cr.line);
            break;
        }
        if (!has)
            break;
        if (cr.n_fields == 1 && cr.fields[0].len == 0)
            continue;
        int bad = COL_NAME;
        struct ref_site site = {0};
        for (int c = 0; c < COL_N; c++)
            if (col[c] >= (int)cr.n_fields) {
                rc =
                    err_set(e, ERR_INPUT, "%s:%zu: %s: missing value", file, cr.line, col_names[c]);
                break;
            }
        if (rc)
            break;
        if (parse_row(&cr, col, &site, &bad, e)) {
            free(site.name);
            free(site.operator_name);
            char q[64];
            rc = err_set(e, ERR_INPUT, "%s:%zu: %s: invalid value '%s'", file, cr.line,
                         col_names[bad], text_excerpt(cr.fields[col[bad]], q, sizeof(q)));
            break;
        }
        CORE_GROW(out->sites, cap, out->n + 1);
        out->sites[out->n++] = site;
    }
    csv_reader_release(&cr);
    if (rc)
        ref_sites_release(out);
    return rc;
}

int ref_sites_load(const char *data_dir, struct ref_sites *out, struct err *e)
{
    char *buf = NULL;
    size_t len = 0;
    memset(out, 0, sizeof(*out));
    int rc = data_load(data_dir, "treatment_sites.csv", &buf, &len, e);
    if (rc == ERR_OK)
        rc = ref_sites_parse("treatment_sites.csv", buf, len, out, e);
    free(buf);
    return rc;
}

bool ref_site_accepts(const struct ref_site *site, const char *low_code)
{
    if (!low_code || !low_code[0] || !low_code[1])
        return false;
    for (size_t i = 0; i < site->n_chapters; i++)
        if (!memcmp(site->chapters[i], low_code, 2))
            return true;
    return false;
}

const struct ref_site *ref_sites_nearest(const struct ref_sites *s, struct geo_point p,
                                         const char *low_code, double *km)
{
    const struct ref_site *best = NULL, *any = NULL;
    double best_km = INFINITY, any_km = INFINITY;
    for (size_t i = 0; i < s->n; i++) {
        double d = geo_haversine_km(p, s->sites[i].pos);
        if (d < any_km) {
            any_km = d;
            any = &s->sites[i];
        }
        if (d < best_km && ref_site_accepts(&s->sites[i], low_code)) {
            best_km = d;
            best = &s->sites[i];
        }
    }
    if (!best) {
        best = any;
        best_km = any_km;
    }
    if (km)
        *km = best ? best_km : 0;
    return best;
}
