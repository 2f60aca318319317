/* SPDX-License-Identifier: MIT */
/*
 * http_views_test.c - derived views of organisations and flows (synergies,
 * allocation plans, rounds, imports, purchases) show no more than a direct
 * read by the same caller: one test per leak found by the audit of
 * issue 9, each seen failing before its fix.
 *
 * On top of http_pool_fixture.h: synergy "ac" from A's offer (territory 1)
 * to organisation C (territory 2) as a potential receiver, and synergy
 * "fo" from A's offer to C's facilitator-only heat need.
 */
#include "http_pool_fixture.h"

struct vfx {
    struct fx *fx;
    int64_t pool[3];
    int64_t org_d;
    int64_t syn_ac; /* A -> C, across territories */
    int64_t syn_fo; /* A -> C's facilitator-only need */
};

static int64_t syn_add(struct fx *fx, int64_t offer, int64_t need, int64_t receiver)
{
    struct err e;
    struct store *s = NULL;
    fx_check(store_open(&s, fx->db_path, STORE_OPEN_DEFAULT, &e), &e);
    struct store_synergy syn;
    memset(&syn, 0, sizeof(syn));
    syn.kind = STORE_SYN_SUBSTITUTION;
    syn.offer_flow_id = offer;
    syn.need_flow_id = need;
    syn.receiver_org_id = receiver;
    syn.status = STORE_STATUS_SUGGESTED;
    syn.reason = "";
    syn.note = "secret-note 40 t/an vers Chaudronnerie Gamma";
    store_effects_unknown(&syn.estimated);
    store_effects_unknown(&syn.measured);
    syn.estimated.t_diverted = 17;
    int64_t id = 0;
    fx_check(store_synergy_insert(s, &syn, 0, &id, &e), &e);
    store_close(s);
    return id;
}

static int setup(void **state)
{
    struct vfx *v = calloc(1, sizeof(*v));
    v->fx = fx_new(true);
    pool_world(v->fx, v->pool, &v->org_d);
    v->syn_ac = syn_add(v->fx, v->fx->flow_a, 0, v->fx->org_c);
    v->syn_fo = syn_add(v->fx, v->fx->flow_a, v->fx->flow_c_need, v->fx->org_c);
    *state = v;
    return 0;
}

static int teardown(void **state)
{
    struct vfx *v = *state;
    fx_free(v->fx);
    free(v);
    return 0;
}

/* Fails if the body of METHOD PATH as who holds one of the words. */
static void assert_hidden(struct fx *fx, const char *method, const char *path, int who,
                          const char *body, int want, const char *const *words)
{
    struct http_fake_response r;
    fx_req(fx, &r, method, path, who, body, NULL);
    if (r.status != want)
        fail_msg("%s %s as %s: %d, expected %d: %s", method, path, fx_emails[who], r.status, want,
                 r.body);
    for (size_t k = 0; words[k]; k++) {
        if (strstr(r.body, words[k]))
            fail_msg("%s %s as %s: leaks '%s': %s", method, path, fx_emails[who], words[k], r.body);
    }
    http_fake_response_release(&r);
}

static const char *const gamma_words[] = {"Chaudronnerie Gamma", "77788899900011", "secret-gamma",
                                          "secret-note", NULL};
static const char *const alpha_words[] = {"Cartonnerie Alpha", "12345678000014", "secret-alpha",
                                          "secret-note", NULL};

/* Finding 1: a facilitator sees the side of another territory anonymised,
 * in synergies and in allocation plans, until both companies accept. */
