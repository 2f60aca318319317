/* SPDX-License-Identifier: MIT */
/*
 * store_sirene.c - the register of establishments (SIRENE) as prospects:
 * the prospects table (migration store__migration_sirene), the header and
 * row parsers of the StockEtablissement file, the streaming import and
 * the prospect reads.
 *
 * The file is read through a 1 MiB window cut at the last complete line;
 * the core CSV reader parses each window. The register never puts a
 * newline inside a field, so a record spanning lines is reported as an
 * error (it is almost always a stray quote that would swallow the rest of
 * the file). Lambert-93 coordinates go through PROJ with the axis order
 * normalised to longitude, latitude.
 */
#include "store_int.h"

#include <math.h>
#include <proj.h>
#include <stdlib.h>
#include <string.h>

/* Migration: the prospects. siret is unique; organisation_id links the
 * establishment of an enrolled organisation (never rewritten by imports). */
const char *const store__migration_sirene[] = {
    "CREATE TABLE prospects ( id INTEGER PRIMARY KEY,"
    " siret TEXT NOT NULL UNIQUE CHECK (length(siret) = 14),"
    " name TEXT NOT NULL DEFAULT '',"
    " naf TEXT NOT NULL,"
    " employee_band TEXT NOT NULL,"
    " commune_insee TEXT NOT NULL,"
    " address TEXT NOT NULL DEFAULT '',"
    " postal_code TEXT NOT NULL DEFAULT '',"
    " lat REAL NOT NULL,"
    " lon REAL NOT NULL,"
    " coord_source TEXT NOT NULL CHECK (coord_source = 'sirene' OR coord_source = 'commune'),"
    " is_public INTEGER NOT NULL CHECK (is_public = 0 OR is_public = 1),"
    " status TEXT NOT NULL CHECK (status = 'active' OR status = 'closed'),"
    " organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
    " updated_at INTEGER NOT NULL)",
    "CREATE INDEX prospects_commune ON prospects(commune_insee)",
    "CREATE INDEX prospects_naf ON prospects(naf)",
    /* estimated flows of an organisation enrolled from a prospect, until the
     * company confirms them: apart from flows so that nothing counts them */
    "CREATE TABLE flow_drafts ( id INTEGER PRIMARY KEY,"
    " organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
    " direction TEXT NOT NULL CHECK (direction = 'offer' OR direction = 'need'),"
    " family TEXT NOT NULL CHECK (family = 'material' OR family = 'energy'),"
    " code TEXT NOT NULL,"
    " qty_per_yr REAL NOT NULL CHECK (qty_per_yr > 0),"
    " unit TEXT NOT NULL CHECK (unit = 't' OR unit = 'MWh'),"
    " uncertainty_factor REAL NOT NULL CHECK (uncertainty_factor >= 1),"
    " source TEXT NOT NULL,"
    " created_at INTEGER NOT NULL)",
    "CREATE INDEX flow_drafts_organisation ON flow_drafts(organisation_id)",
    NULL,
};

/* ------------------------------------------------------------- columns */

enum sirene_col {
    SC_SIRET,
    SC_STATE,
    SC_ACTIVITY,
    SC_NOMENCLATURE,
    SC_BAND,
    SC_COMMUNE,
    SC_X,
    SC_Y,
    SC_USUAL_NAME,
    SC_SIGN,
    SC_DIFFUSION,
    SC_NUMBER,
    SC_STREET_TYPE,
    SC_STREET,
    SC_POSTAL,
    SC_COUNT
};

struct sirene_col_def {
    const char *name;
    bool is_required;
};

static const struct sirene_col_def sirene_cols[SC_COUNT] = {
    {"siret", true},
    {"etatAdministratifEtablissement", true},
    {"activitePrincipaleEtablissement", true},
    {"nomenclatureActivitePrincipaleEtablissement", true},
    {"trancheEffectifsEtablissement", true},
    {"codeCommuneEtablissement", true},
    {"coordonneeLambertAbscisseEtablissement", false},
    {"coordonneeLambertOrdonneeEtablissement", false},
    {"denominationUsuelleEtablissement", false},
    {"enseigne1Etablissement", false},
    {"statutDiffusionEtablissement", false},
    {"numeroVoieEtablissement", false},
    {"typeVoieEtablissement", false},
    {"libelleVoieEtablissement", false},
    {"codePostalEtablissement", false},
};

_Static_assert(SC_COUNT <= sizeof(((struct store_sirene_header *)0)->col) / sizeof(int),
               "store_sirene_header.col too small");

/* INSEE tranche codes and their bands (DESIGN of the register). */
static const struct {
    const char code[3];
    const char *label;
} sirene_bands[] = {
    {"NN", ""},          {"00", "0"},         {"01", "1-2"},       {"02", "3-5"},
    {"03", "6-9"},       {"11", "10-19"},     {"12", "20-49"},     {"21", "50-99"},
    {"22", "100-199"},   {"31", "200-249"},   {"32", "250-499"},   {"41", "500-999"},
    {"42", "1000-1999"}, {"51", "2000-4999"}, {"52", "5000-9999"}, {"53", "10000+"},
};

