/* SPDX-License-Identifier: MIT */
/*
 * cmd_match.c - `symbiose match`: ranked substitution suggestions.
 *
 *   symbiose match --input FLOWS.csv [--radius-km R] [--top K]
 *                  [--format csv|json] [-o FILE] [--detour F]
 *                  [--same-code] [--all-pairs] [--stats] [--threads N]
 *                  [--rules LOCAL_RULES.csv]
 *
 * --rules adds a territory's own valorisation routes (the columns of
 * data/valorisation_rules.csv) to the shipped ones for this run; a
 * local_rules.csv in the SYMBIOSE_DATA folder is always added.
 * --format none runs the search and writes nothing (to time the search
 * apart from formatting); --stats prints counts and timings on stderr.
 * --threads N (1 to 8, default 1) searches with N threads; the output is
 * the same, written in the same order (not for JSON or the database).
 *
 * Without --input, the engine runs on the organisations and flows of the
 * database and saves its suggestions as synergies with status
 * "suggested" in one transaction: a known (offer, need, receiver) gets
 * fresh estimates instead of a duplicate, and one a facilitator abandoned
 * is neither shown nor saved again. With --input the engine runs on a
 * flows file (the benchmark format), no database. --same-code disables the valorisation rules;
 * --all-pairs (a check for the benchmark) prints every compatible pair within the radius as
 * offer_row,need_row,distance_km instead of the ranked suggestions. Output is streamed after the
 * whole input has been validated, so a bad file writes nothing.
 */
#include "cli.h"
#include "cli_int.h"
#include "engine/engine.h"
#include "optim/optim.h"
#include "ref/ref.h"
#include "store/store.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_match_help[] =
    "usage : symbiose match [options]\n"
    "        symbiose match --input FLUX.csv [options]\n"
    "\n"
    "Suggère pour chaque offre les meilleurs receveurs (besoins déclarés et\n"
    "receveurs potentiels), classés par gain net. Sans --input, lit la base et\n"
    "enregistre les suggestions comme synergies (jamais en double) ; avec\n"
    "--input, lit un fichier de flux (format du banc d'essai), sans base.\n"
    "\n"
    "options :\n"
    "  --radius-km R       rayon de recherche en km (défaut : selon la famille,\n"
    "                      60 matières, 5 chaleur, 15 eau, 30 services)\n"
    "  --top K             suggestions par offre, 1 à 1000 (défaut 10 ; 64 au plus\n"
    "                      avec la base)\n"
    "  --format F          csv ou json (défaut csv)\n"
    "  -o FICHIER          écrit dans FICHIER (défaut : sortie standard)\n"
    "  --input FLUX.csv    fichier de flux au lieu de la base\n"
    "  --detour F          facteur de détour routier, 1 à 10 (défaut 1.3)\n"
    "  --same-code         sans les règles de valorisation : même code seulement\n"
    "  --all-pairs         (avec --input) toutes les paires compatibles du rayon\n"
    "  --stats             comptes et temps sur la sortie d'erreur\n"
    "  --threads N         (avec --input) fils de recherche, 1 à 8 (défaut 1)\n"
    "  --rules FICHIER     ajoute des voies de valorisation locales (CSV ; défaut :\n"
    "                      local_rules.csv du dossier $SYMBIOSE_DATA s'il existe)\n"
    "\n"
    "exemple :\n"
    "  symbiose match --radius-km 30 --top 5 --format json\n";

#define MATCH_MAX_INPUT ((size_t)2 << 30)
#define MATCH_FLUSH (1u << 20)
/* Flows per unit of work of a search thread: about four per thread, at
 * least 4096, at most 16384: a chunk's output (about 30 MB at most) is held
 * until its turn to be written, and the engine's block memory for it stays
 * below malloc's mmap threshold, so it is reused from chunk to chunk */
#define MATCH_CHUNK_MIN 4096
#define MATCH_CHUNK_MAX 16384
#define MATCH_MAX_THREADS 8

enum match_format { MATCH_CSV, MATCH_JSON, MATCH_PAIRS, MATCH_NONE };

#define MATCH_ID_SLOT 32

