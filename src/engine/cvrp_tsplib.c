/* SPDX-License-Identifier: MIT */
/*
 * cvrp_tsplib.c - the TSPLIB/CVRPLIB CVRP reader. It accepts the subset
 * CVRPLIB uses for planar instances (TYPE CVRP, EDGE_WEIGHT_TYPE EUC_2D or
 * the real-valued EXACT_2D, coordinates, demands, depot 1) and the
 * keywords of the Christofides-Mingozzi-Toth instances (VEHICLES, the
 * DISTANCE route duration limit, SERVICE_TIME per customer), reports
 * anything else as "FILE:LINE: reason" (in French, as the interface), then
 * builds the instance with cvrp_new_euc2d or cvrp_new_exact2d and
 * cvrp_set_duration.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

enum tsp_mode { TSP_HEADER, TSP_COORD, TSP_DEMAND, TSP_DEPOT, TSP_DONE };

#define TSP_MAX_TOKENS 4

struct tsp_reader {
    const char *file;  /* name used in messages */
    const char *buf;   /* whole input (borrowed) */
    size_t len;        /* input length */
    size_t pos;        /* next unread byte */
    size_t line;       /* 1-based number of the current line */
    struct slice text; /* current line, trimmed */
    struct err *e;

    enum tsp_mode mode;
    bool has_name, has_type, has_ewt, has_coords, has_demands, has_depot;
    bool is_exact; /* EDGE_WEIGHT_TYPE EXACT_2D */
    bool has_vehicles, has_distance, has_service;
    size_t vehicles;      /* VEHICLES, 0 until read */
    double distance;      /* DISTANCE: route duration limit, 0 = none */
    double service;       /* SERVICE_TIME per customer */
    size_t distance_line; /* line of DISTANCE, for a limit no customer fits */
    char *name;
    size_t dim;       /* DIMENSION, 0 until read */
    int64_t capacity; /* CAPACITY, 0 until read */
    size_t n_read;    /* entries read in the current section */
    double *x, *y;    /* dim coordinates */
    int64_t *demand;  /* dim demands */
    size_t *dem_line; /* line of each demand, for late capacity checks */
    unsigned char *seen;
};

static int tsp_fail(struct tsp_reader *r, const char *fmt, ...) CORE_PRINTF(2, 3);
static int tsp_fail(struct tsp_reader *r, const char *fmt, ...)
{
    struct sb msg;
    sb_init(&msg, ERR_MSG_MAX);
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&msg, fmt, ap);
    va_end(ap);
    int rc = err_set(r->e, ERR_INPUT, "%s:%zu: %s", r->file, r->line, msg.buf);
    sb_release(&msg);
    return rc;
}

/* Length of s to quote in a message: at most 40 bytes. */
static int tsp_clip(struct slice s)
{
    return s.len > 40 ? 40 : (int)s.len;
}

static bool tsp_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Moves to the next line; false at end of input. */
static bool tsp_next_line(struct tsp_reader *r)
{
    if (r->pos >= r->len)
        return false;
    const char *start = r->buf + r->pos;
    const char *nl = memchr(start, '\n', r->len - r->pos);
    size_t n = nl ? (size_t)(nl - start) : r->len - r->pos;
    r->pos += n + (nl ? 1 : 0);
    r->line++;
    while (n > 0 && tsp_space(start[0])) {
        start++;
        n--;
    }
    while (n > 0 && tsp_space(start[n - 1]))
        n--;
    r->text = slice_from(start, n);
    return true;
}

/* Splits the current line on blanks; returns the count (at most max + 1,
 * so that callers can tell "too many"). */
static size_t tsp_tokens(const struct tsp_reader *r, struct slice *tok, size_t max)
{
    size_t n = 0;
    size_t i = 0;
    while (i < r->text.len && n <= max) {
        while (i < r->text.len && tsp_space(r->text.p[i]))
            i++;
        if (i >= r->text.len)
            break;
        size_t b = i;
        while (i < r->text.len && !tsp_space(r->text.p[i]))
            i++;
        if (n < max)
            tok[n] = slice_from(r->text.p + b, i - b);
        n++;
    }
    return n;
}

