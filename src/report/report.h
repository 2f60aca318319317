/* SPDX-License-Identifier: MIT */
/*
 * report.h - the public header of the report module: the yearly
 * evaluation of the territories and the documents made from it.
 *
 * - The framework (data/indicators.csv): every indicator with its family,
 *   French label, unit, kind (computed from the data, entered as a number,
 *   entered as a 0-4 level with a French descriptor per level), whether it
 *   is mandatory to close a year, and how the region aggregates it.
 * - The evaluation (report_eval): every indicator per territory and year,
 *   computed ones from one aggregate query per year (store_eval_computed),
 *   entered ones from the store; regional figures are the aggregation of
 *   the territories' (so the sum over territories equals the region); the
 *   potential of the open synergies counts each offer once, as the exact
 *   allocation (optim_allocate) gives it.
 * - The documents: PDF (cairo) and XLSX (libxlsxwriter).
 *
 * Dependencies: core, ref, store, network, engine, optim. Sits below http
 * and cli, which both produce the same evaluation and documents.
 */
#ifndef SYMBIOSE_REPORT_H
#define SYMBIOSE_REPORT_H

#include "core/core.h"
#include "network/network.h"
#include "ref/ref.h"
#include "store/store.h"

/* ------------------------------------------------------------- framework */

enum report_family {
    REPORT_FAM_GOVERNANCE,
    REPORT_FAM_ECONOMIC,
    REPORT_FAM_ACTIVITIES,
};
#define REPORT_N_FAMILIES 3

enum report_kind {
    REPORT_KIND_COMPUTED,
    REPORT_KIND_NUMBER,
    REPORT_KIND_LEVEL, /* an integer 0..REPORT_LEVEL_MAX */
};
#define REPORT_LEVEL_MAX 4

/* What a computed indicator reads from struct store_eval_computed. */
enum report_metric {
    REPORT_M_NONE,
    REPORT_M_COMPANIES_ENGAGED,
    REPORT_M_FLOWS_DECLARED,
    REPORT_M_WORKSHOPS_HELD,
    REPORT_M_NETWORK_EVENTS_HELD,
    REPORT_M_SUGGESTIONS_MADE,
    REPORT_M_SYNERGIES_STUDIED,
    REPORT_M_SYNERGIES_IN_PROGRESS,
    REPORT_M_SYNERGIES_IMPLEMENTED,
    REPORT_M_SYNERGIES_ABANDONED,
    REPORT_M_TONNES_DIVERTED,
    REPORT_M_CO2E_AVOIDED_T,
    REPORT_M_EUR_SAVED,
    REPORT_M_JOBS_DECLARED,
    REPORT_M_POOLED_COLLECTIONS,
    REPORT_M_COLLECTION_KM_AVOIDED,
    REPORT_M_TRAININGS_HELD,
    REPORT_M_TRAINING_PARTICIPANTS,
    REPORT_M_GROUP_PURCHASES,
};

struct report_indicator {
    char *id; /* [a-z0-9_], unique */
    enum report_family family;
    char *label; /* French */
    char *unit;  /* French */
    enum report_kind kind;
    bool is_mandatory;                  /* needed to close a year */
    double max;                         /* numbers: largest accepted value (always >= 0) */
    bool is_mean;                       /* the region takes the mean of territories, else the sum */
    enum report_metric metric;          /* computed ones */
    char *method;                       /* computed ones: how, in French */
    char *levels[REPORT_LEVEL_MAX + 1]; /* level ones: French descriptors */
    char *source;                       /* keys of data/SOURCES.md, ';'-separated */
};

struct report_framework {
    struct report_indicator *ind;
    size_t n;
};

/*
 * report_framework_parse - reads an indicators CSV (name is used in
 * messages). All or nothing: every bad line is reported in errs as
 * "NAME:LINE: column: reason" and ERR_INPUT returned; fw is left empty.
 * Release with report_framework_release.
 */
