/* SPDX-License-Identifier: MIT */
/*
 * mcf.c - exact min-cost flow by the primal network simplex method.
 *
 * The solver works on a copy of the problem with lower bounds shifted to
 * zero (flow' = flow - lower, the supplies of both ends adjusted), plus
 * an artificial root node and one artificial arc per node, joining it to
 * the root with cost M (big-M) and no capacity. The first basis is the
 * star of artificial arcs; the problem is infeasible if an artificial arc
 * still carries flow at the optimum.
 *
 * The basis is a spanning tree rooted at the artificial root, stored as:
 *   parent[u]    parent node (-1 for the root)
 *   pred[u]      the tree arc joining u to parent[u]
 *   pred_up[u]   +1 if that arc goes u -> parent[u], -1 if parent[u] -> u
 *   depth[u]     number of arcs to the root
 *   thread[u]    next node in a depth-first preorder (circular), and
 *   rev_thread   its inverse: the subtree of u is u followed by the nodes
 *                after it in thread order whose depth is greater.
 *   pi[u]        node potential: every tree arc has reduced cost
 *                cost + pi[tail] - pi[head] == 0.
 * Non-tree arcs sit at a bound: state +1 at lower (flow 0), -1 at upper
 * (flow == cap), 0 in the tree. state * reduced cost < 0 means the arc
 * may enter.
 *
 * Pricing is block search: scan blocks of about sqrt(arcs) arcs from
 * where the last scan stopped and take the most violating arc of the
 * first block holding one. The leaving arc is chosen by the strongly
 * feasible tree rule (the last blocking arc met going round the cycle
 * from the apex), which prevents cycling on degenerate pivots.
 *
 * After a pivot the subtree S cut off by the leaving arc is re-hung
 * below the entering arc. Its potentials shift by one constant and its
 * depths change, so every pivot visits S once anyway; we use that pass to
 * rebuild S's preorder by splicing the old preorder blocks of the stem
 * nodes (the path from the new attachment node up to the old one).
 */
#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { NS_UPPER = -1, NS_TREE = 0, NS_LOWER = 1 };

#define NS_M_LIMIT ((int64_t)1 << 60)

struct ns {
    int32_t n;        /* nodes including the root */
    int32_t root;     /* == n - 1 */
    int32_t m;        /* arcs including the artificial ones */
    int32_t m_search; /* original arcs: the only ones priced */
    int32_t block;    /* block size of the pricing */
    int32_t next_arc; /* where the next pricing scan starts */
    int32_t *orig;    /* [m_search] original arc of each priced arc */
    int32_t *tail, *head;
    int64_t *cost, *cap, *flow;
    int8_t *state;
    int64_t *pi;
    int32_t *parent, *pred, *depth, *thread, *rev_thread;
    int8_t *pred_up;
    int32_t *stem, *stem_depth; /* scratch, n each: the stem of a pivot, old depths */
    int32_t *seg;               /* scratch, 4n: the runs of the re-hung subtree */
    int64_t n_priced, n_moved;  /* statistics */
};

static void ns_release(struct ns *s)
{
    free(s->orig);
    free(s->tail);
    free(s->head);
    free(s->cost);
    free(s->cap);
    free(s->flow);
    free(s->state);
    free(s->pi);
    free(s->parent);
    free(s->pred);
    free(s->depth);
    free(s->thread);
    free(s->rev_thread);
    free(s->pred_up);
    free(s->stem);
    free(s->stem_depth);
    free(s->seg);
    memset(s, 0, sizeof(*s));
}

void mcf_problem_init(struct mcf_problem *p, int32_t n_nodes, int32_t n_arcs)
{
    size_t n = n_nodes > 0 ? (size_t)n_nodes : 0, m = n_arcs > 0 ? (size_t)n_arcs : 0;
    p->n_nodes = (int32_t)n;
    p->n_arcs = (int32_t)m;
    p->supply = xcalloc(n + 1, sizeof(int64_t));
    p->tail = xcalloc(m + 1, sizeof(int32_t));
    p->head = xcalloc(m + 1, sizeof(int32_t));
    p->lower = xcalloc(m + 1, sizeof(int64_t));
    p->upper = xcalloc(m + 1, sizeof(int64_t));
    p->cost = xcalloc(m + 1, sizeof(int64_t));
}