const char *store_sirene_band_label(const char *code)
{
    for (size_t i = 0; i < sizeof(sirene_bands) / sizeof(sirene_bands[0]); i++) {
        if (strcmp(sirene_bands[i].code, code) == 0)
            return sirene_bands[i].label;
    }
    return "";
}

int store_sirene_header_parse(struct store_sirene_header *h, const struct slice *f, size_t n,
                              struct err *e)
{
    for (size_t c = 0; c < SC_COUNT; c++)
        h->col[c] = -1;
    h->n_cols = n;
    for (size_t i = 0; i < n; i++) {
        struct slice name = slice_trim(f[i]);
        for (size_t c = 0; c < SC_COUNT; c++) {
            if (h->col[c] < 0 && slice_eq(name, sirene_cols[c].name))
                h->col[c] = (int)i;
        }
    }
    for (size_t c = 0; c < SC_COUNT; c++) {
        if (sirene_cols[c].is_required && h->col[c] < 0)
            return err_set(e, ERR_INPUT, "header: missing column '%s'", sirene_cols[c].name);
    }
    if ((h->col[SC_X] < 0) != (h->col[SC_Y] < 0))
        return err_set(e, ERR_INPUT, "header: missing column '%s'",
                       sirene_cols[h->col[SC_X] < 0 ? SC_X : SC_Y].name);
    return ERR_OK;
}

/* The field of column c, trimmed; empty if the file lacks the column. */
static struct slice sirene_field(const struct store_sirene_header *h, const struct slice *f,
                                 enum sirene_col c)
{
    if (h->col[c] < 0)
        return slice_from("", 0);
    return slice_trim(f[h->col[c]]);
}

/* The register writes "[ND]" for values it does not publish. */
static bool sirene_is_blank(struct slice s)
{
    return s.len == 0 || slice_eq(s, "[ND]");
}

/* Appends s to buf (of STORE_SIRENE_NAME_MAX bytes) after a space if buf
 * is not empty; ERR_INPUT if it does not fit. */
static int sirene_append(char *buf, struct slice s, const char *field, struct err *e)
{
    if (sirene_is_blank(s))
        return ERR_OK;
    size_t len = strlen(buf);
    size_t sep = len ? 1 : 0;
    if (len + sep + s.len >= STORE_SIRENE_NAME_MAX)
        return err_set(e, ERR_INPUT, "%s: longer than %d bytes", field, STORE_SIRENE_NAME_MAX - 1);
    if (sep)
        buf[len++] = ' ';
    memcpy(buf + len, s.p, s.len);
    buf[len + s.len] = '\0';
    return ERR_OK;
}

/* Lambert-93 bounds of metropolitan France with Corsica, metres. */
#define L93_X_MIN 50000.0
#define L93_X_MAX 1300000.0
#define L93_Y_MIN 6000000.0
#define L93_Y_MAX 7150000.0

static int sirene_coord(struct slice s, const char *field, double lo, double hi, double *out,
                        struct err *e)
{
    struct err pe;
    err_init(&pe);
    if (parse_double(s, out, &pe) != ERR_OK || !isfinite(*out))
        return err_set(e, ERR_INPUT, "%s: not a number", field);
    if (*out < lo || *out > hi)
        return err_set(e, ERR_INPUT, "%s: %.0f is outside metropolitan France (Lambert-93)", field,
                       *out);
    return ERR_OK;
}

static bool sirene_commune_ok(struct slice s)
{
    if (s.len != 5)
        return false;
    for (size_t i = 0; i < 5; i++) {
        char c = s.p[i];
        bool is_digit = c >= '0' && c <= '9';
        /* Corsica: 2A, 2B */
        if (!is_digit && !(i == 1 && s.p[0] == '2' && (c == 'A' || c == 'B')))
            return false;
    }
    return true;
}

