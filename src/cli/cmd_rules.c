/* SPDX-License-Identifier: MIT */
/*
 * cmd_rules.c - `symbiose rules CODE`: every valorisation route known for
 * a List of Waste code (its own, or inherited from its sub-chapter,
 * chapter or material family) or for an energy, water or gas kind, one
 * route per line, most specific and most common first, so that a
 * facilitator sees what the matching engine knows and where it comes
 * from.
 *
 *   symbiose rules CODE [--rules FILE]
 *
 * CODE is "15 01 01", "150101" or a kind ("heat", "co2"). --rules adds a
 * local routes file (same columns as data/valorisation_rules.csv).
 */
#include "cli.h"
#include "cli_int.h"
#include "ref/ref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_rules_help[] =
    "usage : symbiose rules CODE [--rules FICHIER]\n"
    "\n"
    "Toutes les voies de valorisation connues pour un code : les siennes et celles\n"
    "héritées de sa sous-rubrique, de son chapitre ou de sa famille de matière, une\n"
    "par ligne, avec l'opération (R1 à R13), les activités receveuses, la fréquence,\n"
    "la condition pour les déchets dangereux et la source.\n"
    "\n"
    "CODE : code de la liste des déchets (15 01 01 ou 150101) ou type d'énergie,\n"
    "d'eau ou de gaz (heat, steam, co2...).\n"
    "\n"
    "options :\n"
    "  --rules FICHIER     ajoute un fichier de voies locales (CSV, même format que\n"
    "                      data/valorisation_rules.csv ; défaut : local_rules.csv du\n"
    "                      dossier $SYMBIOSE_DATA s'il existe)\n"
    "\n"
    "exemple :\n"
    "  symbiose rules 10 01 02\n";

static const char *const freq_fr[REF_FREQ_COUNT] = {"courante", "habituelle", "rare"};

struct rules_hit {
    const struct ref_rule *rule;
    enum ref_route_level level;
};

static int hit_cmp(const void *pa, const void *pb)
{
    const struct rules_hit *a = pa, *b = pb;
    if (a->level != b->level)
        return a->level < b->level ? -1 : 1;
    if (a->rule->freq != b->rule->freq)
        return a->rule->freq < b->rule->freq ? -1 : 1;
    return strcmp(a->rule->id, b->rule->id);
}

/* "23.51 Fabrication de ciment; 42.11 Construction de routes..." */
static void receivers_fr(struct sb *b, const struct ref *r, const struct ref_rule *rule)
{
    for (size_t i = 0; i < rule->n_receivers; i++) {
        const struct ref_nace *n = ref_nace_find(r, rule->receivers[i]);
        sb_adds(b, i > 0 ? "; " : "");
        sb_adds(b, rule->receivers[i]);
        if (n) {
            sb_addc(b, ' ');
            sb_adds(b, n->label_fr);
        }
    }
}

/* Which output of the rule covers the code, formatted ("17 01"). */
static void origin_fr(struct sb *b, const struct ref *r, const struct ref_rules *rr,
                      const struct ref_rule *rule, const char *code, enum ref_route_level level)
{
    sb_adds(b, ref_route_level_fr(level));
    if (level == REF_LEVEL_FAMILY) {
        sb_addf(b, " « %s »", ref_rules_family(rr, code));
        return;
    }
    if (level != REF_LEVEL_SUBCHAPTER && level != REF_LEVEL_CHAPTER)
        return;
    size_t want = level == REF_LEVEL_SUBCHAPTER ? 4 : 2;
    for (size_t i = 0; i < rule->n_outputs; i++) {
        if (strlen(rule->outputs[i]) == want && ref_code_under(code, rule->outputs[i])) {
            char fmt[12];
            ref_low_format(r, rule->outputs[i], fmt);
            sb_addf(b, " %s", fmt);
            return;
        }
    }
}

int cmd_rules(struct cli_ctx *ctx, int argc, char **argv)
{
    bool used[64] = {false};
    if (argc > 64)
        return cli_usage("rules: too many arguments");
    const char *local = cli_opt(argc, argv, used, "--rules");
    const char *arg = NULL;
    for (int i = 1; i < argc; i++) {
        if (!used[i] && argv[i][0] != '-' && !arg) {
            arg = argv[i];
            used[i] = true;
        }
    }
    int rc = cli_args_check(argc, argv, used);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (!arg)
        return cli_usage("rules : il manque le CODE (voir « symbiose help rules »)");

    struct ref *r = NULL;
    struct ref_rules *rr = NULL;
    struct rules_hit *hits = NULL;
    struct sb out;
    struct err e;
    err_init(&e);
    sb_init(&out, 0);
    char code[24];
    int status = CLI_EXIT_OK;
    if (ref_load(&r, ctx->data_dir, &e) != ERR_OK || cli_rules_load(ctx, r, local, &rr, &e) != 0) {
        status = cli_fail(&e);
        goto out;
    }
    if (arg[0] >= 'a' && arg[0] <= 'z' && strlen(arg) < sizeof(code)) {
        memcpy(code, arg, strlen(arg) + 1); /* a kind: heat, steam, co2... */
    } else if (ref_low_parse(r, slice_from(arg, strlen(arg)), code, &e) != ERR_OK) {
        status = cli_fail(&e);
        goto out;
    }
    size_t n = 0, n_rules = ref_rules_count(rr);
    hits = xcalloc(n_rules + 1, sizeof(*hits));
    for (size_t i = 0; i < n_rules; i++) {
        const struct ref_rule *rule = ref_rules_at(rr, i);
        enum ref_route_level level = ref_rule_level(rr, rule, code);
        if (level != REF_LEVEL_NONE)
            hits[n++] = (struct rules_hit){rule, level};
    }
    qsort(hits, n, sizeof(*hits), hit_cmp);
    const struct ref_low *low = ref_low_find(r, code);
    char fmt[12];
    ref_low_format(r, code, fmt);
    sb_addf(&out, "%s%s%s : %zu voie(s) de valorisation\n", fmt, low ? " " : "",
            low ? low->label_fr : "", n);
    for (size_t i = 0; i < n; i++) {
        const struct ref_rule *rule = hits[i].rule;
        sb_addf(&out, "%s | %s | ", rule->id, rule->operation[0] ? rule->operation : "-");
        origin_fr(&out, r, rr, rule, code, hits[i].level);
        sb_addf(&out, " | %s | receveurs : ", rule->use_fr);
        receivers_fr(&out, r, rule);
        sb_addf(&out, " | pratique %s | déchets dangereux : %s%s | source : %s\n",
                freq_fr[rule->freq],
                rule->is_hazardous_ok ? "acceptés (installation autorisée)" : "non",
                rule->is_local ? " | voie locale" : "", rule->source);
    }
    if (sb_finish(&out, &e) != ERR_OK) {
        status = cli_fail(&e);
        goto out;
    }
    fputs(out.buf, stdout);
out:
    sb_release(&out);
    free(hits);
    ref_rules_free(rr);
    ref_free(r);
    return status;
}

int cli_rules_load(const struct cli_ctx *ctx, const struct ref *r, const char *local_file,
                   struct ref_rules **out, struct err *e)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = ref_rules_load(out, r, ctx->data_dir, e);
    if (rc == ERR_OK && local_file) {
        rc = file_read_all(local_file, 64u << 20, &buf, &len, e);
        if (rc == ERR_OK)
            rc = ref_rules_add_csv(*out, r, local_file, buf, len, e);
        if (rc != ERR_OK) {
            ref_rules_free(*out);
            *out = NULL;
        }
    }
    free(buf);
    return rc;
}