void mcf_problem_release(struct mcf_problem *p)
{
    if (!p)
        return;
    free(p->supply);
    free(p->tail);
    free(p->head);
    free(p->lower);
    free(p->upper);
    free(p->cost);
    memset(p, 0, sizeof(*p));
}

void mcf_solution_release(struct mcf_solution *s)
{
    if (!s)
        return;
    free(s->flow);
    memset(s, 0, sizeof(*s));
}

static int64_t abs64(int64_t v)
{
    return v < 0 ? -v : v;
}

/* Checks p and fills the shifted problem (lower bounds moved to 0). */
static int ns_load(struct ns *s, const struct mcf_problem *p, struct err *e)
{
    int32_t n = p->n_nodes, m = p->n_arcs;
    if (n < 1 || n > MCF_MAX_NODES)
        return err_set(e, n < 1 ? ERR_INPUT : ERR_TOO_LARGE, "mcf: node count %d out of range",
                       (int)n);
    if (m < 0 || m > MCF_MAX_ARCS)
        return err_set(e, ERR_TOO_LARGE, "mcf: arc count %d out of range", (int)m);
    s->n = n + 1;
    s->root = n;
    s->m = m + s->n - 1;
    s->m_search = m;
    size_t nn = (size_t)s->n, mm = (size_t)s->m;
    s->orig = xmallocarray((size_t)m + 1, sizeof(int32_t));
    s->tail = xmallocarray(mm, sizeof(int32_t));
    s->head = xmallocarray(mm, sizeof(int32_t));
    s->cost = xmallocarray(mm, sizeof(int64_t));
    s->cap = xmallocarray(mm, sizeof(int64_t));
    s->flow = xcalloc(mm, sizeof(int64_t));
    s->state = xmallocarray(mm, sizeof(int8_t));
    s->pi = xcalloc(nn, sizeof(int64_t));
    s->parent = xmallocarray(nn, sizeof(int32_t));
    s->pred = xmallocarray(nn, sizeof(int32_t));
    s->depth = xmallocarray(nn, sizeof(int32_t));
    s->thread = xmallocarray(nn, sizeof(int32_t));
    s->rev_thread = xmallocarray(nn, sizeof(int32_t));
    s->pred_up = xmallocarray(nn, sizeof(int8_t));
    s->stem = xmallocarray(nn, sizeof(int32_t));
    s->stem_depth = xmallocarray(nn, sizeof(int32_t));
    s->seg = xmallocarray(4 * nn, sizeof(int32_t));

    /* Supplies after shifting the lower bounds to zero. */
    int64_t *b = s->pi; /* borrowed as scratch until the basis is built */
    int64_t sum = 0, bound = 0, max_cost = 0;
    for (int32_t u = 0; u < n; u++) {
        b[u] = p->supply[u];
        if (__builtin_add_overflow(sum, p->supply[u], &sum))
            return err_set(e, ERR_TOO_LARGE, "mcf: sum of supplies overflows int64");
    }
    if (sum != 0)
        return err_set(e, ERR_INPUT, "mcf: supplies sum to %lld, not 0", (long long)sum);
    /* Arcs are priced in a strided order: files often list the arcs of one
     * node together, and a pricing block then sees only a node or two. */
    int32_t stride = m / n > 3 ? m / n : 3, k = 0;
    for (int32_t r = 0; r < stride && r < m; r++) {
        for (int32_t a = r; a < m; a += stride)
            s->orig[k++] = a;
    }
    for (int32_t k2 = 0; k2 < m; k2++) {
        int32_t a = s->orig[k2];
        int32_t t = p->tail[a], h = p->head[a];
        int64_t lo = p->lower[a], up = p->upper[a];
        if (t < 0 || t >= n || h < 0 || h >= n)
            return err_set(e, ERR_INPUT, "mcf: arc %d: end out of range", (int)a + 1);
        if (lo > up || lo == MCF_INF)
            return err_set(e, ERR_INPUT, "mcf: arc %d: lower bound above capacity", (int)a + 1);
        int64_t c = up;
        if (up != MCF_INF) {
            if (__builtin_sub_overflow(up, lo, &c) || c == MCF_INF ||
                __builtin_add_overflow(bound, c, &bound))
                return err_set(e, ERR_TOO_LARGE, "mcf: arc %d: capacities too large", (int)a + 1);
        }
        if (lo != 0 &&
            (__builtin_sub_overflow(b[t], lo, &b[t]) || __builtin_add_overflow(b[h], lo, &b[h])))
            return err_set(e, ERR_TOO_LARGE, "mcf: arc %d: lower bound too large", (int)a + 1);
        if (p->cost[a] == INT64_MIN)
            return err_set(e, ERR_TOO_LARGE, "mcf: arc %d: cost too large", (int)a + 1);
        if (abs64(p->cost[a]) > max_cost)
            max_cost = abs64(p->cost[a]);
        s->tail[k2] = t;
        s->head[k2] = h;
        s->cost[k2] = p->cost[a];
        s->cap[k2] = c;
        s->state[k2] = NS_LOWER;
    }
    for (int32_t u = 0; u < n; u++) {
        if (b[u] == INT64_MIN || __builtin_add_overflow(bound, abs64(b[u]), &bound))
            return err_set(e, ERR_TOO_LARGE, "mcf: supplies and capacities too large");
    }
    if (bound > INT64_MAX / 2)
        return err_set(e, ERR_TOO_LARGE, "mcf: supplies and capacities too large");
    int64_t big_m;
    if (max_cost >= NS_M_LIMIT || __builtin_mul_overflow(max_cost + 1, (int64_t)s->n, &big_m) ||
        big_m > NS_M_LIMIT)
        return err_set(e, ERR_TOO_LARGE, "mcf: costs too large for %d nodes", (int)n);

    /* The first basis: every node hangs from the root by its artificial arc. */
    int32_t r = s->root;
    s->parent[r] = -1;
    s->pred[r] = -1;
    s->pred_up[r] = 0;
    s->depth[r] = 0;
    s->thread[r] = 0;
    s->rev_thread[0] = r;
    for (int32_t u = 0; u < n; u++) {
        int32_t a = m + u;
        int64_t supply = b[u];
        s->parent[u] = r;
        s->pred[u] = a;
        s->depth[u] = 1;
        s->thread[u] = u + 1;
        s->rev_thread[u + 1] = u;
        s->cost[a] = big_m;
        s->cap[a] = MCF_INF;
        s->state[a] = NS_TREE;
        if (supply >= 0) {
            s->tail[a] = u;
            s->head[a] = r;
            s->flow[a] = supply;
            s->pred_up[u] = 1;
            b[u] = -big_m;
        } else {
            s->tail[a] = r;
            s->head[a] = u;
            s->flow[a] = -supply;
            s->pred_up[u] = -1;
            b[u] = big_m;
        }
    }
    s->pi[r] = 0;
    double bs = sqrt((double)m);
    s->block = bs < 10.0 ? 10 : (int32_t)bs;
    s->next_arc = 0;
    return ERR_OK;
}