struct match_out {
    FILE *fp;
    struct optim_saver *db; /* database mode: suggestions are saved, NULL otherwise */
    char *ids;              /* MATCH_ID_SLOT bytes per organisation: length byte, then the
                               id as a CSV field (one cache line instead of three lookups) */
    const struct engine_matcher *m;
    const struct engine_flow *flows;
    const struct engine_org *orgs;
    const struct ref_rules *rules; /* for the route of each suggestion (JSON) */
    enum match_format format;
    struct sb buf;
    size_t n_rows;
    bool is_io_error;
    bool is_held; /* a search thread's buffer: written whole, in order, by match_chunk_done */
};

static void out_flush(struct match_out *o)
{
    if (o->buf.len > 0 && fwrite(o->buf.buf, 1, o->buf.len, o->fp) != o->buf.len)
        o->is_io_error = true;
    sb_reset(&o->buf);
}

static void out_num(struct sb *b, double x, int decimals)
{
    char tmp[48];
    sb_add(b, tmp, numfmt_fixed(tmp, sizeof(tmp), x, decimals, '.', false));
}

static const char *kind_name(enum engine_match_kind k)
{
    return k == ENGINE_MATCH_POTENTIAL ? "potential" : "declared";
}

/* One CSV row built in a fixed buffer with plain copies: this runs for
 * millions of rows, where sb_addf or per-field sb calls dominated. */
struct row_buf {
    char p[2048];
    size_t len;
    bool is_full; /* a field did not fit: the row falls back to sb */
};

static void row_add(struct row_buf *r, const char *s, size_t n)
{
    if (r->len + n >= sizeof(r->p)) {
        r->is_full = true;
        return;
    }
    memcpy(r->p + r->len, s, n);
    r->len += n;
}

static void row_num(struct row_buf *r, double x, int decimals)
{
    char tmp[48];
    if (r->len + sizeof(tmp) < sizeof(r->p)) {
        /* room for any number: formatted in place */
        r->len += numfmt_fixed(r->p + r->len, sizeof(tmp), x, decimals, '.', false);
        return;
    }
    row_add(r, tmp, numfmt_fixed(tmp, sizeof(tmp), x, decimals, '.', false));
}

/* A CSV text field, neutralised as every CSV field we write (core.h). */
static void row_field(struct row_buf *r, const char *s, size_t n)
{
    size_t size = csv_field_size(s, n);
    if (r->len + size >= sizeof(r->p)) {
        r->is_full = true;
        return;
    }
    csv_field_write(r->p + r->len, s, n);
    r->len += size;
}

/* An organisation id as a CSV field, from its slot when it fits there. */
static void row_id(struct row_buf *r, const struct match_out *o, size_t org)
{
    const char *slot = &o->ids[org * MATCH_ID_SLOT];
    if (slot[0] > 0) {
        row_add(r, slot + 1, (size_t)(unsigned char)slot[0]);
    } else {
        const char *id = o->orgs[org].ext_id;
        row_field(r, id, strlen(id));
    }
}

static void out_csv_row(struct match_out *o, const struct engine_match *s)
{
    struct row_buf r;
    const struct engine_flow *f = &o->flows[s->offer];
    const char *kind = kind_name(s->kind);
    size_t code_len = 0;
    while (code_len < sizeof(f->code) && f->code[code_len])
        code_len++;
    r.len = 0;
    r.is_full = false;
    row_num(&r, s->rank, 0);
    row_add(&r, ",", 1);
    row_id(&r, o, f->org);
    row_add(&r, ",", 1);
    row_id(&r, o, s->receiver);
    row_add(&r, ",", 1);
    row_add(&r, kind, strlen(kind));
    row_add(&r, ",", 1);
    row_field(&r, f->code, code_len);
    row_add(&r, ",", 1);
    row_num(&r, s->dist_km, 2);
    row_add(&r, ",", 1);
    row_num(&r, s->qty, 2);
    row_add(&r, ",t/an,", 6);
    row_num(&r, s->gain_eur, 0);
    row_add(&r, ",", 1);
    row_num(&r, s->co2e_t, 2);
    row_add(&r, ",\"", 2);
    /* the explanation always holds a comma: written in place between quotes,
     * and redone with escapes in the rare case it holds a quote; it is the
     * engine's French sentence, which starts with a word, never with a
     * formula character */
    size_t at = r.len;
    if (at + 2 >= sizeof(r.p)) {
        o->is_io_error = true;
        return;
    }
    size_t ex_len = engine_match_explain(o->m, s, r.p + at, sizeof(r.p) - at - 2);
    if (memchr(r.p + at, '"', ex_len)) {
        char ex[1024];
        memcpy(ex, r.p + at, ex_len < sizeof(ex) ? ex_len : sizeof(ex));
        r.len = at - 1;
        row_field(&r, ex, ex_len < sizeof(ex) ? ex_len : sizeof(ex));
        row_add(&r, "\n", 1);
    } else {
        r.len = at + ex_len;
        row_add(&r, "\"\n", 2);
    }
    if (r.is_full) {
        /* cannot happen with ids of at most 64 bytes: keep the row whole anyway */
        o->is_io_error = true;
        return;
    }
    sb_add(&o->buf, r.p, r.len);
}

