/* SPDX-License-Identifier: MIT */
/*
 * cmd_rounds.c - `symbiose rounds`.
 *
 * `--vrp FILE.vrp [--seed N] [--iterations N] [--time-limit SECONDS]
 * [--vehicles K]`: solves a CVRP read from a TSPLIB file and prints the
 * CVRPLIB solution format (customer k is node k+1 of the file; the depot
 * is implied at both ends of each route; an EXACT_2D cost has 4
 * decimals). The file's VEHICLES bounds the fleet unless --vehicles is
 * given; its DISTANCE and SERVICE_TIME bound each route's duration.
 *
 * `--pool ID [--collector ID] [--vehicle ID] [--depot ID] [--date
 * AAAA-MM-JJ] [--detour F] [--speed KMH] [--stop-min MIN] [--save]
 * [--format text|json]` (same solver options): the rounds of a
 * pooled-collection pool of the database (optim_rounds_build: road-like
 * distances, time at an average speed plus a time per stop, CO2e against
 * each company driving its own waste to the nearest treatment site),
 * printed with the organisations' names, and recorded with --save.
 */
#include "cli.h"
#include "engine/engine.h"
#include "optim/optim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_rounds_help[] =
    "usage : symbiose rounds --vrp FICHIER.vrp [options du calcul]\n"
    "        symbiose rounds --pool ID [options de collecte] [options du calcul]\n"
    "\n"
    "Tournées de collecte (tournées de véhicules à capacité). Avec --vrp : un\n"
    "fichier TSPLIB/CVRPLIB (CAPACITY, DEMAND_SECTION, coordonnées EUC_2D ou\n"
    "EXACT_2D ou matrice EXPLICIT, VEHICLES, DISTANCE, SERVICE_TIME), solution\n"
    "au format CVRPLIB (Route #1: 3 7 9, puis Cost N). Avec --pool : les\n"
    "tournées d'une collecte mutualisée de la base, avec km, durée et CO2e\n"
    "comparés à chaque entreprise apportant seule ses déchets.\n"
    "\n"
    "options du calcul :\n"
    "  --seed N            graine, entier >= 0 (défaut 1)\n"
    "  --iterations N      itérations de la recherche (défaut : selon la taille)\n"
    "  --time-limit S      limite de temps en secondes (défaut 2)\n"
    "  --vehicles K        nombre de véhicules au plus (défaut : le fichier, sinon libre)\n"
    "options de collecte :\n"
    "  --collector ID      collecteur (défaut : celui de la collecte)\n"
    "  --vehicle ID        véhicule (défaut : le premier du collecteur)\n"
    "  --depot ID          dépôt (défaut : celui de la collecte)\n"
    "  --date AAAA-MM-JJ   date des tournées (défaut : aujourd'hui)\n"
    "  --detour F          facteur de détour routier (défaut 1.3)\n"
    "  --speed KMH         vitesse moyenne en km/h (défaut 40)\n"
    "  --stop-min MIN      minutes par arrêt (défaut 10)\n"
    "  --format F          text ou json (défaut text)\n"
    "  --save              enregistre les tournées\n"
    "\n"
    "exemple :\n"
    "  symbiose rounds --vrp E-n51-k5.vrp --seed 3\n";

/* Largest .vrp file read (the biggest instance allowed is far smaller). */
#define ROUNDS_MAX_FILE (64u << 20)