static void test_facilitator_other_territory(void **state)
{
    struct vfx *v = *state;
    struct fx *fx = v->fx;
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/synergies/%lld", (long long)v->syn_ac);
    assert_hidden(fx, "GET", path, FX_FAC1, NULL, 200, gamma_words);
    assert_hidden(fx, "GET", path, FX_FAC2, NULL, 200, alpha_words);
    assert_hidden(fx, "GET", "/api/v1/synergies?per_page=100", FX_FAC1, NULL, 200, gamma_words);
    assert_hidden(fx, "GET", "/api/v1/synergies?per_page=100", FX_FAC2, NULL, 200, alpha_words);
    /* the anonymised side carries no organisation id */
    json_t *j = fx_json(fx, "GET", path, FX_FAC1, NULL, 200);
    json_t *recv = json_object_get(j, "receiver_organisation");
    assert_true(json_is_true(json_object_get(recv, "anonymised")));
    /* finding 6: only the k-anonymous label, nothing finer */
    static const char *const finer[] = {"id", "naf", "commune", "commune_insee", "kind", "name"};
    for (size_t k = 0; k < sizeof(finer) / sizeof(finer[0]); k++)
        if (json_object_get(recv, finer[k]))
            fail_msg("anonymised side carries '%s'", finer[k]);
    assert_non_null(json_object_get(recv, "area"));
    assert_non_null(json_object_get(recv, "activity"));
    json_decref(j);
    assert_hidden(fx, "POST", "/api/v1/allocations", FX_FAC1, "{\"territory_id\":1}", 201,
                  gamma_words);
    /* both companies accept: each side's facilitator now reads the other */
    char acc[96];
    snprintf(acc, sizeof(acc), "/api/v1/suggestions/%lld/accept", (long long)v->syn_ac);
    json_decref(fx_json(fx, "POST", acc, FX_MEM_A, NULL, 200));
    json_decref(fx_json(fx, "POST", acc, FX_MEM_C, NULL, 200));
    j = fx_json(fx, "GET", path, FX_FAC1, NULL, 200);
    recv = json_object_get(j, "receiver_organisation");
    assert_string_equal(json_string_value(json_object_get(recv, "name")), "Chaudronnerie Gamma");
    json_decref(j);
    /* and a direct read agrees (one rule) */
    snprintf(path, sizeof(path), "/api/v1/organisations/%lld", (long long)fx->org_c);
    json_decref(fx_json(fx, "GET", path, FX_FAC1, NULL, 200));
    json_decref(fx_json(fx, "GET", path, FX_MEM_A, NULL, 200));
    j = fx_json(fx, "GET", path, FX_MEM_A, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(j, "name")), "Chaudronnerie Gamma");
    json_decref(j);
    /* B has no relation with C */
    j = fx_json(fx, "GET", path, FX_MEM_B, NULL, 200);
    assert_null(json_object_get(j, "name"));
    json_decref(j);
}

/* Finding 4: a synergy on a facilitator-only flow is not shown to
 * members or observers, not even anonymised. */
static void test_facilitator_only_flow(void **state)
{
    struct vfx *v = *state;
    struct fx *fx = v->fx;
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/synergies/%lld", (long long)v->syn_fo);
    static const int hidden_from[] = {FX_MEM_A, FX_MEM_C, FX_OBS, FX_ADMIN, FX_FAC1};
    for (size_t i = 0; i < sizeof(hidden_from) / sizeof(hidden_from[0]); i++) {
        int who = hidden_from[i];
        if (who == FX_MEM_C)
            continue; /* C's own flow: C sees it */
        struct http_fake_response r;
        fx_req(fx, &r, "GET", path, who, NULL, NULL);
        if (r.status != 404)
            fail_msg("GET %s as %s: %d, expected 404: %s", path, fx_emails[who], r.status, r.body);
        http_fake_response_release(&r);
        char id[32];
        snprintf(id, sizeof(id), "\"id\":%lld,", (long long)v->syn_fo);
        const char *const words[] = {id, NULL};
        assert_hidden(fx, "GET", "/api/v1/synergies?per_page=100", who, NULL, 200, words);
        assert_hidden(fx, "GET", "/api/v1/suggestions?per_page=100", who, NULL, 200, words);
    }
    json_decref(fx_json(fx, "GET", path, FX_FAC2, NULL, 200));
}

/* Finding 2: naming a collector in the body gives no access to another
 * collection; nothing is written. */
