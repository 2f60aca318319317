/* SPDX-License-Identifier: MIT */
/*
 * optim_rounds.c - collection rounds of a pooled-collection pool
 * (optim.h): the collector's depot and vehicle, the pool's stops, the
 * CVRP on road-like distances, and the baseline of each company driving
 * its own waste to the nearest treatment site.
 */
#include "optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void optim_rounds_params_init(struct optim_rounds_params *p)
{
    memset(p, 0, sizeof(*p));
    p->detour_factor = GEO_DETOUR_FACTOR_DEFAULT;
    p->speed_kmh = OPTIM_SPEED_KMH_DEFAULT;
    p->stop_min = OPTIM_STOP_MIN_DEFAULT;
    cvrp_options_init(&p->cvrp);
}

void optim_rounds_release(struct optim_rounds *r)
{
    if (!r)
        return;
    store_round_release(&r->round);
    store_round_stops_free(r->stops, r->n_stops);
    memset(r, 0, sizeof(*r));
}

double optim_diesel_kg_per_l(const struct ref *r)
{
    const struct ref_factor *f = r ? ref_factor_find(r, "fuel_diesel_road_b7_litre") : NULL;
    return f && f->value > 0 ? f->value : OPTIM_DIESEL_KG_CO2E_PER_L;
}

/* What the rounds use: depot, capacity and the vehicle's factors. */
struct rounds_fleet {
    int64_t collector_id, depot_id, vehicle_id;
    int64_t collector_org_id;
    struct geo_point depot;
    double capacity_kg;
    double cost_eur_per_km;
    double co2e_kg_per_km;
    char *collector_name; /* owned, "" if none */
};

static int fleet_pick_collector(struct store *s, const struct optim_rounds_params *p,
                                struct rounds_fleet *fl, struct err *e)
{
    struct store_collector c;
    struct store_depot *deps = NULL;
    struct store_vehicle *vehs = NULL;
    size_t n_deps = 0, n_vehs = 0;
    int rc = store_collector_get(s, fl->collector_id, &c, e);
    if (rc)
        return rc;
    fl->collector_name = c.name;
    fl->collector_org_id = c.org_id;
    c.name = NULL;
    rc = store_depot_list(s, fl->collector_id, &deps, &n_deps, e);
    if (rc == ERR_OK)
        rc = store_vehicle_list(s, fl->collector_id, &vehs, &n_vehs, e);
    const struct store_depot *d = NULL;
    const struct store_vehicle *v = NULL;
    for (size_t i = 0; i < n_deps && !d; i++)
        d = p->depot_id <= 0 || deps[i].id == p->depot_id ? &deps[i] : NULL;
    for (size_t i = 0; i < n_vehs && !v; i++)
        v = p->vehicle_id <= 0 || vehs[i].id == p->vehicle_id ? &vehs[i] : NULL;
    if (rc == ERR_OK && !d)
        rc = p->depot_id > 0
                 ? err_set(e, ERR_NOT_FOUND, "dépôt %lld introuvable pour ce collecteur",
                           (long long)p->depot_id)
                 : err_set(e, ERR_INPUT, "collecteur %lld : aucun dépôt déclaré",
                           (long long)fl->collector_id);
    if (rc == ERR_OK && !v)
        rc = p->vehicle_id > 0
                 ? err_set(e, ERR_NOT_FOUND, "véhicule %lld introuvable pour ce collecteur",
                           (long long)p->vehicle_id)
                 : err_set(e, ERR_INPUT, "collecteur %lld : aucun véhicule déclaré",
                           (long long)fl->collector_id);
    if (rc == ERR_OK) {
        fl->depot_id = d->id;
        fl->depot = d->pos;
        fl->vehicle_id = v->id;
        fl->capacity_kg = v->capacity_kg;
        fl->cost_eur_per_km = v->cost_eur_per_km;
        fl->co2e_kg_per_km = v->co2e_kg_per_km;
    }
    store_depots_free(deps, n_deps);
    store_vehicles_free(vehs, n_vehs);
    return rc;
}