static int sirene_row_fields(const struct store_sirene_header *h, const struct ref *r,
                             const struct slice *f, struct store_sirene_row *out, struct err *e)
{
    struct slice siret = sirene_field(h, f, SC_SIRET);
    if (siret_check(siret, e) != ERR_OK)
        return err_prefix(e, "siret");
    memcpy(out->siret, siret.p, 14);
    out->siret[14] = '\0';

    struct slice state = sirene_field(h, f, SC_STATE);
    if (!slice_eq(state, "A") && !slice_eq(state, "F"))
        return err_set(e, ERR_INPUT, "etatAdministratifEtablissement: expected A or F");
    out->is_active = slice_eq(state, "A");

    struct slice nom = sirene_field(h, f, SC_NOMENCLATURE);
    struct slice act = sirene_field(h, f, SC_ACTIVITY);
    out->is_nafrev2 = slice_eq(nom, "NAFRev2");
    if (out->is_nafrev2 && act.len) {
        /* a NACE class without its French sub-class letter is not a NAF code */
        if (act.len != 6 || ref_naf_parse(r, act, out->naf, e) != ERR_OK)
            return err_set(e, ERR_INPUT,
                           "activitePrincipaleEtablissement: unknown NAF rev. 2 code");
    }

    struct slice band = sirene_field(h, f, SC_BAND);
    if (band.len == 0)
        band = slice_cstr("NN");
    bool is_band = false;
    for (size_t i = 0; i < sizeof(sirene_bands) / sizeof(sirene_bands[0]); i++)
        is_band = is_band || slice_eq(band, sirene_bands[i].code);
    if (!is_band)
        return err_set(e, ERR_INPUT, "trancheEffectifsEtablissement: unknown tranche code");
    memcpy(out->band, band.p, 2);
    out->band[2] = '\0';

    struct slice commune = sirene_field(h, f, SC_COMMUNE);
    if (commune.len && !sirene_commune_ok(commune))
        return err_set(e, ERR_INPUT, "codeCommuneEtablissement: not an INSEE commune code");
    memcpy(out->commune_insee, commune.p, commune.len);
    out->commune_insee[commune.len] = '\0';

    struct slice x = sirene_field(h, f, SC_X);
    struct slice y = sirene_field(h, f, SC_Y);
    /* overseas establishments use their own projections: not Lambert-93 */
    bool is_overseas = commune.len == 0 || (commune.p[0] == '9' && commune.p[1] >= '7');
    if (!is_overseas && !sirene_is_blank(x) && !sirene_is_blank(y)) {
        if (sirene_coord(x, sirene_cols[SC_X].name, L93_X_MIN, L93_X_MAX, &out->x_m, e) ||
            sirene_coord(y, sirene_cols[SC_Y].name, L93_Y_MIN, L93_Y_MAX, &out->y_m, e))
            return ERR_INPUT;
        out->has_xy = true;
    } else if (!is_overseas && sirene_is_blank(x) != sirene_is_blank(y)) {
        return err_set(e, ERR_INPUT, "%s: given without the other coordinate",
                       sirene_cols[sirene_is_blank(x) ? SC_Y : SC_X].name);
    }

    /* O: public; P (and N in older files): the establishment asked not to
     * be published. Without the column (old files) everything was public. */
    struct slice diff = sirene_field(h, f, SC_DIFFUSION);
    out->is_public = h->col[SC_DIFFUSION] < 0 || slice_eq(diff, "O");
    if (!out->is_public)
        return ERR_OK;
    struct slice name = sirene_field(h, f, SC_USUAL_NAME);
    if (sirene_is_blank(name))
        name = sirene_field(h, f, SC_SIGN);
    if (sirene_append(out->name, name, "denominationUsuelleEtablissement", e) ||
        sirene_append(out->address, sirene_field(h, f, SC_NUMBER), "numeroVoieEtablissement", e) ||
        sirene_append(out->address, sirene_field(h, f, SC_STREET_TYPE), "typeVoieEtablissement",
                      e) ||
        sirene_append(out->address, sirene_field(h, f, SC_STREET), "libelleVoieEtablissement", e))
        return ERR_INPUT;
    struct slice postal = sirene_field(h, f, SC_POSTAL);
    if (postal.len > 5)
        return err_set(e, ERR_INPUT, "codePostalEtablissement: longer than 5 characters");
    if (!sirene_is_blank(postal)) {
        memcpy(out->postal_code, postal.p, postal.len);
        out->postal_code[postal.len] = '\0';
    }
    return ERR_OK;
}

int store_sirene_row_parse(const struct store_sirene_header *h, const struct ref *r,
                           const struct slice *f, size_t n, struct store_sirene_row *out,
                           struct err *e)
{
    memset(out, 0, sizeof(*out));
    if (n != h->n_cols)
        return err_set(e, ERR_INPUT, "%zu fields, the header has %zu", n, h->n_cols);
    for (size_t i = 0; i < n; i++) {
        if (!utf8_valid(f[i].p, f[i].len))
            return err_set(e, ERR_INPUT, "field %zu: not valid UTF-8", i + 1);
    }
    return sirene_row_fields(h, r, f, out, e);
}

/* -------------------------------------------------------------- import */

struct store_sirene_import {
    const struct ref *r;
    PJ_CONTEXT *pj_ctx;
    PJ *pj; /* EPSG:2154 -> EPSG:4326, lon/lat order */
};

