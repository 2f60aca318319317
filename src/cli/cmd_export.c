/* SPDX-License-Identifier: MIT */
/*
 * cmd_export.c - `symbiose export organisations|flows|synergies|allocations
 * --format csv|json|geojson [-o FILE]` with the list filters.
 * The CSV columns of organisations and flows are those of the imports,
 * so an export can be imported again. GeoJSON is a FeatureCollection of
 * points (WGS84, [lon, lat]) with the other fields as properties.
 */
#include "cli_int.h"
#include "optim/optim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_export_help[] =
    "usage : symbiose export organisations|flows|synergies|allocations\n"
    "                       --format csv|json|geojson [-o FICHIER] [filtres]\n"
    "\n"
    "Exporte vers la sortie standard ou un fichier. Les CSV d'organisations et\n"
    "de flux ont les colonnes des imports ; le GeoJSON s'ouvre dans QGIS.\n"
    "\n"
    "options :\n"
    "  --format F          csv, json ou geojson (obligatoire)\n"
    "  -o FICHIER          écrit dans FICHIER (défaut : sortie standard)\n"
    "  --territory ID      un seul territoire (défaut : tous)\n"
    "  --code PREFIXE      codes commençant par PREFIXE\n"
    "  --direction D       offer ou need (flux)\n"
    "  --family F          famille de flux\n"
    "\n"
    "exemple :\n"
    "  symbiose export flows --format geojson -o flux.geojson\n";

enum export_format { FMT_CSV, FMT_JSON, FMT_GEOJSON };

/* Writes a number as JSON (null when unknown). */
static void add_json_num(struct sb *b, double v, bool has)
{
    if (has && isfinite(v))
        sb_addf(b, "%.10g", v);
    else
        sb_adds(b, "null");
}

/* Opens the record: a GeoJSON feature with its point, or a JSON object. */
static void record_open(struct sb *b, enum export_format fmt, size_t i, struct geo_point pos)
{
    sb_adds(b, i ? ",\n" : "\n");
    if (fmt == FMT_GEOJSON)
        sb_addf(b,
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":"
                "[%.6f,%.6f]},\"properties\":{",
                pos.lon, pos.lat);
    else
        sb_addc(b, '{');
}

static void record_close(struct sb *b, enum export_format fmt)
{
    sb_adds(b, fmt == FMT_GEOJSON ? "}}" : "}");
}

static void doc_open(struct sb *b, enum export_format fmt, const char *csv_header)
{
    if (fmt == FMT_CSV)
        sb_adds(b, csv_header);
    else if (fmt == FMT_GEOJSON)
        sb_adds(b, "{\"type\":\"FeatureCollection\",\"features\":[");
    else
        sb_addc(b, '[');
}

static void doc_close(struct sb *b, enum export_format fmt)
{
    if (fmt == FMT_GEOJSON)
        sb_adds(b, "\n]}\n");
    else if (fmt == FMT_JSON)
        sb_adds(b, "\n]\n");
}

/* "key": "value" (with a leading comma unless first). */
static void kv_str(struct sb *b, const char *key, const char *v, bool first)
{
    sb_addf(b, "%s\"%s\":", first ? "" : ",", key);
    sb_add_json_str(b, v);
}

static void kv_num(struct sb *b, const char *key, double v, bool has)
{
    sb_addf(b, ",\"%s\":", key);
    add_json_num(b, v, has);
}

static void kv_id(struct sb *b, const char *key, int64_t id)
{
    if (id > 0)
        sb_addf(b, ",\"%s\":%lld", key, (long long)id);
    else
        sb_addf(b, ",\"%s\":null", key);
}

