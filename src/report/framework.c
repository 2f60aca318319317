/* SPDX-License-Identifier: MIT */
/*
 * framework.c - the evaluation framework read from data/indicators.csv
 * (or $SYMBIOSE_DATA/indicators.csv, so a region adopts its official
 * wording without a rebuild), checked whole at start with FILE:LINE
 * errors, and the check of the values facilitators type.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FW_MAX_INDICATORS 200

static const char *const family_names[REPORT_N_FAMILIES] = {"gouvernance", "modele_economique",
                                                            "activites_resultats"};
static const char *const family_labels[REPORT_N_FAMILIES] = {"Gouvernance", "Modèle économique",
                                                             "Activités et résultats"};
static const char *const kind_names[] = {"computed", "number", "level"};

/* Metric names, by enum report_metric (REPORT_M_NONE has none). */
static const char *const metric_names[] = {
    [REPORT_M_NONE] = "",
    [REPORT_M_COMPANIES_ENGAGED] = "companies_engaged",
    [REPORT_M_FLOWS_DECLARED] = "flows_declared",
    [REPORT_M_WORKSHOPS_HELD] = "workshops_held",
    [REPORT_M_NETWORK_EVENTS_HELD] = "network_events_held",
    [REPORT_M_SUGGESTIONS_MADE] = "suggestions_made",
    [REPORT_M_SYNERGIES_STUDIED] = "synergies_studied",
    [REPORT_M_SYNERGIES_IN_PROGRESS] = "synergies_in_progress",
    [REPORT_M_SYNERGIES_IMPLEMENTED] = "synergies_implemented",
    [REPORT_M_SYNERGIES_ABANDONED] = "synergies_abandoned",
    [REPORT_M_TONNES_DIVERTED] = "tonnes_diverted",
    [REPORT_M_CO2E_AVOIDED_T] = "co2e_avoided_t",
    [REPORT_M_EUR_SAVED] = "eur_saved",
    [REPORT_M_JOBS_DECLARED] = "jobs_declared",
    [REPORT_M_POOLED_COLLECTIONS] = "pooled_collections",
    [REPORT_M_COLLECTION_KM_AVOIDED] = "collection_km_avoided",
    [REPORT_M_TRAININGS_HELD] = "trainings_held",
    [REPORT_M_TRAINING_PARTICIPANTS] = "training_participants",
    [REPORT_M_GROUP_PURCHASES] = "group_purchases",
};
#define N_METRICS (sizeof(metric_names) / sizeof(metric_names[0]))

const char *report_family_name(enum report_family f)
{
    return (unsigned)f < REPORT_N_FAMILIES ? family_names[f] : "";
}

const char *report_family_label(enum report_family f)
{
    return (unsigned)f < REPORT_N_FAMILIES ? family_labels[f] : "";
}

const char *report_kind_name(enum report_kind k)
{
    return (unsigned)k < 3 ? kind_names[k] : "";
}

enum col {
    C_ID,
    C_FAMILY,
    C_LABEL,
    C_UNIT,
    C_KIND,
    C_MANDATORY,
    C_MAX,
    C_AGGREGATE,
    C_METRIC,
    C_METHOD,
    C_LEVELS,
    C_SOURCE,
    N_COLS
};
static const char *const col_names[N_COLS] = {"id",     "family",    "label_fr",  "unit",
                                              "kind",   "mandatory", "max",       "aggregate",
                                              "metric", "method_fr", "levels_fr", "source"};

static void indicator_release(struct report_indicator *ind)
{
    free(ind->id);
    free(ind->label);
    free(ind->unit);
    free(ind->method);
    for (int k = 0; k <= REPORT_LEVEL_MAX; k++)
        free(ind->levels[k]);
    free(ind->source);
    memset(ind, 0, sizeof(*ind));
}

void report_framework_release(struct report_framework *fw)
{
    for (size_t i = 0; fw && i < fw->n; i++)
        indicator_release(&fw->ind[i]);
    if (fw) {
        free(fw->ind);
        fw->ind = NULL;
        fw->n = 0;
    }
}