/* The collector asked for, else the pool's registered collector, else
 * the pool's own depot and capacity with a default truck. */
static int fleet_pick(struct store *s, const struct ref *r, const struct optim_rounds_params *p,
                      const struct store_collection *c, struct rounds_fleet *fl, struct err *e)
{
    memset(fl, 0, sizeof(*fl));
    fl->collector_id = p->collector_id;
    if (fl->collector_id <= 0 && c->collector_org_id > 0) {
        struct err ignored;
        err_init(&ignored);
        if (store_collector_find_org(s, c->collector_org_id, &fl->collector_id, &ignored))
            fl->collector_id = 0;
    }
    if (fl->collector_id > 0)
        return fleet_pick_collector(s, p, fl, e);
    fl->collector_name = xstrdup("");
    fl->depot = c->depot;
    fl->capacity_kg = c->vehicle_capacity_kg;
    fl->co2e_kg_per_km = OPTIM_TRUCK_L_PER_KM * optim_diesel_kg_per_l(r);
    return ERR_OK;
}

/*
 * The baseline of one organisation: its items' nearest accepting sites,
 * one round trip per distinct site. Fills km (road-like, both ways), the
 * number of trips and the name of the first site.
 */
static void baseline_of_org(const struct ref_sites *sites, const struct store_collection_item *it,
                            size_t n, double detour, double *km, size_t *n_trips,
                            const char **site_name)
{
    const struct ref_site *seen[64];
    size_t n_seen = 0;
    *km = 0;
    *n_trips = 0;
    *site_name = "";
    for (size_t i = 0; i < n; i++) {
        double d = 0;
        const struct ref_site *site = ref_sites_nearest(sites, it[i].pos, it[i].low_code, &d);
        bool is_new = site != NULL;
        for (size_t k = 0; k < n_seen && is_new; k++)
            is_new = seen[k] != site;
        if (!is_new)
            continue;
        if (n_seen < sizeof(seen) / sizeof(seen[0]))
            seen[n_seen++] = site;
        *km += 2.0 * d * detour;
        if (*n_trips == 0)
            *site_name = site->name;
        (*n_trips)++;
    }
}

static int check_params(const struct optim_rounds_params *p, struct err *e)
{
    if (!isfinite(p->detour_factor) || p->detour_factor < 1 || p->detour_factor > 5)
        return err_set(e, ERR_INPUT, "detour_factor : doit être entre 1 et 5");
    if (!isfinite(p->speed_kmh) || p->speed_kmh <= 0 || p->speed_kmh > 130)
        return err_set(e, ERR_INPUT, "speed_kmh : doit être entre 0 et 130 km/h");
    if (!isfinite(p->stop_min) || p->stop_min < 0 || p->stop_min > 240)
        return err_set(e, ERR_INPUT, "stop_min : doit être entre 0 et 240 minutes");
    return ERR_OK;
}

/* Fills out->stops from the solution, with names and the baseline. */
static void rounds_fill(const struct ref_sites *sites, const struct optim_rounds_params *p,
                        const struct network_rounds_input *in,
                        const struct store_collection_item *items, size_t n_items,
                        const struct cvrp_solution *sol, struct optim_rounds *out)
{
    struct store_round *rd = &out->round;
    out->stops = xcalloc(in->n_nodes, sizeof(*out->stops));
    for (size_t r = 0; r < sol->n_routes; r++) {
        for (size_t k = sol->route_start[r]; k < sol->route_start[r + 1]; k++) {
            size_t node = sol->nodes[k];
            struct store_round_stop *st = &out->stops[out->n_stops++];
            st->route_no = (int64_t)r + 1;
            st->seq = (int64_t)(k - sol->route_start[r]) + 1;
            st->org_id = in->org_ids[node];
            st->demand_kg = (double)in->demand_kg[node];
            st->pos = in->pts[node];
            /* items are sorted by organisation: find this one's run */
            size_t from = 0;
            while (from < n_items && items[from].org_id != st->org_id)
                from++;
            size_t to = from;
            while (to < n_items && items[to].org_id == st->org_id)
                to++;
            const char *site = "";
            size_t n_trips = 0;
            baseline_of_org(sites, items + from, to - from, p->detour_factor, &st->baseline_km,
                            &n_trips, &site);
            st->site_name = xstrdup(site);
            st->org_name = xstrdup(from < to ? items[from].org_name : "");
            rd->baseline_km += st->baseline_km;
            rd->baseline_min += (double)n_trips * p->stop_min;
        }
    }
    rd->baseline_min += rd->baseline_km / p->speed_kmh * 60.0;
    rd->n_stops = out->n_stops;
}