int report_framework_parse(struct report_framework *fw, const char *name, const char *buf,
                           size_t len, struct err_list *errs, struct err *e);
/* indicators.csv from data_dir (NULL: the embedded copy), parsed as
 * above; the first line errors are copied into e's message. */
int report_framework_load(struct report_framework *fw, const char *data_dir, struct err *e);
void report_framework_release(struct report_framework *fw);
/* Index of indicator id, or -1. */
long report_framework_find(const struct report_framework *fw, const char *id);

const char *report_family_name(enum report_family f);  /* "gouvernance", ... */
const char *report_family_label(enum report_family f); /* "Gouvernance", ... (French) */
const char *report_kind_name(enum report_kind k);      /* "computed", "number", "level" */

/*
 * report_value_parse - checks a value typed for indicator ind (text as
 * received: "12000", "2,5", "3"): ERR_INPUT with a French message naming
 * the indicator when it is computed, not a number, negative, above its
 * maximum, or not an integer level 0..4. *out is the value.
 */
int report_value_parse(const struct report_indicator *ind, struct slice text, double *out,
                       struct err *e);

/* ------------------------------------------------------------ evaluation */

struct report_territory {
    int64_t id;
    char *name;
    char stage[24];
};

/* Potential of the open substitution synergies of a territory: the exact
 * allocation's tonnes, euros and t CO2e per year (each offer once). */
struct report_potential {
    double t, eur, co2e_t;
    int64_t n_synergies; /* synergies the allocation keeps */
};

/*
 * An evaluation: territories x years x indicators. v[] is NAN where an
 * entered value is missing. Only what the caller loaded (one territory, or
 * all) is here; regional figures are computed from it.
 */
struct report_eval {
    const struct report_framework *fw; /* borrowed */
    int year_from, year_to;            /* inclusive */
    size_t n_years;
    struct report_territory *terr;
    size_t n_terr;
    double *v;                          /* [(t * n_years + y) * fw->n + i] */
    int64_t *entered_by;                /* same index; 0 for computed / missing */
    char (*entered_by_email)[128];      /* same index */
    bool *is_closed;                    /* [t * n_years + y] */
    struct store_eval_computed *raw;    /* [t * n_years + y]: the computed rows */
    struct report_potential *potential; /* [t]: at the time of the evaluation */
    bool has_potential;
};

/* Options of report_eval_build. */
struct report_eval_opts {
    int year_from, year_to; /* to 2000..2100, from >= 1996 (curves), from <= to, at most 30 years */
    int64_t territory_id;   /* 0: every territory */
    int64_t org_id;         /* > 0: only what this organisation takes part in */
    bool with_potential;    /* run the exact allocation of the open synergies */
    bool is_all_time;       /* one column, year 0: everything up to now (years ignored) */
};

/*
 * report_eval_build - fills ev (release with report_eval_release) from
 * the store. ERR_NOT_FOUND for an unknown territory, ERR_INPUT for bad
 * years. Only reads.
 */
int report_eval_build(struct store *s, const struct report_framework *fw,
                      const struct report_eval_opts *o, struct report_eval *ev, struct err *e);
void report_eval_release(struct report_eval *ev);

/* Keeps only the territories whose id is in ids (n of them), in order:
 * regional figures then cover exactly those (a facilitator's territories). */
void report_eval_keep(struct report_eval *ev, const int64_t *ids, size_t n);

/* The value of indicator i, territory t, year index y (NAN if missing). */
double report_eval_value(const struct report_eval *ev, size_t t, size_t y, size_t i);
/* The regional value: sum (or mean of the known values) over the loaded
 * territories; NAN when no territory has it. */
double report_eval_region(const struct report_eval *ev, size_t y, size_t i);
/* Index of territory id in ev, or -1. */
long report_eval_find(const struct report_eval *ev, int64_t territory_id);
/* Year index of year, or -1. */
long report_eval_year(const struct report_eval *ev, int year);
/* Time span of a year, unix seconds (UTC): [*from, *to). */
void report_year_span(int year, int64_t *from, int64_t *to);