/* A line of a section starts with a digit or a sign; anything else ends it. */
static bool tsp_is_data_line(struct slice s)
{
    char c = s.p[0];
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
}

static int tsp_int(struct tsp_reader *r, struct slice s, const char *field, int64_t *out)
{
    struct err tmp;
    err_init(&tmp);
    if (parse_int64(s, out, &tmp))
        return tsp_fail(r, "%s : entier invalide « %.*s »", field, tsp_clip(s), s.p);
    return ERR_OK;
}

/* Reads a node number (1..DIMENSION) not yet seen in this section. */
static int tsp_node_id(struct tsp_reader *r, struct slice s, const char *section, size_t *out)
{
    int64_t id;
    int rc = tsp_int(r, s, section, &id);
    if (rc)
        return rc;
    if (id < 1 || (uint64_t)id > r->dim)
        return tsp_fail(r, "%s : nœud %lld hors de 1..%zu", section, (long long)id, r->dim);
    if (r->seen[id - 1])
        return tsp_fail(r, "%s : nœud %lld donné deux fois", section, (long long)id);
    r->seen[id - 1] = 1;
    *out = (size_t)(id - 1);
    return ERR_OK;
}

/* Splits a section line into exactly n_tok tokens and reads its node. */
static int tsp_node_line(struct tsp_reader *r, const char *section, const char *usage,
                         struct slice *tok, size_t n_tok, size_t *node)
{
    if (tsp_tokens(r, tok, n_tok) != n_tok)
        return tsp_fail(r, "%s : « %s » attendu", section, usage);
    return tsp_node_id(r, tok[0], section, node);
}

static int tsp_coord_line(struct tsp_reader *r)
{
    struct slice tok[3];
    size_t i;
    int rc = tsp_node_line(r, "NODE_COORD_SECTION", "nœud x y", tok, 3, &i);
    if (rc)
        return rc;
    struct err tmp;
    err_init(&tmp);
    double xy[2];
    for (int k = 0; k < 2; k++) {
        if (parse_double(tok[1 + k], &xy[k], &tmp))
            return tsp_fail(r, "NODE_COORD_SECTION : nœud %zu : coordonnée invalide « %.*s »",
                            i + 1, tsp_clip(tok[1 + k]), tok[1 + k].p);
        if (!(xy[k] <= CVRP_MAX_COORD && xy[k] >= -CVRP_MAX_COORD))
            return tsp_fail(r, "NODE_COORD_SECTION : nœud %zu : coordonnée hors limites", i + 1);
    }
    r->x[i] = xy[0];
    r->y[i] = xy[1];
    return ERR_OK;
}

static int tsp_demand_line(struct tsp_reader *r)
{
    struct slice tok[2];
    size_t i;
    int rc = tsp_node_line(r, "DEMAND_SECTION", "nœud demande", tok, 2, &i);
    if (rc)
        return rc;
    int64_t d;
    rc = tsp_int(r, tok[1], "DEMAND_SECTION", &d);
    if (rc)
        return rc;
    if (d < 0)
        return tsp_fail(r, "DEMAND_SECTION : nœud %zu : demande négative", i + 1);
    if (r->capacity > 0 && d > r->capacity)
        return tsp_fail(r, "DEMAND_SECTION : nœud %zu : demande %lld au-delà de la capacité %lld",
                        i + 1, (long long)d, (long long)r->capacity);
    r->demand[i] = d;
    r->dem_line[i] = r->line;
    return ERR_OK;
}

static int tsp_depot_line(struct tsp_reader *r)
{
    struct slice tok[2];
    size_t n = tsp_tokens(r, tok, 2);
    if (n != 1)
        return tsp_fail(r, "DEPOT_SECTION : un nœud par ligne attendu");
    int64_t id;
    int rc = tsp_int(r, tok[0], "DEPOT_SECTION", &id);
    if (rc)
        return rc;
    if (id == -1) {
        if (r->n_read == 0)
            return tsp_fail(r, "DEPOT_SECTION : aucun dépôt donné");
        r->mode = TSP_HEADER;
        return ERR_OK;
    }
    if (r->n_read > 0)
        return tsp_fail(r, "DEPOT_SECTION : un seul dépôt est pris en charge");
    if (id != 1)
        return tsp_fail(r, "DEPOT_SECTION : dépôt %lld : seul le nœud 1 peut être le dépôt",
                        (long long)id);
    r->n_read++;
    return ERR_OK;
}