static int export_orgs(struct store *s, const struct store_filter *f, enum export_format fmt,
                       struct sb *b, struct err *e)
{
    struct store_org *os = NULL;
    size_t n = 0;
    int rc = store_org_list(s, f, &os, &n, e);
    if (rc)
        return rc;
    doc_open(b, fmt,
             "siret,name,naf,commune_insee,lat,lon,address,postal_code,headcount,kind,territory\n");
    for (size_t i = 0; i < n; i++) {
        const struct store_org *o = &os[i];
        const char *kind = store_vocab_name(STORE_V_ORG_KIND, (int)o->kind);
        if (fmt == FMT_CSV) {
            /* every text column through the neutralising writer, even the
             * validated ones (SIRET, NAF, INSEE): one path, no exception */
            const char *const head[] = {o->siret, o->name, o->naf, o->commune_insee};
            for (size_t k = 0; k < 4; k++) {
                sb_add_csv_text(b, head[k]);
                sb_addc(b, ',');
            }
            sb_addf(b, "%.6f,%.6f,", o->pos.lat, o->pos.lon);
            sb_add_csv_text(b, o->address);
            sb_addc(b, ',');
            sb_add_csv_text(b, o->postal_code);
            sb_addc(b, ',');
            sb_add_csv_num(b, (double)o->headcount, o->headcount >= 0);
            sb_addc(b, ',');
            sb_add_csv_text(b, kind);
            sb_addc(b, ',');
            sb_add_csv_text(b, o->territory_name);
            sb_addc(b, '\n');
            continue;
        }
        record_open(b, fmt, i, o->pos);
        sb_addf(b, "\"id\":%lld,", (long long)o->id);
        kv_str(b, "siret", o->siret, true);
        kv_str(b, "name", o->name, false);
        kv_str(b, "naf", o->naf, false);
        kv_str(b, "kind", kind, false);
        kv_str(b, "address", o->address, false);
        kv_str(b, "postal_code", o->postal_code, false);
        kv_str(b, "commune_insee", o->commune_insee, false);
        if (fmt == FMT_JSON) {
            kv_num(b, "lat", o->pos.lat, true);
            kv_num(b, "lon", o->pos.lon, true);
        }
        kv_num(b, "headcount", (double)o->headcount, o->headcount >= 0);
        kv_id(b, "territory_id", o->territory_id);
        kv_str(b, "territory", o->territory_name, false);
        record_close(b, fmt);
    }
    doc_close(b, fmt);
    store_orgs_free(os, n);
    return ERR_OK;
}

static int export_flows(struct store *s, const struct store_filter *f, enum export_format fmt,
                        struct sb *b, struct err *e)
{
    struct store_flow *fs = NULL;
    size_t n = 0;
    int rc = store_flow_list(s, f, &fs, &n, e);
    if (rc)
        return rc;
    struct sb avail;
    sb_init(&avail, 256);
    doc_open(b, fmt,
             "siret,direction,code,quantity,unit,family,description,period,hazardous,"
             "temperature_c,availability,cost_eur_per_unit,confidentiality\n");
    for (size_t i = 0; i < n; i++) {
        const struct store_flow *fl = &fs[i];
        const char *dir = store_vocab_name(STORE_V_DIRECTION, (int)fl->direction);
        const char *fam = store_vocab_name(STORE_V_FAMILY, (int)fl->family);
        const char *conf = store_vocab_name(STORE_V_CONFIDENTIALITY, (int)fl->confidentiality);
        sb_reset(&avail);
        cli_add_availability(&avail, fl);
        if (fmt == FMT_CSV) {
            const char *const head[] = {fl->siret, dir, fl->code};
            for (size_t k = 0; k < 3; k++) {
                sb_add_csv_text(b, head[k]);
                sb_addc(b, ',');
            }
            sb_add_csv_num(b, fl->quantity, true);
            sb_addc(b, ',');
            sb_add_csv_text(b, fl->unit);
            sb_addc(b, ',');
            sb_add_csv_text(b, fam);
            sb_addc(b, ',');
            sb_add_csv_text(b, fl->description);
            sb_addc(b, ',');
            sb_add_csv_text(b, fl->period);
            sb_addf(b, ",%d,", fl->is_hazardous ? 1 : 0);
            sb_add_csv_num(b, fl->temperature_c, fl->has_temperature);
            sb_addc(b, ',');
            sb_add_csv_text(b, avail.buf);
            sb_addc(b, ',');
            sb_add_csv_num(b, fl->cost_eur_per_unit, fl->has_cost);
            sb_addc(b, ',');
            sb_add_csv_text(b, conf);
            sb_addc(b, '\n');
            continue;
        }
        record_open(b, fmt, i, fl->pos);
        sb_addf(b, "\"id\":%lld,\"organisation_id\":%lld,", (long long)fl->id,
                (long long)fl->org_id);
        kv_str(b, "siret", fl->siret, true);
        kv_str(b, "direction", dir, false);
        kv_str(b, "family", fam, false);
        kv_str(b, "code", fl->code, false);
        kv_num(b, "quantity", fl->quantity, true);
        kv_str(b, "unit", fl->unit, false);
        kv_str(b, "period", fl->period, false);
        kv_num(b, "qty_per_yr", fl->qty_per_yr, true);
        kv_str(b, "base_unit", fl->base_unit, false);
        sb_addf(b, ",\"hazardous\":%s", fl->is_hazardous ? "true" : "false");
        kv_str(b, "physical_state", store_vocab_name(STORE_V_STATE, (int)fl->state), false);
        kv_num(b, "temperature_c", fl->temperature_c, fl->has_temperature);
        kv_str(b, "availability", avail.buf, false);
        kv_num(b, "cost_eur_per_unit", fl->cost_eur_per_unit, fl->has_cost);
        kv_str(b, "confidentiality", conf, false);
        kv_str(b, "description", fl->description, false);
        kv_str(b, "naf", fl->naf, false);
        kv_id(b, "territory_id", fl->territory_id);
        record_close(b, fmt);
    }
    doc_close(b, fmt);
    sb_release(&avail);
    store_flows_free(fs, n);
    return ERR_OK;
}