int store_sirene_import_new(struct store_sirene_import **out, const struct ref *r, struct err *e)
{
    *out = NULL;
    struct store_sirene_import *imp = xcalloc(1, sizeof(*imp));
    imp->r = r;
    imp->pj_ctx = proj_context_create();
    if (!imp->pj_ctx)
        goto fail;
    /* the library reports through our errors, never on stderr */
    proj_log_level(imp->pj_ctx, PJ_LOG_NONE);
    PJ *raw = proj_create_crs_to_crs(imp->pj_ctx, "EPSG:2154", "EPSG:4326", NULL);
    if (!raw)
        goto fail;
    imp->pj = proj_normalize_for_visualization(imp->pj_ctx, raw);
    proj_destroy(raw);
    if (!imp->pj)
        goto fail;
    *out = imp;
    return ERR_OK;
fail:
    err_set(e, ERR_INTERNAL, "PROJ cannot transform Lambert-93 (EPSG:2154) to WGS 84: %s",
            imp->pj_ctx ? proj_context_errno_string(imp->pj_ctx, proj_context_errno(imp->pj_ctx))
                        : "no context");
    store_sirene_import_free(imp);
    return ERR_INTERNAL;
}

void store_sirene_import_free(struct store_sirene_import *imp)
{
    if (!imp)
        return;
    proj_destroy(imp->pj);
    proj_context_destroy(imp->pj_ctx);
    free(imp);
}

/* Rough box of metropolitan France with Corsica, degrees. */
static bool sirene_in_france(struct geo_point p)
{
    return p.lat >= 41.0 && p.lat <= 51.6 && p.lon >= -5.8 && p.lon <= 10.0;
}

static int sirene_project(struct store_sirene_import *imp, double x_m, double y_m,
                          struct geo_point *out, struct err *e)
{
    PJ_COORD c = proj_coord(x_m, y_m, 0, 0);
    PJ_COORD w = proj_trans(imp->pj, PJ_FWD, c);
    if (!isfinite(w.xy.x) || !isfinite(w.xy.y) || w.xy.x == HUGE_VAL)
        return err_set(e, ERR_INPUT, "coordinates: PROJ cannot transform (%.0f, %.0f)", x_m, y_m);
    out->lon = w.xy.x;
    out->lat = w.xy.y;
    if (!sirene_in_france(*out))
        return err_set(e, ERR_INPUT, "coordinates: (%.5f, %.5f) outside France", out->lat,
                       out->lon);
    return ERR_OK;
}

/* The sorted INSEE codes of a territory (binary search). */
struct sirene_communes {
    char (*insee)[6];
    size_t n;
};

static int sirene_insee_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

static const char sql_terr_communes[] =
    "SELECT insee FROM territory_communes WHERE territory_id = ?1 ORDER BY insee";
static const char sql_terr_exists[] = "SELECT id FROM territories WHERE id = ?1";

static int sirene_load_territory(struct store *s, int64_t id, struct sirene_communes *out,
                                 struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_terr_exists, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    store__reset(st);
    if (step == SQLITE_DONE)
        return err_set(e, ERR_NOT_FOUND, "territory %lld not found", (long long)id);
    if (step != SQLITE_ROW)
        return store__fail(s, e, "territory");
    rc = store__stmt(s, sql_terr_communes, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    size_t cap = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        core_grow((void **)&out->insee, &cap, out->n + 1, sizeof(*out->insee));
        store__col_copy(st, 0, out->insee[out->n++], sizeof(*out->insee));
    }
    store__reset(st);
    if (step != SQLITE_DONE)
        return store__fail(s, e, "territory communes");
    return ERR_OK;
}

/* State of one run. */
struct sirene_run {
    struct store_sirene_import *imp;
    struct store *s;
    const char *name;
    const struct store_sirene_opts *o;
    struct sirene_communes terr;
    struct store_sirene_stats *st;
    struct err_list *errs;
    struct store_sirene_header h;
    bool has_header;
    int64_t now;
};

static bool sirene_wanted(const struct sirene_run *run, const struct store_sirene_row *row)
{
    if (!row->commune_insee[0] || !ref_commune_find(run->imp->r, row->commune_insee))
        return false;
    if (run->o->n_deps) {
        bool is_dep = false;
        for (size_t i = 0; i < run->o->n_deps && !is_dep; i++) {
            const char *d = run->o->deps[i];
            is_dep = strncmp(row->commune_insee, d, strlen(d)) == 0;
        }
        if (!is_dep)
            return false;
    }
    if (run->o->territory_id > 0)
        return bsearch(row->commune_insee, run->terr.insee, run->terr.n, sizeof(*run->terr.insee),
                       sirene_insee_cmp) != NULL;
    return true;
}

static const char sql_prospect_find[] =
    "SELECT id, organisation_id, status FROM prospects WHERE siret = ?1";
static const char sql_prospect_insert[] =
    "INSERT INTO prospects (siret, name, naf, employee_band, commune_insee, address,"
    " postal_code, lat, lon, coord_source, is_public, status, organisation_id, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char sql_prospect_update[] =
    "UPDATE prospects SET name = ?2, naf = ?3, employee_band = ?4, commune_insee = ?5,"
    " address = ?6, postal_code = ?7, lat = ?8, lon = ?9, coord_source = ?10, is_public = ?11,"
    " status = ?12, updated_at = ?14 WHERE siret = ?1";
static const char sql_prospect_close[] =
    "UPDATE prospects SET status = 'closed', updated_at = ?2 WHERE id = ?1";