static void out_json_row(struct match_out *o, const struct engine_match *s)
{
    struct sb *b = &o->buf;
    char ex[1024];
    engine_match_explain(o->m, s, ex, sizeof(ex));
    const struct engine_flow *f = &o->flows[s->offer];
    sb_adds(b, o->n_rows == 0 ? "[\n{\"rank\":" : ",\n{\"rank\":");
    out_num(b, s->rank, 0);
    sb_adds(b, ",\"offer_siret\":");
    sb_add_json_str(b, o->orgs[f->org].ext_id);
    sb_adds(b, ",\"receiver_siret\":");
    sb_add_json_str(b, o->orgs[s->receiver].ext_id);
    sb_adds(b, ",\"kind\":\"");
    sb_adds(b, kind_name(s->kind));
    sb_adds(b, "\",\"code\":");
    sb_add_json_str(b, f->code);
    sb_adds(b, ",\"distance_km\":");
    out_num(b, s->dist_km, 2);
    sb_adds(b, ",\"quantity\":");
    out_num(b, s->qty, 2);
    sb_adds(b, ",\"unit\":\"t/an\",\"gain_eur_per_yr\":");
    out_num(b, s->gain_eur, 0);
    sb_adds(b, ",\"co2e_avoided_t_per_yr\":");
    out_num(b, s->co2e_t, 2);
    sb_adds(b, ",\"explanation\":");
    sb_add_json_str(b, ex);
    const struct ref_rule *r = s->rule != ENGINE_NONE ? ref_rules_at(o->rules, s->rule) : NULL;
    if (r) {
        static const char *const level_names[] = {"entry",  "subchapter", "chapter",
                                                  "family", "kind",       "none"};
        sb_adds(b, ",\"route\":{\"id\":");
        sb_add_json_str(b, r->id);
        sb_adds(b, ",\"operation\":");
        sb_add_json_str(b, r->operation);
        sb_adds(b, ",\"level\":");
        sb_add_json_str(b, level_names[s->level]);
        sb_adds(b, ",\"source\":");
        sb_add_json_str(b, r->source);
        sb_adds(b, r->is_hazardous_ok ? ",\"hazardous_ok\":true}" : ",\"hazardous_ok\":false}");
    } else {
        sb_adds(b, ",\"route\":null");
    }
    sb_addc(b, '}');
}

static void out_pair_row(struct match_out *o, const struct engine_match *s)
{
    struct sb *b = &o->buf;
    out_num(b, (double)o->flows[s->offer].id, 0);
    sb_addc(b, ',');
    out_num(b, (double)o->flows[s->need].id, 0);
    sb_addc(b, ',');
    out_num(b, s->dist_km, 4);
    sb_addc(b, '\n');
}

static int out_rows(void *arg, const struct engine_match *ms, size_t n, struct err *e)
{
    struct match_out *o = arg;
    struct engine_match kept[OPTIM_DETECT_TOP_MAX];
    if (o->db) {
        /* saved, and without the suggestions a facilitator abandoned */
        size_t n_kept = 0;
        int rc = optim_saver_keep(
            o->db, o->m, ms, n < OPTIM_DETECT_TOP_MAX ? n : OPTIM_DETECT_TOP_MAX, kept, &n_kept, e);
        if (rc != ERR_OK)
            return rc;
        ms = kept;
        n = n_kept;
    }
    /* the receivers' ids are scattered: ask for all of them before the first row */
    for (size_t i = 0; i < n && o->format == MATCH_CSV; i++)
        __builtin_prefetch(&o->ids[ms[i].receiver * MATCH_ID_SLOT]);
    for (size_t i = 0; i < n; i++) {
        if (o->format == MATCH_CSV)
            out_csv_row(o, &ms[i]);
        else if (o->format == MATCH_JSON)
            out_json_row(o, &ms[i]);
        else if (o->format == MATCH_PAIRS && ms[i].need != ENGINE_NONE)
            out_pair_row(o, &ms[i]);
        o->n_rows++;
    }
    if (o->buf.len >= MATCH_FLUSH && !o->is_held)
        out_flush(o);
    if (o->is_io_error)
        return err_set(e, ERR_IO, "write failed");
    return ERR_OK;
}

