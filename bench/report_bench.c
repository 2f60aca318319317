/* SPDX-License-Identifier: MIT */
/*
 * report_bench.c - the regional evaluation report on a generated region:
 * 20 territories, 60 companies and 40 synergies each (moved along their
 * statuses over five years, so that every year has its own figures), the
 * mandatory values entered for every territory and year. Times the
 * regional PDF and XLSX for the last year (median of N runs, each run
 * builds the evaluation from the database and writes the file) and prints
 * the time and the file size.
 *
 *   report_bench DIR [RUNS]
 */
#include "report/report.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define N_TERR 20
#define N_ORGS 60
#define N_SYN 40
#define N_YEARS 5

static void die(const struct err *e)
{
    fprintf(stderr, "report_bench: %s\n", e->msg);
    exit(1);
}

/* A valid SIRET: 13 digits from n, then the Luhn check digit. */
static void siret_make(long n, char out[15])
{
    snprintf(out, 15, "%013ld", n);
    int sum = 0;
    for (int i = 12, k = 1; i >= 0; i--, k++) {
        int d = out[i] - '0';
        if (k % 2 == 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    out[13] = (char)('0' + (10 - sum % 10) % 10);
    out[14] = '\0';
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void generate(const char *db, int last_year)
{
    struct store *s = NULL;
    struct err e;
    err_init(&e);
    if (store_open(&s, db, STORE_OPEN_CREATE, &e) || store_tx_begin(s, &e))
        die(&e);
    srand(7);
    static const char *const entered[] = {
        "gov_carrier_structure", "gov_co_carriers",         "gov_political_support",
        "gov_steering_meetings", "eco_budget_eur",          "eco_public_funding_pct",
        "eco_facilitation_fte",  "eco_sustainability",      "gov_company_involvement",
        "eco_funding_diversity", "gov_strategy_integration"};
    for (int t = 0; t < N_TERR; t++) {
        char name[64];
        snprintf(name, sizeof(name), "Territoire d'essai n° %02d", t + 1);
        char *communes[] = {"44109"};
        struct store_territory terr = {0};
        terr.name = name;
        terr.pilot = "";
        terr.communes = communes;
        terr.n_communes = 0;
        int64_t tid = 0;
        if (store_territory_insert(s, &terr, &tid, &e))
            die(&e);
        int64_t offers[N_ORGS], orgs[N_ORGS];
        for (int o = 0; o < N_ORGS; o++) {
            struct store_org org;
            memset(&org, 0, sizeof(org));
            siret_make(100000000L + t * 1000 + o, org.siret);
            char oname[64];
            snprintf(oname, sizeof(oname), "Entreprise %02d-%02d", t + 1, o + 1);
            org.name = oname;
            memcpy(org.naf, "17.12Z", 7);
            memcpy(org.commune_insee, "44109", 6);
            org.address = "";
            org.pos.lat = 47.0 + (rand() % 1000) / 1000.0;
            org.pos.lon = -1.9 + (rand() % 1000) / 1000.0;
            org.territory_id = tid;
            if (store_org_insert(s, &org, &orgs[o], &e))
                die(&e);
            struct store_flow f;
            memset(&f, 0, sizeof(f));
            f.org_id = orgs[o];
            f.direction = o % 2 ? STORE_DIR_NEED : STORE_DIR_OFFER;
            f.family = STORE_FAM_MATERIAL;
            memcpy(f.code, "150101", 7);
            f.quantity = f.qty_per_yr = 10 + rand() % 90;
            memcpy(f.unit, "t", 2);
            memcpy(f.base_unit, "t", 2);
            memcpy(f.period, "year", 5);
            f.months_mask = 0xFFF;
            f.description = "";
            if (store_flow_insert(s, &f, &offers[o], &e))
                die(&e);
        }
        for (int k = 0; k < N_SYN; k++) {
            struct store_synergy syn;
            memset(&syn, 0, sizeof(syn));
            syn.kind = STORE_SYN_SUBSTITUTION;
            syn.offer_flow_id = offers[(2 * k) % N_ORGS];
            syn.receiver_org_id = orgs[(2 * k + 1) % N_ORGS];
            syn.status = STORE_STATUS_SUGGESTED;
            syn.reason = "";
            syn.note = "";
            store_effects_unknown(&syn.estimated);
            store_effects_unknown(&syn.measured);
            syn.estimated.t_diverted = 5 + rand() % 50;
            syn.estimated.co2e_t = syn.estimated.t_diverted / 10;
            syn.estimated.eur_saved = syn.estimated.t_diverted * 40;
            int64_t sid = 0;
            if (store_synergy_insert(s, &syn, 0, &sid, &e))
                die(&e);
            enum store_status path[] = {STORE_STATUS_STUDIED, STORE_STATUS_IN_PROGRESS,
                                        STORE_STATUS_IMPLEMENTED};
            for (int p = 0; p < 1 + k % 3; p++) {
                if (store_synergy_set_status(s, sid, path[p], "", 0, &e))
                    die(&e);
            }
        }
        for (int y = last_year - N_YEARS + 1; y <= last_year; y++) {
            for (size_t i = 0; i < sizeof(entered) / sizeof(entered[0]); i++) {
                double v = strstr(entered[i], "budget")  ? 50000 + rand() % 200000
                           : strstr(entered[i], "pct")   ? rand() % 100
                           : strstr(entered[i], "gov_c") ? 1 + rand() % 4
                                                         : rand() % 5;
                if (store_eval_value_set(s, tid, y, entered[i], v, true, 0, &e))
                    die(&e);
            }
        }
    }
    if (store_tx_commit(s, &e))
        die(&e);
    store_close(s);
    /* spread the history over the five years: each synergy reached each
     * status some months later than the previous one */
    sqlite3 *db3 = NULL;
    int64_t from, to;
    report_year_span(last_year - N_YEARS + 1, &from, &to);
    if (sqlite3_open(db, &db3) != SQLITE_OK) {
        fprintf(stderr, "report_bench: cannot open %s\n", db);
        exit(1);
    }
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db3,
                       "UPDATE synergy_status_history SET at = ?1 + (synergy_id % 50) * 86400 * 30"
                       " + (id % 4) * 86400 * 120",
                       -1, &st, NULL);
    sqlite3_bind_int64(st, 1, from);
    if (sqlite3_step(st) != SQLITE_DONE) {
        fprintf(stderr, "report_bench: %s\n", sqlite3_errmsg(db3));
        exit(1);
    }
    sqlite3_finalize(st);
    sqlite3_exec(db3, "UPDATE organisations SET created_at = 0; UPDATE flows SET created_at = 0",
                 NULL, NULL, NULL);
    sqlite3_close(db3);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: report_bench DIR [RUNS]\n");
        return 2;
    }
    long runs = argc > 2 ? strtol(argv[2], NULL, 10) : 5;
    if (runs < 1 || runs > 50)
        runs = 5;
    char db[512], out[512];
    snprintf(db, sizeof(db), "%s/report_bench.db", argv[1]);
    remove(db);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    int year = tm.tm_year + 1900;
    generate(db, year);
    struct err e;
    err_init(&e);
    struct report_framework fw;
    struct ref *r = NULL;
    struct store *s = NULL;
    if (report_framework_load(&fw, NULL, &e) || ref_load(&r, NULL, &e) ||
        store_open(&s, db, STORE_OPEN_DEFAULT, &e))
        die(&e);
    static const char *const names[] = {"pdf", "xlsx"};
    printf("region of %d territories, %d years, %d synergies each\n", N_TERR, N_YEARS, N_SYN);
    printf("| document | median s | min s | max s | size KiB |\n| --- | --- | --- | --- | --- |\n");
    for (int f = 0; f < 2; f++) {
        double t[50];
        snprintf(out, sizeof(out), "%s/region.%s", argv[1], names[f]);
        for (int k = 0; k < runs; k++) {
            double t0 = core_now_s();
            if (report_write(s, r, &fw, 0, year, f ? REPORT_FORMAT_XLSX : REPORT_FORMAT_PDF,
                             REPORT_READER_FULL, out, &e))
                die(&e);
            t[k] = core_now_s() - t0;
        }
        qsort(t, (size_t)runs, sizeof(t[0]), cmp_double);
        struct stat sb;
        stat(out, &sb);
        printf("| regional %s | %.3f | %.3f | %.3f | %.0f |\n", names[f], t[runs / 2], t[0],
               t[runs - 1], (double)sb.st_size / 1024);
    }
    store_close(s);
    ref_free(r);
    report_framework_release(&fw);
    return 0;
}
