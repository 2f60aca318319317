/* SPDX-License-Identifier: MIT */
/*
 * cvrp_solve.c - the CVRP solver: Clarke-Wright savings for a start, a
 * local search (relocate and or-opt, swap, 2-opt, 2-opt*), then slack
 * induced string removals (SISR, Christiaens and Vanden Berghe 2020) with
 * simulated annealing. Each new best solution is polished by the local
 * search. Everything random comes from one seeded generator and the
 * iteration budget is fixed, so a seed gives one result; the CPU-time
 * limit only stops runaway searches.
 *
 * Solutions are arrays of routes; customers are node indices 1..n-1 and
 * the depot (0) is implied at both ends of each route.
 */
#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- rng */

struct rng {
    uint64_t state;
};

/* splitmix64: small, fast and good enough for a search heuristic. */
static uint64_t rng_next(struct rng *g)
{
    uint64_t z = (g->state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *g)
{
    return (double)(rng_next(g) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [0, n), n > 0. */
static int rng_below(struct rng *g, int n)
{
    return (int)(rng_next(g) % (uint64_t)n);
}

/* ----------------------------------------------------------- solutions */

struct route {
    int *c;       /* customers in visiting order */
    int len;      /* number of customers */
    int cap;      /* allocated slots of c */
    int64_t load; /* sum of demands */
    int64_t cost; /* length including both depot legs */
};

struct sol {
    int n_routes;
    struct route *r; /* n - 1 slots: at most one route per customer */
    int64_t cost;    /* sum of route costs */
    int *route_of;   /* per node: route index, -1 when removed (node 0 unused) */
    int64_t excess;  /* load beyond capacity plus duration beyond the limit, summed over routes */
};

/* The search context: the instance, scratch space and the generator. */
struct solver {
    const struct cvrp *p;
    int n; /* nodes */
    const int64_t *d;
    int *adj;     /* per customer: the other customers by distance, n - 2 each */
    int *removed; /* customers taken out by the ruin step */
    int n_removed;
    char *ruined; /* per route: already ruined in this step */
    int *buf;     /* scratch, n entries */
    double *key;  /* scratch sort keys, n entries */
    struct rng rng;
    int max_routes;        /* fleet size; routes beyond it are penalised */
    double excess_penalty; /* cost per unit of load over capacity */
    clock_t deadline;      /* CPU clock at which to stop; 0 = none */
    bool is_timed_out;
};

static int64_t dd(const struct solver *s, int a, int b)
{
    return s->d[(size_t)a * (size_t)s->n + (size_t)b];
}

/* Duration beyond p->max_duration of a route of length cost with len
 * customers; 0 when within it or when there is no limit. */
static int64_t dur_over(const struct solver *s, int64_t cost, int len)
{
    if (!s->p->max_duration || len == 0)
        return 0;
    int64_t d = cost + s->p->service_time * (int64_t)len;
    return d > s->p->max_duration ? d - s->p->max_duration : 0;
}

/* Whether route rt may become a route of length cost with len customers:
 * never further over the duration limit than it is (a route within the
 * limit stays within it). */
static bool dur_ok(const struct solver *s, const struct route *rt, int64_t cost, int len)
{
    return !s->p->max_duration || dur_over(s, cost, len) <= dur_over(s, rt->cost, rt->len);
}

static void sol_init(struct sol *x, int n)
{
    memset(x, 0, sizeof(*x));
    int slots = n > 1 ? n - 1 : 1;
    x->r = xcalloc((size_t)slots, sizeof(*x->r));
    x->route_of = xmallocarray((size_t)n, sizeof(*x->route_of));
}

static void sol_release(struct sol *x, int n)
{
    int slots = n > 1 ? n - 1 : 1;
    for (int i = 0; i < slots; i++)
        free(x->r[i].c);
    free(x->r);
    free(x->route_of);
}

static void route_reserve(struct route *rt, int need)
{
    if (need <= rt->cap)
        return;
    int cap = rt->cap ? rt->cap : 8;
    while (cap < need)
        cap *= 2;
    rt->c = xreallocarray(rt->c, (size_t)cap, sizeof(*rt->c));
    rt->cap = cap;
}

static void sol_copy(struct sol *dst, const struct sol *src, int n)
{
    dst->n_routes = src->n_routes;
    dst->cost = src->cost;
    for (int i = 0; i < src->n_routes; i++) {
        const struct route *a = &src->r[i];
        struct route *b = &dst->r[i];
        route_reserve(b, a->len);
        memcpy(b->c, a->c, (size_t)a->len * sizeof(*a->c));
        b->len = a->len;
        b->load = a->load;
        b->cost = a->cost;
    }
    memcpy(dst->route_of, src->route_of, (size_t)n * sizeof(*dst->route_of));
    dst->excess = src->excess;
}

/* Recomputes the load and cost of route ri and the route_of of its customers. */
static void route_update(const struct solver *s, struct sol *x, int ri)
{
    struct route *rt = &x->r[ri];
    int64_t load = 0;
    int64_t cost = 0;
    int prev = 0;
    for (int k = 0; k < rt->len; k++) {
        int c = rt->c[k];
        load += s->p->demand[c];
        cost += dd(s, prev, c);
        x->route_of[c] = ri;
        prev = c;
    }
    cost += dd(s, prev, 0);
    rt->load = load;
    rt->cost = rt->len ? cost : 0;
}

/* Drops empty routes (moving the last route into the hole) and
 * recomputes the total cost. */
static void sol_compact(const struct solver *s, struct sol *x)
{
    int64_t total = 0, excess = 0;
    for (int i = 0; i < x->n_routes;) {
        if (x->r[i].len > 0) {
            total += x->r[i].cost;
            if (x->r[i].load > s->p->capacity)
                excess += x->r[i].load - s->p->capacity;
            excess += dur_over(s, x->r[i].cost, x->r[i].len);
            i++;
            continue;
        }
        int last = x->n_routes - 1;
        if (i != last) {
            struct route tmp = x->r[i];
            x->r[i] = x->r[last];
            x->r[last] = tmp;
            route_update(s, x, i);
        }
        x->n_routes--;
    }
    x->cost = total;
    x->excess = excess;
}

/* Inserts customer c at position pos of route ri. */
static void route_insert(const struct solver *s, struct sol *x, int ri, int pos, int c)
{
    struct route *rt = &x->r[ri];
    route_reserve(rt, rt->len + 1);
    memmove(rt->c + pos + 1, rt->c + pos, (size_t)(rt->len - pos) * sizeof(*rt->c));
    rt->c[pos] = c;
    rt->len++;
    route_update(s, x, ri);
}

/* ------------------------------------------------------- Clarke-Wright */

struct saving {
    int64_t value;
    int i, j;
};

static int saving_cmp(const void *a, const void *b)
{
    const struct saving *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    if (x->i != y->i)
        return x->i < y->i ? -1 : 1;
    return (x->j > y->j) - (x->j < y->j);
}

/* Reverses the chain of route r in the savings construction. */
static void cw_reverse(int *nxt, int *prv, int *first, int *last, int r)
{
    int c = first[r];
    while (c) {
        int t = nxt[c];
        nxt[c] = prv[c];
        prv[c] = t;
        c = t;
    }
    int t = first[r];
    first[r] = last[r];
    last[r] = t;
}

/* Parallel savings: merges route ends in order of decreasing saving. */
static void cw_build(struct solver *s, struct sol *x)
{
    int n = s->n;
    int nc = n - 1;
    size_t n_sav = (size_t)nc * (size_t)(nc - 1) / 2;
    struct saving *sav = xmallocarray(n_sav ? n_sav : 1, sizeof(*sav));
    int *nxt = xcalloc((size_t)n, sizeof(int));
    int *prv = xcalloc((size_t)n, sizeof(int));
    int *rid = xcalloc((size_t)n, sizeof(int));
    int *first = xcalloc((size_t)n, sizeof(int));
    int *last = xcalloc((size_t)n, sizeof(int));
    int64_t *load = xcalloc((size_t)n, sizeof(int64_t));
    int64_t *len = xcalloc((size_t)n, sizeof(int64_t)); /* route length */
    int *cnt = xcalloc((size_t)n, sizeof(int));         /* customers on the route */
    int64_t max_dur = s->p->max_duration, service = s->p->service_time;
    size_t k = 0;
    for (int i = 1; i < n; i++) {
        rid[i] = i;
        first[i] = last[i] = i;
        load[i] = s->p->demand[i];
        len[i] = dd(s, 0, i) + dd(s, i, 0);
        cnt[i] = 1;
        for (int j = i + 1; j < n; j++) {
            sav[k].value = dd(s, 0, i) + dd(s, 0, j) - dd(s, i, j);
            sav[k].i = i;
            sav[k].j = j;
            k++;
        }
    }
    qsort(sav, n_sav, sizeof(*sav), saving_cmp);
    for (k = 0; k < n_sav && sav[k].value > 0; k++) {
        int i = sav[k].i, j = sav[k].j;
        int ri = rid[i], rj = rid[j];
        if (ri == rj || load[ri] + load[rj] > s->p->capacity)
            continue;
        int64_t merged = len[ri] + len[rj] - sav[k].value;
        if (max_dur && merged + service * (int64_t)(cnt[ri] + cnt[rj]) > max_dur)
            continue;
        if (first[ri] != i && last[ri] != i)
            continue;
        if (first[rj] != j && last[rj] != j)
            continue;
        /* make the chain ... i -> j ... */
        if (last[ri] != i)
            cw_reverse(nxt, prv, first, last, ri);
        if (first[rj] != j)
            cw_reverse(nxt, prv, first, last, rj);
        nxt[i] = j;
        prv[j] = i;
        last[ri] = last[rj];
        load[ri] += load[rj];
        len[ri] = merged;
        cnt[ri] += cnt[rj];
        for (int c = j; c; c = nxt[c])
            rid[c] = ri;
    }
    x->n_routes = 0;
    for (int i = 1; i < n; i++) {
        if (rid[i] != i)
            continue;
        int ri = x->n_routes++;
        struct route *rt = &x->r[ri];
        rt->len = 0;
        for (int c = first[i]; c; c = nxt[c]) {
            route_reserve(rt, rt->len + 1);
            rt->c[rt->len++] = c;
        }
        route_update(s, x, ri);
    }
    sol_compact(s, x);
    free(sav);
    free(nxt);
    free(prv);
    free(rid);
    free(first);
    free(last);
    free(load);
    free(len);
    free(cnt);
}

/* --------------------------------------------------------- local search */

/* Customer at position k of route rt, or the depot outside the route. */
static int at(const struct route *rt, int k)
{
    return k < 0 || k >= rt->len ? 0 : rt->c[k];
}

static bool timed_out(struct solver *s)
{
    if (s->deadline && clock() >= s->deadline)
        s->is_timed_out = true;
    return s->is_timed_out;
}

/*
 * Moves the segment of L customers at position i of route a (reversed if
 * rev) to between positions j-1 and j of route b, j counted before removal.
 */
static void apply_segment_move(struct solver *s, struct sol *x, int a, int i, int L, bool rev,
                               int b, int j)
{
    struct route *ra = &x->r[a];
    int seg[3];
    for (int k = 0; k < L; k++)
        seg[k] = ra->c[rev ? i + L - 1 - k : i + k];
    memmove(ra->c + i, ra->c + i + L, (size_t)(ra->len - i - L) * sizeof(int));
    ra->len -= L;
    if (a == b && j > i)
        j -= L;
    struct route *rb = &x->r[b];
    route_reserve(rb, rb->len + L);
    memmove(rb->c + j + L, rb->c + j, (size_t)(rb->len - j) * sizeof(int));
    memcpy(rb->c + j, seg, (size_t)L * sizeof(int));
    rb->len += L;
    route_update(s, x, a);
    if (b != a)
        route_update(s, x, b);
}

/* Relocate (L = 1) and or-opt (L = 2, 3, either direction). */
static bool ls_segment(struct solver *s, struct sol *x)
{
    const int64_t *dem = s->p->demand;
    for (int a = 0; a < x->n_routes; a++) {
        const struct route *ra = &x->r[a];
        for (int L = 1; L <= 3; L++) {
            for (int i = 0; i + L <= ra->len; i++) {
                int p = at(ra, i - 1), q = at(ra, i + L);
                int f = ra->c[i], l = ra->c[i + L - 1];
                int64_t seg_load = 0, seg_len = 0;
                for (int k = 0; k < L; k++)
                    seg_load += dem[ra->c[i + k]];
                for (int k = 0; k + 1 < L; k++)
                    seg_len += dd(s, ra->c[i + k], ra->c[i + k + 1]);
                int64_t gain = dd(s, p, f) + dd(s, l, q) - dd(s, p, q);
                for (int rev = 0; rev <= (L > 1); rev++) {
                    int h = rev ? l : f, t = rev ? f : l;
                    for (int b = 0; b < x->n_routes; b++) {
                        const struct route *rb = &x->r[b];
                        if (b != a && rb->load + seg_load > s->p->capacity)
                            continue;
                        for (int j = 0; j <= rb->len; j++) {
                            if (b == a && j >= i && j <= i + L)
                                continue;
                            int u = at(rb, j - 1), v = at(rb, j);
                            int64_t added = dd(s, u, h) + dd(s, t, v) - dd(s, u, v);
                            int64_t delta = added - gain;
                            if (delta >= 0)
                                continue;
                            if (b == a
                                    ? !dur_ok(s, ra, ra->cost + delta, ra->len)
                                    : !dur_ok(s, ra, ra->cost - seg_len - gain, ra->len - L) ||
                                          !dur_ok(s, rb, rb->cost + added + seg_len, rb->len + L))
                                continue;
                            apply_segment_move(s, x, a, i, L, rev, b, j);
                            return true;
                        }
                    }
                }
            }
        }
    }
    return false;
}

/* Exchanges two customers. */
static bool ls_swap(struct solver *s, struct sol *x)
{
    const int64_t *dem = s->p->demand;
    for (int a = 0; a < x->n_routes; a++) {
        struct route *ra = &x->r[a];
        for (int i = 0; i < ra->len; i++) {
            int u = ra->c[i], pu = at(ra, i - 1), nu = at(ra, i + 1);
            for (int b = a; b < x->n_routes; b++) {
                struct route *rb = &x->r[b];
                int j0 = b == a ? i + 2 : 0;
                for (int j = j0; j < rb->len; j++) {
                    int v = rb->c[j], pv = at(rb, j - 1), nv = at(rb, j + 1);
                    if (b != a && (ra->load - dem[u] + dem[v] > s->p->capacity ||
                                   rb->load - dem[v] + dem[u] > s->p->capacity))
                        continue;
                    int64_t da = dd(s, pu, v) + dd(s, v, nu) - dd(s, pu, u) - dd(s, u, nu);
                    int64_t db = dd(s, pv, u) + dd(s, u, nv) - dd(s, pv, v) - dd(s, v, nv);
                    int64_t delta = da + db;
                    if (delta >= 0)
                        continue;
                    if (b == a ? !dur_ok(s, ra, ra->cost + delta, ra->len)
                               : !dur_ok(s, ra, ra->cost + da, ra->len) ||
                                     !dur_ok(s, rb, rb->cost + db, rb->len))
                        continue;
                    ra->c[i] = v;
                    rb->c[j] = u;
                    route_update(s, x, a);
                    if (b != a)
                        route_update(s, x, b);
                    return true;
                }
            }
        }
    }
    return false;
}

static void reverse_ints(int *v, int n)
{
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        int t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

/* 2-opt inside a route: reverses c[i..j]. */
static bool ls_two_opt(struct solver *s, struct sol *x)
{
    for (int a = 0; a < x->n_routes; a++) {
        struct route *ra = &x->r[a];
        for (int i = 0; i < ra->len; i++) {
            int p = at(ra, i - 1), f = ra->c[i];
            for (int j = i + 1; j < ra->len; j++) {
                int l = ra->c[j], q = at(ra, j + 1);
                int64_t delta = dd(s, p, l) + dd(s, f, q) - dd(s, p, f) - dd(s, l, q);
                if (delta < 0 && dur_ok(s, ra, ra->cost + delta, ra->len)) {
                    reverse_ints(ra->c + i, j - i + 1);
                    route_update(s, x, a);
                    return true;
                }
            }
        }
    }
    return false;
}

/*
 * 2-opt* between routes a and b cut before positions i and j. Plain:
 * a = a[..i) + b[j..), b = b[..j) + a[i..). Crossed: a = a[..i) +
 * reverse(b[..j)), b = reverse(a[i..)) + b[j..).
 */
static void apply_two_opt_star(struct solver *s, struct sol *x, int a, int i, int b, int j,
                               bool is_crossed)
{
    struct route *ra = &x->r[a], *rb = &x->r[b];
    int na = ra->len, nb = rb->len;
    int *tmp = s->buf;
    /* tmp = a's tail then b's tail (plain) or a's tail then b's head (crossed) */
    int ta = na - i;
    memcpy(tmp, ra->c + i, (size_t)ta * sizeof(int));
    if (!is_crossed) {
        int tb = nb - j;
        memcpy(tmp + ta, rb->c + j, (size_t)tb * sizeof(int));
        route_reserve(ra, i + tb);
        memcpy(ra->c + i, tmp + ta, (size_t)tb * sizeof(int));
        ra->len = i + tb;
        route_reserve(rb, j + ta);
        memcpy(rb->c + j, tmp, (size_t)ta * sizeof(int));
        rb->len = j + ta;
    } else {
        int tb = nb - j;
        memcpy(tmp + ta, rb->c, (size_t)j * sizeof(int));
        memcpy(tmp + ta + j, rb->c + j, (size_t)tb * sizeof(int));
        route_reserve(ra, i + j);
        for (int k = 0; k < j; k++)
            ra->c[i + k] = tmp[ta + j - 1 - k];
        ra->len = i + j;
        route_reserve(rb, ta + tb);
        for (int k = 0; k < ta; k++)
            rb->c[k] = tmp[ta - 1 - k];
        memcpy(rb->c + ta, tmp + ta + j, (size_t)tb * sizeof(int));
        rb->len = ta + tb;
    }
    route_update(s, x, a);
    route_update(s, x, b);
}

static bool ls_two_opt_star(struct solver *s, struct sol *x)
{
    const int64_t *dem = s->p->demand;
    int64_t cap = s->p->capacity;
    for (int a = 0; a < x->n_routes; a++) {
        const struct route *ra = &x->r[a];
        for (int b = a + 1; b < x->n_routes; b++) {
            const struct route *rb = &x->r[b];
            int na = ra->len, nb = rb->len;
            int64_t pa = 0, la = 0; /* load and length of depot, a[..i) */
            for (int i = 0; i <= na; i++) {
                int a1 = at(ra, i - 1), a2 = at(ra, i);
                int64_t sa = ra->cost - la - dd(s, a1, a2); /* a[i..), depot */
                int64_t pb = 0, lb = 0;                     /* the same for b[..j) */
                for (int j = 0; j <= nb; j++) {
                    int b1 = at(rb, j - 1), b2 = at(rb, j);
                    int64_t sb = rb->cost - lb - dd(s, b1, b2);
                    int64_t old = dd(s, a1, a2) + dd(s, b1, b2);
                    bool is_noop = (i == 0 && j == 0) || (i == na && j == nb);
                    if (!is_noop && pa + rb->load - pb <= cap && pb + ra->load - pa <= cap &&
                        dd(s, a1, b2) + dd(s, b1, a2) < old &&
                        dur_ok(s, ra, la + dd(s, a1, b2) + sb, i + nb - j) &&
                        dur_ok(s, rb, lb + dd(s, b1, a2) + sa, j + na - i)) {
                        apply_two_opt_star(s, x, a, i, b, j, false);
                        return true;
                    }
                    bool is_same = (i == 0 && j == nb) || (i == na && j == 0);
                    if (!is_same && pa + pb <= cap && ra->load - pa + rb->load - pb <= cap &&
                        dd(s, a1, b1) + dd(s, a2, b2) < old &&
                        dur_ok(s, ra, la + dd(s, a1, b1) + lb, i + j) &&
                        dur_ok(s, rb, sa + dd(s, a2, b2) + sb, na - i + nb - j)) {
                        apply_two_opt_star(s, x, a, i, b, j, true);
                        return true;
                    }
                    if (j < nb) {
                        pb += dem[rb->c[j]];
                        lb += dd(s, b1, b2);
                    }
                }
                if (i < na) {
                    pa += dem[ra->c[i]];
                    la += dd(s, a1, a2);
                }
            }
        }
    }
    return false;
}

/* First-improvement descent over all neighbourhoods until none improves. */
static void local_search(struct solver *s, struct sol *x)
{
    for (;;) {
        if (timed_out(s))
            break;
        if (ls_two_opt(s, x) || ls_segment(s, x) || ls_swap(s, x) || ls_two_opt_star(s, x)) {
            sol_compact(s, x);
            continue;
        }
        break;
    }
    sol_compact(s, x);
}

/* ------------------------------------------------ ruin and recreate (SISR) */

#define SISR_AVG_REMOVED 10.0 /* c-bar: mean customers removed per ruin */
#define SISR_MAX_STRING 10.0  /* L-max: longest string removed */
#define SISR_SPLIT_RATE 0.5   /* probability of a split string over a string */
#define SISR_SPLIT_DEPTH 0.01 /* alpha: grows the kept block of a split string */
#define SISR_BLINK_RATE 0.01  /* beta: chance to skip an insertion position */

/* Removes c[from .. from+cnt) from route ri except a kept block. */
static void ruin_block(struct solver *s, struct sol *x, int ri, int from, int cnt, int keep_at,
                       int keep)
{
    struct route *rt = &x->r[ri];
    int w = from;
    for (int k = from; k < from + cnt; k++) {
        int c = rt->c[k];
        if (k >= keep_at && k < keep_at + keep) {
            rt->c[w++] = c;
            continue;
        }
        x->route_of[c] = -1;
        s->removed[s->n_removed++] = c;
    }
    memmove(rt->c + w, rt->c + from + cnt, (size_t)(rt->len - from - cnt) * sizeof(int));
    rt->len -= from + cnt - w;
    route_update(s, x, ri);
}

/* Position of customer c in route ri. */
static int route_pos(const struct route *rt, int c)
{
    for (int k = 0; k < rt->len; k++) {
        if (rt->c[k] == c)
            return k;
    }
    return -1;
}

static void ruin(struct solver *s, struct sol *x)
{
    int nc = s->n - 1;
    s->n_removed = 0;
    memset(s->ruined, 0, (size_t)x->n_routes);
    double avg_len = (double)nc / (double)(x->n_routes ? x->n_routes : 1);
    double ls_max = fmin(SISR_MAX_STRING, avg_len);
    double ks_max = 4.0 * SISR_AVG_REMOVED / (1.0 + ls_max) - 1.0;
    int ks = (int)(rng_unit(&s->rng) * ks_max) + 1;
    int seed = 1 + rng_below(&s->rng, nc);
    int n_ruined = 0;
    for (int k = -1; k < nc - 1 && n_ruined < ks; k++) {
        int c = k < 0 ? seed : s->adj[(size_t)(seed - 1) * (size_t)(nc - 1) + (size_t)k];
        int ri = x->route_of[c];
        if (ri < 0 || s->ruined[ri])
            continue;
        struct route *rt = &x->r[ri];
        int l_max = (int)fmin((double)rt->len, ls_max);
        int l = (int)(rng_unit(&s->rng) * l_max) + 1;
        int pos = route_pos(rt, c);
        int m = 0;
        if (l < rt->len && rng_unit(&s->rng) < SISR_SPLIT_RATE) {
            m = 1;
            while (l + m < rt->len && rng_unit(&s->rng) < 1.0 - SISR_SPLIT_DEPTH)
                m++;
        }
        int span = l + m;
        /* a window of `span` customers containing pos, uniformly placed */
        int lo = pos - span + 1 > 0 ? pos - span + 1 : 0;
        int hi = pos < rt->len - span ? pos : rt->len - span;
        int from = lo + rng_below(&s->rng, hi - lo + 1);
        int keep_at = m ? from + rng_below(&s->rng, l + 1) : from;
        ruin_block(s, x, ri, from, span, keep_at, m);
        s->ruined[ri] = 1;
        n_ruined++;
    }
}

/* Orders the removed customers: random, by decreasing demand, far from
 * the depot first, or close first (weights 4, 4, 2, 1 as in SISR). */
static void sort_removed(struct solver *s)
{
    int nr = s->n_removed;
    for (int i = nr - 1; i > 0; i--) {
        int j = rng_below(&s->rng, i + 1);
        int t = s->removed[i];
        s->removed[i] = s->removed[j];
        s->removed[j] = t;
    }
    int pick = rng_below(&s->rng, 11);
    if (pick < 4)
        return;
    for (int i = 0; i < nr; i++) {
        int c = s->removed[i];
        double v = pick < 8    ? -(double)s->p->demand[c]
                   : pick < 10 ? -(double)dd(s, 0, c)
                               : (double)dd(s, 0, c);
        s->key[i] = v;
    }
    /* insertion sort: stable, and the lists are short */
    for (int i = 1; i < nr; i++) {
        int c = s->removed[i];
        double v = s->key[i];
        int j = i - 1;
        while (j >= 0 && s->key[j] > v) {
            s->removed[j + 1] = s->removed[j];
            s->key[j + 1] = s->key[j];
            j--;
        }
        s->removed[j + 1] = c;
        s->key[j + 1] = v;
    }
}

/* The cheapest position for c counting the penalised overload; used when
 * the fleet is full and no route has room. Returns the route. */
static int overload_position(const struct solver *s, const struct sol *x, int c, int *pos)
{
    int64_t dem = s->p->demand[c], cap = s->p->capacity;
    int best_r = 0;
    double best = INFINITY;
    for (int ri = 0; ri < x->n_routes; ri++) {
        const struct route *rt = &x->r[ri];
        int64_t over_before = rt->load > cap ? rt->load - cap : 0;
        int64_t over_after = rt->load + dem > cap ? rt->load + dem - cap : 0;
        double extra = s->excess_penalty * (double)(over_after - over_before);
        int64_t dur_before = dur_over(s, rt->cost, rt->len);
        for (int j = 0; j <= rt->len; j++) {
            int u = at(rt, j - 1), v = at(rt, j);
            int64_t added = dd(s, u, c) + dd(s, c, v) - dd(s, u, v);
            double dur_extra = s->excess_penalty *
                               (double)(dur_over(s, rt->cost + added, rt->len + 1) - dur_before);
            double delta = (double)added + extra + dur_extra;
            if (delta < best) {
                best = delta;
                best_r = ri;
                *pos = j;
            }
        }
    }
    return best_r;
}

/* Greedy insertion with blinks; opens a route when nothing fits. */
static void recreate(struct solver *s, struct sol *x)
{
    sort_removed(s);
    for (int k = 0; k < s->n_removed; k++) {
        int c = s->removed[k];
        int64_t dem = s->p->demand[c];
        int best_r = -1, best_pos = 0;
        int64_t best = INT64_MAX;
        for (int ri = 0; ri < x->n_routes; ri++) {
            const struct route *rt = &x->r[ri];
            if (rt->load + dem > s->p->capacity)
                continue;
            for (int j = 0; j <= rt->len; j++) {
                int u = at(rt, j - 1), v = at(rt, j);
                int64_t delta = dd(s, u, c) + dd(s, c, v) - dd(s, u, v);
                if (delta < best && dur_ok(s, rt, rt->cost + delta, rt->len + 1) &&
                    rng_unit(&s->rng) >= SISR_BLINK_RATE) {
                    best = delta;
                    best_r = ri;
                    best_pos = j;
                }
            }
        }
        if (best_r < 0 && s->max_routes && x->n_routes >= s->max_routes)
            best_r = overload_position(s, x, c, &best_pos);
        if (best_r < 0) {
            best_r = x->n_routes++;
            x->r[best_r].len = 0;
            best_pos = 0;
        }
        route_insert(s, x, best_r, best_pos, c);
    }
    sol_compact(s, x);
}

/* ------------------------------------------------------------- driver */

struct neighbour {
    int64_t dist;
    int node;
};

static int neighbour_cmp(const void *a, const void *b)
{
    const struct neighbour *x = a, *y = b;
    if (x->dist != y->dist)
        return x->dist < y->dist ? -1 : 1;
    return (x->node > y->node) - (x->node < y->node);
}

/* For each customer, the other customers by increasing distance (ties by
 * index), the order in which the ruin step spreads from its seed. */
static void build_adjacency(struct solver *s)
{
    int nc = s->n - 1;
    size_t w = (size_t)(nc > 1 ? nc - 1 : 1);
    s->adj = xmallocarray((size_t)nc * w, sizeof(int));
    struct neighbour *row = xmallocarray(w, sizeof(*row));
    for (int c = 1; c <= nc; c++) {
        int m = 0;
        for (int o = 1; o <= nc; o++) {
            if (o != c) {
                row[m].dist = dd(s, c, o);
                row[m].node = o;
                m++;
            }
        }
        qsort(row, (size_t)m, sizeof(*row), neighbour_cmp);
        for (int k = 0; k < m; k++)
            s->adj[(size_t)(c - 1) * w + (size_t)k] = row[k].node;
    }
    free(row);
}

void cvrp_options_init(struct cvrp_options *o)
{
    o->seed = 1;
    o->iterations = 0;
    o->time_limit_s = CVRP_TIME_LIMIT_DEFAULT_S;
    o->max_routes = 0;
}

/* Default budget: enough for Augerat-sized instances to converge. */
static uint64_t default_iterations(int n_customers)
{
    return 200000 + 2000 * (uint64_t)n_customers;
}

/* The objective the annealing sees: cost plus the penalised overload. */
static double score(const struct solver *s, const struct sol *x)
{
    return (double)x->cost + s->excess_penalty * (double)x->excess;
}

/* Whether x is a better final answer than y: any solution within
 * capacity beats an overloaded one. */
static bool better(const struct solver *s, const struct sol *x, const struct sol *y)
{
    if ((x->excess == 0) != (y->excess == 0))
        return x->excess == 0;
    return score(s, x) < score(s, y);
}

/* With a limited fleet, empties the least loaded routes beyond it and
 * reinserts their customers, overloading routes if need be. */
static void fit_fleet(struct solver *s, struct sol *x)
{
    s->n_removed = 0;
    while (s->max_routes && x->n_routes > s->max_routes) {
        int small = 0;
        for (int r = 1; r < x->n_routes; r++) {
            if (x->r[r].load < x->r[small].load)
                small = r;
        }
        struct route *rt = &x->r[small];
        for (int k = 0; k < rt->len; k++) {
            x->route_of[rt->c[k]] = -1;
            s->removed[s->n_removed++] = rt->c[k];
        }
        rt->len = 0;
        route_update(s, x, small);
        sol_compact(s, x);
    }
    if (s->n_removed)
        recreate(s, x);
}

/* Sets the overload penalty and the annealing temperatures (start t0,
 * end tf) in the instance's units, from the mean depot distance. */
static void solver_scale(struct solver *s, double *t0, double *tf)
{
    double mean_d0 = 0, mean_dem = 0;
    for (int c = 1; c < s->n; c++) {
        mean_d0 += (double)dd(s, 0, c);
        mean_dem += (double)s->p->demand[c];
    }
    mean_d0 /= (double)(s->n - 1);
    mean_dem = mean_dem / (double)(s->n - 1) + 1.0;
    s->excess_penalty = 2.0 * mean_d0 / mean_dem + 1.0;
    *t0 = 0.2 * mean_d0 + 1e-9;
    *tf = 0.002 * mean_d0 + 1e-9;
}

static void sol_export(const struct sol *x, int n, struct cvrp_solution *out)
{
    cvrp_solution_release(out);
    out->n_routes = (size_t)x->n_routes;
    out->route_start = xmallocarray((size_t)x->n_routes + 1, sizeof(size_t));
    out->nodes = xmallocarray((size_t)(n > 1 ? n - 1 : 1), sizeof(size_t));
    size_t k = 0;
    for (int r = 0; r < x->n_routes; r++) {
        out->route_start[r] = k;
        for (int i = 0; i < x->r[r].len; i++)
            out->nodes[k++] = (size_t)x->r[r].c[i];
    }
    out->route_start[x->n_routes] = k;
    out->cost = x->cost;
}

int cvrp_solve(const struct cvrp *p, const struct cvrp_options *o, struct cvrp_solution *out,
               struct err *e)
{
    if (!(o->time_limit_s <= 1e6))
        return err_set(e, ERR_INPUT, "cvrp: time limit out of range");
    struct solver s;
    memset(&s, 0, sizeof(s));
    s.p = p;
    s.n = (int)p->n_nodes;
    s.d = p->dist;
    s.rng.state = o->seed;
    if (o->max_routes > (size_t)CVRP_MAX_NODES)
        return err_set(e, ERR_INPUT, "cvrp: max routes out of range");
    s.max_routes = (int)o->max_routes;
    if (o->time_limit_s > 0)
        s.deadline = clock() + (clock_t)(o->time_limit_s * (double)CLOCKS_PER_SEC);
    int n = s.n;
    struct sol cur, best, cand;
    sol_init(&cur, n);
    sol_init(&best, n);
    sol_init(&cand, n);
    if (n > 1) {
        s.removed = xmallocarray((size_t)n, sizeof(int));
        s.ruined = xcalloc((size_t)n, 1);
        s.buf = xmallocarray((size_t)n * 2, sizeof(int));
        s.key = xmallocarray((size_t)n, sizeof(double));
        build_adjacency(&s);
        double t0, tf;
        solver_scale(&s, &t0, &tf);
        cw_build(&s, &cur);
        local_search(&s, &cur);
        fit_fleet(&s, &cur);
        sol_copy(&best, &cur, n);
        uint64_t iters = o->iterations ? o->iterations : default_iterations(n - 1);
        for (uint64_t it = 0; it < iters; it++) {
            if ((it & 63) == 0 && timed_out(&s))
                break;
            double temp = t0 * pow(tf / t0, (double)it / (double)iters);
            if (s.max_routes && it % 100 == 99) {
                /* adapt the overload price: dearer while the search stays over */
                s.excess_penalty *= cur.excess > 0 ? 1.2 : 1.0 / 1.2;
                s.excess_penalty = fmin(fmax(s.excess_penalty, 1.0), 1e9);
            }
            sol_copy(&cand, &cur, n);
            ruin(&s, &cand);
            sol_compact(&s, &cand);
            recreate(&s, &cand);
            double u = rng_unit(&s.rng);
            if (score(&s, &cand) < score(&s, &cur) - temp * log(u > 0 ? u : 1e-300)) {
                sol_copy(&cur, &cand, n);
                if (better(&s, &cur, &best)) {
                    local_search(&s, &cur);
                    sol_copy(&best, &cur, n);
                }
            }
        }
    }
    int rc = ERR_OK;
    if (best.excess > 0) {
        cvrp_solution_release(out);
        rc = err_set(e, ERR_INFEASIBLE,
                     "aucune solution en %d tournées trouvée (la meilleure dépasse la capacité "
                     "ou la durée maximale de %lld)",
                     s.max_routes, (long long)best.excess);
    } else {
        sol_export(&best, n, out);
    }
    sol_release(&cur, n);
    sol_release(&best, n);
    sol_release(&cand, n);
    free(s.adj);
    free(s.removed);
    free(s.ruined);
    free(s.buf);
    free(s.key);
    return rc;
}