static int parse_opt_double(const char *cmd, const char *name, const char *v, double lo, double hi,
                            double *out)
{
    struct err e;
    err_init(&e);
    if (parse_double(slice_cstr(v), out, &e) != ERR_OK || !(*out >= lo && *out <= hi))
        return cli_usage("%s : %s attend un nombre entre %g et %g", cmd, name, lo, hi);
    return CLI_EXIT_OK;
}

struct match_opts {
    const char *input;
    const char *rules_file; /* --rules: local routes added to the shipped ones */
    const char *out_path;
    enum match_format format;
    bool has_stats;
    size_t n_threads;
    struct engine_match_params p;
};

static int match_opts_parse(int argc, char **argv, struct match_opts *mo)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(*used));
    int rc = CLI_EXIT_OK;
    memset(mo, 0, sizeof(*mo));
    engine_match_params_init(&mo->p);
    mo->input = cli_opt(argc, argv, used, "--input");
    mo->out_path = cli_opt(argc, argv, used, "-o");
    mo->rules_file = cli_opt(argc, argv, used, "--rules");
    const char *radius = cli_opt(argc, argv, used, "--radius-km");
    const char *top = cli_opt(argc, argv, used, "--top");
    const char *format = cli_opt(argc, argv, used, "--format");
    const char *detour = cli_opt(argc, argv, used, "--detour");
    const char *threads = cli_opt(argc, argv, used, "--threads");
    mo->p.use_rules = !cli_opt_flag(argc, argv, used, "--same-code");
    mo->p.find_potential = mo->p.use_rules;
    mo->p.all_pairs = cli_opt_flag(argc, argv, used, "--all-pairs");
    mo->has_stats = cli_opt_flag(argc, argv, used, "--stats");
    double v = 0;
    if (radius && (rc = parse_opt_double(argv[0], "--radius-km", radius, 0.1, 1000, &v)) == 0) {
        for (int f = 0; f < ENGINE_FAMILY_COUNT; f++)
            mo->p.radius_km[f] = v;
    }
    if (rc == 0 && top && (rc = parse_opt_double(argv[0], "--top", top, 1, 1000, &v)) == 0) {
        if (v != floor(v))
            rc = cli_usage("%s : --top attend un nombre entier", argv[0]);
        mo->p.top_k = (size_t)v;
    }
    mo->n_threads = 1;
    if (rc == 0 && threads &&
        (rc = parse_opt_double(argv[0], "--threads", threads, 1, MATCH_MAX_THREADS, &v)) == 0) {
        if (v != floor(v))
            rc = cli_usage("%s : --threads attend un nombre entier", argv[0]);
        mo->n_threads = (size_t)v;
    }
    if (rc == 0 && detour)
        rc = parse_opt_double(argv[0], "--detour", detour, 1, 10, &mo->p.detour);
    mo->format = MATCH_CSV;
    if (rc == 0 && format && strcmp(format, "json") == 0)
        mo->format = MATCH_JSON;
    else if (rc == 0 && format && strcmp(format, "none") == 0)
        mo->format = MATCH_NONE; /* benchmarks: search without formatting */
    else if (rc == 0 && format && strcmp(format, "csv") != 0)
        rc = cli_usage("%s : --format attend csv ou json", argv[0]);
    if (mo->p.all_pairs)
        mo->format = MATCH_PAIRS;
    if (rc == 0)
        rc = cli_args_check(argc, argv, used);
    free(used);
    return rc;
}

/* The engine's input: borrowed arrays, from a flows file or the database. */
struct match_input {
    const struct engine_flow *flows;
    size_t n_flows;
    const struct engine_org *orgs;
    size_t n_orgs;
};

/* Offers split into chunks of flows; thread t searches chunks t, t + n, ...
 * into its own buffer, and chunks are written in order, so the output is
 * the one thread's, byte for byte. */
