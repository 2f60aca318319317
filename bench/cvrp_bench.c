/* SPDX-License-Identifier: MIT */
/*
 * cvrp_bench.c - solves every instance listed in a CVRPLIB bks.csv
 * (columns instance,customers,capacity,best_known_cost,...) with the
 * engine's default options, checks each solution with cvrp_check, and
 * prints cost, gap to the best-known cost, CPU time and the verdict, with
 * the Clarke-Wright + local search start (one iteration) as baseline.
 * The best-known costs are for exactly k vehicles (k from the name), so
 * the main run limits the fleet to k; the last columns give the cost and
 * time with an unlimited fleet, which can be lower than the best-known.
 * Usage: cvrp_bench DIR [SEED]   (DIR holds bks.csv and A/, P/ ...)
 */
#include "core/core.h"
#include "engine/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct bench_row {
    int64_t cost;
    double cpu_s;
    bool is_valid;
};

static int bench_solve(const struct cvrp *p, uint64_t seed, uint64_t iterations, size_t max_routes,
                       struct bench_row *row, struct err *e)
{
    struct cvrp_options o;
    cvrp_options_init(&o);
    o.seed = seed;
    o.iterations = iterations;
    o.max_routes = max_routes;
    struct cvrp_solution s;
    cvrp_solution_init(&s);
    clock_t t0 = clock();
    int rc = cvrp_solve(p, &o, &s, e);
    row->cpu_s = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (rc == ERR_OK) {
        struct err ce;
        err_init(&ce);
        row->is_valid = cvrp_check(p, &s, &row->cost, &ce) == ERR_OK;
        if (!row->is_valid)
            fprintf(stderr, "%s\n", ce.msg);
    }
    cvrp_solution_release(&s);
    return rc;
}

static int bench_instance(const char *dir, const char *name, int64_t bks, uint64_t seed,
                          double *gap, double *cpu, bool *is_valid)
{
    char path[4096];
    int w = snprintf(path, sizeof(path), "%s/%s.vrp", dir, name);
    if (w < 0 || (size_t)w >= sizeof(path))
        return ERR_INPUT;
    char *buf = NULL;
    size_t len;
    struct cvrp *p = NULL;
    struct err e;
    err_init(&e);
    struct bench_row base = {0}, row = {0}, free_fleet = {0};
    /* the best-known costs are for the fleet size in the name ("-k5") */
    const char *k = strstr(name, "-k");
    size_t fleet = k ? strtoul(k + 2, NULL, 10) : 0;
    int rc = file_read_all(path, 64u << 20, &buf, &len, &e);
    if (rc == ERR_OK)
        rc = cvrp_parse_tsplib(path, buf, len, &p, &e);
    if (rc == ERR_OK)
        rc = bench_solve(p, seed, 1, 0, &base, &e);
    if (rc == ERR_OK)
        rc = bench_solve(p, seed, 0, 0, &free_fleet, &e);
    if (rc == ERR_OK)
        rc = bench_solve(p, seed, 0, fleet, &row, &e);
    if (rc == ERR_OK) {
        *gap = 100.0 * (double)(row.cost - bks) / (double)bks;
        *cpu = row.cpu_s;
        *is_valid = row.is_valid && base.is_valid && free_fleet.is_valid;
        printf("%-12s %3zu %6lld %6lld %7.2f%% %5.2f  %-7s %7lld %7.2f%% %6lld %5.2f\n", name,
               fleet, (long long)bks, (long long)row.cost, *gap, row.cpu_s,
               *is_valid ? "ok" : "INVALID", (long long)base.cost,
               100.0 * (double)(base.cost - bks) / (double)bks, (long long)free_fleet.cost,
               free_fleet.cpu_s);
    } else {
        fprintf(stderr, "%s: %s\n", name, e.msg);
    }
    cvrp_free(p);
    free(buf);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: cvrp_bench DIR [SEED]\n");
        return 2;
    }
    uint64_t seed = argc == 3 ? strtoull(argv[2], NULL, 10) : 1;
    char path[4096];
    int w = snprintf(path, sizeof(path), "%s/bks.csv", argv[1]);
    if (w < 0 || (size_t)w >= sizeof(path))
        return 2;
    char *csv = NULL;
    size_t len;
    struct err e;
    err_init(&e);
    if (file_read_all(path, 1u << 20, &csv, &len, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    struct csv_reader r;
    csv_reader_init(&r, csv, len);
    bool has = false;
    int n = 0, n_bad = 0, n_fail = 0;
    double sum_gap = 0, max_cpu = 0;
    printf("%-12s %3s %6s %6s %8s %5s  %-7s %7s %8s %6s %5s\n", "instance", "k", "bks", "cost",
           "gap", "cpu_s", "check", "cw+ls", "cw_gap", "k_free", "cpu_s");
    while (csv_next(&r, &has, &e) == ERR_OK && has) {
        if (r.n_fields < 4 || slice_eq(r.fields[0], "instance"))
            continue;
        char *name = slice_dup(r.fields[0]);
        int64_t bks = 0;
        double gap = 0, cpu = 0;
        bool is_valid = false;
        if (parse_int64(r.fields[3], &bks, &e) ||
            bench_instance(argv[1], name, bks, seed, &gap, &cpu, &is_valid)) {
            n_fail++;
        } else {
            n++;
            sum_gap += gap;
            max_cpu = cpu > max_cpu ? cpu : max_cpu;
            n_bad += !is_valid;
        }
        free(name);
    }
    csv_reader_release(&r);
    free(csv);
    printf("instances %d  mean gap %.2f%%  max cpu %.2f s  invalid %d  failed %d\n", n,
           n ? sum_gap / n : 0.0, max_cpu, n_bad, n_fail);
    return n_bad || n_fail ? 1 : 0;
}