static const char sql_org_by_siret[] = "SELECT id FROM organisations WHERE siret = ?1";

/* id, enrolled organisation and status of a known prospect (id 0 if none). */
static int sirene_find(struct store *s, const char *siret, int64_t *id, int64_t *org_id,
                       bool *is_closed, struct err *e)
{
    *id = *org_id = 0;
    *is_closed = false;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_prospect_find, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, siret, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *org_id = sqlite3_column_int64(st, 1);
        *is_closed = strcmp((const char *)sqlite3_column_text(st, 2), "closed") == 0;
    }
    store__reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store__fail(s, e, "prospect lookup");
    if (*id)
        return ERR_OK;
    /* an organisation enrolled before its establishment was imported */
    rc = store__stmt(s, sql_org_by_siret, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, siret, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *org_id = sqlite3_column_int64(st, 0);
    store__reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store__fail(s, e, "organisation lookup");
    return ERR_OK;
}

static int sirene_write(struct sirene_run *run, const char *sql, const struct store_sirene_row *row,
                        struct geo_point pos, bool is_commune_pos, const char *status,
                        int64_t org_id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(run->s, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, row->siret, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, row->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, row->naf, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, row->band, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, row->commune_insee, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, row->address, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, row->postal_code, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 8, pos.lat);
    sqlite3_bind_double(st, 9, pos.lon);
    sqlite3_bind_text(st, 10, is_commune_pos ? "commune" : "sirene", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 11, row->is_public);
    sqlite3_bind_text(st, 12, status, -1, SQLITE_STATIC);
    store__bind_id(st, 13, org_id);
    sqlite3_bind_int64(st, 14, run->now);
    return store__exec(run->s, st, "prospect", e);
}

static int sirene_close(struct sirene_run *run, int64_t id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(run->s, sql_prospect_close, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, run->now);
    return store__exec(run->s, st, "prospect closure", e);
}

/* A closed establishment: closes a known prospect, flags an enrolled one. */
static int sirene_apply_closed(struct sirene_run *run, const struct store_sirene_row *row,
                               struct err *e)
{
    int64_t id, org_id;
    bool is_closed;
    int rc = sirene_find(run->s, row->siret, &id, &org_id, &is_closed, e);
    if (rc)
        return rc;
    if (is_closed || (id == 0 && org_id == 0)) {
        run->st->n_skipped_closed++;
        return ERR_OK;
    }
    if (id == 0) {
        /* enrolled but never imported: keep the closure beside it */
        const struct ref_commune *c = ref_commune_find(run->imp->r, row->commune_insee);
        rc = sirene_write(run, sql_prospect_insert, row, c->pos, true, "closed", org_id, e);
    } else {
        rc = sirene_close(run, id, e);
    }
    if (rc == ERR_OK && org_id) {
        run->st->n_enrolled_closed++;
        rc = store_audit_add(run->s, 0, "sirene_closed", "organisation", org_id, "", "", e);
    } else if (rc == ERR_OK) {
        run->st->n_closed++;
    }
    return rc;
}

/* A kept row: its position, then insert or update. Row errors (PROJ,
 * outside France) go to errs with line; database errors are returned. */
static int sirene_apply(struct sirene_run *run, const struct store_sirene_row *row, size_t line,
                        struct err *e)
{
    if (!row->is_active)
        return sirene_apply_closed(run, row, e);
    struct geo_point pos;
    bool is_commune_pos = !row->has_xy || !row->is_public;
    if (is_commune_pos) {
        pos = ref_commune_find(run->imp->r, row->commune_insee)->pos;
    } else {
        struct err re;
        err_init(&re);
        if (sirene_project(run->imp, row->x_m, row->y_m, &pos, &re) != ERR_OK) {
            err_list_add(run->errs, "%s:%zu: %s", run->name, line, re.msg);
            return ERR_OK;
        }
    }
    if (err_list_count(run->errs))
        return ERR_OK; /* nothing will be written: checking only */
    int64_t id, org_id;
    bool is_closed;
    int rc = sirene_find(run->s, row->siret, &id, &org_id, &is_closed, e);
    if (rc)
        return rc;
    if (org_id) {
        run->st->n_enrolled_kept++;
        if (id)
            return ERR_OK;
        return sirene_write(run, sql_prospect_insert, row, pos, is_commune_pos, "active", org_id,
                            e);
    }
    run->st->n_commune_coords += is_commune_pos;
    if (id) {
        run->st->n_updated++;
        return sirene_write(run, sql_prospect_update, row, pos, is_commune_pos, "active", 0, e);
    }
    run->st->n_added++;
    return sirene_write(run, sql_prospect_insert, row, pos, is_commune_pos, "active", 0, e);
}

