/* SPDX-License-Identifier: MIT */
/* store_test.c - unit tests of src/store: migrations, CRUD, transactions, synergy history. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

#include <sqlite3.h>

struct fixture {
    char path[64];
    struct store *s;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    int n = snprintf(fx->path, sizeof(fx->path), "/tmp/store_test_%d.db", (int)getpid());
    assert_true(n > 0 && (size_t)n < sizeof(fx->path));
    unlink(fx->path);
    struct err e;
    err_init(&e);
    assert_int_equal(store_open(&fx->s, fx->path, STORE_OPEN_CREATE, &e), ERR_OK);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    store_close(fx->s);
    char p[80];
    unlink(fx->path);
    int n = snprintf(p, sizeof(p), "%s-wal", fx->path);
    if (n > 0 && (size_t)n < sizeof(p))
        unlink(p);
    n = snprintf(p, sizeof(p), "%s-shm", fx->path);
    if (n > 0 && (size_t)n < sizeof(p))
        unlink(p);
    free(fx);
    return 0;
}

static struct store_org test_org(const char *siret, const char *name)
{
    struct store_org o;
    memset(&o, 0, sizeof(o));
    memcpy(o.siret, siret, 15);
    o.name = (char *)name;
    memcpy(o.naf, "16.10A", 7);
    o.address = "";
    memcpy(o.commune_insee, "44109", 6);
    o.pos.lat = 47.2;
    o.pos.lon = -1.55;
    o.headcount = 12;
    return o;
}

static struct store_flow test_flow(int64_t org_id, enum store_direction dir, const char *code)
{
    struct store_flow f;
    memset(&f, 0, sizeof(f));
    f.org_id = org_id;
    f.direction = dir;
    f.family = STORE_FAM_MATERIAL;
    memcpy(f.code, code, strlen(code) + 1);
    f.quantity = 10;
    memcpy(f.unit, "t", 2);
    f.qty_per_yr = 10;
    memcpy(f.base_unit, "t", 2);
    f.months_mask = 0xFFF;
    f.description = "x";
    return f;
}

static void test_migrations(void **state)
{
    struct fixture *fx = *state;
    struct err e;
    err_init(&e);
    int v = 0;
    assert_int_equal(store_schema_version(fx->s, &v, &e), ERR_OK);
    assert_int_equal(v, store_schema_latest());
    assert_true(v >= 1);
    /* reopening applies nothing and keeps the version */
    store_close(fx->s);
    assert_int_equal(store_open(&fx->s, fx->path, STORE_OPEN_DEFAULT, &e), ERR_OK);
    assert_int_equal(store_schema_version(fx->s, &v, &e), ERR_OK);
    assert_int_equal(v, store_schema_latest());
    assert_int_equal(store_check_integrity(fx->s, &e), ERR_OK);
    /* a database from a newer program is refused, not damaged */
    store_close(fx->s);
    fx->s = NULL;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (99, 0)", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(store_open(&fx->s, fx->path, STORE_OPEN_DEFAULT, &e), ERR_DB);
    assert_non_null(strstr(e.msg, "plus récente"));
    /* without CREATE a missing file is not found */
    struct store *s2 = NULL;
    assert_int_equal(store_open(&s2, "/tmp/does-not-exist/x.db", STORE_OPEN_DEFAULT, &e),
                     ERR_NOT_FOUND);
    assert_null(s2);
}