long report_framework_find(const struct report_framework *fw, const char *id)
{
    for (size_t i = 0; i < fw->n; i++) {
        if (strcmp(fw->ind[i].id, id) == 0)
            return (long)i;
    }
    return -1;
}

static bool id_ok(struct slice s)
{
    if (s.len == 0 || s.len > 47)
        return false;
    for (size_t i = 0; i < s.len; i++) {
        char c = s.p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static int find_name(const char *const *names, size_t n, struct slice s)
{
    for (size_t i = 0; i < n; i++) {
        if (slice_eq(s, names[i]))
            return (int)i;
    }
    return -1;
}

/* Splits "a|b|c|d|e" into exactly five non-empty descriptors. */
static bool levels_split(struct slice s, char **out)
{
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= s.len; i++) {
        if (i < s.len && s.p[i] != '|')
            continue;
        struct slice part = slice_trim(slice_from(s.p + start, i - start));
        if (k > REPORT_LEVEL_MAX || part.len == 0)
            return false;
        out[k++] = slice_dup(part);
        start = i + 1;
    }
    return k == REPORT_LEVEL_MAX + 1;
}

/* One record into ind; line errors into errs (the record is then dropped). */
static void parse_record(const char *name, size_t line, const struct slice *f, const int *col_of,
                         struct report_indicator *ind, struct err_list *errs, size_t *n_bad)
{
    size_t before = err_list_count(errs);
#define COL(c) slice_trim(f[col_of[c]])
    char q[TEXT_EXCERPT_SIZE];
    struct slice id = COL(C_ID);
    if (!id_ok(id))
        err_list_add(errs, "%s:%zu: id: '%s' must be 1 to 47 of a-z, 0-9 and _", name, line,
                     text_excerpt(id, q, sizeof(q)));
    int fam = find_name(family_names, REPORT_N_FAMILIES, COL(C_FAMILY));
    if (fam < 0)
        err_list_add(errs,
                     "%s:%zu: family: '%s' is not gouvernance, modele_economique or "
                     "activites_resultats",
                     name, line, text_excerpt(COL(C_FAMILY), q, sizeof(q)));
    int kind = find_name(kind_names, 3, COL(C_KIND));
    if (kind < 0)
        err_list_add(errs, "%s:%zu: kind: '%s' is not computed, number or level", name, line,
                     text_excerpt(COL(C_KIND), q, sizeof(q)));
    if (COL(C_LABEL).len == 0 || !utf8_valid(COL(C_LABEL).p, COL(C_LABEL).len))
        err_list_add(errs, "%s:%zu: label_fr: must be non-empty UTF-8", name, line);
    struct slice mand = COL(C_MANDATORY);
    if (!slice_eq(mand, "0") && !slice_eq(mand, "1"))
        err_list_add(errs, "%s:%zu: mandatory: must be 0 or 1", name, line);
    struct slice agg = COL(C_AGGREGATE);
    if (!slice_eq(agg, "sum") && !slice_eq(agg, "mean"))
        err_list_add(errs, "%s:%zu: aggregate: must be sum or mean", name, line);
    double max = 0;
    struct slice smax = COL(C_MAX);
    struct err pe;
    if (kind == REPORT_KIND_NUMBER) {
        if (parse_double(smax, &max, &pe) != ERR_OK || !(max > 0))
            err_list_add(errs, "%s:%zu: max: a number needs a positive maximum", name, line);
    } else if (smax.len) {
        err_list_add(errs, "%s:%zu: max: only for kind number", name, line);
    }
    int metric = find_name(metric_names, N_METRICS, COL(C_METRIC));
    if (kind == REPORT_KIND_COMPUTED) {
        if (metric <= 0)
            err_list_add(errs, "%s:%zu: metric: '%s' is not a known computation", name, line,
                         text_excerpt(COL(C_METRIC), q, sizeof(q)));
        if (COL(C_METHOD).len == 0)
            err_list_add(errs, "%s:%zu: method_fr: a computed indicator says how", name, line);
    } else if (COL(C_METRIC).len) {
        err_list_add(errs, "%s:%zu: metric: only for kind computed", name, line);
    }
    char *levels[REPORT_LEVEL_MAX + 1] = {0};
    if (kind == REPORT_KIND_LEVEL && !levels_split(COL(C_LEVELS), levels))
        err_list_add(errs,
                     "%s:%zu: levels_fr: a level needs 5 descriptors (0 to 4) separated "
                     "by |",
                     name, line);
    else if (kind != REPORT_KIND_LEVEL && COL(C_LEVELS).len)
        err_list_add(errs, "%s:%zu: levels_fr: only for kind level", name, line);
    if (COL(C_SOURCE).len == 0)
        err_list_add(errs, "%s:%zu: source: every indicator names its source", name, line);
    if (err_list_count(errs) > before) {
        for (int k = 0; k <= REPORT_LEVEL_MAX; k++)
            free(levels[k]);
        (*n_bad)++;
        return;
    }
    ind->id = slice_dup(id);
    ind->family = (enum report_family)fam;
    ind->label = slice_dup(COL(C_LABEL));
    ind->unit = slice_dup(COL(C_UNIT));
    ind->kind = (enum report_kind)kind;
    ind->is_mandatory = slice_eq(mand, "1");
    ind->max = max;
    ind->is_mean = slice_eq(agg, "mean");
    ind->metric = (enum report_metric)(metric > 0 ? metric : 0);
    ind->method = slice_dup(COL(C_METHOD));
    for (int k = 0; k <= REPORT_LEVEL_MAX; k++)
        ind->levels[k] = levels[k];
    ind->source = slice_dup(COL(C_SOURCE));
#undef COL
}

int report_framework_parse(struct report_framework *fw, const char *name, const char *buf,
                           size_t len, struct err_list *errs, struct err *e)
{
    memset(fw, 0, sizeof(*fw));
    struct csv_reader rd;
    csv_reader_init(&rd, buf, len);
    int col_of[N_COLS];
    size_t n_bad = 0, cap = 0;
    bool has = false;
    struct err ce;
    int rc = csv_next(&rd, &has, &ce);
    if (rc || !has) {
        err_list_add(errs, "%s:1: header: %s", name, rc ? ce.msg : "empty file");
        n_bad++;
        goto out;
    }
    for (int c = 0; c < N_COLS; c++)
        col_of[c] = -1;
    for (size_t i = 0; i < rd.n_fields; i++) {
        int c = find_name(col_names, N_COLS, slice_trim(rd.fields[i]));
        char q[TEXT_EXCERPT_SIZE];
        if (c < 0 || col_of[c] >= 0) {
            err_list_add(errs, "%s:1: header: column '%s' is unknown or repeated", name,
                         text_excerpt(rd.fields[i], q, sizeof(q)));
            n_bad++;
        } else {
            col_of[c] = (int)i;
        }
    }
    for (int c = 0; c < N_COLS; c++) {
        if (col_of[c] < 0) {
            err_list_add(errs, "%s:1: header: column '%s' is missing", name, col_names[c]);
            n_bad++;
        }
    }
    if (n_bad)
        goto out;
    size_t n_header = rd.n_fields;
    for (;;) {
        rc = csv_next(&rd, &has, &ce);
        if (rc) {
            err_list_add(errs, "%s:%zu: %s", name, rd.line, ce.msg);
            n_bad++;
            continue;
        }
        if (!has)
            break;
        if (rd.n_fields == 1 && rd.fields[0].len == 0)
            continue; /* blank line */
        if (rd.n_fields != n_header) {
            err_list_add(errs, "%s:%zu: %zu fields, the header has %zu", name, rd.line, rd.n_fields,
                         n_header);
            n_bad++;
            continue;
        }
        if (fw->n >= FW_MAX_INDICATORS) {
            err_list_add(errs, "%s:%zu: more than %d indicators", name, rd.line, FW_MAX_INDICATORS);
            n_bad++;
            break;
        }
        core_grow((void **)&fw->ind, &cap, fw->n + 1, sizeof(*fw->ind));
        struct report_indicator *ind = &fw->ind[fw->n];
        memset(ind, 0, sizeof(*ind));
        parse_record(name, rd.line, rd.fields, col_of, ind, errs, &n_bad);
        if (!ind->id)
            continue;
        if (report_framework_find(fw, ind->id) >= 0) {
            err_list_add(errs, "%s:%zu: id: '%s' is repeated", name, rd.line, ind->id);
            indicator_release(ind);
            n_bad++;
            continue;
        }
        fw->n++;
    }
    if (n_bad == 0 && fw->n == 0) {
        err_list_add(errs, "%s:2: no indicator", name);
        n_bad++;
    }
out:
    csv_reader_release(&rd);
    if (n_bad) {
        report_framework_release(fw);
        return err_set(e, ERR_INPUT, "%s: %zu error(s)%s%s", name, err_list_count(errs),
                       errs->n ? ", first: " : "", errs->n ? errs->lines[0] : "");
    }
    return ERR_OK;
}

int report_framework_load(struct report_framework *fw, const char *data_dir, struct err *e)
{
    char *buf = NULL;
    size_t len = 0;
    memset(fw, 0, sizeof(*fw));
    int rc = data_load(data_dir, "indicators.csv", &buf, &len, e);
    if (rc)
        return rc;
    /* messages name the file the region edits, when it is one */
    char name[4096];
    if (!data_dir ||
        snprintf(name, sizeof(name), "%s/indicators.csv", data_dir) >= (int)sizeof(name))
        snprintf(name, sizeof(name), "indicators.csv");
    struct err_list errs;
    err_list_init(&errs, 20);
    rc = report_framework_parse(fw, name, buf, len, &errs, e);
    err_list_release(&errs);
    free(buf);
    return rc;
}

int report_value_parse(const struct report_indicator *ind, struct slice text, double *out,
                       struct err *e)
{
    char q[TEXT_EXCERPT_SIZE];
    struct slice t = slice_trim(text);
    if (ind->kind == REPORT_KIND_COMPUTED)
        return err_set(e, ERR_INPUT,
                       "%s : cet indicateur est calculé à partir des données et ne "
                       "se saisit pas",
                       ind->id);
    /* spaces group thousands in French ("12 000"): drop them */
    char buf[64];
    size_t n = 0;
    for (size_t i = 0; i < t.len && n + 1 < sizeof(buf); i++) {
        if (t.p[i] != ' ')
            buf[n++] = t.p[i];
    }
    buf[n] = '\0';
    double v = 0;
    struct err pe;
    if (t.len == 0 || t.len >= sizeof(buf) || parse_double(slice_from(buf, n), &v, &pe) != ERR_OK)
        return err_set(e, ERR_INPUT, "%s (%s) : « %s » n'est pas un nombre", ind->label, ind->id,
                       text_excerpt(t, q, sizeof(q)));
    if (v < 0)
        return err_set(e, ERR_INPUT, "%s (%s) : la valeur ne peut pas être négative", ind->label,
                       ind->id);
    if (ind->kind == REPORT_KIND_LEVEL) {
        if (v != floor(v) || v > REPORT_LEVEL_MAX)
            return err_set(e, ERR_INPUT, "%s (%s) : le niveau doit être un entier de 0 à %d",
                           ind->label, ind->id, REPORT_LEVEL_MAX);
    } else if (v > ind->max) {
        char num[48];
        numfmt_fixed(num, sizeof(num), ind->max, 0, ',', true);
        return err_set(e, ERR_INPUT, "%s (%s) : la valeur dépasse le maximum de %s %s", ind->label,
                       ind->id, num, ind->unit);
    }
    *out = v;
    return ERR_OK;
}