static int rounds_print(const struct cvrp *p, const struct cvrp_solution *sol)
{
    struct sb b;
    sb_init(&b, 0);
    for (size_t r = 0; r < sol->n_routes; r++) {
        sb_addf(&b, "Route #%zu:", r + 1);
        for (size_t k = sol->route_start[r]; k < sol->route_start[r + 1]; k++)
            sb_addf(&b, " %zu", sol->nodes[k]);
        sb_addc(&b, '\n');
    }
    if (p->dist_scale > 1) /* EXACT_2D: the real-valued cost, exactly as summed */
        sb_addf(&b, "Cost %lld.%04lld\n", (long long)(sol->cost / p->dist_scale),
                (long long)(sol->cost % p->dist_scale * 10000 / p->dist_scale));
    else
        sb_addf(&b, "Cost %lld\n", (long long)sol->cost);
    struct err e;
    err_init(&e);
    int rc = sb_finish(&b, &e);
    if (rc == ERR_OK && fwrite(b.buf, 1, b.len, stdout) != b.len)
        rc = err_set(&e, ERR_IO, "rounds : impossible d'écrire la solution");
    sb_release(&b);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

/* "1 h 05" from minutes. */
static void add_duration(struct sb *b, double min)
{
    long m = lround(min);
    sb_addf(b, "%ld h %02ld", m / 60, m % 60);
}

static void pool_text(struct sb *b, const struct store_round *rd, const struct store_round_stop *st,
                      size_t n)
{
    sb_adds(b, "collecte « ");
    sb_adds(b, rd->collection_name);
    sb_addf(b, " » : %zu arrêts, %zu tournée(s), véhicule de %.0f kg", n, rd->n_routes,
            rd->capacity_kg);
    if (rd->collector_name && *rd->collector_name)
        sb_addf(b, ", collecteur « %s »", rd->collector_name);
    sb_addc(b, '\n');
    for (size_t from = 0; from < n;) {
        size_t to = from;
        double load = 0;
        sb_addf(b, "tournée %lld : dépôt", (long long)st[from].route_no);
        for (; to < n && st[to].route_no == st[from].route_no; to++) {
            sb_addf(b, " -> %s (%.0f kg)", st[to].org_name, st[to].demand_kg);
            load += st[to].demand_kg;
        }
        double km = optim_route_km(rd, st, from, to);
        sb_addf(b, " -> dépôt : %.1f km, ", km);
        add_duration(b, km / rd->speed_kmh * 60.0 + (double)(to - from) * rd->stop_min);
        sb_addf(b, ", %.0f kg\n", load);
        from = to;
    }
    sb_addf(b, "total : %.1f km, ", rd->km);
    add_duration(b, rd->duration_min);
    sb_addf(b, " (%.0f km/h, %.0f min par arrêt, détour x%.2f), %.1f kg CO2e", rd->speed_kmh,
            rd->stop_min, rd->detour_factor, rd->co2e_kg);
    if (rd->cost_eur > 0)
        sb_addf(b, ", %.2f €", rd->cost_eur);
    sb_addf(b,
            "\nréférence (chaque entreprise apporte ses déchets au site de traitement le plus "
            "proche) : %.1f km, ",
            rd->baseline_km);
    add_duration(b, rd->baseline_min);
    sb_addf(b, ", %.1f kg CO2e\n", rd->baseline_co2e_kg);
    sb_addf(b, "économie : %.1f km, %.1f kg CO2e", rd->baseline_km - rd->km,
            rd->baseline_co2e_kg - rd->co2e_kg);
    if (rd->baseline_co2e_kg > 0)
        sb_addf(b, " (%.0f %%)",
                100.0 * (rd->baseline_co2e_kg - rd->co2e_kg) / rd->baseline_co2e_kg);
    sb_addc(b, '\n');
    if (rd->id > 0)
        sb_addf(b, "tournées %lld enregistrées\n", (long long)rd->id);
}

/* Number options of --pool; false (usage printed) if one is malformed. */
static bool pool_opt(const char *name, const char *v, double *out)
{
    struct err e;
    err_init(&e);
    if (!v || parse_double(slice_cstr(v), out, &e) == ERR_OK)
        return true;
    cli_usage("rounds : %s attend un nombre, reçu « %s »", name, v);
    return false;
}

static bool pool_id(const char *name, const char *v, int64_t *out)
{
    struct err e;
    err_init(&e);
    if (!v || (parse_int64(slice_cstr(v), out, &e) == ERR_OK && *out > 0))
        return true;
    cli_usage("rounds : %s attend un identifiant, reçu « %s »", name, v);
    return false;
}

static int rounds_pool(const struct cli_ctx *ctx, struct optim_rounds_params *p, bool is_save,
                       bool is_json)
{
    struct err e;
    struct store *s = NULL;
    struct ref *r = NULL;
    struct ref_sites sites = {0};
    struct optim_rounds out = {0};
    struct sb b;
    err_init(&e);
    sb_init(&b, 0);
    int rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = ref_load(&r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = ref_sites_load(ctx->data_dir, &sites, &e);
    if (rc == ERR_OK)
        rc = optim_rounds_build(s, r, &sites, p, &out, &e);
    if (rc == ERR_OK && is_save)
        rc = store_round_insert(s, &out.round, out.stops, out.n_stops, &out.round.id, &e);
    if (rc == ERR_OK && is_json) {
        optim_round_json(&b, &out.round, out.stops, out.n_stops);
        sb_addc(&b, '\n');
    } else if (rc == ERR_OK) {
        pool_text(&b, &out.round, out.stops, out.n_stops);
    }
    if (rc == ERR_OK)
        rc = sb_finish(&b, &e);
    if (rc == ERR_OK && (fwrite(b.buf, 1, b.len, stdout) != b.len || fflush(stdout) != 0))
        rc = err_set(&e, ERR_IO, "sortie standard : erreur d'écriture");
    sb_release(&b);
    optim_rounds_release(&out);
    ref_sites_release(&sites);
    ref_free(r);
    store_close(s);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

/* Reads the --pool options into p; CLI_EXIT_OK or a usage status. */
static int pool_args(int argc, char **argv, bool *used, struct optim_rounds_params *p,
                     bool *is_save, bool *is_json)
{
    const char *date = cli_opt(argc, argv, used, "--date");
    const char *format = cli_opt(argc, argv, used, "--format");
    *is_save = cli_opt_flag(argc, argv, used, "--save");
    if (!pool_id("--pool", cli_opt(argc, argv, used, "--pool"), &p->collection_id) ||
        !pool_id("--collector", cli_opt(argc, argv, used, "--collector"), &p->collector_id) ||
        !pool_id("--vehicle", cli_opt(argc, argv, used, "--vehicle"), &p->vehicle_id) ||
        !pool_id("--depot", cli_opt(argc, argv, used, "--depot"), &p->depot_id) ||
        !pool_opt("--detour", cli_opt(argc, argv, used, "--detour"), &p->detour_factor) ||
        !pool_opt("--speed", cli_opt(argc, argv, used, "--speed"), &p->speed_kmh) ||
        !pool_opt("--stop-min", cli_opt(argc, argv, used, "--stop-min"), &p->stop_min))
        return CLI_EXIT_USAGE;
    *is_json = format && !strcmp(format, "json");
    if (format && !*is_json && strcmp(format, "text"))
        return cli_usage("rounds : --format attend text ou json");
    if (date) {
        int64_t days;
        struct err e;
        err_init(&e);
        if (strlen(date) != 10 || network_date_parse("--date", date, &days, &e))
            return cli_usage("rounds : --date attend une date AAAA-MM-JJ");
        memcpy(p->date, date, 11);
    }
    return CLI_EXIT_OK;
}

int cmd_rounds(struct cli_ctx *ctx, int argc, char **argv)
{
    struct optim_rounds_params pp;
    bool is_save = false, is_json = false;
    optim_rounds_params_init(&pp);
    bool *used = xcalloc((size_t)argc, sizeof(bool));
    char *buf = NULL;
    struct cvrp *p = NULL;
    struct cvrp_solution sol;
    cvrp_solution_init(&sol);
    struct err e;
    err_init(&e);
    struct cvrp_options opt;
    cvrp_options_init(&opt);
    int status;
    const char *path = cli_opt(argc, argv, used, "--vrp");
    const char *seed = cli_opt(argc, argv, used, "--seed");
    const char *iters = cli_opt(argc, argv, used, "--iterations");
    const char *limit = cli_opt(argc, argv, used, "--time-limit");
    const char *vehicles = cli_opt(argc, argv, used, "--vehicles");
    bool is_pool = cli_opt(argc, argv, used, "--pool") != NULL;
    if (is_pool) {
        memset(used, 0, (size_t)argc * sizeof(bool));
        cli_opt(argc, argv, used, "--seed");
        cli_opt(argc, argv, used, "--iterations");
        cli_opt(argc, argv, used, "--time-limit");
        cli_opt(argc, argv, used, "--vehicles");
        status = pool_args(argc, argv, used, &pp, &is_save, &is_json);
        if (status != CLI_EXIT_OK)
            goto out;
    }
    status = cli_args_check(argc, argv, used);
    if (status != CLI_EXIT_OK)
        goto out;
    if (!path && !is_pool) {
        status = cli_usage("rounds : indiquez un fichier avec --vrp FICHIER.vrp ou une collecte "
                           "avec --pool ID");
        goto out;
    }
    int64_t v;
    if (seed && (parse_int64(slice_cstr(seed), &v, &e) || v < 0)) {
        status = cli_usage("rounds : --seed attend un entier positif ou nul");
        goto out;
    }
    if (seed)
        opt.seed = (uint64_t)v;
    if (iters && (parse_int64(slice_cstr(iters), &v, &e) || v < 1)) {
        status = cli_usage("rounds : --iterations attend un entier strictement positif");
        goto out;
    }
    if (iters)
        opt.iterations = (uint64_t)v;
    if (vehicles && (parse_int64(slice_cstr(vehicles), &v, &e) || v < 1 || v > CVRP_MAX_NODES)) {
        status = cli_usage("rounds : --vehicles attend un nombre de véhicules positif");
        goto out;
    }
    if (vehicles)
        opt.max_routes = (size_t)v;
    double secs;
    if (limit && (parse_double(slice_cstr(limit), &secs, &e) || secs <= 0 || secs > 1e6)) {
        status = cli_usage("rounds : --time-limit attend un nombre de secondes positif");
        goto out;
    }
    if (limit)
        opt.time_limit_s = secs;
    if (is_pool) {
        pp.cvrp = opt;
        status = rounds_pool(ctx, &pp, is_save, is_json);
        goto out;
    }
    size_t len;
    int rc = file_read_all(path, ROUNDS_MAX_FILE, &buf, &len, &e);
    if (rc == ERR_OK)
        rc = cvrp_parse_tsplib(path, buf, len, &p, &e);
    if (rc == ERR_OK && !vehicles)
        opt.max_routes = p->vehicles; /* the file's VEHICLES, unless --vehicles */
    if (rc == ERR_OK)
        rc = cvrp_solve(p, &opt, &sol, &e);
    if (rc == ERR_OK)
        rc = cvrp_check(p, &sol, NULL, &e);
    status = rc ? cli_fail(&e) : rounds_print(p, &sol);
out:
    cvrp_solution_release(&sol);
    cvrp_free(p);
    free(buf);
    free(used);
    return status;
}
