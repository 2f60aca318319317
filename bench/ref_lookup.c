/* SPDX-License-Identifier: MIT */
/*
 * ref_lookup.c - benchmark of the reference data as an import uses it:
 * validating 200,000 rows (a waste code typed "15 01 01", a NAF code
 * "2351z", a commune INSEE code and a quantity "kg/mois") with ref and
 * core, against the baseline a developer would write with the database
 * at hand: the same tables in SQLite (in memory, primary keys) and one
 * prepared lookup per code. Also times ref_load and the label search
 * against SQLite LIKE over the same folded labels. Prints medians.
 *
 * usage: ref_lookup [rows] [repeats]
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ref/ref.h"

struct rows {
    char (*low)[12];    /* "15 01 01" as typed */
    char (*naf)[8];     /* "2351Z" */
    char (*insee)[6];   /* "44109" */
    const char **units; /* "kg/mois" */
    size_t n;
};

static const char *const bench_units[] = {"t/an", "kg/mois", "MWh/an", "m3/jour", "tonnes", "h"};

static void rows_make(struct rows *w, const struct ref *r, size_t n)
{
    w->n = n;
    w->low = xmallocarray(n, sizeof(*w->low));
    w->naf = xmallocarray(n, sizeof(*w->naf));
    w->insee = xmallocarray(n, sizeof(*w->insee));
    w->units = xmallocarray(n, sizeof(*w->units));
    size_t il = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        const struct ref_low *x;
        do {
            x = ref_low_at(r, il++ % ref_low_count(r));
        } while (x->level != 3);
        ref_low_format(r, x->code, w->low[i]);
        const struct ref_nace *y;
        do {
            y = ref_nace_at(r, in++ % ref_nace_count(r));
        } while (y->level != 5);
        /* typed without the dot, as users do */
        char *d = w->naf[i];
        for (const char *c = y->code; *c; c++) {
            if (*c != '.')
                *d++ = *c;
        }
        *d = '\0';
        memcpy(w->insee[i], ref_commune_at(r, (i * 7919) % ref_commune_count(r))->insee, 6);
        w->units[i] = bench_units[i % (sizeof(bench_units) / sizeof(bench_units[0]))];
    }
}

static void rows_release(struct rows *w)
{
    free(w->low);
    free(w->naf);
    free(w->insee);
    free(w->units);
}

/* Validates every row with ref/core; returns the number of valid rows. */
static size_t run_ref(const struct ref *r, const struct rows *w)
{
    size_t ok = 0;
    for (size_t i = 0; i < w->n; i++) {
        char low[7], naf[8];
        struct qty q;
        int rc = ref_low_parse(r, slice_cstr(w->low[i]), low, NULL);
        rc |= ref_naf_parse(r, slice_cstr(w->naf[i]), naf, NULL);
        rc |= ref_commune_find(r, w->insee[i]) ? 0 : 1;
        rc |= qty_normalise(&q, 12.5, slice_cstr(w->units[i]), slice_cstr(""), NULL);
        ok += rc == 0;
    }
    return ok;
}

struct baseline {
    sqlite3 *db;
    sqlite3_stmt *low, *naf, *commune, *unit, *search;
};

static void db_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s\n", msg);
        exit(1);
    }
}

static sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
    return st;
}

/* Binds key as parameter 1 and runs the insert. */
static void db_insert(sqlite3_stmt *st, const char *key)
{
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        exit(1);
    sqlite3_reset(st);
}

static void baseline_open(struct baseline *b, const struct ref *r)
{
    if (sqlite3_open(":memory:", &b->db) != SQLITE_OK)
        exit(1);
    db_exec(b->db, "CREATE TABLE low(code TEXT PRIMARY KEY, hazardous INT, fold TEXT);"
                   "CREATE TABLE naf(code TEXT PRIMARY KEY);"
                   "CREATE TABLE commune(insee TEXT PRIMARY KEY);"
                   "CREATE TABLE unit(name TEXT PRIMARY KEY, factor REAL);"
                   "BEGIN");
    sqlite3_stmt *low = db_prepare(b->db, "INSERT INTO low VALUES(?,?,?)");
    sqlite3_stmt *naf = db_prepare(b->db, "INSERT INTO naf VALUES(?)");
    sqlite3_stmt *commune = db_prepare(b->db, "INSERT INTO commune VALUES(?)");
    for (size_t i = 0; i < ref_low_count(r); i++) {
        const struct ref_low *x = ref_low_at(r, i);
        sqlite3_bind_int(low, 2, x->is_hazardous);
        sqlite3_bind_text(low, 3, x->fold_fr, -1, SQLITE_STATIC);
        db_insert(low, x->code);
    }
    for (size_t i = 0; i < ref_nace_count(r); i++)
        db_insert(naf, ref_nace_at(r, i)->code);
    for (size_t i = 0; i < ref_commune_count(r); i++)
        db_insert(commune, ref_commune_at(r, i)->insee);
    sqlite3_finalize(low);
    sqlite3_finalize(naf);
    sqlite3_finalize(commune);
    db_exec(b->db, "INSERT INTO unit VALUES('t/an',1),('kg/mois',0.012),('mwh/an',1),"
                   "('m3/jour',250),('tonnes',1),('h',1);COMMIT");
    b->low = db_prepare(b->db, "SELECT hazardous FROM low WHERE code=?");
    b->naf = db_prepare(b->db, "SELECT 1 FROM naf WHERE code=?");
    b->commune = db_prepare(b->db, "SELECT 1 FROM commune WHERE insee=?");
    b->unit = db_prepare(b->db, "SELECT factor FROM unit WHERE name=lower(?)");
    b->search = db_prepare(b->db, "SELECT code FROM low WHERE fold LIKE '%' || ? || '%' LIMIT 20");
}