/* Scans arcs [from, to) of a block search; returns where it stopped. */
static inline int32_t ns_scan(struct ns *s, int32_t from, int32_t to, int32_t *left, int64_t *best,
                              int32_t *best_arc)
{
    const int32_t *tail = s->tail, *head = s->head;
    const int64_t *cost = s->cost, *pi = s->pi;
    const int8_t *state = s->state;
    int32_t cnt = *left;
    for (int32_t a = from; a < to; a++) {
        int64_t c = state[a] * (cost[a] + pi[tail[a]] - pi[head[a]]);
        if (c < *best) {
            *best = c;
            *best_arc = a;
        }
        if (--cnt == 0) {
            if (*best_arc >= 0) {
                *left = 0;
                s->n_priced += a + 1 - from;
                return a + 1;
            }
            cnt = s->block;
        }
    }
    *left = cnt;
    s->n_priced += to - from;
    return to;
}

/* Block search pricing; returns the entering arc or -1 at optimality. */
static int32_t ns_price(struct ns *s)
{
    int64_t best = 0;
    int32_t best_arc = -1, left = s->block;
    int32_t start = s->next_arc;
    int32_t a = ns_scan(s, start, s->m_search, &left, &best, &best_arc);
    if (left != 0) {
        a = ns_scan(s, 0, start, &left, &best, &best_arc);
    }
    s->next_arc = a >= s->m_search ? 0 : a;
    return best_arc;
}

/* Room for pushing more flow along the tree arc of u, in the direction
 * given by up (+1 towards the parent, -1 away from it). */
static inline int64_t ns_room(const struct ns *s, int32_t u, int up)
{
    int32_t a = s->pred[u];
    if (s->pred_up[u] == up)
        return s->cap[a] == MCF_INF ? MCF_INF : s->cap[a] - s->flow[a];
    return s->flow[a];
}