/* Starts a section that lists every node once. */
static int tsp_begin_nodes(struct tsp_reader *r, const char *section, bool *has, enum tsp_mode m)
{
    if (*has)
        return tsp_fail(r, "%s donné deux fois", section);
    if (r->dim == 0)
        return tsp_fail(r, "%s : DIMENSION doit venir avant", section);
    *has = true;
    memset(r->seen, 0, r->dim);
    r->n_read = 0;
    r->mode = m;
    return ERR_OK;
}

/* Reads the value of a "KEY : VALUE" line into *value. */
static int tsp_value(struct tsp_reader *r, struct slice rest, struct slice key, struct slice *value)
{
    rest = slice_trim(rest);
    if (rest.len > 0 && rest.p[0] == ':')
        rest = slice_trim(slice_from(rest.p + 1, rest.len - 1));
    if (rest.len == 0)
        return tsp_fail(r, "%.*s : valeur manquante", tsp_clip(key), key.p);
    *value = rest;
    return ERR_OK;
}

static int tsp_once(struct tsp_reader *r, bool *has, const char *key)
{
    if (*has)
        return tsp_fail(r, "%s donné deux fois", key);
    *has = true;
    return ERR_OK;
}

/* Reads a real number in [lo, hi] (lo itself only if is_lo_ok). */
static int tsp_real(struct tsp_reader *r, struct slice s, const char *field, double lo,
                    bool is_lo_ok, double hi, double *out)
{
    struct err tmp;
    err_init(&tmp);
    if (parse_double(s, out, &tmp))
        return tsp_fail(r, "%s : nombre invalide « %.*s »", field, tsp_clip(s), s.p);
    if (!(*out <= hi && (*out > lo || (is_lo_ok && *out == lo))))
        return tsp_fail(r, "%s : %.*s hors de %s%g, %g]", field, tsp_clip(s), s.p,
                        is_lo_ok ? "[" : "]", lo, hi);
    return ERR_OK;
}

/* VEHICLES, DISTANCE and SERVICE_TIME (Christofides-Mingozzi-Toth). */
static int tsp_limit_line(struct tsp_reader *r, struct slice key, struct slice v, bool *is_done)
{
    int rc;
    *is_done = true;
    if (slice_eq_nocase(key, "VEHICLES")) {
        int64_t n;
        rc = tsp_once(r, &r->has_vehicles, "VEHICLES");
        if (!rc)
            rc = tsp_int(r, v, "VEHICLES", &n);
        if (!rc && (n < 1 || n > CVRP_MAX_NODES))
            rc = tsp_fail(r, "VEHICLES : %lld hors de 1..%d", (long long)n, CVRP_MAX_NODES);
        if (!rc)
            r->vehicles = (size_t)n;
        return rc;
    }
    if (slice_eq_nocase(key, "DISTANCE")) {
        rc = tsp_once(r, &r->has_distance, "DISTANCE");
        if (!rc)
            rc = tsp_real(r, v, "DISTANCE", 0, false, CVRP_MAX_DURATION, &r->distance);
        r->distance_line = r->line;
        return rc;
    }
    if (slice_eq_nocase(key, "SERVICE_TIME")) {
        rc = tsp_once(r, &r->has_service, "SERVICE_TIME");
        if (!rc)
            rc = tsp_real(r, v, "SERVICE_TIME", 0, true, CVRP_MAX_DURATION, &r->service);
        return rc;
    }
    *is_done = false;
    return ERR_OK;
}