static void baseline_close(struct baseline *b)
{
    sqlite3_finalize(b->low);
    sqlite3_finalize(b->naf);
    sqlite3_finalize(b->commune);
    sqlite3_finalize(b->unit);
    sqlite3_finalize(b->search);
    sqlite3_close(b->db);
}

static bool db_found(sqlite3_stmt *st, const char *key, size_t len)
{
    sqlite3_bind_text(st, 1, key, (int)len, SQLITE_STATIC);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return found;
}

/* The baseline: normalise the codes by hand, then one query per code. */
static size_t run_baseline(struct baseline *b, const struct rows *w)
{
    size_t ok = 0;
    for (size_t i = 0; i < w->n; i++) {
        char low[8], naf[8];
        size_t k = 0;
        for (const char *c = w->low[i]; *c && k < 6; c++) {
            if (*c >= '0' && *c <= '9')
                low[k++] = *c;
        }
        const char *s = w->naf[i];
        size_t m = 0;
        for (size_t j = 0; s[j] && m < 6; j++) {
            if (m == 2)
                naf[m++] = '.';
            naf[m++] = s[j];
        }
        bool valid = db_found(b->low, low, k) && db_found(b->naf, naf, m) &&
                     db_found(b->commune, w->insee[i], 5) &&
                     db_found(b->unit, w->units[i], strlen(w->units[i]));
        ok += valid;
    }
    return ok;
}

static const char *const bench_queries[] = {
    "carton", "bois", "dechets de bois", "emballages", "huiles", "boues", "metaux", "plastique",
};

static size_t search_ref(const struct ref *r)
{
    struct ref_hit hits[20];
    size_t n = 0;
    for (size_t i = 0; i < sizeof(bench_queries) / sizeof(bench_queries[0]); i++)
        n += ref_low_search(r, bench_queries[i], hits, 20);
    return n;
}

static size_t search_baseline(struct baseline *b)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof(bench_queries) / sizeof(bench_queries[0]); i++) {
        sqlite3_bind_text(b->search, 1, bench_queries[i], -1, SQLITE_STATIC);
        while (sqlite3_step(b->search) == SQLITE_ROW)
            n++;
        sqlite3_reset(b->search);
    }
    return n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#define MAX_REPEATS 101

int main(int argc, char **argv)
{
    size_t n_rows = argc > 1 ? strtoul(argv[1], NULL, 10) : 200000;
    size_t reps = argc > 2 ? strtoul(argv[2], NULL, 10) : 5;
    if (n_rows == 0 || reps == 0 || reps > MAX_REPEATS) {
        fprintf(stderr, "usage: ref_lookup [rows] [repeats <= %d]\n", MAX_REPEATS);
        return 2;
    }
    double t_load[MAX_REPEATS], t_ref[MAX_REPEATS], t_base[MAX_REPEATS];
    double t_sref[MAX_REPEATS], t_sbase[MAX_REPEATS];
    struct ref *r = NULL;
    struct err e;
    for (size_t k = 0; k < reps; k++) {
        double t0 = core_now_s();
        if (ref_load(&r, NULL, &e)) {
            fprintf(stderr, "ref_load: %s\n", e.msg);
            return 1;
        }
        t_load[k] = core_now_s() - t0;
        if (k + 1 < reps)
            ref_free(r);
    }
    struct rows w;
    rows_make(&w, r, n_rows);
    struct baseline b;
    baseline_open(&b, r);
    size_t ok_ref = 0, ok_base = 0, hits_ref = 0, hits_base = 0;
    for (size_t k = 0; k < reps; k++) {
        double t0 = core_now_s();
        ok_ref = run_ref(r, &w);
        double t1 = core_now_s();
        ok_base = run_baseline(&b, &w);
        double t2 = core_now_s();
        for (int q = 0; q < 100; q++)
            hits_ref = search_ref(r);
        double t3 = core_now_s();
        for (int q = 0; q < 100; q++)
            hits_base = search_baseline(&b);
        double t4 = core_now_s();
        t_ref[k] = t1 - t0;
        t_base[k] = t2 - t1;
        t_sref[k] = (t3 - t2) / 100;
        t_sbase[k] = (t4 - t3) / 100;
    }
    size_t n_queries = sizeof(bench_queries) / sizeof(bench_queries[0]);
    double mr = median(t_ref, reps), mb = median(t_base, reps);
    double sr = median(t_sref, reps), sb = median(t_sbase, reps);
    printf("ref_load (embedded, 6 files): median %.2f ms over %zu runs\n",
           median(t_load, reps) * 1e3, reps);
    printf("validate %zu rows (waste, NAF, commune, quantity), median of %zu:\n", n_rows, reps);
    printf("  ref+core     %8.1f ms  %6.0f ns/row  (%zu valid)\n", mr * 1e3, mr * 1e9 / n_rows,
           ok_ref);
    printf("  sqlite base  %8.1f ms  %6.0f ns/row  (%zu valid)\n", mb * 1e3, mb * 1e9 / n_rows,
           ok_base);
    printf("  ratio baseline/ref  %.1fx\n", mb / mr);
    printf("search, %zu French queries, median of %zu:\n", n_queries, reps);
    printf("  ref word-prefix  %8.1f us/query (%zu hits, max 20 each)\n", sr * 1e6 / n_queries,
           hits_ref);
    printf("  sqlite LIKE      %8.1f us/query (%zu hits, max 20 each, substring only)\n",
           sb * 1e6 / n_queries, hits_base);
    printf("  ratio baseline/ref  %.1fx\n", sb / sr);
    baseline_close(&b);
    rows_release(&w);
    ref_free(r);
    return ok_ref == n_rows ? 0 : 1;
}