struct match_par {
    const struct engine_matcher *m;
    size_t n_chunks, n_threads;
    size_t chunk_flows;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next_chunk; /* the chunk to be written next */
    bool is_failed;    /* a thread failed: the others stop */
    FILE *fp;
};

struct match_worker {
    struct match_par *par;
    size_t t;
    struct match_out o; /* own buffer (is_held) */
    struct engine_match_stats stats;
    struct err e;
    int rc;
};

/* Writes a finished chunk once the chunks before it are written; false
 * when the run failed and the thread should stop. */
static bool match_chunk_done(struct match_worker *w, size_t chunk)
{
    struct match_par *par = w->par;
    pthread_mutex_lock(&par->mu);
    while (par->next_chunk != chunk && !par->is_failed)
        pthread_cond_wait(&par->cv, &par->mu);
    if (!par->is_failed) {
        out_flush(&w->o);
        if (w->o.is_io_error) {
            w->rc = err_set(&w->e, ERR_IO, "write failed");
            par->is_failed = true;
        }
        par->next_chunk++;
    }
    bool is_going_on = !par->is_failed;
    pthread_cond_broadcast(&par->cv);
    pthread_mutex_unlock(&par->mu);
    return is_going_on;
}

static void match_par_fail(struct match_par *par)
{
    pthread_mutex_lock(&par->mu);
    par->is_failed = true;
    pthread_cond_broadcast(&par->cv);
    pthread_mutex_unlock(&par->mu);
}

static void *match_worker_run(void *arg)
{
    struct match_worker *w = arg;
    struct match_par *par = w->par;
    for (size_t c = w->t; c < par->n_chunks && w->rc == ERR_OK; c += par->n_threads) {
        w->rc = engine_matcher_run_range(par->m, c * par->chunk_flows, (c + 1) * par->chunk_flows,
                                         out_rows, &w->o, &w->stats, &w->e);
        if (w->rc != ERR_OK) {
            match_par_fail(par);
            break;
        }
        if (!match_chunk_done(w, c))
            break;
    }
    return NULL;
}

/* Runs the search on n_threads threads, writing through o (its buffer is
 * flushed first); adds the rows to o->n_rows and the counts to *st. */
static int match_run_threads(const struct engine_matcher *m, size_t n_flows, size_t n_threads,
                             struct match_out *o, struct engine_match_stats *st, struct err *e)
{
    struct match_par par;
    struct match_worker w[MATCH_MAX_THREADS];
    pthread_t th[MATCH_MAX_THREADS];
    bool is_started[MATCH_MAX_THREADS] = {false};
    int rc = ERR_OK;
    out_flush(o);
    memset(&par, 0, sizeof(par));
    par.m = m;
    par.chunk_flows = n_flows / (4 * n_threads);
    if (par.chunk_flows < MATCH_CHUNK_MIN)
        par.chunk_flows = MATCH_CHUNK_MIN;
    if (par.chunk_flows > MATCH_CHUNK_MAX)
        par.chunk_flows = MATCH_CHUNK_MAX;
    par.n_chunks = (n_flows + par.chunk_flows - 1) / par.chunk_flows;
    par.n_threads = n_threads;
    par.fp = o->fp;
    pthread_mutex_init(&par.mu, NULL);
    pthread_cond_init(&par.cv, NULL);
    for (size_t t = 0; t < n_threads; t++) {
        memset(&w[t], 0, sizeof(w[t]));
        w[t].par = &par;
        w[t].t = t;
        w[t].o = *o;
        w[t].o.is_held = true;
        sb_init(&w[t].o.buf, 0);
        err_init(&w[t].e);
    }
    for (size_t t = 1; t < n_threads; t++) {
        is_started[t] = pthread_create(&th[t], NULL, match_worker_run, &w[t]) == 0;
        if (!is_started[t])
            match_par_fail(&par); /* its chunks would never be written */
    }
    match_worker_run(&w[0]);
    for (size_t t = 1; t < n_threads; t++) {
        if (is_started[t])
            pthread_join(th[t], NULL);
        else
            rc = err_set(e, ERR_INTERNAL, "match : impossible de lancer un fil de recherche");
    }
    for (size_t t = 0; t < n_threads; t++) {
        if (rc == ERR_OK && w[t].rc != ERR_OK) {
            rc = w[t].rc;
            *e = w[t].e;
        }
        o->n_rows += w[t].o.n_rows;
        o->is_io_error = o->is_io_error || w[t].o.is_io_error;
        st->n_offers += w[t].stats.n_offers;
        st->n_candidates += w[t].stats.n_candidates;
        st->n_buckets += w[t].stats.n_buckets;
        st->n_suggestions += w[t].stats.n_suggestions;
        sb_release(&w[t].o.buf);
    }
    pthread_cond_destroy(&par.cv);
    pthread_mutex_destroy(&par.mu);
    return rc;
}