/* One record of the file. */
static int sirene_record(struct sirene_run *run, const struct slice *f, size_t n, size_t line,
                         struct err *e)
{
    struct err re;
    err_init(&re);
    if (!run->has_header) {
        run->has_header = true;
        if (store_sirene_header_parse(&run->h, f, n, &re) != ERR_OK) {
            err_list_add(run->errs, "%s:%zu: %s", run->name, line, re.msg);
            return err_set(e, ERR_INPUT, "%s:%zu: %s", run->name, line, re.msg);
        }
        return ERR_OK;
    }
    run->st->n_rows++;
    struct store_sirene_row row;
    if (store_sirene_row_parse(&run->h, run->imp->r, f, n, &row, &re) != ERR_OK) {
        err_list_add(run->errs, "%s:%zu: %s", run->name, line, re.msg);
        return ERR_OK;
    }
    if (!row.is_nafrev2 || (row.is_active && !row.naf[0])) {
        run->st->n_skipped_naf++;
        return ERR_OK;
    }
    if (!sirene_wanted(run, &row)) {
        run->st->n_skipped_outside++;
        return ERR_OK;
    }
    return sirene_apply(run, &row, line, e);
}

/* Parses buf[0..len) (whole lines) whose first line is first_line. */
static int sirene_window(struct sirene_run *run, const char *buf, size_t len, size_t first_line,
                         struct err *e)
{
    struct csv_reader cr;
    csv_reader_init(&cr, buf, len);
    int rc = ERR_OK;
    for (;;) {
        bool has = false;
        struct err re;
        err_init(&re);
        if (csv_next(&cr, &has, &re) != ERR_OK) {
            err_list_add(run->errs, "%s:%zu: %s", run->name, first_line + cr.line - 1, re.msg);
            if (!run->has_header) {
                rc = err_set(e, ERR_INPUT, "%s:%zu: %s", run->name, first_line + cr.line - 1,
                             re.msg);
                break;
            }
            continue;
        }
        if (!has)
            break;
        size_t line = first_line + cr.line - 1;
        /* next_line is past the record's end of line unless the input ended */
        size_t end_line =
            cr.pos >= cr.len && buf[len - 1] != '\n' ? cr.next_line : cr.next_line - 1;
        if (end_line > cr.line) {
            err_list_add(run->errs, "%s:%zu: quoted field spans %zu lines (newline inside quotes)",
                         run->name, line, end_line - cr.line + 1);
            if (!run->has_header) {
                rc = err_set(e, ERR_INPUT, "%s:%zu: newline inside quotes in the header", run->name,
                             line);
                break;
            }
            continue;
        }
        rc = sirene_record(run, cr.fields, cr.n_fields, line, e);
        if (rc)
            break;
    }
    csv_reader_release(&cr);
    return rc;
}

#define SIRENE_WINDOW (1024 * 1024)

static size_t sirene_count_lines(const char *p, size_t n)
{
    size_t k = 0;
    const char *end = p + n;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        k++;
        p++;
    }
    return k;
}

int store_sirene_import_run(struct store_sirene_import *imp, struct store *s, FILE *f,
                            const char *name, const struct store_sirene_opts *o,
                            struct store_sirene_stats *stats, struct err_list *errs, struct err *e)
{
    memset(stats, 0, sizeof(*stats));
    struct sirene_run run = {
        .imp = imp,
        .s = s,
        .name = name,
        .o = o,
        .st = stats,
        .errs = errs,
        .now = store__now(),
    };
    char *buf = xmalloc(SIRENE_WINDOW);
    size_t have = 0;
    size_t line = 1;
    int rc = ERR_OK;
    if (o->territory_id > 0) {
        rc = sirene_load_territory(s, o->territory_id, &run.terr, e);
        if (rc)
            goto out;
    }
    for (;;) {
        size_t got = fread(buf + have, 1, SIRENE_WINDOW - have, f);
        have += got;
        bool is_eof = got == 0;
        if (is_eof && ferror(f)) {
            rc = err_set(e, ERR_IO, "%s: read error", name);
            goto out;
        }
        if (have == 0)
            break;
        /* whole lines only, except at the end of the file */
        const char *nl = NULL;
        for (size_t i = have; i > 0 && !nl; i--) {
            if (buf[i - 1] == '\n')
                nl = buf + i - 1;
        }
        size_t take = nl ? (size_t)(nl - buf) + 1 : 0;
        if (is_eof)
            take = have;
        if (take == 0) {
            if (have < SIRENE_WINDOW)
                continue;
            err_list_add(errs, "%s:%zu: line longer than %d bytes", name, line, SIRENE_WINDOW);
            rc = err_set(e, ERR_INPUT, "%s:%zu: line longer than %d bytes", name, line,
                         SIRENE_WINDOW);
            goto out;
        }
        rc = sirene_window(&run, buf, take, line, e);
        if (rc)
            goto out;
        line += sirene_count_lines(buf, take);
        memmove(buf, buf + take, have - take);
        have -= take;
        if (is_eof)
            break;
    }
    if (!run.has_header) {
        err_list_add(errs, "%s:1: empty file: no header", name);
        rc = err_set(e, ERR_INPUT, "%s:1: empty file: no header", name);
    }
out:
    free(run.terr.insee);
    free(buf);
    return rc;
}

