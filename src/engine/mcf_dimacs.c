/* SPDX-License-Identifier: MIT */
/*
 * mcf_dimacs.c - the DIMACS "min" format of min-cost flow problems:
 * a hand-written parser (one pass over the buffer, integers parsed by
 * hand: files of 10^6 arcs are common) and the solution writer.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

struct dimacs_scan {
    const char *p;    /* next byte */
    const char *end;  /* end of input */
    const char *name; /* file name for messages */
    size_t line;      /* 1-based line of p */
    struct err *e;
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static void scan_blanks(struct dimacs_scan *sc)
{
    while (sc->p < sc->end && is_blank(*sc->p))
        sc->p++;
}

/* Reads one int64 token, which must end at a blank or the end of line. */
static int scan_int(struct dimacs_scan *sc, const char *what, int64_t *out)
{
    scan_blanks(sc);
    if (sc->p >= sc->end || *sc->p == '\n')
        return err_set(sc->e, ERR_INPUT, "%s:%zu: %s: missing", sc->name, sc->line, what);
    bool neg = false;
    if (*sc->p == '-' || *sc->p == '+') {
        neg = *sc->p == '-';
        sc->p++;
    }
    const char *start = sc->p;
    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    bool over = false;
    while (sc->p < sc->end && *sc->p >= '0' && *sc->p <= '9') {
        unsigned dig = (unsigned)(*sc->p - '0');
        if (v > (limit - dig) / 10)
            over = true;
        else
            v = v * 10 + dig;
        sc->p++;
    }
    if (sc->p == start || (sc->p < sc->end && !is_blank(*sc->p) && *sc->p != '\n'))
        return err_set(sc->e, ERR_INPUT, "%s:%zu: %s: not an integer", sc->name, sc->line, what);
    if (over)
        return err_set(sc->e, ERR_INPUT, "%s:%zu: %s: out of the int64 range", sc->name, sc->line,
                       what);
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return ERR_OK;
}

/* The rest of the line must be blank; moves past its end. */
static int scan_eol(struct dimacs_scan *sc)
{
    scan_blanks(sc);
    if (sc->p < sc->end && *sc->p != '\n')
        return err_set(sc->e, ERR_INPUT, "%s:%zu: unexpected text after the last field", sc->name,
                       sc->line);
    if (sc->p < sc->end) {
        sc->p++;
        sc->line++;
    }
    return ERR_OK;
}

static int scan_node_id(struct dimacs_scan *sc, const char *what, int32_t n, int32_t *out)
{
    int64_t v;
    int rc = scan_int(sc, what, &v);
    if (rc)
        return rc;
    if (v < 1 || v > n)
        return err_set(sc->e, ERR_INPUT, "%s:%zu: %s: node %lld is not in 1..%d", sc->name,
                       sc->line, what, (long long)v, (int)n);
    *out = (int32_t)(v - 1);
    return ERR_OK;
}

static int parse_problem_line(struct dimacs_scan *sc, int32_t max_nodes, struct mcf_problem *out)
{
    int64_t n, m;
    int rc;
    scan_blanks(sc);
    if (sc->end - sc->p < 3 || memcmp(sc->p, "min", 3) != 0 ||
        (sc->end - sc->p > 3 && !is_blank(sc->p[3])))
        return err_set(sc->e, ERR_INPUT, "%s:%zu: p: problem type must be \"min\"", sc->name,
                       sc->line);
    sc->p += 3;
    rc = scan_int(sc, "p: node count", &n);
    if (!rc)
        rc = scan_int(sc, "p: arc count", &m);
    if (rc)
        return rc;
    if (n < 1)
        return err_set(sc->e, ERR_INPUT, "%s:%zu: p: node count: must be at least 1", sc->name,
                       sc->line);
    if (m < 0)
        return err_set(sc->e, ERR_INPUT, "%s:%zu: p: arc count: must not be negative", sc->name,
                       sc->line);
    if (n > max_nodes || n > MCF_MAX_NODES)
        return err_set(sc->e, ERR_TOO_LARGE, "%s:%zu: p: node count: more than %d nodes", sc->name,
                       sc->line, (int)(max_nodes < MCF_MAX_NODES ? max_nodes : MCF_MAX_NODES));
    /* An arc line takes at least 11 bytes ("a 1 1 0 0 0"): refuse counts
     * the file cannot hold before allocating for them. */
    if (m > MCF_MAX_ARCS || m > (sc->end - sc->p) / 11 + 1)
        return err_set(sc->e, ERR_INPUT,
                       "%s:%zu: p: arc count: %lld arcs cannot fit in the rest of the file",
                       sc->name, sc->line, (long long)m);
    rc = scan_eol(sc);
    if (rc)
        return rc;
    mcf_problem_init(out, (int32_t)n, (int32_t)m);
    return ERR_OK;
}

int mcf_dimacs_parse(const char *buf, size_t len, const char *name, int32_t max_nodes,
                     struct mcf_problem *out, struct err *e)
{
    struct dimacs_scan sc = {buf, buf + len, name, 1, e};
    struct mcf_problem p;
    uint8_t *seen = NULL; /* [n_nodes] node already had an n line */
    int32_t n_arcs_read = 0;
    size_t p_line = 0;
    int rc = ERR_OK;