static int tsp_header_line(struct tsp_reader *r)
{
    size_t k = 0;
    while (k < r->text.len && r->text.p[k] != ':' && !tsp_space(r->text.p[k]))
        k++;
    struct slice key = slice_from(r->text.p, k);
    struct slice rest = slice_from(r->text.p + k, r->text.len - k);
    struct slice v;
    int rc;
    bool has_dim = r->dim > 0, has_cap = r->capacity > 0;
    if (slice_eq_nocase(key, "NODE_COORD_SECTION"))
        return tsp_begin_nodes(r, "NODE_COORD_SECTION", &r->has_coords, TSP_COORD);
    if (slice_eq_nocase(key, "DEMAND_SECTION"))
        return tsp_begin_nodes(r, "DEMAND_SECTION", &r->has_demands, TSP_DEMAND);
    if (slice_eq_nocase(key, "DEPOT_SECTION")) {
        r->n_read = 0;
        r->mode = TSP_DEPOT;
        return tsp_once(r, &r->has_depot, "DEPOT_SECTION");
    }
    if (slice_eq_nocase(key, "EOF")) {
        r->mode = TSP_DONE;
        return ERR_OK;
    }
    if (slice_eq_nocase(key, "COMMENT"))
        return ERR_OK;
    rc = tsp_value(r, rest, key, &v);
    if (rc)
        return rc;
    if (slice_eq_nocase(key, "NAME")) {
        rc = tsp_once(r, &r->has_name, "NAME");
        if (rc)
            return rc;
        free(r->name);
        r->name = slice_dup(v);
        return ERR_OK;
    }
    if (slice_eq_nocase(key, "TYPE")) {
        rc = tsp_once(r, &r->has_type, "TYPE");
        if (rc)
            return rc;
        if (!slice_eq_nocase(v, "CVRP"))
            return tsp_fail(r, "TYPE : type « %.*s » non pris en charge, CVRP attendu", tsp_clip(v),
                            v.p);
        return ERR_OK;
    }
    if (slice_eq_nocase(key, "EDGE_WEIGHT_TYPE")) {
        rc = tsp_once(r, &r->has_ewt, "EDGE_WEIGHT_TYPE");
        if (rc)
            return rc;
        r->is_exact = slice_eq_nocase(v, "EXACT_2D");
        if (!r->is_exact && !slice_eq_nocase(v, "EUC_2D"))
            return tsp_fail(r,
                            "EDGE_WEIGHT_TYPE : type « %.*s » non pris en charge, EUC_2D ou "
                            "EXACT_2D attendu",
                            tsp_clip(v), v.p);
        return ERR_OK;
    }
    bool is_done;
    rc = tsp_limit_line(r, key, v, &is_done);
    if (rc || is_done)
        return rc;
    if (slice_eq_nocase(key, "NODE_COORD_TYPE") || slice_eq_nocase(key, "DISPLAY_DATA_TYPE"))
        return ERR_OK;
    int64_t n;
    if (slice_eq_nocase(key, "DIMENSION")) {
        rc = tsp_once(r, &has_dim, "DIMENSION");
        if (rc)
            return rc;
        rc = tsp_int(r, v, "DIMENSION", &n);
        if (rc)
            return rc;
        if (n < 2 || n > CVRP_MAX_NODES)
            return tsp_fail(r, "DIMENSION : %lld hors de 2..%d", (long long)n, CVRP_MAX_NODES);
        r->dim = (size_t)n;
        r->x = xcalloc(r->dim, sizeof(*r->x));
        r->y = xcalloc(r->dim, sizeof(*r->y));
        r->demand = xcalloc(r->dim, sizeof(*r->demand));
        r->dem_line = xcalloc(r->dim, sizeof(*r->dem_line));
        r->seen = xcalloc(r->dim, 1);
        return ERR_OK;
    }
    if (slice_eq_nocase(key, "CAPACITY")) {
        rc = tsp_once(r, &has_cap, "CAPACITY");
        if (rc)
            return rc;
        rc = tsp_int(r, v, "CAPACITY", &n);
        if (rc)
            return rc;
        if (n < 1 || n > CVRP_MAX_CAPACITY)
            return tsp_fail(r, "CAPACITY : %lld hors limites", (long long)n);
        r->capacity = n;
        return ERR_OK;
    }
    return tsp_fail(r, "mot-clé inconnu « %.*s »", tsp_clip(key), key.p);
}