int optim_rounds_build(struct store *s, const struct ref *r, const struct ref_sites *sites,
                       const struct optim_rounds_params *p, struct optim_rounds *out, struct err *e)
{
    struct store_collection c = {0};
    struct store_collection_item *items = NULL;
    size_t n_items = 0;
    struct network_rounds_input in = {0};
    struct rounds_fleet fl = {0};
    struct cvrp *pb = NULL;
    struct cvrp_solution sol;
    static const struct ref_sites no_sites = {0};
    cvrp_solution_init(&sol);
    memset(out, 0, sizeof(*out));
    if (!sites)
        sites = &no_sites;

    int rc = check_params(p, e);
    if (rc == ERR_OK)
        rc = network_collection_rounds_input(s, p->collection_id, &in, e);
    if (rc == ERR_OK)
        rc = store_collection_get(s, p->collection_id, &c, e);
    if (rc == ERR_OK)
        rc = store_collection_items(s, p->collection_id, &items, &n_items, e);
    if (rc == ERR_OK)
        rc = fleet_pick(s, r, p, &c, &fl, e);
    if (rc == ERR_OK && in.n_nodes < 2)
        rc = err_set(e, ERR_INPUT, "collecte %lld : aucun membre n'a déclaré de déchet",
                     (long long)p->collection_id);
    int64_t cap = (int64_t)floor(fl.capacity_kg);
    for (size_t i = 1; rc == ERR_OK && i < in.n_nodes; i++)
        if (in.demand_kg[i] > cap)
            rc = err_set(e, ERR_INPUT,
                         "capacity_kg : un arrêt produit %lld kg par tournée, plus que la "
                         "capacité du véhicule (%lld kg)",
                         (long long)in.demand_kg[i], (long long)cap);
    if (rc == ERR_OK) {
        in.pts[0] = fl.depot;
        rc = cvrp_new_geo(in.n_nodes, in.pts, p->detour_factor, in.demand_kg, cap, &pb, e);
    }
    if (rc == ERR_OK)
        rc = cvrp_solve(pb, &p->cvrp, &sol, e);
    if (rc == ERR_OK)
        rc = cvrp_check(pb, &sol, NULL, e);
    if (rc == ERR_OK) {
        struct store_round *rd = &out->round;
        rd->collection_id = p->collection_id;
        rd->collector_id = fl.collector_id;
        rd->vehicle_id = fl.vehicle_id;
        rd->depot_id = fl.depot_id;
        memcpy(rd->date, p->date, sizeof(rd->date));
        rd->date[sizeof(rd->date) - 1] = '\0';
        rd->created_by = p->account_id;
        rd->depot = fl.depot;
        rd->capacity_kg = (double)cap;
        rd->detour_factor = p->detour_factor;
        rd->speed_kmh = p->speed_kmh;
        rd->stop_min = p->stop_min;
        rd->n_routes = sol.n_routes;
        rd->km = cvrp_solution_km(pb, &sol);
        rd->co2e_kg = cvrp_solution_co2e_kg(pb, &sol, fl.co2e_kg_per_km);
        rd->cost_eur = rd->km * fl.cost_eur_per_km;
        rd->duration_min = rd->km / p->speed_kmh * 60.0 + (double)(in.n_nodes - 1) * p->stop_min;
        rd->collection_name = c.name;
        c.name = NULL;
        rd->collector_name = fl.collector_name;
        fl.collector_name = NULL;
        rd->territory_id = c.territory_id;
        rd->collector_org_id = fl.collector_org_id;
        rounds_fill(sites, p, &in, items, n_items, &sol, out);
        rd->baseline_co2e_kg = rd->baseline_km * OPTIM_VAN_L_PER_KM * optim_diesel_kg_per_l(r);
    }
    cvrp_solution_release(&sol);
    cvrp_free(pb);
    free(fl.collector_name);
    network_rounds_input_release(&in);
    store_collection_items_free(items, n_items);
    store_collection_release(&c);
    if (rc)
        optim_rounds_release(out);
    return rc;
}