static int match_write(struct match_opts *mo, const struct match_input *fs,
                       const struct ref_rules *rules, struct optim_saver *db, struct err *e)
{
    struct engine_matcher *m = NULL;
    struct match_out o;
    memset(&o, 0, sizeof(o));
    double t_build = core_now_s();
    int rc = engine_matcher_new(&m, fs->flows, fs->n_flows, fs->orgs, fs->n_orgs, rules, &mo->p, e);
    t_build = core_now_s() - t_build;
    if (rc != ERR_OK)
        return rc;
    o.fp = mo->out_path ? fopen(mo->out_path, "wb") : stdout;
    if (!o.fp) {
        engine_matcher_free(m);
        return err_set(e, ERR_IO, "%s: cannot write", mo->out_path);
    }
    o.m = m;
    o.db = db;
    o.ids = xcalloc(fs->n_orgs + 1, MATCH_ID_SLOT);
    for (size_t i = 0; i < fs->n_orgs; i++) {
        struct row_buf r;
        r.len = 0;
        r.is_full = false;
        row_field(&r, fs->orgs[i].ext_id, strlen(fs->orgs[i].ext_id));
        if (r.len < MATCH_ID_SLOT - 1) {
            o.ids[i * MATCH_ID_SLOT] = (char)r.len;
            memcpy(&o.ids[i * MATCH_ID_SLOT + 1], r.p, r.len);
        }
    }
    o.flows = fs->flows;
    o.orgs = fs->orgs;
    o.rules = rules;
    o.format = mo->format;
    sb_init(&o.buf, 0);
    if (mo->format == MATCH_CSV)
        sb_adds(&o.buf, "rank,offer_siret,receiver_siret,kind,code,distance_km,quantity,unit,"
                        "gain_eur_per_yr,co2e_avoided_t_per_yr,explanation\n");
    else if (mo->format == MATCH_PAIRS)
        sb_adds(&o.buf, "offer_row,need_row,distance_km\n");
    double t0 = core_now_s();
    struct engine_match_stats st;
    memset(&st, 0, sizeof(st));
    /* threads write in order but not through the database or JSON's separators */
    if (mo->n_threads > 1 && !db && mo->format != MATCH_JSON)
        rc = match_run_threads(m, fs->n_flows, mo->n_threads, &o, &st, e);
    else
        rc = engine_matcher_run(m, out_rows, &o, e);
    if (mo->format == MATCH_JSON)
        sb_adds(&o.buf, o.n_rows == 0 ? "[]\n" : "\n]\n");
    out_flush(&o);
    if (mo->out_path && fclose(o.fp) != 0)
        o.is_io_error = true;
    if (rc == ERR_OK && o.is_io_error)
        rc = err_set(e, ERR_IO, "%s: write failed", mo->out_path ? mo->out_path : "stdout");
    if (mo->has_stats) {
        if (mo->n_threads <= 1 || db || mo->format == MATCH_JSON)
            engine_matcher_stats(m, &st);
        fprintf(stderr,
                "match: %zu offers, %zu candidates scored, %zu leaves, %zu rows; index %.3f s, "
                "search and output %.3f s\n",
                st.n_offers, st.n_candidates, st.n_buckets, o.n_rows, t_build, core_now_s() - t0);
    }
    sb_release(&o.buf);
    free(o.ids);
    engine_matcher_free(m);
    return rc;
}

/* Reference data, valorisation rules, and the freight factor of the data. */
static int match_load_ref(struct cli_ctx *ctx, struct match_opts *mo, struct ref **r,
                          struct ref_rules **rules, struct err *e)
{
    int rc = ref_load(r, ctx->data_dir, e);
    if (rc == ERR_OK)
        rc = cli_rules_load(ctx, *r, mo->rules_file, rules, e);
    if (rc != ERR_OK)
        return rc;
    optim_match_params_ref(&mo->p, *r);
    return ERR_OK;
}