static int tsp_read(struct tsp_reader *r)
{
    int rc;
    while (r->mode != TSP_DONE && tsp_next_line(r)) {
        if (r->text.len == 0)
            continue;
        bool is_data = tsp_is_data_line(r->text);
        if (r->mode == TSP_COORD || r->mode == TSP_DEMAND) {
            const char *sec = r->mode == TSP_COORD ? "NODE_COORD_SECTION" : "DEMAND_SECTION";
            if (!is_data)
                return tsp_fail(r, "%s : %zu nœuds donnés sur %zu", sec, r->n_read, r->dim);
            rc = r->mode == TSP_COORD ? tsp_coord_line(r) : tsp_demand_line(r);
            if (rc)
                return rc;
            if (++r->n_read == r->dim)
                r->mode = TSP_HEADER;
            continue;
        }
        if (r->mode == TSP_DEPOT) {
            if (!is_data)
                return tsp_fail(r, "DEPOT_SECTION : -1 final manquant");
            rc = tsp_depot_line(r);
            if (rc)
                return rc;
            continue;
        }
        if (is_data)
            return tsp_fail(r, "données hors d'une section");
        rc = tsp_header_line(r);
        if (rc)
            return rc;
    }
    if (r->mode == TSP_COORD)
        return tsp_fail(r, "NODE_COORD_SECTION : %zu nœuds donnés sur %zu", r->n_read, r->dim);
    if (r->mode == TSP_DEMAND)
        return tsp_fail(r, "DEMAND_SECTION : %zu nœuds donnés sur %zu", r->n_read, r->dim);
    if (r->mode == TSP_DEPOT)
        return tsp_fail(r, "DEPOT_SECTION : -1 final manquant");
    const struct {
        const char *what;
        bool has;
    } required[] = {
        {"TYPE", r->has_type},
        {"EDGE_WEIGHT_TYPE", r->has_ewt},
        {"NODE_COORD_SECTION", r->has_coords},
        {"DEMAND_SECTION", r->has_demands},
        {"DEPOT_SECTION", r->has_depot},
    };
    if (r->dim == 0)
        return tsp_fail(r, "DIMENSION manquant");
    if (r->capacity == 0)
        return tsp_fail(r, "CAPACITY manquant");
    for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
        if (!required[i].has)
            return tsp_fail(r, "%s manquant", required[i].what);
    }
    if (r->demand[0] != 0) {
        r->line = r->dem_line[0];
        return tsp_fail(r, "DEMAND_SECTION : la demande du dépôt doit être 0");
    }
    for (size_t i = 1; i < r->dim; i++) {
        if (r->demand[i] > r->capacity) {
            r->line = r->dem_line[i];
            return tsp_fail(r,
                            "DEMAND_SECTION : nœud %zu : demande %lld au-delà de la capacité %lld",
                            i + 1, (long long)r->demand[i], (long long)r->capacity);
        }
    }
    return ERR_OK;
}

int cvrp_parse_tsplib(const char *file_name, const char *buf, size_t len, struct cvrp **out,
                      struct err *e)
{
    struct tsp_reader r;
    memset(&r, 0, sizeof(r));
    r.file = file_name;
    r.buf = buf;
    r.len = len;
    r.e = e;
    r.mode = TSP_HEADER;
    *out = NULL;
    int rc = tsp_read(&r);
    if (rc == ERR_OK) {
        struct err tmp;
        err_init(&tmp);
        rc = r.is_exact ? cvrp_new_exact2d(r.dim, r.x, r.y, r.demand, r.capacity, out, &tmp)
                        : cvrp_new_euc2d(r.dim, r.x, r.y, r.demand, r.capacity, out, &tmp);
        if (rc == ERR_OK) {
            (*out)->vehicles = r.vehicles;
            rc = cvrp_set_duration(*out, r.distance, r.service, &tmp);
            if (rc) {
                cvrp_free(*out);
                *out = NULL;
                rc = err_set(e, rc, "%s:%zu: DISTANCE : %s", file_name, r.distance_line, tmp.msg);
            }
        } else {
            rc = err_set(e, rc, "%s: %s", file_name, tmp.msg);
        }
    }
    if (rc == ERR_OK && r.name) {
        free((*out)->name);
        (*out)->name = r.name;
        r.name = NULL;
    }
    free(r.name);
    free(r.x);
    free(r.y);
    free(r.demand);
    free(r.dem_line);
    free(r.seen);
    return rc;
}
