/* SPDX-License-Identifier: MIT */
/*
 * cvrp.c - CVRP instances and solutions: the constructors on plain arrays
 * (distance matrix, planar coordinates, WGS84 points) and the derived
 * figures (km, CO2e). The TSPLIB parser is cvrp_tsplib.c, the solver
 * cvrp_solve.c, the independent checker cvrp_check.c.
 */
#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Validates demands and capacity shared by all constructors. */
static int cvrp_check_demands(size_t n_nodes, const int64_t *demand, int64_t capacity,
                              struct err *e)
{
    if (n_nodes < 1)
        return err_set(e, ERR_INPUT, "cvrp: at least the depot is needed");
    if (n_nodes > CVRP_MAX_NODES)
        return err_set(e, ERR_TOO_LARGE, "cvrp: %zu nodes, at most %d supported", n_nodes,
                       CVRP_MAX_NODES);
    if (capacity <= 0 || capacity > CVRP_MAX_CAPACITY)
        return err_set(e, ERR_INPUT, "cvrp: capacity %lld out of range", (long long)capacity);
    if (demand[0] != 0)
        return err_set(e, ERR_INPUT, "cvrp: depot demand must be 0");
    for (size_t i = 1; i < n_nodes; i++) {
        if (demand[i] < 0)
            return err_set(e, ERR_INPUT, "cvrp: node %zu: negative demand", i);
        if (demand[i] > capacity)
            return err_set(e, ERR_INPUT, "cvrp: node %zu: demand %lld over capacity %lld", i,
                           (long long)demand[i], (long long)capacity);
    }
    return ERR_OK;
}

/* Allocates an instance with its arrays; the matrix is left for the caller. */
static struct cvrp *cvrp_alloc(size_t n_nodes, const int64_t *demand, int64_t capacity)
{
    struct cvrp *p = xcalloc(1, sizeof(*p));
    p->name = xstrdup("");
    p->n_nodes = n_nodes;
    p->dist = xmallocarray(n_nodes * n_nodes, sizeof(*p->dist));
    p->demand = xmallocarray(n_nodes, sizeof(*p->demand));
    memcpy(p->demand, demand, n_nodes * sizeof(*p->demand));
    p->capacity = capacity;
    p->dist_scale = 1;
    return p;
}

void cvrp_free(struct cvrp *p)
{
    if (!p)
        return;
    free(p->name);
    free(p->dist);
    free(p->demand);
    free(p);
}

int cvrp_new_matrix(size_t n_nodes, const int64_t *dist, const int64_t *demand, int64_t capacity,
                    struct cvrp **out, struct err *e)
{
    *out = NULL;
    int rc = cvrp_check_demands(n_nodes, demand, capacity, e);
    if (rc)
        return rc;
    /* Bound each distance so that any route total fits in int64. */
    const int64_t max_dist = (int64_t)1 << 40;
    for (size_t i = 0; i < n_nodes; i++) {
        for (size_t j = 0; j < n_nodes; j++) {
            int64_t d = dist[i * n_nodes + j];
            if (d < 0 || d > max_dist)
                return err_set(e, ERR_INPUT, "cvrp: distance %zu-%zu out of range", i, j);
            if (i == j && d != 0)
                return err_set(e, ERR_INPUT, "cvrp: distance %zu-%zu must be 0", i, j);
            if (d != dist[j * n_nodes + i])
                return err_set(e, ERR_INPUT, "cvrp: distance %zu-%zu is not symmetric", i, j);
        }
    }
    struct cvrp *p = cvrp_alloc(n_nodes, demand, capacity);
    memcpy(p->dist, dist, n_nodes * n_nodes * sizeof(*p->dist));
    *out = p;
    return ERR_OK;
}

/* Planar distances times scale, rounded half up (TSPLIB nint for scale 1). */
static int cvrp_new_planar(size_t n_nodes, const double *x, const double *y, const int64_t *demand,
                           int64_t capacity, int64_t scale, struct cvrp **out, struct err *e)
{
    *out = NULL;
    int rc = cvrp_check_demands(n_nodes, demand, capacity, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < n_nodes; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]) || fabs(x[i]) > CVRP_MAX_COORD ||
            fabs(y[i]) > CVRP_MAX_COORD)
            return err_set(e, ERR_INPUT, "cvrp: node %zu: coordinate out of range", i);
    }
    struct cvrp *p = cvrp_alloc(n_nodes, demand, capacity);
    p->dist_scale = scale;
    for (size_t i = 0; i < n_nodes; i++) {
        for (size_t j = 0; j < n_nodes; j++) {
            double dx = x[i] - x[j];
            double dy = y[i] - y[j];
            /* TSPLIB nint: round half up of a non-negative value. */
            p->dist[i * n_nodes + j] = (int64_t)(sqrt(dx * dx + dy * dy) * (double)scale + 0.5);
        }
    }
    *out = p;
    return ERR_OK;
}