static int match_input(struct cli_ctx *ctx, struct match_opts *mo)
{
    struct err e;
    struct ref *r = NULL;
    struct ref_rules *rules = NULL;
    struct engine_flowset fs;
    struct err_list errs;
    char *buf = NULL;
    size_t len = 0;
    int status = CLI_EXIT_OK;
    err_init(&e);
    err_list_init(&errs, 50);
    memset(&fs, 0, sizeof(fs));
    if (file_read_all(mo->input, MATCH_MAX_INPUT, &buf, &len, &e) != ERR_OK ||
        match_load_ref(ctx, mo, &r, &rules, &e) != ERR_OK) {
        status = cli_fail(&e);
        goto out;
    }
    if (engine_flowset_parse(&fs, r, mo->input, buf, len, &errs, &e) != ERR_OK) {
        for (size_t i = 0; i < errs.n; i++)
            fprintf(stderr, "%s\n", errs.lines[i]);
        if (errs.n_dropped)
            fprintf(stderr, "symbiose: %zu autres erreurs non affichées\n", errs.n_dropped);
        fprintf(stderr, "symbiose: %s: fichier refusé, aucune sortie écrite\n", mo->input);
        status = CLI_EXIT_DATA;
        goto out;
    }
    for (size_t i = 0; i < fs.warnings.n; i++)
        fprintf(stderr, "%s\n", fs.warnings.lines[i]);
    if (fs.warnings.n_dropped)
        fprintf(stderr, "symbiose: %zu autres flux sans coordonnées\n", fs.warnings.n_dropped);
    free(buf);
    buf = NULL;
    struct match_input in = {fs.flows, fs.n_flows, fs.orgs, fs.n_orgs};
    if (match_write(mo, &in, rules, NULL, &e) != ERR_OK)
        status = cli_fail(&e);
out:
    free(buf);
    engine_flowset_release(&fs);
    err_list_release(&errs);
    ref_rules_free(rules);
    ref_free(r);
    return status;
}

/* ------------------------------------------------------- database mode */

static int match_db(struct cli_ctx *ctx, struct match_opts *mo)
{
    struct err e;
    struct ref *r = NULL;
    struct ref_rules *rules = NULL;
    struct store *st = NULL;
    struct optim_saver sv;
    struct optim_engine_data d;
    bool in_tx = false;
    int status = CLI_EXIT_OK;
    err_init(&e);
    memset(&sv, 0, sizeof(sv));
    memset(&d, 0, sizeof(d));
    if (mo->p.top_k > OPTIM_DETECT_TOP_MAX || mo->p.all_pairs)
        return cli_usage("match : avec la base, --top vaut au plus 64 et --all-pairs n'est pas "
                         "disponible");
    if (match_load_ref(ctx, mo, &r, &rules, &e) != ERR_OK ||
        store_open(&st, ctx->db_path, STORE_OPEN_DEFAULT, &e) != ERR_OK ||
        store_tx_begin(st, &e) != ERR_OK)
        goto fail;
    in_tx = true;
    if (optim_engine_load(st, 0, &d, &e) != ERR_OK ||
        optim_saver_open(&sv, st, &d, 0, &e) != ERR_OK)
        goto fail;
    struct match_input in = {d.flows, d.n_flows, d.orgs, d.n_orgs};
    if (match_write(mo, &in, rules, &sv, &e) != ERR_OK || store_tx_commit(st, &e) != ERR_OK)
        goto fail;
    in_tx = false;
    fprintf(stderr,
            "symbiose: %zu synergies suggérées, %zu mises à jour, %zu écartées (abandonnées)\n",
            sv.counts.n_new, sv.counts.n_updated, sv.counts.n_skipped);
    goto out;
fail:
    if (in_tx)
        store_tx_rollback(st);
    status = cli_fail(&e);
out:
    optim_saver_close(&sv);
    optim_engine_data_release(&d);
    store_close(st);
    ref_rules_free(rules);
    ref_free(r);
    return status;
}

int cmd_match(struct cli_ctx *ctx, int argc, char **argv)
{
    struct match_opts mo;
    int rc = match_opts_parse(argc, argv, &mo);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (mo.input)
        return match_input(ctx, &mo);
    return match_db(ctx, &mo);
}
