/* SPDX-License-Identifier: MIT */
/*
 * cmd_collectors.c - `symbiose collectors`: the collectors of pooled
 * collection (social and solidarity economy structures, or organisations
 * with a collector account), their depots and vehicles.
 *   symbiose collectors add --org ID|SIRET --lat LAT --lon LON --capacity-kg KG
 *                           [--depot-name N] [--address A] [--vehicle-name N]
 *                           [--cost-per-km EUR] [--co2e-per-km KG]
 *   symbiose collectors list
 * `add` registers the organisation as a collector if it is not one yet,
 * and adds one depot and one vehicle (one transaction). Without
 * --co2e-per-km the vehicle gets the default truck's factor (optim.h).
 */
#include "cli.h"
#include "optim/optim.h"
#include "ref/ref.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_collectors_help[] =
    "usage : symbiose collectors add --org ID|SIRET --lat LAT --lon LON --capacity-kg KG\n"
    "                                [--depot-name NOM] [--address ADRESSE]\n"
    "                                [--vehicle-name NOM] [--cost-per-km EUR]\n"
    "                                [--co2e-per-km KG]\n"
    "        symbiose collectors list\n"
    "\n"
    "Les collecteurs de la collecte mutualisée : add enregistre l'organisation\n"
    "comme collecteur si besoin et lui ajoute un dépôt et un véhicule ; list\n"
    "les affiche.\n"
    "\n"
    "options de add :\n"
    "  --org ID|SIRET      l'organisation (obligatoire)\n"
    "  --lat, --lon        position du dépôt en degrés WGS84 (obligatoires)\n"
    "  --capacity-kg KG    charge utile du véhicule en kg (obligatoire)\n"
    "  --depot-name NOM    nom du dépôt (défaut : celui de l'organisation)\n"
    "  --address ADRESSE   adresse du dépôt\n"
    "  --vehicle-name NOM  nom du véhicule\n"
    "  --cost-per-km EUR   coût du véhicule par km (défaut 0)\n"
    "  --co2e-per-km KG    émissions par km (défaut : poids lourd de la Base Carbone)\n"
    "\n"
    "exemple :\n"
    "  symbiose collectors add --org 98765432100007 --lat 47.29 --lon -1.48 --capacity-kg 1000\n";

/* Parses an optional number option; false (usage printed) if malformed. */
static bool opt_double(const char *name, const char *v, double *out)
{
    if (!v)
        return true;
    struct err e;
    err_init(&e);
    if (parse_double(slice_cstr(v), out, &e) == ERR_OK)
        return true;
    cli_usage("collectors : %s attend un nombre, reçu « %s »", name, v);
    return false;
}

static int org_resolve(struct store *s, const char *v, int64_t *id, struct err *e)
{
    if (strlen(v) == 14)
        return store_org_find_siret(s, v, id, e);
    if (parse_int64(slice_cstr(v), id, e) || *id < 1)
        return err_set(e, ERR_INPUT, "--org : identifiant ou SIRET attendu, reçu « %s »", v);
    return ERR_OK;
}

static int collectors_add(const struct cli_ctx *ctx, int argc, char **argv, bool *used)
{
    struct optim_collector_input in = {.co2e_kg_per_km = -1};
    const char *org = cli_opt(argc, argv, used, "--org");
    const char *lat = cli_opt(argc, argv, used, "--lat");
    const char *lon = cli_opt(argc, argv, used, "--lon");
    const char *cap = cli_opt(argc, argv, used, "--capacity-kg");
    const char *cost = cli_opt(argc, argv, used, "--cost-per-km");
    const char *co2e = cli_opt(argc, argv, used, "--co2e-per-km");
    in.depot_name = cli_opt(argc, argv, used, "--depot-name");
    in.address = cli_opt(argc, argv, used, "--address");
    in.vehicle_name = cli_opt(argc, argv, used, "--vehicle-name");
    int status = cli_args_check(argc, argv, used);
    if (status != CLI_EXIT_OK)
        return status;
    if (!org || !lat || !lon || !cap)
        return cli_usage("collectors add : --org, --lat, --lon et --capacity-kg sont obligatoires");
    if (!opt_double("--lat", lat, &in.depot.lat) || !opt_double("--lon", lon, &in.depot.lon) ||
        !opt_double("--capacity-kg", cap, &in.capacity_kg) ||
        !opt_double("--cost-per-km", cost, &in.cost_eur_per_km) ||
        !opt_double("--co2e-per-km", co2e, &in.co2e_kg_per_km))
        return CLI_EXIT_USAGE;
    struct err e;
    struct store *s = NULL;
    struct ref *r = NULL;
    int64_t collector_id = 0, depot_id = 0, vehicle_id = 0;
    err_init(&e);
    int rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = ref_load(&r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = org_resolve(s, org, &in.org_id, &e);
    if (rc == ERR_OK)
        rc = optim_collector_add(s, r, &in, &collector_id, &depot_id, &vehicle_id, &e);
    if (rc == ERR_OK)
        printf("collecteur %lld : dépôt %lld, véhicule %lld\n", (long long)collector_id,
               (long long)depot_id, (long long)vehicle_id);
    ref_free(r);
    store_close(s);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

static int collectors_list(const struct cli_ctx *ctx, int argc, char **argv, bool *used)
{
    int status = cli_args_check(argc, argv, used);
    if (status != CLI_EXIT_OK)
        return status;
    struct err e;
    struct store *s = NULL;
    struct store_collector *cs = NULL;
    struct store_depot *ds = NULL;
    struct store_vehicle *vs = NULL;
    size_t n_cs = 0, n_ds = 0, n_vs = 0;
    err_init(&e);
    int rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = store_collector_list(s, &cs, &n_cs, &e);
    if (rc == ERR_OK)
        rc = store_depot_list(s, 0, &ds, &n_ds, &e);
    if (rc == ERR_OK)
        rc = store_vehicle_list(s, 0, &vs, &n_vs, &e);
    for (size_t i = 0; rc == ERR_OK && i < n_cs; i++) {
        printf("collecteur %lld : %s (organisation %lld)\n", (long long)cs[i].id, cs[i].name,
               (long long)cs[i].org_id);
        for (size_t k = 0; k < n_ds; k++)
            if (ds[k].collector_id == cs[i].id)
                printf("  dépôt %lld : %s %s (%.5f, %.5f)\n", (long long)ds[k].id, ds[k].name,
                       ds[k].address, ds[k].pos.lat, ds[k].pos.lon);
        for (size_t k = 0; k < n_vs; k++)
            if (vs[k].collector_id == cs[i].id)
                printf("  véhicule %lld : %s %.0f kg, %.2f €/km, %.3f kg CO2e/km\n",
                       (long long)vs[k].id, vs[k].name, vs[k].capacity_kg, vs[k].cost_eur_per_km,
                       vs[k].co2e_kg_per_km);
    }
    store_vehicles_free(vs, n_vs);
    store_depots_free(ds, n_ds);
    store_collectors_free(cs, n_cs);
    store_close(s);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

int cmd_collectors(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("collectors : sous-commande add ou list attendue");
    bool *used = xcalloc((size_t)argc, sizeof(bool));
    used[1] = true;
    int status;
    if (!strcmp(argv[1], "add"))
        status = collectors_add(ctx, argc, argv, used);
    else if (!strcmp(argv[1], "list"))
        status = collectors_list(ctx, argc, argv, used);
    else
        status = cli_usage("collectors : sous-commande inconnue « %s » (add ou list)", argv[1]);
    free(used);
    return status;
}