static void test_round_other_collection(void **state)
{
    struct vfx *v = *state;
    struct fx *fx = v->fx;
    int before = count_rows(fx, "collection_rounds");
    char body[96];
    snprintf(body, sizeof(body), "{\"collection_id\":%lld,\"collector_id\":1}",
             (long long)v->pool[2]);
    assert_hidden(fx, "POST", "/api/v1/rounds", FX_COLL, body, 404, gamma_words);
    assert_int_equal(count_rows(fx, "collection_rounds"), before);
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/collections/%lld", (long long)v->pool[2]);
    assert_hidden(fx, "GET", path, FX_COLL, NULL, 404, gamma_words);
    /* its own collection still works */
    snprintf(body, sizeof(body), "{\"collection_id\":%lld,\"collector_id\":1}",
             (long long)v->pool[1]);
    json_decref(fx_json(fx, "POST", "/api/v1/rounds", FX_COLL, body, 201));
    assert_int_equal(count_rows(fx, "collection_rounds"), before + 1);
}

/* Finding 3: a facilitator's CSV import cannot place an organisation in
 * another territory through the territory column; nothing is written. */
static void test_import_other_territory(void **state)
{
    struct vfx *v = *state;
    struct fx *fx = v->fx;
    int before = count_rows(fx, "organisations");
    static const char *const csvs[] = {
        "siret,name,naf,commune_insee,territory\n32165498700015,Intruse,17.12Z,44109,2\n",
        "siret,name,naf,commune_insee,territory\n32165498700015,Intruse,17.12Z,44109,Anjou\n",
    };
    for (size_t i = 0; i < 2; i++) {
        struct http_fake_response r;
        fx_req(fx, &r, "POST", "/api/v1/import/organisations", FX_FAC1, csvs[i], "Content-Type",
               "text/csv", NULL);
        if (r.status != 422 || !strstr(r.body, ":2: territory: outside your territories"))
            fail_msg("import %zu: %d %s", i, r.status, r.body);
        http_fake_response_release(&r);
        assert_int_equal(count_rows(fx, "organisations"), before);
    }
    /* its own territory by name is fine */
    struct http_fake_response r;
    fx_req(fx, &r, "POST", "/api/v1/import/organisations", FX_FAC1,
           "siret,name,naf,commune_insee,territory\n32165498700015,Voisine,17.12Z,49007,Estuaire\n",
           "Content-Type", "text/csv", NULL);
    assert_int_equal(r.status, 201);
    http_fake_response_release(&r);
    assert_int_equal(count_rows(fx, "organisations"), before + 1);
}

static int64_t purchase_open(struct fx *fx, int who, long long territory)
{
    char body[256], terr[48] = "";
    if (territory)
        snprintf(terr, sizeof(terr), ",\"territory_id\":%lld", territory);
    snprintf(body, sizeof(body),
             "{\"title\":\"Gants\",\"category\":\"EPI\",\"unit\":\"paire\","
             "\"deadline\":\"2031-12-31\"%s}",
             terr);
    json_t *j = fx_json(fx, "POST", "/api/v1/purchases", who, body, 201);
    int64_t id = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    return id;
}

/* Finding 5: group purchases show participants only to those who read
 * them directly; a member opens purchases in its own territory only. */