/* --------------------------------------------------------------- reads */

static const char sql_prospect_all[] =
    "SELECT id, siret, name, naf, employee_band, commune_insee, address, postal_code, lat, lon,"
    " coord_source, is_public, status, organisation_id FROM prospects ORDER BY siret";
static const char sql_prospect_terr[] =
    "SELECT p.id, p.siret, p.name, p.naf, p.employee_band, p.commune_insee, p.address,"
    " p.postal_code, p.lat, p.lon, p.coord_source, p.is_public, p.status, p.organisation_id"
    " FROM prospects p JOIN territory_communes t ON t.insee = p.commune_insee"
    " WHERE t.territory_id = ?1 ORDER BY p.siret";

static void prospect_read(sqlite3_stmt *st, struct store_prospect *p)
{
    memset(p, 0, sizeof(*p));
    p->id = sqlite3_column_int64(st, 0);
    store__col_copy(st, 1, p->siret, sizeof(p->siret));
    store__col_copy(st, 2, p->name, sizeof(p->name));
    store__col_copy(st, 3, p->naf, sizeof(p->naf));
    store__col_copy(st, 4, p->band, sizeof(p->band));
    store__col_copy(st, 5, p->commune_insee, sizeof(p->commune_insee));
    store__col_copy(st, 6, p->address, sizeof(p->address));
    store__col_copy(st, 7, p->postal_code, sizeof(p->postal_code));
    p->pos.lat = sqlite3_column_double(st, 8);
    p->pos.lon = sqlite3_column_double(st, 9);
    const unsigned char *src = sqlite3_column_text(st, 10);
    p->is_commune_pos = src && strcmp((const char *)src, "commune") == 0;
    p->is_public = sqlite3_column_int(st, 11) != 0;
    const unsigned char *status = sqlite3_column_text(st, 12);
    p->is_closed = status && strcmp((const char *)status, "closed") == 0;
    p->org_id = store__col_id(st, 13);
}

int store_prospect_each(struct store *s, int64_t territory_id, store_prospect_fn fn, void *ctx,
                        struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, territory_id > 0 ? sql_prospect_terr : sql_prospect_all, &st, e);
    if (rc)
        return rc;
    if (territory_id > 0)
        sqlite3_bind_int64(st, 1, territory_id);
    struct store_prospect *p = xmalloc(sizeof(*p));
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        prospect_read(st, p);
        rc = fn(p, ctx, e);
        if (rc)
            break;
    }
    if (rc == ERR_OK && step != SQLITE_DONE)
        rc = store__fail(s, e, "prospect list");
    store__reset(st);
    free(p);
    return rc;
}

/* ----------------------------------------------------------- enrolment */

static const char sql_prospect_by_siret[] =
    "SELECT id, siret, name, naf, employee_band, commune_insee, address, postal_code, lat, lon,"
    " coord_source, is_public, status, organisation_id FROM prospects WHERE siret = ?1";
static const char sql_prospect_link[] =
    "UPDATE prospects SET organisation_id = ?2, updated_at = ?3 WHERE id = ?1";
static const char sql_draft_insert[] =
    "INSERT INTO flow_drafts (organisation_id, direction, family, code, qty_per_yr, unit,"
    " uncertainty_factor, source, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_draft_count[] = "SELECT count(*) FROM flow_drafts WHERE organisation_id = ?1";

int store_prospect_get(struct store *s, const char *siret, struct store_prospect *out,
                       struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_prospect_by_siret, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, siret, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        prospect_read(st, out);
    store__reset(st);
    if (step == SQLITE_DONE)
        return err_set(e, ERR_NOT_FOUND, "prospect %s not found", siret);
    if (step != SQLITE_ROW)
        return store__fail(s, e, "prospect");
    return ERR_OK;
}

static int draft_insert(struct store *s, int64_t org_id, const struct store_flow_draft *d,
                        int64_t now, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_draft_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_text(st, 2, d->is_offer ? "offer" : "need", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, d->is_heat ? "energy" : "material", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, d->code, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 5, d->qty_per_yr);
    sqlite3_bind_text(st, 6, d->is_heat ? "MWh" : "t", -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 7, d->uncertainty_factor);
    sqlite3_bind_text(st, 8, d->source, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, now);
    return store__exec(s, st, "flow draft", e);
}