/*
 * Mandatory entered indicators missing for territory t, year index y:
 * their ids, comma-separated, into b (empty when the year can be closed).
 * Returns how many are missing.
 */
size_t report_eval_missing(const struct report_eval *ev, size_t t, size_t y, struct sb *b);

/*
 * Radar of one family: one axis per indicator of the family, each value
 * in 0..1 (a level over 4; a number or computed value over the largest
 * value of that indicator among the loaded territories and years, so that
 * territories compare on one scale). out has room for fw->n values; returns
 * the number of axes and fills idx with their indicator indexes. t = -1
 * gives the region.
 */
size_t report_eval_radar(const struct report_eval *ev, long t, size_t y, enum report_family fam,
                         double *out, size_t *idx);
/* Maturity 0..4: the mean of the entered levels of t (-1: the region) in
 * year y, NAN without any. */
double report_eval_maturity(const struct report_eval *ev, long t, size_t y);
/* French name of a maturity (0..4), "non évaluée" for NAN. */
const char *report_maturity_label(double m);

/* ------------------------------------------------------------- documents */

/* What the reader of a document may see of the organisations. */
enum report_reader {
    REPORT_READER_FULL,      /* every name (the command line, run by the database's holder) */
    REPORT_READER_TERRITORY, /* names of the document's territory only (its facilitators) */
    REPORT_READER_ANONYMOUS, /* activity and commune only (the region, observers, funders) */
};

/* A document: one territory (territory_id) or the region (0), one year. */
struct report_doc {
    struct store *s;
    const struct ref *r; /* activity labels and communes of anonymised rows (may be NULL) */
    const struct report_eval *ev;
    int64_t territory_id; /* 0: the region, one page per territory */
    int year;
    enum report_reader reader;
    const struct network_anon *anon; /* k-anonymous labels of organisations the reader
                                        does not see by name (NULL: division and commune) */
};

/* The document's year index in d->ev (*yi) and territory index (*t, -1
 * for the region). ERR_INPUT for a year outside the evaluation,
 * ERR_NOT_FOUND for a territory not in it. */
int report_doc_locate(const struct report_doc *d, long *yi, long *t, struct err *e);

/* Writes the PDF (A4, French) to path. ERR_IO names the file. */
int report_pdf_write(const struct report_doc *d, const char *path, struct err *e);
/* Writes the XLSX workbook to path. ERR_IO names the file. */
int report_xlsx_write(const struct report_doc *d, const char *path, struct err *e);

enum report_format {
    REPORT_FORMAT_PDF,
    REPORT_FORMAT_XLSX,
};
#define REPORT_YEARS_SHOWN 5 /* the curves show the year and the four before */

/*
 * report_write - builds the evaluation of territory_id (0: the region)
 * for the REPORT_YEARS_SHOWN years ending with `year`, with the potential
 * of the open synergies, and writes the document to path. r may be NULL.
 * ERR_NOT_FOUND for an unknown territory, ERR_INPUT for a bad year, ERR_IO.
 */
int report_write(struct store *s, const struct ref *r, const struct report_framework *fw,
                 int64_t territory_id, int year, enum report_format format,
                 enum report_reader reader, const char *path, struct err *e);

/*
 * report_values_csv / report_values_json - the framework's yearly values
 * of the loaded territories for the national platform's import: one row
 * per territory, year and indicator (id, family, label, unit, kind, value,
 * entered_by for entered ones, closed). CSV cells go through the
 * formula-neutralising writer. Appends to b.
 */
void report_values_csv(const struct report_eval *ev, struct sb *b);
void report_values_json(const struct report_eval *ev, struct sb *b);

#endif /* SYMBIOSE_REPORT_H */