static void test_purchases(void **state)
{
    struct vfx *v = *state;
    struct fx *fx = v->fx;
    static const char *const beta_words[] = {"Boulangerie Beta", "55512345000010",
                                             "secret-comment-b", NULL};
    /* A opens a purchase; B joins; A's supplier list does not name B */
    int64_t id = purchase_open(fx, FX_MEM_A, 0);
    char q[96], p[96], csv[96];
    snprintf(q, sizeof(q), "/api/v1/purchases/%lld/quantity", (long long)id);
    snprintf(p, sizeof(p), "/api/v1/purchases/%lld", (long long)id);
    snprintf(csv, sizeof(csv), "/api/v1/purchases/%lld/suppliers.csv", (long long)id);
    json_decref(fx_json(fx, "PUT", q, FX_MEM_A, "{\"quantity\":10}", 200));
    json_decref(
        fx_json(fx, "PUT", q, FX_MEM_B, "{\"quantity\":5,\"comment\":\"secret-comment-b\"}", 200));
    assert_hidden(fx, "GET", csv, FX_MEM_A, NULL, 200, beta_words);
    assert_hidden(fx, "GET", p, FX_MEM_A, NULL, 200, beta_words);
    /* a network-wide purchase: facilitator 1 sees territory 1's lines only */
    int64_t wide = purchase_open(fx, FX_ADMIN, 0);
    snprintf(q, sizeof(q), "/api/v1/purchases/%lld/quantity", (long long)wide);
    snprintf(p, sizeof(p), "/api/v1/purchases/%lld", (long long)wide);
    snprintf(csv, sizeof(csv), "/api/v1/purchases/%lld/suppliers.csv", (long long)wide);
    json_decref(fx_json(fx, "PUT", q, FX_MEM_A, "{\"quantity\":3}", 200));
    json_decref(fx_json(fx, "PUT", q, FX_MEM_C, "{\"quantity\":4}", 200));
    assert_hidden(fx, "GET", p, FX_FAC1, NULL, 200, gamma_words);
    assert_hidden(fx, "GET", csv, FX_FAC1, NULL, 200, gamma_words);
    assert_hidden(fx, "GET", csv, FX_FAC2, NULL, 200, alpha_words);
    /* a member cannot open a purchase in another territory */
    char body[256];
    snprintf(body, sizeof(body),
             "{\"title\":\"Gants\",\"category\":\"EPI\",\"unit\":\"paire\","
             "\"deadline\":\"2031-12-31\",\"territory_id\":%lld}",
             (long long)fx->terr[2]);
    int before = count_rows(fx, "net_purchases");
    json_decref(fx_json(fx, "POST", "/api/v1/purchases", FX_MEM_A, body, 403));
    assert_int_equal(count_rows(fx, "net_purchases"), before);
}

/* Finding 6: the region and observers read companies anonymised in the
 * registry, the pooled collections and the rounds. */
static void test_region_views(void **state)
{
    struct vfx *v = *state;
    struct fx *fx = v->fx;
    static const char *const ab_words[] = {"Cartonnerie Alpha", "Boulangerie Beta",
                                           "12345678000014", "55512345000010", NULL};
    char body[96], path[96];
    snprintf(body, sizeof(body), "{\"collection_id\":%lld}", (long long)v->pool[1]);
    json_t *j = fx_json(fx, "POST", "/api/v1/rounds", FX_FAC1, body, 201);
    long long round_id = (long long)json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    static const int region[] = {FX_ADMIN, FX_OBS};
    for (size_t i = 0; i < 2; i++) {
        int who = region[i];
        snprintf(path, sizeof(path), "/api/v1/territories/%lld/registry", (long long)fx->terr[1]);
        assert_hidden(fx, "GET", path, who, NULL, 200, ab_words);
        assert_hidden(fx, "GET", "/api/v1/collections", who, NULL, 200, ab_words);
        snprintf(path, sizeof(path), "/api/v1/collections/%lld", (long long)v->pool[1]);
        assert_hidden(fx, "GET", path, who, NULL, 200, ab_words);
        snprintf(path, sizeof(path), "/api/v1/rounds/%lld", round_id);
        assert_hidden(fx, "GET", path, who, NULL, 200, ab_words);
        /* nor what would give a stop's quantity or place back: its nearest
         * site and distance to it, its route's load */
        json_t *rj = fx_json(fx, "GET", path, who, NULL, 200);
        size_t ri, si;
        json_t *route, *stop;
        json_array_foreach(json_object_get(rj, "routes"), ri, route)
        {
            assert_true(json_is_null(json_object_get(route, "load_kg")));
            json_array_foreach(json_object_get(route, "stops"), si, stop)
            {
                assert_true(json_is_null(json_object_get(stop, "baseline_km")));
                assert_true(json_is_null(json_object_get(stop, "site")));
            }
        }
        assert_true(json_array_size(json_object_get(rj, "routes")) > 0);
        json_decref(rj);
    }
    /* the territory's facilitator and the collection's collector still read them */
    snprintf(path, sizeof(path), "/api/v1/rounds/%lld", round_id);
    static const int crew[] = {FX_FAC1, FX_COLL};
    for (size_t i = 0; i < 2; i++) {
        struct http_fake_response r;
        fx_req(fx, &r, "GET", path, crew[i], NULL, NULL);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body, "Cartonnerie Alpha"));
        http_fake_response_release(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_facilitator_other_territory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_facilitator_only_flow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_other_collection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_other_territory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purchases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_region_views, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