static void test_vocab(void **state)
{
    (void)state;
    static const struct {
        enum store_vocab voc;
        const char *in;
        int want_rc;
        int want;
    } cases[] = {
        {STORE_V_DIRECTION, "offer", ERR_OK, STORE_DIR_OFFER},
        {STORE_V_DIRECTION, "NEED", ERR_OK, STORE_DIR_NEED},
        {STORE_V_DIRECTION, "offre", ERR_INPUT, 0},
        {STORE_V_STATUS, "in-progress", ERR_OK, STORE_STATUS_IN_PROGRESS},
        {STORE_V_STATUS, "in progress", ERR_OK, STORE_STATUS_IN_PROGRESS},
        {STORE_V_ROLE, "regional_admin", ERR_OK, STORE_ROLE_REGIONAL_ADMIN},
        {STORE_V_ROLE, "admin", ERR_INPUT, 0},
        {STORE_V_STAGE, "data_collection", ERR_OK, STORE_STAGE_DATA_COLLECTION},
        {STORE_V_CONFIDENTIALITY, "facilitator_only", ERR_OK, STORE_CONF_FACILITATOR_ONLY},
        {STORE_V_AVAILABILITY, "one-off", ERR_OK, STORE_AVAIL_ONE_OFF},
        {STORE_V_FAMILY, "", ERR_INPUT, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int v = -1;
        int rc = store_vocab_parse(cases[i].voc, slice_cstr(cases[i].in), &v, NULL);
        if (rc != cases[i].want_rc || (rc == ERR_OK && v != cases[i].want))
            fail_msg("case '%s': rc %d v %d", cases[i].in, rc, v);
    }
    enum store_family fam;
    assert_true(store_code_family("heat", &fam));
    assert_int_equal(fam, STORE_FAM_ENERGY);
    assert_true(store_code_family("meeting_room", &fam));
    assert_int_equal(fam, STORE_FAM_SERVICE);
    assert_false(store_code_family("150101", &fam));
    assert_string_equal(store_vocab_name(STORE_V_STATUS, 99), "");
}

static void test_org_crud(void **state)
{
    struct fixture *fx = *state;
    struct err e;
    err_init(&e);
    struct store_territory t;
    memset(&t, 0, sizeof(t));
    t.name = "Nantes Métropole";
    t.pilot = "";
    char *communes[] = {"44109", "44162"};
    t.communes = communes;
    t.n_communes = 2;
    int64_t tid = 0, tid2 = 0;
    assert_int_equal(store_territory_insert(fx->s, &t, &tid, &e), ERR_OK);
    assert_int_equal(store_territory_insert(fx->s, &t, &tid2, &e), ERR_CONFLICT);
    assert_int_equal(store_territory_of_commune(fx->s, "44162", &tid2, &e), ERR_OK);
    assert_int_equal(tid2, tid);
    assert_int_equal(store_territory_of_commune(fx->s, "49007", &tid2, &e), ERR_OK);
    assert_int_equal(tid2, 0);

    struct store_org o = test_org("73282932000074", "Scierie");
    o.territory_id = tid;
    int64_t id = 0;
    assert_int_equal(store_org_insert(fx->s, &o, &id, &e), ERR_OK);
    assert_int_equal(store_org_insert(fx->s, &o, NULL, &e), ERR_CONFLICT);
    struct store_org got;
    assert_int_equal(store_org_get(fx->s, id, &got, &e), ERR_OK);
    assert_string_equal(got.siret, "73282932000074");
    assert_string_equal(got.name, "Scierie");
    assert_string_equal(got.territory_name, "Nantes Métropole");
    assert_int_equal(got.headcount, 12);
    free(got.name);
    got.name = xstrdup("Scierie renommée");
    assert_int_equal(store_org_update(fx->s, &got, &e), ERR_OK);
    store_org_release(&got);
    assert_int_equal(store_org_get(fx->s, id, &got, &e), ERR_OK);
    assert_string_equal(got.name, "Scierie renommée");
    store_org_release(&got);

    struct store_territory tg;
    assert_int_equal(store_territory_get(fx->s, tid, &tg, &e), ERR_OK);
    assert_int_equal(tg.n_communes, 2);
    assert_int_equal(tg.n_organisations, 1);
    store_territory_release(&tg);

    struct store_flow f = test_flow(id, STORE_DIR_OFFER, "030105");
    int64_t fid = 0;
    assert_int_equal(store_flow_insert(fx->s, &f, &fid, &e), ERR_OK);
    f = test_flow(id, STORE_DIR_NEED, "150101");
    assert_int_equal(store_flow_insert(fx->s, &f, NULL, &e), ERR_OK);
    f = test_flow(9999, STORE_DIR_NEED, "150101");
    assert_int_equal(store_flow_insert(fx->s, &f, NULL, &e), ERR_CONFLICT); /* foreign key */

    static const struct {
        const char *prefix;
        int direction;
        int64_t territory;
        size_t want;
    } filters[] = {
        {NULL, -1, 0, 2},
        {"03", -1, 0, 1},
        {"15", STORE_DIR_OFFER, 0, 0},
        {NULL, STORE_DIR_NEED, 0, 1},
        {NULL, -1, 1, 2},
        {NULL, -1, 2, 0},
    };
    for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
        struct store_filter flt;
        store_filter_init(&flt);
        flt.code_prefix = filters[i].prefix;
        flt.direction = filters[i].direction;
        flt.territory_id = filters[i].territory;
        struct store_flow *fs = NULL;
        size_t n = 0, count = 0;
        assert_int_equal(store_flow_list(fx->s, &flt, &fs, &n, &e), ERR_OK);
        assert_int_equal(store_flow_count(fx->s, &flt, &count, &e), ERR_OK);
        if (n != filters[i].want || count != n)
            fail_msg("filter %zu: %zu rows, count %zu, want %zu", i, n, count, filters[i].want);
        store_flows_free(fs, n);
    }
    struct store_flow gf;
    assert_int_equal(store_flow_get(fx->s, fid, &gf, &e), ERR_OK);
    assert_string_equal(gf.siret, "73282932000074");
    assert_string_equal(gf.code, "030105");
    store_flow_release(&gf);
    /* deleting the organisation removes its flows */
    assert_int_equal(store_org_delete(fx->s, id, &e), ERR_OK);
    assert_int_equal(store_flow_get(fx->s, fid, &gf, &e), ERR_NOT_FOUND);
    assert_int_equal(store_org_delete(fx->s, id, &e), ERR_NOT_FOUND);
}