/* Links thread segment [first .. last] after node prev; returns last. */
static inline int32_t ns_link(struct ns *s, int32_t prev, int32_t first, int32_t last)
{
    s->thread[prev] = first;
    s->rev_thread[first] = prev;
    return last;
}

/* A walk along the thread: the next node to visit and the last visited. */
struct ns_run {
    int32_t next;
    int32_t last;
};

/*
 * Shifts potentials by sigma and depths by dd along the thread from
 * r->next (always visited), stopping before node stop or before the
 * first node whose (old) depth is at most depth_limit.
 */
static inline void ns_shift_run(struct ns *s, struct ns_run *r, int64_t sigma, int32_t dd,
                                int32_t stop, int32_t depth_limit)
{
    int32_t x = r->next, last, moved = 0;
    do {
        s->pi[x] += sigma;
        s->depth[x] += dd;
        last = x;
        x = s->thread[x];
        moved++;
    } while (x != stop && s->depth[x] > depth_limit);
    r->next = x;
    r->last = last;
    s->n_moved += moved;
}

/*
 * Re-hangs the subtree S of u_out below the entering arc: u_in becomes a
 * child of v_in and the stem u_in = stem[0], ..., stem[k] = u_out
 * reverses its parent links.
 *
 * In the old preorder S reads A_k A_(k-1) .. A_1 T B_1 .. B_k, where T is
 * the subtree of stem[0], A_j runs from stem[j] to just before stem[j-1],
 * and B_j is the rest of stem[j]'s subtree after stem[j-1]'s. Each of
 * these runs keeps its inner order, so the new preorder T A_1 B_1 ..
 * A_k B_k is spliced with O(k) thread updates. One walk over S shifts the
 * potentials by sigma and the depths by a constant per run (every node
 * of A_j and B_j keeps its path to stem[j]).
 */
static void ns_rehang(struct ns *s, int32_t in_arc, int32_t u_in, int32_t v_in, int32_t u_out)
{
    int32_t *thread = s->thread, *depth = s->depth, *stem = s->stem, *old_d = s->stem_depth;
    int32_t *a_first = s->seg, *a_last = s->seg + s->n, *b_first = s->seg + 2 * (size_t)s->n,
            *b_last = s->seg + 3 * (size_t)s->n;
    int64_t *pi = s->pi;
    int64_t sigma = u_in == s->tail[in_arc] ? pi[v_in] - s->cost[in_arc] - pi[u_in]
                                            : pi[v_in] + s->cost[in_arc] - pi[u_in];
    int32_t before = s->rev_thread[u_out];
    int32_t new_d0 = depth[v_in] + 1; /* new depth of stem[0] */

    int32_t k = 0;
    stem[0] = u_in;
    old_d[0] = depth[u_in];
    while (stem[k] != u_out) {
        stem[k + 1] = s->parent[stem[k]];
        k++;
        old_d[k] = depth[stem[k]];
    }

    /* Walk S in its old preorder; depths read ahead are still old ones. */
    struct ns_run r = {u_out, u_out};
    for (int32_t j = k; j >= 1; j--) {
        a_first[j] = r.next;
        ns_shift_run(s, &r, sigma, new_d0 + j - old_d[j], stem[j - 1], old_d[j]);
        a_last[j] = r.last;
    }
    ns_shift_run(s, &r, sigma, new_d0 - old_d[0], -1, old_d[0]);
    int32_t t_last = r.last;
    for (int32_t j = 1; j <= k; j++) {
        b_first[j] = -1;
        if (depth[r.next] <= old_d[j])
            continue;
        b_first[j] = r.next;
        ns_shift_run(s, &r, sigma, new_d0 + j - old_d[j], -1, old_d[j]);
        b_last[j] = r.last;
    }
    int32_t x = r.next;

    /* Unlink S, splice its runs in the new order, insert it after v_in. */
    ns_link(s, before, x, x);
    int32_t after = thread[v_in];
    int32_t tail = ns_link(s, v_in, u_in, t_last);
    for (int32_t j = 1; j <= k; j++) {
        tail = ns_link(s, tail, a_first[j], a_last[j]);
        if (b_first[j] >= 0)
            tail = ns_link(s, tail, b_first[j], b_last[j]);
    }
    ns_link(s, tail, after, after);

    /* Reverse the stem. */
    for (int32_t i = k; i >= 1; i--) {
        s->parent[stem[i]] = stem[i - 1];
        s->pred[stem[i]] = s->pred[stem[i - 1]];
        s->pred_up[stem[i]] = (int8_t)-s->pred_up[stem[i - 1]];
    }
    s->parent[u_in] = v_in;
    s->pred[u_in] = in_arc;
    s->pred_up[u_in] = u_in == s->tail[in_arc] ? 1 : -1;
}