double optim_route_km(const struct store_round *r, const struct store_round_stop *stops,
                      size_t from, size_t to)
{
    double km = 0;
    struct geo_point prev = r->depot;
    for (size_t k = from; k < to; k++) {
        km += geo_haversine_km(prev, stops[k].pos);
        prev = stops[k].pos;
    }
    return (km + geo_haversine_km(prev, r->depot)) * r->detour_factor;
}

int optim_collector_add(struct store *s, const struct ref *r,
                        const struct optim_collector_input *in, int64_t *collector_id,
                        int64_t *depot_id, int64_t *vehicle_id, struct err *e)
{
    if (!geo_point_valid(in->depot))
        return err_set(e, ERR_INPUT,
                       "depot : coordonnées invalides (latitude -90 à 90, "
                       "longitude -180 à 180)");
    if (!isfinite(in->capacity_kg) || in->capacity_kg < 1 || in->capacity_kg > 1e6)
        return err_set(e, ERR_INPUT, "capacity_kg : doit être entre 1 et 1 000 000 kg");
    if (!isfinite(in->cost_eur_per_km) || in->cost_eur_per_km < 0 || in->cost_eur_per_km > 100)
        return err_set(e, ERR_INPUT, "cost_eur_per_km : doit être entre 0 et 100 €/km");
    if (!isfinite(in->co2e_kg_per_km) || in->co2e_kg_per_km > 10)
        return err_set(e, ERR_INPUT, "co2e_kg_per_km : doit être entre 0 et 10 kg CO2e/km");
    int rc = network_check_text("depot_name", in->depot_name, false, false, 200, e);
    if (rc == ERR_OK)
        rc = network_check_text("address", in->address, false, false, 300, e);
    if (rc == ERR_OK)
        rc = network_check_text("vehicle_name", in->vehicle_name, false, false, 200, e);
    if (rc)
        return rc;
    bool is_owned = false;
    rc = store_tx_join(s, &is_owned, e);
    if (rc)
        return rc;
    struct err not_found;
    err_init(&not_found);
    if (store_collector_find_org(s, in->org_id, collector_id, &not_found) != ERR_OK)
        rc = store_collector_insert(s, in->org_id, collector_id, e);
    if (rc == ERR_INPUT)
        rc = err_set(e, ERR_INPUT,
                     "org_id : un collecteur doit être une structure de l'économie sociale et "
                     "solidaire ou avoir un compte collecteur");
    else if (rc == ERR_NOT_FOUND)
        rc = err_set(e, ERR_NOT_FOUND, "org_id : organisation %lld introuvable",
                     (long long)in->org_id);
    struct store_depot d = {.collector_id = *collector_id,
                            .name = (char *)(in->depot_name ? in->depot_name : ""),
                            .address = (char *)(in->address ? in->address : ""),
                            .pos = in->depot};
    struct store_vehicle v = {.collector_id = *collector_id,
                              .name = (char *)(in->vehicle_name ? in->vehicle_name : ""),
                              .capacity_kg = in->capacity_kg,
                              .cost_eur_per_km = in->cost_eur_per_km,
                              .co2e_kg_per_km =
                                  in->co2e_kg_per_km >= 0
                                      ? in->co2e_kg_per_km
                                      : OPTIM_TRUCK_L_PER_KM * optim_diesel_kg_per_l(r)};
    if (rc == ERR_OK)
        rc = store_depot_insert(s, &d, depot_id, e);
    if (rc == ERR_OK)
        rc = store_vehicle_insert(s, &v, vehicle_id, e);
    return store_tx_leave(s, is_owned, rc, e);
}