int store_prospect_enrol(struct store *s, const char *siret, int64_t territory_id,
                         const struct store_flow_draft *drafts, size_t n_drafts, int64_t *org_id,
                         struct err *e)
{
    *org_id = 0;
    struct store_prospect *p = xmalloc(sizeof(*p));
    char name[64];
    int rc = store_prospect_get(s, siret, p, e);
    if (rc)
        goto out;
    if (p->is_closed || p->org_id) {
        rc = err_set(e, ERR_CONFLICT, "prospect %s is %s", siret,
                     p->is_closed ? "closed" : "already enrolled");
        goto out;
    }
    int len = snprintf(name, sizeof(name), "Établissement %s", p->siret);
    if (len < 0 || (size_t)len >= sizeof(name)) {
        rc = err_set(e, ERR_INTERNAL, "enrolment: name too long");
        goto out;
    }
    struct store_org o = {
        .name = p->name[0] ? p->name : name,
        .kind = STORE_ORG_COMPANY,
        .address = p->address,
        .pos = p->pos,
        .headcount = -1,
        .territory_id = territory_id,
    };
    memcpy(o.siret, p->siret, sizeof(o.siret));
    memcpy(o.naf, p->naf, sizeof(o.naf));
    memcpy(o.postal_code, p->postal_code, sizeof(o.postal_code));
    memcpy(o.commune_insee, p->commune_insee, sizeof(o.commune_insee));
    rc = store_org_insert(s, &o, org_id, e);
    if (rc)
        goto out;
    sqlite3_stmt *st = NULL;
    int64_t now = store__now();
    rc = store__stmt(s, sql_prospect_link, &st, e);
    if (rc)
        goto out;
    sqlite3_bind_int64(st, 1, p->id);
    sqlite3_bind_int64(st, 2, *org_id);
    sqlite3_bind_int64(st, 3, now);
    rc = store__exec(s, st, "prospect link", e);
    for (size_t i = 0; rc == ERR_OK && i < n_drafts; i++)
        rc = draft_insert(s, *org_id, &drafts[i], now, e);
out:
    free(p);
    return rc;
}

int store_flow_draft_count(struct store *s, int64_t org_id, size_t *n, struct err *e)
{
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_draft_count, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(st, 0);
    store__reset(st);
    return step == SQLITE_ROW ? ERR_OK : store__fail(s, e, "flow drafts");
}

/* ---------------------------------------------------------- draft flows */

static const char sql_draft_list[] =
    "SELECT id, organisation_id, direction, family, code, qty_per_yr, uncertainty_factor, source"
    " FROM flow_drafts WHERE organisation_id = ?1 ORDER BY id";
static const char sql_draft_get[] =
    "SELECT id, organisation_id, direction, family, code, qty_per_yr, uncertainty_factor, source"
    " FROM flow_drafts WHERE id = ?1";
static const char sql_draft_delete[] = "DELETE FROM flow_drafts WHERE id = ?1";
static const char sql_prospect_in_territory[] =
    "SELECT 1 FROM prospects p JOIN territory_communes t ON t.insee = p.commune_insee"
    " WHERE p.siret = ?1 AND t.territory_id = ?2";

/* Copies a TEXT column into a fixed array, truncating (the schema's codes
 * and sources are shorter than the arrays). */
static void draft_text(sqlite3_stmt *st, int i, char *dst, size_t size)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    size_t n = v ? strlen((const char *)v) : 0;
    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(dst, v, n);
    dst[n] = '\0';
}

static void draft_read(sqlite3_stmt *st, void *out)
{
    struct store_flow_draft *d = out;
    memset(d, 0, sizeof(*d));
    d->id = sqlite3_column_int64(st, 0);
    d->org_id = sqlite3_column_int64(st, 1);
    const unsigned char *dir = sqlite3_column_text(st, 2);
    const unsigned char *fam = sqlite3_column_text(st, 3);
    d->is_offer = dir && strcmp((const char *)dir, "offer") == 0;
    d->is_heat = fam && strcmp((const char *)fam, "energy") == 0;
    draft_text(st, 4, d->code, sizeof(d->code));
    d->qty_per_yr = sqlite3_column_double(st, 5);
    d->uncertainty_factor = sqlite3_column_double(st, 6);
    draft_text(st, 7, d->source, sizeof(d->source));
}

int store_flow_draft_list(struct store *s, int64_t org_id, struct store_flow_draft **out, size_t *n,
                          struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_draft_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    void *rows = NULL;
    rc = store__rows(s, st, sizeof(**out), draft_read, &rows, n, "flow drafts", e);
    if (rc) {
        free(rows);
        *n = 0;
        return rc;
    }
    *out = rows;
    return ERR_OK;
}

int store_flow_draft_get(struct store *s, int64_t id, struct store_flow_draft *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    return store__get(s, sql_draft_get, id, draft_read, out, "flow draft", e);
}

int store_flow_draft_delete(struct store *s, int64_t id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_draft_delete, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = store__exec(s, st, "flow draft", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "flow draft %lld not found", (long long)id);
    return rc;
}

int store_prospect_in_territory(struct store *s, const char *siret, int64_t territory_id,
                                bool *is_in, struct err *e)
{
    *is_in = false;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_prospect_in_territory, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, siret, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, territory_id);
    int step = sqlite3_step(st);
    *is_in = step == SQLITE_ROW;
    store__reset(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? ERR_OK : store__fail(s, e, "prospect");
}
