/* SPDX-License-Identifier: MIT */
/*
 * cmd_allocate.c - `symbiose allocate`.
 *
 * With --dimacs FILE.min: solves a min-cost flow problem in DIMACS "min"
 * format and prints the DIMACS solution on stdout: "s COST", then
 * "f TAIL HEAD FLOW" for every arc with nonzero flow, in the order of the
 * arcs in the file. Malformed files fail with "FILE:LINE: field: reason",
 * infeasible and unbounded problems with their own messages; all exit
 * with status 65.
 *
 * Without it: reads the open substitution synergies of the database
 * (status suggested or studied; --territory ID keeps one territory's
 * offers) and prints the exchanges that maximise the total net gain when
 * offers and needs compete, beside the greedy plan (each offer takes its
 * best suggestion first), as text, --format json or --format csv. With
 * --save the plan is recorded (one transaction) and its id printed;
 * otherwise the database is only read. The work is optim_allocate.
 */
#include "cli.h"
#include "engine/engine.h"
#include "optim/optim.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_allocate_help[] =
    "usage : symbiose allocate --dimacs FICHIER.min\n"
    "        symbiose allocate [--territory ID] [--save] [--format text|json|csv]\n"
    "\n"
    "Avec --dimacs : flot de coût minimal d'un fichier DIMACS « min », solution\n"
    "DIMACS en sortie (s COÛT puis f I J FLOT). Sinon : les échanges qui\n"
    "maximisent le gain net quand offres et besoins se concurrencent, à côté du\n"
    "plan glouton, à partir des suggestions de la base.\n"
    "\n"
    "options :\n"
    "  --dimacs FICHIER    problème DIMACS au lieu de la base\n"
    "  --territory ID      offres d'un seul territoire (défaut : tous)\n"
    "  --save              enregistre le plan et affiche son numéro\n"
    "  --format F          text, json ou csv (défaut text)\n"
    "\n"
    "exemple :\n"
    "  symbiose allocate --territory 1 --save\n";

/* Largest DIMACS file read: 16 GiB (a 10^6-arc file is about 25 MB). */
#define ALLOCATE_MAX_FILE ((size_t)1 << 34)

static int allocate_dimacs(const char *path)
{
    struct err e;
    struct mcf_problem p = {0};
    struct mcf_solution s = {0};
    struct sb out;
    char *buf = NULL;
    size_t len = 0;
    int rc;

    err_init(&e);
    sb_init(&out, 0);
    rc = file_read_all(path, ALLOCATE_MAX_FILE, &buf, &len, &e);
    if (rc)
        goto out;
    rc = mcf_dimacs_parse(buf, len, path, MCF_MAX_NODES, &p, &e);
    free(buf);
    buf = NULL;
    if (rc)
        goto out;
    rc = mcf_solve(&p, &s, &e);
    if (rc) {
        err_prefix(&e, "%s", path);
        goto out;
    }
    mcf_dimacs_write(&out, &p, &s);
    rc = sb_finish(&out, &e);
    if (rc)
        goto out;
    if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0)
        rc = err_set(&e, ERR_IO, "sortie standard : erreur d'écriture");
out:
    free(buf);
    sb_release(&out);
    mcf_solution_release(&s);
    mcf_problem_release(&p);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

enum alloc_format { FMT_TEXT, FMT_JSON, FMT_CSV };

static void print_totals(struct sb *b, const char *label, const struct store_alloc_totals *t)
{
    sb_addf(b,
            "%s : %.0f t/an échangées (%lld paires), %.2f €/an, %.1f t CO2e/an évitées, "
            "%.0f t/an en élimination\n",
            label, t->t, (long long)t->n_pairs, t->eur, t->co2e_t, t->disposed_t);
}

static void plan_text(struct sb *b, const struct optim_plan *op)
{
    sb_addf(b, "allocation optimale de %zu suggestions ouvertes (%s) :\n", op->n_lines,
            op->plan.territory_id ? "un territoire" : "toute la région");
    for (size_t k = 0; k < op->n_lines; k++) {
        const struct store_alloc_line *l = &op->lines[k];
        if (l->t <= 0)
            continue;
        sb_addf(b, "  synergie %lld : offre %lld -> %s %lld : %.0f t/an, %.2f €/an\n",
                (long long)l->synergy_id, (long long)l->offer_flow_id,
                l->need_flow_id > 0 ? "besoin" : "receveur",
                (long long)(l->need_flow_id > 0 ? l->need_flow_id : l->receiver_org_id), l->t,
                l->eur);
    }
    print_totals(b, "total optimal", &op->plan.best);
    print_totals(b, "glouton (chaque offre prend d'abord sa meilleure suggestion)",
                 &op->plan.greedy);
    sb_addf(b, "gain de l'optimum sur le glouton : %.2f €/an\n",
            op->plan.best.eur - op->plan.greedy.eur);
    if (op->plan.id > 0)
        sb_addf(b, "plan %lld enregistré\n", (long long)op->plan.id);
}