static const char *const effect_names[] = {"t_diverted", "co2e_t", "eur_saved", "km"};

static void effects_values(const struct store_effects *fx, double v[4])
{
    v[0] = fx->t_diverted;
    v[1] = fx->co2e_t;
    v[2] = fx->eur_saved;
    v[3] = fx->km;
}

/* Where a synergy is drawn: the offering organisation, else the first pool member. */
static struct geo_point synergy_point(struct store *s, const struct store_synergy *syn)
{
    struct geo_point p = {0, 0};
    struct store_flow fl;
    if (syn->offer_flow_id && store_flow_get(s, syn->offer_flow_id, &fl, NULL) == ERR_OK) {
        p = fl.pos;
        store_flow_release(&fl);
        return p;
    }
    struct store_pool_member *ms = NULL;
    size_t n = 0;
    if (syn->pool_id && store_pool_members(s, syn->pool_id, &ms, &n, NULL) == ERR_OK && n) {
        struct store_org o;
        if (store_org_get(s, ms[0].org_id, &o, NULL) == ERR_OK) {
            p = o.pos;
            store_org_release(&o);
        }
    }
    free(ms);
    return p;
}

static int export_synergies(struct store *s, const struct store_filter *f, enum export_format fmt,
                            struct sb *b, struct err *e)
{
    struct store_synergy *ss = NULL;
    size_t n = 0;
    int rc = store_synergy_list(s, f, &ss, &n, e);
    if (rc)
        return rc;
    doc_open(b, fmt,
             "id,kind,status,offer_flow_id,need_flow_id,receiver_org_id,pool_id,reason,"
             "est_t_diverted,est_co2e_t,est_eur_saved,est_km,meas_t_diverted,meas_co2e_t,"
             "meas_eur_saved,meas_km,note\n");
    for (size_t i = 0; i < n; i++) {
        const struct store_synergy *syn = &ss[i];
        const char *kind = store_vocab_name(STORE_V_SYNERGY_KIND, (int)syn->kind);
        const char *status = store_vocab_name(STORE_V_STATUS, (int)syn->status);
        double est[4], meas[4];
        effects_values(&syn->estimated, est);
        effects_values(&syn->measured, meas);
        if (fmt == FMT_CSV) {
            sb_addf(b, "%lld,", (long long)syn->id);
            sb_add_csv_text(b, kind);
            sb_addc(b, ',');
            sb_add_csv_text(b, status);
            sb_addc(b, ',');
            const int64_t ids[4] = {syn->offer_flow_id, syn->need_flow_id, syn->receiver_org_id,
                                    syn->pool_id};
            for (int k = 0; k < 4; k++) {
                if (ids[k] > 0)
                    sb_addf(b, "%lld", (long long)ids[k]);
                sb_addc(b, ',');
            }
            sb_add_csv_text(b, syn->reason);
            for (int k = 0; k < 8; k++) {
                sb_addc(b, ',');
                sb_add_csv_num(b, k < 4 ? est[k] : meas[k - 4], true);
            }
            sb_addc(b, ',');
            sb_add_csv_text(b, syn->note);
            sb_addc(b, '\n');
            continue;
        }
        record_open(b, fmt, i, synergy_point(s, syn));
        sb_addf(b, "\"id\":%lld,", (long long)syn->id);
        kv_str(b, "kind", kind, true);
        kv_str(b, "status", status, false);
        kv_id(b, "offer_flow_id", syn->offer_flow_id);
        kv_id(b, "need_flow_id", syn->need_flow_id);
        kv_id(b, "receiver_org_id", syn->receiver_org_id);
        kv_id(b, "pool_id", syn->pool_id);
        kv_str(b, "reason", syn->reason, false);
        kv_str(b, "note", syn->note, false);
        for (int k = 0; k < 4; k++) {
            char key[32];
            int w = snprintf(key, sizeof(key), "est_%s", effect_names[k]);
            if (w > 0 && (size_t)w < sizeof(key))
                kv_num(b, key, est[k], true);
            w = snprintf(key, sizeof(key), "meas_%s", effect_names[k]);
            if (w > 0 && (size_t)w < sizeof(key))
                kv_num(b, key, meas[k], true);
        }
        record_close(b, fmt);
    }
    doc_close(b, fmt);
    store_synergies_free(ss, n);
    return ERR_OK;
}

