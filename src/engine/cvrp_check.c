/* SPDX-License-Identifier: MIT */
/*
 * cvrp_check.c - the independent solution checker: it shares no code with
 * the solver, so tests and the benchmark can trust a verdict the solver
 * cannot influence.
 */
#include "engine.h"

#include <stdlib.h>

int cvrp_check(const struct cvrp *p, const struct cvrp_solution *s, int64_t *cost_out,
               struct err *e)
{
    int rc = ERR_OK;
    size_t n = p->n_nodes;
    unsigned char *seen = xcalloc(n, 1);
    int64_t total = 0;
    if (s->n_routes > 0 && (!s->route_start || s->route_start[0] != 0)) {
        rc = err_set(e, ERR_INPUT, "check: route offsets must start at 0");
        goto out;
    }
    for (size_t r = 0; r < s->n_routes; r++) {
        size_t b = s->route_start[r];
        size_t end = s->route_start[r + 1];
        if (end > n - 1) {
            rc = err_set(e, ERR_INPUT, "check: more stops than customers");
            goto out;
        }
        if (end <= b) {
            rc = err_set(e, ERR_INPUT, "check: route #%zu is empty or malformed", r + 1);
            goto out;
        }
        int64_t load = 0, length = 0;
        size_t prev = 0;
        for (size_t k = b; k < end; k++) {
            size_t c = s->nodes[k];
            if (c == 0 || c >= n) {
                rc = err_set(e, ERR_INPUT, "check: route #%zu: invalid customer %zu", r + 1, c);
                goto out;
            }
            if (seen[c]) {
                rc = err_set(e, ERR_INPUT, "check: customer %zu visited twice", c);
                goto out;
            }
            seen[c] = 1;
            load += p->demand[c];
            length += p->dist[prev * n + c];
            prev = c;
        }
        length += p->dist[prev * n];
        total += length;
        int64_t duration = length + p->service_time * (int64_t)(end - b);
        if (p->max_duration > 0 && duration > p->max_duration) {
            rc = err_set(e, ERR_INPUT, "check: route #%zu: duration %lld over the limit %lld",
                         r + 1, (long long)duration, (long long)p->max_duration);
            goto out;
        }
        if (load > p->capacity) {
            rc = err_set(e, ERR_INPUT, "check: route #%zu: load %lld over capacity %lld", r + 1,
                         (long long)load, (long long)p->capacity);
            goto out;
        }
    }
    for (size_t c = 1; c < n; c++) {
        if (!seen[c]) {
            rc = err_set(e, ERR_INPUT, "check: customer %zu not visited", c);
            goto out;
        }
    }
    if (cost_out)
        *cost_out = total;
    if (total != s->cost)
        rc = err_set(e, ERR_INPUT, "check: stated cost %lld, recomputed %lld", (long long)s->cost,
                     (long long)total);
out:
    free(seen);
    return rc;
}