static void test_transactions(void **state)
{
    struct fixture *fx = *state;
    struct err e;
    err_init(&e);
    struct store_org o = test_org("73282932000074", "A");
    assert_int_equal(store_tx_begin(fx->s, &e), ERR_OK);
    assert_int_equal(store_tx_begin(fx->s, &e), ERR_INTERNAL);
    assert_int_equal(store_org_insert(fx->s, &o, NULL, &e), ERR_OK);
    store_tx_rollback(fx->s);
    size_t n = 99;
    assert_int_equal(store_org_count(fx->s, NULL, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_tx_begin(fx->s, &e), ERR_OK);
    assert_int_equal(store_org_insert(fx->s, &o, NULL, &e), ERR_OK);
    assert_int_equal(store_tx_commit(fx->s, &e), ERR_OK);
    assert_int_equal(store_org_count(fx->s, NULL, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_tx_commit(fx->s, &e), ERR_INTERNAL);
    store_tx_rollback(fx->s); /* harmless without a transaction */
}

/* A constraint failure is ERR_CONFLICT with words, never SQLite's text
 * ("UNIQUE constraint failed: territories.name"): conflicts reach API
 * clients as 409 and must not show the schema. */
static void test_constraint_messages(void **state)
{
    struct fixture *fx = *state;
    struct err e;
    err_init(&e);
    struct store_territory t = {.name = "Vallée", .kind = STORE_TK_INTERCOMMUNALITY, .pilot = ""};
    int64_t tid = 0, org_id = 0, id = 0;
    assert_int_equal(store_territory_insert(fx->s, &t, &tid, &e), ERR_OK);
    struct store_org o = test_org("73282932000074", "A");
    assert_int_equal(store_org_insert(fx->s, &o, &org_id, &e), ERR_OK);
    static const struct {
        const char *name;
        int kind; /* 0 territory again, 1 organisation again, 2 flow of no organisation */
        const char *want;
    } cases[] = {
        {"unique name", 0, "already exists"},
        {"unique siret", 1, "already exists"},
        {"missing parent", 2, "does not exist"},
    };
    static const char *const banned[] = {"constraint",   "UNIQUE",         "FOREIGN",
                                         "territories.", "organisations.", "flows"};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct store_flow f = test_flow(org_id + 1000, STORE_DIR_OFFER, "150101");
        err_init(&e);
        int rc = cases[i].kind == 0   ? store_territory_insert(fx->s, &t, &id, &e)
                 : cases[i].kind == 1 ? store_org_insert(fx->s, &o, &id, &e)
                                      : store_flow_insert(fx->s, &f, &id, &e);
        if (rc != ERR_CONFLICT || !strstr(e.msg, cases[i].want))
            fail_msg("case %s: rc %d (%s)", cases[i].name, rc, e.msg);
        for (size_t k = 0; k < sizeof(banned) / sizeof(banned[0]); k++)
            if (strstr(e.msg, banned[k]))
                fail_msg("case %s: SQL in \"%s\"", cases[i].name, e.msg);
    }
}

static void test_synergy_history(void **state)
{
    struct fixture *fx = *state;
    struct err e;
    err_init(&e);
    struct store_org a = test_org("73282932000074", "A"), b = test_org("44306184100047", "B");
    int64_t ida = 0, idb = 0, off = 0, need = 0, sid = 0;
    assert_int_equal(store_org_insert(fx->s, &a, &ida, &e), ERR_OK);
    assert_int_equal(store_org_insert(fx->s, &b, &idb, &e), ERR_OK);
    struct store_flow f = test_flow(ida, STORE_DIR_OFFER, "150101");
    assert_int_equal(store_flow_insert(fx->s, &f, &off, &e), ERR_OK);
    f = test_flow(idb, STORE_DIR_NEED, "150101");
    assert_int_equal(store_flow_insert(fx->s, &f, &need, &e), ERR_OK);
    struct store_synergy syn;
    memset(&syn, 0, sizeof(syn));
    syn.kind = STORE_SYN_SUBSTITUTION;
    syn.offer_flow_id = off;
    syn.need_flow_id = need;
    syn.receiver_org_id = idb;
    syn.status = STORE_STATUS_SUGGESTED;
    store_effects_unknown(&syn.estimated);
    store_effects_unknown(&syn.measured);
    syn.estimated.t_diverted = 10;
    assert_int_equal(store_synergy_insert(fx->s, &syn, 0, &sid, &e), ERR_OK);
    static const struct {
        enum store_status to;
        const char *reason;
        int want;
    } steps[] = {
        {STORE_STATUS_STUDIED, "", ERR_OK},
        {STORE_STATUS_IN_PROGRESS, NULL, ERR_OK},
        {STORE_STATUS_ABANDONED, "", ERR_INPUT},
        {STORE_STATUS_ABANDONED, "transport trop cher", ERR_OK},
    };
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        int rc = store_synergy_set_status(fx->s, sid, steps[i].to, steps[i].reason, 0, &e);
        if (rc != steps[i].want)
            fail_msg("step %zu: rc %d (%s)", i, rc, e.msg);
    }
    assert_int_equal(store_synergy_set_status(fx->s, 999, STORE_STATUS_STUDIED, "", 0, &e),
                     ERR_NOT_FOUND);
    struct store_status_change *cs = NULL;
    size_t n = 0;
    assert_int_equal(store_synergy_history(fx->s, sid, &cs, &n, &e), ERR_OK);
    assert_int_equal(n, 4);
    assert_int_equal(cs[0].from_status, -1);
    assert_int_equal(cs[0].to_status, STORE_STATUS_SUGGESTED);
    assert_int_equal(cs[1].from_status, STORE_STATUS_SUGGESTED);
    assert_int_equal(cs[3].to_status, STORE_STATUS_ABANDONED);
    assert_string_equal(cs[3].reason, "transport trop cher");
    store_status_changes_free(cs, n);
    struct store_synergy got;
    assert_int_equal(store_synergy_get(fx->s, sid, &got, &e), ERR_OK);
    assert_int_equal(got.status, STORE_STATUS_ABANDONED);
    assert_true(got.estimated.t_diverted == 10);
    assert_true(isnan(got.measured.co2e_t));
    store_synergy_release(&got);

    struct store_pool p;
    memset(&p, 0, sizeof(p));
    p.name = "Collecte cartons";
    p.kind = STORE_POOL_COLLECTION;
    p.description = "";
    memcpy(p.code, "150101", 7);
    int64_t pid = 0;
    assert_int_equal(store_pool_insert(fx->s, &p, &pid, &e), ERR_OK);
    struct store_pool_member m = {pid, ida, 0};
    assert_int_equal(store_pool_member_add(fx->s, &m, &e), ERR_OK);
    assert_int_equal(store_pool_member_add(fx->s, &m, &e), ERR_CONFLICT);
    m.org_id = idb;
    m.flow_id = need;
    assert_int_equal(store_pool_member_add(fx->s, &m, &e), ERR_OK);
    struct store_pool gp;
    assert_int_equal(store_pool_get(fx->s, pid, &gp, &e), ERR_OK);
    assert_int_equal(gp.n_members, 2);
    store_pool_release(&gp);
    assert_int_equal(store_pool_member_remove(fx->s, pid, ida, &e), ERR_OK);
    assert_int_equal(store_pool_member_remove(fx->s, pid, ida, &e), ERR_NOT_FOUND);
}