static void plan_csv_totals(struct sb *b, const char *row, const struct store_alloc_totals *t)
{
    sb_addf(b, "%s,,,,,%.10g,,%.10g,%.10g\n", row, t->t, t->eur, t->co2e_t);
}

static void plan_csv(struct sb *b, const struct optim_plan *op)
{
    sb_adds(b, "row,synergy_id,offer_flow_id,need_flow_id,receiver_org_id,t,greedy_t,eur,co2e_t\n");
    for (size_t k = 0; k < op->n_lines; k++) {
        const struct store_alloc_line *l = &op->lines[k];
        sb_addf(b, "line,%lld,%lld,", (long long)l->synergy_id, (long long)l->offer_flow_id);
        if (l->need_flow_id > 0)
            sb_addf(b, "%lld", (long long)l->need_flow_id);
        sb_addf(b, ",%lld,%.10g,%.10g,%.10g,%.10g\n", (long long)l->receiver_org_id, l->t,
                l->greedy_t, l->eur, l->co2e_t);
    }
    plan_csv_totals(b, "optimal", &op->plan.best);
    plan_csv_totals(b, "greedy", &op->plan.greedy);
}

/* JSON of the plan: read back from the store when saved, for the names. */
static int plan_json(struct sb *b, struct store *st, const struct optim_plan *op, struct err *e)
{
    if (op->plan.id <= 0) {
        optim_plan_json(b, &op->plan, op->lines, op->n_lines);
        sb_addc(b, '\n');
        return ERR_OK;
    }
    struct store_alloc_plan p;
    struct store_alloc_line *lines = NULL;
    size_t n = 0;
    int rc = store_alloc_plan_get(st, op->plan.id, &p, e);
    if (rc)
        return rc;
    rc = store_alloc_plan_lines(st, p.id, &lines, &n, e);
    if (rc == ERR_OK) {
        optim_plan_json(b, &p, lines, n);
        sb_addc(b, '\n');
    }
    store_alloc_lines_free(lines, n);
    store_alloc_plan_release(&p);
    return rc;
}

static int allocate_db(const struct cli_ctx *ctx, int64_t territory_id, bool is_save,
                       enum alloc_format fmt)
{
    struct err e;
    struct store *st = NULL;
    struct optim_plan op = {0};
    struct sb out;
    int rc;

    err_init(&e);
    sb_init(&out, 0);
    rc = store_open(&st, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc)
        goto out;
    if (is_save)
        rc = optim_allocate_save(st, territory_id, 0, &op, NULL, &e);
    else
        rc = optim_allocate(st, territory_id, 0, &op, &e);
    if (rc)
        goto out;
    if (fmt == FMT_JSON)
        rc = plan_json(&out, st, &op, &e);
    else if (fmt == FMT_CSV)
        plan_csv(&out, &op);
    else
        plan_text(&out, &op);
    if (rc == ERR_OK)
        rc = sb_finish(&out, &e);
    if (rc == ERR_OK && (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0))
        rc = err_set(&e, ERR_IO, "sortie standard : erreur d'écriture");
out:
    sb_release(&out);
    optim_plan_release(&op);
    store_close(st);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

int cmd_allocate(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc(argc > 0 ? (size_t)argc : 1, sizeof(bool));
    const char *dimacs = cli_opt(argc, argv, used, "--dimacs");
    const char *territory = cli_opt(argc, argv, used, "--territory");
    const char *format = cli_opt(argc, argv, used, "--format");
    bool is_save = cli_opt_flag(argc, argv, used, "--save");
    int rc = cli_args_check(argc, argv, used);
    free(used);
    if (rc)
        return rc;
    if (dimacs)
        return allocate_dimacs(dimacs);
    enum alloc_format fmt = FMT_TEXT;
    if (format && !strcmp(format, "json"))
        fmt = FMT_JSON;
    else if (format && !strcmp(format, "csv"))
        fmt = FMT_CSV;
    else if (format && strcmp(format, "text"))
        return cli_usage("allocate : --format attend text, json ou csv");
    int64_t territory_id = 0;
    struct err e;
    err_init(&e);
    if (territory && (parse_int64(slice_cstr(territory), &territory_id, &e) || territory_id < 1))
        return cli_usage("allocate : --territory attend un identifiant de territoire");
    return allocate_db(ctx, territory_id, is_save, fmt);
}