    memset(&p, 0, sizeof(p));
    memset(out, 0, sizeof(*out));
    while (sc.p < sc.end) {
        scan_blanks(&sc);
        if (sc.p >= sc.end)
            break;
        char kind = *sc.p;
        if (kind == '\n' || kind == 'c') {
            const char *nl = memchr(sc.p, '\n', (size_t)(sc.end - sc.p));
            sc.p = nl ? nl + 1 : sc.end;
            sc.line++;
            continue;
        }
        sc.p++;
        if (sc.p < sc.end && !is_blank(*sc.p) && *sc.p != '\n') {
            rc = err_set(e, ERR_INPUT, "%s:%zu: unknown line type (want c, p, n or a)", name,
                         sc.line);
            goto out;
        }
        if (kind != 'p' && kind != 'n' && kind != 'a') {
            rc = err_set(e, ERR_INPUT, "%s:%zu: unknown line type (want c, p, n or a)", name,
                         sc.line);
            goto out;
        }
        if (kind == 'p') {
            if (p_line) {
                rc = err_set(e, ERR_INPUT, "%s:%zu: p: second problem line (first at line %zu)",
                             name, sc.line, p_line);
                goto out;
            }
            p_line = sc.line;
            rc = parse_problem_line(&sc, max_nodes, &p);
            if (rc)
                goto out;
            seen = xcalloc((size_t)p.n_nodes, 1);
            continue;
        }
        if (!p_line) {
            rc = err_set(e, ERR_INPUT, "%s:%zu: %c: comes before the problem line", name, sc.line,
                         kind);
            goto out;
        }
        if (kind == 'n') {
            int32_t id;
            int64_t supply;
            rc = scan_node_id(&sc, "n: node id", p.n_nodes, &id);
            if (!rc)
                rc = scan_int(&sc, "n: supply", &supply);
            if (rc)
                goto out;
            if (seen[id]) {
                rc = err_set(e, ERR_INPUT, "%s:%zu: n: node id: node %d already has a supply", name,
                             sc.line, (int)id + 1);
                goto out;
            }
            seen[id] = 1;
            p.supply[id] = supply;
        } else {
            int32_t t, h;
            int64_t lo, up, cost;
            if (n_arcs_read == p.n_arcs) {
                rc = err_set(e, ERR_INPUT, "%s:%zu: a: more arcs than the %d of the problem line",
                             name, sc.line, (int)p.n_arcs);
                goto out;
            }
            rc = scan_node_id(&sc, "a: tail", p.n_nodes, &t);
            if (!rc)
                rc = scan_node_id(&sc, "a: head", p.n_nodes, &h);
            if (!rc)
                rc = scan_int(&sc, "a: lower bound", &lo);
            if (!rc)
                rc = scan_int(&sc, "a: capacity", &up);
            if (!rc)
                rc = scan_int(&sc, "a: cost", &cost);
            if (rc)
                goto out;
            if (lo > up || lo == MCF_INF) {
                rc = err_set(e, ERR_INPUT, "%s:%zu: a: lower bound: %lld is above the capacity",
                             name, sc.line, (long long)lo);
                goto out;
            }
            p.tail[n_arcs_read] = t;
            p.head[n_arcs_read] = h;
            p.lower[n_arcs_read] = lo;
            p.upper[n_arcs_read] = up;
            p.cost[n_arcs_read] = cost;
            n_arcs_read++;
        }
        rc = scan_eol(&sc);
        if (rc)
            goto out;
    }
    if (!p_line) {
        rc = err_set(e, ERR_INPUT, "%s:%zu: no problem line \"p min NODES ARCS\"", name, sc.line);
        goto out;
    }
    if (n_arcs_read != p.n_arcs) {
        rc = err_set(e, ERR_INPUT, "%s:%zu: p: arc count: %d arcs announced, %d found", name,
                     p_line, (int)p.n_arcs, (int)n_arcs_read);
        goto out;
    }
    *out = p;
    memset(&p, 0, sizeof(p));
out:
    free(seen);
    mcf_problem_release(&p);
    return rc;
}

/* Appends the decimal digits of v (faster than sb_addf for 10^6 lines). */
static char *put_int(char *q, int64_t v)
{
    char tmp[24];
    int k = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *q++ = '-';
    while (k)
        *q++ = tmp[--k];
    return q;
}

void mcf_dimacs_write(struct sb *out, const struct mcf_problem *p, const struct mcf_solution *s)
{
    char line[96]; /* "f " + 3 numbers of at most 20 characters + blanks */
    char *q = line;
    *q++ = 's';
    *q++ = ' ';
    q = put_int(q, s->cost);
    *q++ = '\n';
    sb_add(out, line, (size_t)(q - line));
    for (int32_t a = 0; a < p->n_arcs; a++) {
        if (s->flow[a] == 0)
            continue;
        q = line;
        *q++ = 'f';
        *q++ = ' ';
        q = put_int(q, (int64_t)p->tail[a] + 1);
        *q++ = ' ';
        q = put_int(q, (int64_t)p->head[a] + 1);
        *q++ = ' ';
        q = put_int(q, s->flow[a]);
        *q++ = '\n';
        sb_add(out, line, (size_t)(q - line));
    }
}