/* One pivot on in_arc; returns false if the cycle has no bound (unbounded). */
static bool ns_pivot(struct ns *s, int32_t in_arc)
{
    int32_t first, second;
    if (s->state[in_arc] == NS_LOWER) {
        first = s->tail[in_arc];
        second = s->head[in_arc];
    } else {
        first = s->head[in_arc];
        second = s->tail[in_arc];
    }
    /* Apex of the cycle. */
    int32_t u = first, v = second;
    while (u != v) {
        if (s->depth[u] > s->depth[v])
            u = s->parent[u];
        else
            v = s->parent[v];
    }
    int32_t join = u;

    /* Leaving arc: flow goes join -> .. -> first -> second -> .. -> join;
     * ties go to the last blocking arc in that order. */
    int64_t delta = s->cap[in_arc];
    int32_t u_out = -1;
    bool out_on_first = false;
    for (u = first; u != join; u = s->parent[u]) {
        int64_t d = ns_room(s, u, -1);
        if (d < delta) {
            delta = d;
            u_out = u;
            out_on_first = true;
        }
    }
    for (u = second; u != join; u = s->parent[u]) {
        int64_t d = ns_room(s, u, 1);
        if (d <= delta) {
            delta = d;
            u_out = u;
            out_on_first = false;
        }
    }
    if (delta == MCF_INF)
        return false;

    if (delta > 0) {
        int64_t val = s->state[in_arc] * delta;
        s->flow[in_arc] += val;
        for (u = s->tail[in_arc]; u != join; u = s->parent[u])
            s->flow[s->pred[u]] -= s->pred_up[u] * val;
        for (u = s->head[in_arc]; u != join; u = s->parent[u])
            s->flow[s->pred[u]] += s->pred_up[u] * val;
    }
    if (u_out < 0) {
        s->state[in_arc] = (int8_t)-s->state[in_arc];
        return true;
    }
    int32_t out_arc = s->pred[u_out];
    s->state[in_arc] = NS_TREE;
    s->state[out_arc] = s->flow[out_arc] == 0 ? NS_LOWER : NS_UPPER;
    if (out_on_first)
        ns_rehang(s, in_arc, first, second, u_out);
    else
        ns_rehang(s, in_arc, second, first, u_out);
    return true;
}

int mcf_solve(const struct mcf_problem *p, struct mcf_solution *out, struct err *e)
{
    struct ns s;
    int rc;
    memset(&s, 0, sizeof(s));
    memset(out, 0, sizeof(*out));

    rc = ns_load(&s, p, e);
    if (rc)
        goto out;
    int64_t n_pivots = 0;
    for (;;) {
        int32_t in_arc = ns_price(&s);
        if (in_arc < 0)
            break;
        if (!ns_pivot(&s, in_arc)) {
            rc = err_set(e, ERR_UNBOUNDED,
                         "mcf: unbounded: a negative-cost cycle has unlimited capacity");
            goto out;
        }
        n_pivots++;
    }
    for (int32_t a = s.m_search; a < s.m; a++) {
        if (s.flow[a] != 0) {
            rc = err_set(e, ERR_INFEASIBLE,
                         "mcf: infeasible: no flow meets the supplies within the capacities");
            goto out;
        }
    }
    int64_t *flow = xmallocarray((size_t)p->n_arcs + 1, sizeof(int64_t));
    int64_t total = 0;
    for (int32_t k = 0; k < p->n_arcs; k++)
        flow[s.orig[k]] = s.flow[k];
    for (int32_t a = 0; a < p->n_arcs; a++) {
        int64_t term;
        flow[a] += p->lower[a];
        if (__builtin_mul_overflow(flow[a], p->cost[a], &term) ||
            __builtin_add_overflow(total, term, &total)) {
            free(flow);
            rc = err_set(e, ERR_TOO_LARGE, "mcf: optimal cost overflows int64");
            goto out;
        }
    }
    out->flow = flow;
    out->cost = total;
    out->n_pivots = n_pivots;
    out->n_priced = s.n_priced;
    out->n_moved = s.n_moved;
out:
    ns_release(&s);
    return rc;
}
