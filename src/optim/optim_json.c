/* SPDX-License-Identifier: MIT */
/*
 * optim_json.c - JSON of allocation plans and collection rounds (optim.h),
 * one shape for the cli, the export and the API.
 */
#include "optim.h"

#include <math.h>

/* ,"key":number (null when not finite) */
static void num(struct sb *b, const char *key, double v)
{
    if (isfinite(v))
        sb_addf(b, ",\"%s\":%.10g", key, v);
    else
        sb_addf(b, ",\"%s\":null", key);
}

static void id(struct sb *b, const char *key, int64_t v)
{
    if (v > 0)
        sb_addf(b, ",\"%s\":%lld", key, (long long)v);
    else
        sb_addf(b, ",\"%s\":null", key);
}

static void str(struct sb *b, const char *key, const char *v)
{
    sb_addf(b, ",\"%s\":", key);
    sb_add_json_str(b, v ? v : "");
}

static void totals(struct sb *b, const char *key, const struct store_alloc_totals *t)
{
    sb_addf(b, ",\"%s\":{\"pairs\":%lld", key, (long long)t->n_pairs);
    num(b, "t", t->t);
    num(b, "eur", t->eur);
    num(b, "co2e_t", t->co2e_t);
    num(b, "disposed_t", t->disposed_t);
    sb_addc(b, '}');
}

void optim_plan_json(struct sb *b, const struct store_alloc_plan *p,
                     const struct store_alloc_line *lines, size_t n_lines)
{
    sb_addf(b, "{\"id\":%lld,\"created_at\":%lld", (long long)p->id, (long long)p->created_at);
    id(b, "created_by", p->created_by);
    id(b, "territory_id", p->territory_id);
    str(b, "territory", p->territory_name);
    sb_addf(b, ",\"n_candidates\":%lld", (long long)p->n_candidates);
    totals(b, "optimal", &p->best);
    totals(b, "greedy", &p->greedy);
    num(b, "gain_over_greedy_eur", p->best.eur - p->greedy.eur);
    if (lines) {
        sb_adds(b, ",\"lines\":[");
        for (size_t i = 0; i < n_lines; i++) {
            const struct store_alloc_line *l = &lines[i];
            sb_addf(b, "%s{\"synergy_id\":%lld", i ? "," : "", (long long)l->synergy_id);
            id(b, "offer_flow_id", l->offer_flow_id);
            id(b, "need_flow_id", l->need_flow_id);
            id(b, "offer_org_id", l->offer_org_id);
            id(b, "receiver_org_id", l->receiver_org_id);
            str(b, "offer_org", l->offer_org_name);
            str(b, "receiver", l->receiver_name);
            str(b, "code", l->code);
            num(b, "t", l->t);
            num(b, "greedy_t", l->greedy_t);
            num(b, "eur", l->eur);
            num(b, "co2e_t", l->co2e_t);
            sb_addf(b, ",\"kept\":%s}", l->t > 0 ? "true" : "false");
        }
        sb_addc(b, ']');
    }
    sb_addc(b, '}');
}

static void route_json(struct sb *b, const struct store_round *r,
                       const struct store_round_stop *stops, size_t from, size_t to)
{
    double km = optim_route_km(r, stops, from, to), load = 0;
    for (size_t k = from; k < to; k++)
        load += stops[k].demand_kg;
    sb_addf(b, "{\"route\":%lld", (long long)stops[from].route_no);
    num(b, "km", km);
    num(b, "load_kg", load);
    num(b, "duration_min", km / r->speed_kmh * 60.0 + (double)(to - from) * r->stop_min);
    sb_adds(b, ",\"stops\":[");
    for (size_t k = from; k < to; k++) {
        const struct store_round_stop *p = &stops[k];
        sb_addf(b, "%s{\"seq\":%lld", k > from ? "," : "", (long long)p->seq);
        id(b, "org_id", p->org_id);
        str(b, "name", p->org_name);
        num(b, "demand_kg", p->demand_kg);
        sb_addf(b, ",\"lat\":%.6f,\"lon\":%.6f", p->pos.lat, p->pos.lon);
        num(b, "baseline_km", p->baseline_km);
        str(b, "site", p->site_name);
        sb_addc(b, '}');
    }
    sb_adds(b, "]}");
}

/* Writes each route [from, to) of stops (grouped by route_no): as an
 * object, or as the coordinates of its line when is_geometry. */
static void routes_json(struct sb *b, const struct store_round *r,
                        const struct store_round_stop *stops, size_t n, bool is_geometry)
{
    size_t from = 0, n_routes = 0;
    while (from < n) {
        size_t to = from + 1;
        while (to < n && stops[to].route_no == stops[from].route_no)
            to++;
        sb_adds(b, n_routes++ ? "," : "");
        if (!is_geometry) {
            route_json(b, r, stops, from, to);
        } else {
            sb_addf(b, "[[%.6f,%.6f]", r->depot.lon, r->depot.lat);
            for (size_t k = from; k < to; k++)
                sb_addf(b, ",[%.6f,%.6f]", stops[k].pos.lon, stops[k].pos.lat);
            sb_addf(b, ",[%.6f,%.6f]]", r->depot.lon, r->depot.lat);
        }
        from = to;
    }
}

void optim_round_json(struct sb *b, const struct store_round *r,
                      const struct store_round_stop *stops, size_t n_stops)
{
    sb_addf(b, "{\"id\":%lld,\"collection_id\":%lld", (long long)r->id,
            (long long)r->collection_id);
    str(b, "collection", r->collection_name);
    id(b, "territory_id", r->territory_id);
    id(b, "collector_id", r->collector_id);
    str(b, "collector", r->collector_name);
    id(b, "vehicle_id", r->vehicle_id);
    id(b, "depot_id", r->depot_id);
    str(b, "date", r->date);
    sb_addf(b, ",\"created_at\":%lld", (long long)r->created_at);
    sb_addf(b, ",\"depot\":{\"lat\":%.6f,\"lon\":%.6f}", r->depot.lat, r->depot.lon);
    num(b, "capacity_kg", r->capacity_kg);
    num(b, "detour_factor", r->detour_factor);
    num(b, "speed_kmh", r->speed_kmh);
    num(b, "stop_min", r->stop_min);
    sb_addf(b, ",\"n_routes\":%zu,\"n_stops\":%zu", r->n_routes, r->n_stops);
    num(b, "km", r->km);
    num(b, "duration_min", r->duration_min);
    num(b, "co2e_kg", r->co2e_kg);
    num(b, "cost_eur", r->cost_eur);
    sb_adds(b, ",\"baseline\":{\"description\":\"chaque entreprise apporte ses déchets au site de "
               "traitement le plus proche\"");
    num(b, "km", r->baseline_km);
    num(b, "duration_min", r->baseline_min);
    num(b, "co2e_kg", r->baseline_co2e_kg);
    sb_addc(b, '}');
    num(b, "km_saved", r->baseline_km - r->km);
    num(b, "co2e_saved_kg", r->baseline_co2e_kg - r->co2e_kg);
    if (stops) {
        sb_adds(b, ",\"routes\":[");
        routes_json(b, r, stops, n_stops, false);
        sb_adds(b, "],\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[");
        routes_json(b, r, stops, n_stops, true);
        sb_adds(b, "]}");
    }
    sb_addc(b, '}');
}