static void test_accounts_sessions(void **state)
{
    struct fixture *fx = *state;
    struct err e;
    err_init(&e);
    struct store_org o = test_org("73282932000074", "A");
    int64_t oid = 0, aid = 0;
    assert_int_equal(store_org_insert(fx->s, &o, &oid, &e), ERR_OK);
    struct store_account a;
    memset(&a, 0, sizeof(a));
    a.email = "Membre@Example.fr";
    a.display_name = "";
    a.role = STORE_ROLE_MEMBER;
    static const struct {
        const char *email;
        enum store_role role;
        int64_t org;
        const char *pw;
        int want;
    } cases[] = {
        {"membre@example.fr", STORE_ROLE_MEMBER, 0, "longpassword", ERR_INPUT},
        {"membre@example.fr", STORE_ROLE_MEMBER, 1, "short", ERR_INPUT},
        {"no-at-sign", STORE_ROLE_OBSERVER, 0, "longpassword", ERR_INPUT},
        {"facil@example.fr", STORE_ROLE_FACILITATOR, 0, "longpassword", ERR_INPUT},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        a.email = (char *)cases[i].email;
        a.role = cases[i].role;
        a.org_id = cases[i].org;
        if (store_account_insert(fx->s, &a, cases[i].pw, NULL, &e) != cases[i].want)
            fail_msg("account case %zu", i);
    }
    a.email = "Membre@Example.fr";
    a.role = STORE_ROLE_MEMBER;
    a.org_id = oid;
    assert_int_equal(store_account_insert(fx->s, &a, "correct horse", &aid, &e), ERR_OK);
    a.email = "membre@example.fr";
    assert_int_equal(store_account_insert(fx->s, &a, "correct horse", NULL, &e), ERR_CONFLICT);
    struct store_account got;
    assert_int_equal(
        store_account_authenticate(fx->s, "membre@example.fr", "correct horse", &got, &e), ERR_OK);
    assert_int_equal(got.id, aid);
    assert_int_equal(got.org_id, oid);
    store_account_release(&got);
    assert_int_equal(
        store_account_authenticate(fx->s, "membre@example.fr", "wrong horse", &got, &e),
        ERR_UNAUTHORIZED);
    assert_int_equal(store_account_authenticate(fx->s, "nobody@example.fr", "x", &got, &e),
                     ERR_UNAUTHORIZED);
    char token[STORE_TOKEN_LEN + 1];
    assert_int_equal(store_session_create(fx->s, aid, 3600, token, &e), ERR_OK);
    assert_int_equal(strlen(token), STORE_TOKEN_LEN);
    assert_int_equal(store_session_account(fx->s, token, 0, &got, &e), ERR_OK);
    assert_int_equal(got.id, aid);
    store_account_release(&got);
    assert_int_equal(store_session_account(fx->s, "abc", 0, &got, &e), ERR_UNAUTHORIZED);
    assert_int_equal(store_session_delete(fx->s, token, &e), ERR_OK);
    assert_int_equal(store_session_account(fx->s, token, 0, &got, &e), ERR_UNAUTHORIZED);
    assert_int_equal(store_session_create(fx->s, aid, -1, token, &e), ERR_OK);
    assert_int_equal(store_session_account(fx->s, token, 0, &got, &e),
                     ERR_UNAUTHORIZED); /* expired */
    assert_int_equal(store_session_purge(fx->s, &e), ERR_OK);

    assert_int_equal(
        store_audit_add(fx->s, aid, "update", "organisation", oid, "{\"a\":1}", "{\"a\":2}", &e),
        ERR_OK);
    struct store_audit *log = NULL;
    size_t n = 0;
    assert_int_equal(store_audit_list(fx->s, 10, &log, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(log[0].after_json, "{\"a\":2}");
    assert_int_equal(log[0].account_id, aid);
    store_audits_free(log, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrations, setup, teardown),
        cmocka_unit_test(test_vocab),
        cmocka_unit_test_setup_teardown(test_org_crud, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_constraint_messages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_synergy_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_accounts_sessions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