/* Allocation plans, latest first (--territory keeps that territory's);
 * JSON as the API shows them (without lines), CSV one row per plan. */
static int export_allocations(struct store *s, const struct store_filter *f, enum export_format fmt,
                              struct sb *b, struct err *e)
{
    struct store_alloc_plan *ps = NULL;
    size_t n = 0;
    int rc = store_alloc_plan_list(s, f->territory_id > 0 ? f->territory_id : -1, 0, &ps, &n, e);
    if (rc)
        return rc;
    if (fmt == FMT_GEOJSON) {
        store_alloc_plans_free(ps, n);
        return err_set(e, ERR_INPUT, "export allocations : pas de geojson (csv ou json)");
    }
    doc_open(b, fmt,
             "id,created_at,territory_id,n_candidates,optimal_t,optimal_eur,optimal_co2e_t,"
             "optimal_disposed_t,greedy_t,greedy_eur,greedy_co2e_t,greedy_disposed_t\n");
    for (size_t i = 0; i < n; i++) {
        const struct store_alloc_plan *p = &ps[i];
        if (fmt == FMT_JSON) {
            sb_adds(b, i ? ",\n" : "\n");
            optim_plan_json(b, p, NULL, 0);
            continue;
        }
        sb_addf(b, "%lld,%lld,", (long long)p->id, (long long)p->created_at);
        if (p->territory_id > 0)
            sb_addf(b, "%lld", (long long)p->territory_id);
        sb_addf(b, ",%lld,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n",
                (long long)p->n_candidates, p->best.t, p->best.eur, p->best.co2e_t,
                p->best.disposed_t, p->greedy.t, p->greedy.eur, p->greedy.co2e_t,
                p->greedy.disposed_t);
    }
    doc_close(b, fmt);
    store_alloc_plans_free(ps, n);
    return ERR_OK;
}

int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
    static const char usage[] = "export : organisations, flows, synergies ou allocations et "
                                "--format attendus (voir « symbiose help export »)";
    if (argc < 2)
        return cli_usage("%s", usage);
    const char *what = argv[1];
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    used[1] = true;
    struct store_filter f;
    int status = cli_filter_parse(argc, argv, used, &f);
    const char *format = cli_opt(argc, argv, used, "--format");
    const char *out_path = cli_opt(argc, argv, used, "-o");
    if (status == CLI_EXIT_OK)
        status = cli_args_check(argc, argv, used);
    free(used);
    if (status != CLI_EXIT_OK)
        return status;
    enum export_format fmt = FMT_CSV;
    if (!format || strcmp(format, "csv") == 0)
        fmt = FMT_CSV;
    else if (strcmp(format, "json") == 0)
        fmt = FMT_JSON;
    else if (strcmp(format, "geojson") == 0)
        fmt = FMT_GEOJSON;
    else
        return cli_usage("export : format inconnu « %s » (csv, json ou geojson)", format);
    if (strcmp(what, "organisations") != 0 && strcmp(what, "flows") != 0 &&
        strcmp(what, "synergies") != 0 && strcmp(what, "allocations") != 0)
        return cli_usage("%s", usage);

    struct err e;
    err_init(&e);
    struct store *s = NULL;
    struct sb b;
    sb_init(&b, 0);
    FILE *out = NULL;
    int rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK && strcmp(what, "organisations") == 0)
        rc = export_orgs(s, &f, fmt, &b, &e);
    else if (rc == ERR_OK && strcmp(what, "flows") == 0)
        rc = export_flows(s, &f, fmt, &b, &e);
    else if (rc == ERR_OK && strcmp(what, "allocations") == 0)
        rc = export_allocations(s, &f, fmt, &b, &e);
    else if (rc == ERR_OK)
        rc = export_synergies(s, &f, fmt, &b, &e);
    if (rc == ERR_OK)
        rc = sb_finish(&b, &e);
    if (rc == ERR_OK) {
        out = out_path ? fopen(out_path, "wb") : stdout;
        if (!out)
            rc = err_set(&e, ERR_IO, "%s: cannot create", out_path);
    }
    if (rc == ERR_OK && (fwrite(b.buf, 1, b.len, out) != b.len || fflush(out) != 0))
        rc = err_set(&e, ERR_IO, "%s: write error", out_path ? out_path : "stdout");
    if (out && out != stdout && fclose(out) != 0 && rc == ERR_OK)
        rc = err_set(&e, ERR_IO, "%s: write error", out_path);
    sb_release(&b);
    store_close(s);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}