int cvrp_new_euc2d(size_t n_nodes, const double *x, const double *y, const int64_t *demand,
                   int64_t capacity, struct cvrp **out, struct err *e)
{
    return cvrp_new_planar(n_nodes, x, y, demand, capacity, 1, out, e);
}

int cvrp_new_exact2d(size_t n_nodes, const double *x, const double *y, const int64_t *demand,
                     int64_t capacity, struct cvrp **out, struct err *e)
{
    return cvrp_new_planar(n_nodes, x, y, demand, capacity, CVRP_EXACT_SCALE, out, e);
}

int cvrp_set_duration(struct cvrp *p, double max_duration, double service_time, struct err *e)
{
    if (!(max_duration >= 0 && max_duration <= CVRP_MAX_DURATION))
        return err_set(e, ERR_INPUT, "durée maximale %g hors de [0, %g]", max_duration,
                       CVRP_MAX_DURATION);
    if (!(service_time >= 0 && service_time <= CVRP_MAX_DURATION))
        return err_set(e, ERR_INPUT, "temps de service %g hors de [0, %g]", service_time,
                       CVRP_MAX_DURATION);
    double scale = (double)p->dist_scale;
    /* the limit rounds down and the service time up: never more lenient
     * than the source */
    p->max_duration = (int64_t)floor(max_duration * scale + 1e-9);
    p->service_time = (int64_t)ceil(service_time * scale - 1e-9);
    if (max_duration > 0 && p->max_duration == 0)
        p->max_duration = 1;
    if (p->max_duration == 0)
        return ERR_OK;
    for (size_t c = 1; c < p->n_nodes; c++) {
        int64_t trip = cvrp_dist(p, 0, c) + cvrp_dist(p, c, 0) + p->service_time;
        if (trip > p->max_duration)
            return err_set(e, ERR_INFEASIBLE,
                           "le client %zu ne peut être servi : aller-retour depuis le dépôt et "
                           "service (%.4g) au-delà de la durée maximale %.4g",
                           c + 1, (double)trip / scale, max_duration);
    }
    return ERR_OK;
}

int cvrp_new_geo(size_t n_nodes, const struct geo_point *pts, double detour_factor,
                 const int64_t *demand, int64_t capacity, struct cvrp **out, struct err *e)
{
    *out = NULL;
    int rc = cvrp_check_demands(n_nodes, demand, capacity, e);
    if (rc)
        return rc;
    if (!isfinite(detour_factor) || detour_factor < 1.0 || detour_factor > 10.0)
        return err_set(e, ERR_INPUT, "cvrp: detour factor %g out of range [1, 10]", detour_factor);
    for (size_t i = 0; i < n_nodes; i++) {
        if (!geo_point_valid(pts[i]))
            return err_set(e, ERR_INPUT, "cvrp: node %zu: invalid coordinates", i);
    }
    struct cvrp *p = cvrp_alloc(n_nodes, demand, capacity);
    p->km_per_unit = 0.001;
    for (size_t i = 0; i < n_nodes; i++) {
        for (size_t j = i; j < n_nodes; j++) {
            double m = geo_haversine_km(pts[i], pts[j]) * detour_factor * 1000.0;
            int64_t d = i == j ? 0 : (int64_t)llround(m);
            p->dist[i * n_nodes + j] = d;
            p->dist[j * n_nodes + i] = d;
        }
    }
    *out = p;
    return ERR_OK;
}

void cvrp_solution_init(struct cvrp_solution *s)
{
    memset(s, 0, sizeof(*s));
}

void cvrp_solution_release(struct cvrp_solution *s)
{
    free(s->route_start);
    free(s->nodes);
    cvrp_solution_init(s);
}

double cvrp_solution_km(const struct cvrp *p, const struct cvrp_solution *s)
{
    return (double)s->cost * p->km_per_unit;
}

double cvrp_solution_co2e_kg(const struct cvrp *p, const struct cvrp_solution *s,
                             double kg_co2e_per_vehicle_km)
{
    return cvrp_solution_km(p, s) * kg_co2e_per_vehicle_km;
}
