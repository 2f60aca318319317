/* SPDX-License-Identifier: MIT */
/*
 * network_services_test.c - the mutualisation and exchange services on a
 * real database: trainings (minimum, maximum, confirmation), group
 * purchases (deadline, supplier CSV), pooled collection (optimiser
 * input), forum (replies, mentions, notifications), accent-insensitive
 * search, the library (types, storage names, visibility) and territories
 * (actors, checklist, indicators).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>

#include "engine/engine.h"
#include "network_fixture.h"

static void test_trainings(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t id, promoted;
    enum store_reg_status st;
    bool is_confirmed;
    fixture_open(&f);
    err_init(&e);
    struct network_training_input in = {.title = "Gestion des biodéchets",
                                        .location = "CCI Haute-Savoie, Annecy",
                                        .starts_at = "2030-05-14T09:00",
                                        .ends_at = "2030-05-14T17:00",
                                        .min_participants = 2,
                                        .max_participants = 3};
    static const struct {
        const char *name;
        int64_t min, max;
        int want;
        const char *msg;
    } bad[] = {
        {"min zero", 0, 3, ERR_INPUT, "min_participants :"},
        {"max below min", 4, 3, ERR_INPUT, "max_participants : doit être au moins"},
        {"max huge", 1, 20000, ERR_INPUT, "max_participants :"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct network_training_input b = in;
        b.min_participants = bad[i].min;
        b.max_participants = bad[i].max;
        int rc = network_training_create(f.s, &f.admin, &b, &id, &e);
        if (rc != bad[i].want || strncmp(e.msg, bad[i].msg, strlen(bad[i].msg)))
            fail_msg("case %s: rc %d (%s)", bad[i].name, rc, e.msg);
    }
    assert_int_equal(network_training_create(f.s, &f.member, &in, &id, &e), ERR_FORBIDDEN);
    assert_int_equal(network_training_create(f.s, &f.facil, &in, &id, &e), ERR_OK);
    /* min 2, max 3: the second registration confirms, the fourth waits */
    static const struct {
        int who;
        enum store_reg_status status;
        bool is_confirmed;
    } steps[] = {{0, STORE_REG_REGISTERED, false},
                 {1, STORE_REG_REGISTERED, true},
                 {2, STORE_REG_REGISTERED, false},
                 {3, STORE_REG_WAITING, false}};
    const struct store_account *whos[4] = {&f.member, &f.member2, &f.facil, &f.admin};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(network_training_register(f.s, whos[steps[i].who], FIXTURE_NOW, id, &st,
                                                   &is_confirmed, &e),
                         ERR_OK);
        assert_int_equal(st, steps[i].status);
        assert_int_equal(is_confirmed, steps[i].is_confirmed);
    }
    assert_int_equal(
        network_training_register(f.s, &f.observer, FIXTURE_NOW, id, &st, &is_confirmed, &e),
        ERR_FORBIDDEN);
    assert_int_equal(fixture_count_notifications(&f, f.member.id, "training_confirmed"), 1);
    assert_int_equal(fixture_count_notifications(&f, f.member2.id, "training_confirmed"), 1);
    assert_int_equal(fixture_count_notifications(&f, f.facil.id, "training_confirmed"), 0);
    /* leaving frees a place for the admin, who is told */
    assert_int_equal(network_training_unregister(f.s, &f.member, id, &promoted, &e), ERR_OK);
    assert_int_equal(promoted, f.admin.id);
    assert_int_equal(fixture_count_notifications(&f, f.admin.id, "promoted"), 1);
    /* below the minimum again: no longer confirmed */
    assert_int_equal(network_training_unregister(f.s, &f.member2, id, &promoted, &e), ERR_OK);
    assert_int_equal(network_training_unregister(f.s, &f.facil, id, &promoted, &e), ERR_OK);
    struct store_training t;
    assert_int_equal(store_training_get(f.s, id, &t, &e), ERR_OK);
    assert_int_equal(t.n_registered, 1);
    assert_int_equal(t.confirmed_at, 0);
    store_training_release(&t);
    fixture_close(&f);
}

/* Trainings are scoped like events: a territory's are seen by the region,
 * its facilitators and its members; network-wide ones by every account.
 * A hidden training is not found for listing, registering or leaving. */
static void test_training_scope(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t local = 0, net = 0, promoted = 0;
    enum store_reg_status st;
    bool is_confirmed;
    fixture_open(&f);
    err_init(&e);
    struct network_training_input in = {.title = "Tri des métaux de la vallée",
                                        .location = "CCI Haute-Savoie, Annecy",
                                        .starts_at = "2030-05-14T09:00",
                                        .ends_at = "2030-05-14T17:00",
                                        .min_participants = 2,
                                        .max_participants = 30,
                                        .territory_id = f.terr[0]};
    assert_int_equal(network_training_create(f.s, &f.facil, &in, &local, &e), ERR_OK);
    in.territory_id = 0;
    in.title = "Formation du réseau";
    assert_int_equal(network_training_create(f.s, &f.admin, &in, &net, &e), ERR_OK);
    struct store_account facil_b;
    fixture_account(&f, &facil_b, "anim@voiron.fr", "Anim Voiron", STORE_ROLE_FACILITATOR, 0,
                    &f.terr[1], 1);
    static const struct {
        const char *name;
        int who; /* 0 admin, 1 facilitator A, 2 facilitator B, 3 member A, 4 member B, 5 observer */
        bool sees_local;
    } cases[] = {
        {"admin", 0, true},    {"facilitator A", 1, true}, {"facilitator B", 2, false},
        {"member A", 3, true}, {"member B", 4, false},     {"observer", 5, true},
    };
    const struct store_account *whos[6] = {&f.admin,  &f.facil,   &facil_b,
                                           &f.member, &f.member2, &f.observer};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct store_account *w = whos[cases[i].who];
        struct store_training *ts = NULL;
        size_t n = 0;
        bool has_local = false, has_net = false;
        assert_int_equal(network_training_list(f.s, w, &ts, &n, &e), ERR_OK);
        for (size_t k = 0; k < n; k++) {
            has_local |= ts[k].id == local;
            has_net |= ts[k].id == net;
        }
        store_trainings_free(ts, n);
        if (has_local != cases[i].sees_local || !has_net)
            fail_msg("case %s: list shows local %d network %d", cases[i].name, has_local, has_net);
        struct store_training t;
        int rc = network_training_get(f.s, w, local, &t, &e);
        if (rc == ERR_OK)
            store_training_release(&t);
        if (rc != (cases[i].sees_local ? ERR_OK : ERR_NOT_FOUND))
            fail_msg("case %s: get rc %d", cases[i].name, rc);
        if (!cases[i].sees_local) {
            rc = network_training_register(f.s, w, FIXTURE_NOW, local, &st, &is_confirmed, &e);
            if (rc != ERR_NOT_FOUND)
                fail_msg("case %s: register rc %d", cases[i].name, rc);
            rc = network_training_unregister(f.s, w, local, &promoted, &e);
            if (rc != ERR_NOT_FOUND || strstr(e.msg, "vallée"))
                fail_msg("case %s: unregister rc %d (%s)", cases[i].name, rc, e.msg);
        }
    }
    assert_int_equal(
        network_training_register(f.s, &f.member, FIXTURE_NOW, local, &st, &is_confirmed, &e),
        ERR_OK);
    store_account_release(&facil_b);
    fixture_close(&f);
}

static void test_purchases(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t id;
    fixture_open(&f);
    err_init(&e);
    struct network_purchase_input in = {.title = "Papier recyclé 2031",
                                        .category = "fournitures de bureau",
                                        .unit = "ramette",
                                        .deadline = "2030-12-31"};
    static const struct {
        const char *name;
        const char *deadline;
        int want;
        const char *msg;
    } bad[] = {
        {"past", "2020-01-01", ERR_INPUT, "deadline : la date limite 2020-01-01 est déjà passée"},
        {"malformed", "31/12/2030", ERR_INPUT, "deadline : date « 31/12/2030 » invalide"},
        {"impossible", "2030-02-30", ERR_INPUT, "deadline : le jour 30"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct network_purchase_input b = in;
        b.deadline = bad[i].deadline;
        int rc = network_purchase_create(f.s, &f.member, FIXTURE_NOW, &b, &id, &e);
        if (rc != bad[i].want || strncmp(e.msg, bad[i].msg, strlen(bad[i].msg)))
            fail_msg("case %s: rc %d (%s)", bad[i].name, rc, e.msg);
    }
    assert_int_equal(network_purchase_create(f.s, &f.member, FIXTURE_NOW, &in, &id, &e), ERR_OK);
    static const struct {
        const char *name;
        int who;
        int org; /* -1: who's own */
        double qty;
        int want;
    } lines[] = {
        {"member own", 0, -1, 40, ERR_OK},
        {"member replaces", 0, -1, 50, ERR_OK},
        {"member2 own", 1, -1, 12.5, ERR_OK},
        {"member for other org", 0, 2, 5, ERR_FORBIDDEN},
        {"facilitator for territory org", 2, 1, 7, ERR_OK},
        {"negative", 0, -1, -1, ERR_INPUT},
        {"admin for org without territory", 3, 3, 1, ERR_OK},
        {"admin removes it", 3, 3, 0, ERR_OK},
    };
    const struct store_account *whos[4] = {&f.member, &f.member2, &f.facil, &f.admin};
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        int64_t org = lines[i].org >= 0 ? f.org[lines[i].org] : 0;
        int rc = network_purchase_set_quantity(f.s, whos[lines[i].who], FIXTURE_NOW, id, org,
                                               lines[i].qty, "livraison, quai 2", &e);
        if (rc != lines[i].want)
            fail_msg("case %s: rc %d (%s)", lines[i].name, rc, e.msg);
    }
    /* a member sees only their organisation's line, creator or not (the
     * one visibility rule); the territory's facilitator its organisations */
    struct store_purchase_line *pl = NULL;
    size_t npl = 0;
    assert_int_equal(network_purchase_lines(f.s, &f.member2, id, &pl, &npl, &e), ERR_OK);
    assert_int_equal(npl, 1);
    assert_true(pl[0].org_id == f.org[2] && pl[0].quantity == 12.5);
    store_purchase_lines_free(pl, npl);
    assert_int_equal(network_purchase_lines(f.s, &f.member, id, &pl, &npl, &e), ERR_OK);
    assert_int_equal(npl, 1);
    store_purchase_lines_free(pl, npl);
    assert_int_equal(network_purchase_lines(f.s, &f.facil, id, &pl, &npl, &e), ERR_OK);
    assert_int_equal(npl, 2);
    store_purchase_lines_free(pl, npl);
    struct sb csv;
    sb_init(&csv, 0);
    assert_int_equal(network_purchase_csv(f.s, &f.member2, id, &csv, &e), ERR_FORBIDDEN);
    assert_int_equal(network_purchase_csv(f.s, &f.member, id, &csv, &e), ERR_OK);
    assert_non_null(strstr(csv.buf, "organisation,siret,adresse,code_postal,commune_insee,"
                                    "quantite,unite,commentaire\n"));
    assert_non_null(strstr(csv.buf, "Scierie Dupont,"));
    assert_non_null(strstr(csv.buf, ",50,ramette,\"livraison, quai 2\"\n"));
    assert_null(strstr(csv.buf, ",12.5,ramette,"));
    assert_non_null(strstr(csv.buf, "TOTAL,,,,,69.5,ramette,3 organisations\n"));
    sb_release(&csv);
    fixture_close(&f);
}

static void test_collection(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t id, item;
    fixture_open(&f);
    err_init(&e);
    struct network_collection_input in = {.name = "Cartons et DEEE de la vallée",
                                          .territory_id = f.terr[0],
                                          .collector_org_id = f.org[3],
                                          .depot = {45.95, 6.30},
                                          .vehicle_capacity_kg = 1000,
                                          .round_frequency = "monthly"};
    assert_int_equal(network_collection_create(f.s, &f.member, &in, &id, &e), ERR_FORBIDDEN);
    assert_int_equal(network_collection_create(f.s, &f.facil, &in, &id, &e), ERR_OK);
    static const struct {
        const char *name;
        int who; /* 0 member (org0), 1 facilitator, 2 member2 */
        int org; /* -1 own */
        const char *code;
        double kg;
        const char *freq;
        int want;
        const char *msg;
    } items[] = {
        {"cardboard weekly", 0, -1, "15 01 01", 50, "weekly", ERR_OK, NULL},
        {"toner yearly", 0, -1, "080318", 24, "yearly", ERR_OK, NULL},
        {"facilitator for org1", 1, 1, "15.01.02", 100, "monthly", ERR_OK, NULL},
        {"bad code", 0, -1, "15 01", 10, "weekly", ERR_INPUT, "low_code : code déchet « 15 01 »"},
        {"no code", 0, -1, "", 10, "weekly", ERR_INPUT, "low_code : obligatoire"},
        {"zero kg", 0, -1, "150101", 0, "weekly", ERR_INPUT, "quantity_kg :"},
        {"bad freq", 0, -1, "150101", 1, "daily", ERR_INPUT, "frequency : valeur inconnue"},
        {"other org", 2, 0, "150101", 1, "weekly", ERR_FORBIDDEN, NULL},
    };
    const struct store_account *whos[3] = {&f.member, &f.facil, &f.member2};
    for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
        struct network_collection_item_input it = {.collection_id = id,
                                                   .org_id =
                                                       items[i].org >= 0 ? f.org[items[i].org] : 0,
                                                   .low_code = items[i].code,
                                                   .quantity_kg = items[i].kg,
                                                   .frequency = items[i].freq};
        int rc = network_collection_item_set(f.s, NULL, whos[items[i].who], &it, &item, &e);
        if (rc != items[i].want)
            fail_msg("case %s: rc %d (%s)", items[i].name, rc, e.msg);
        if (rc && items[i].msg && strncmp(e.msg, items[i].msg, strlen(items[i].msg)))
            fail_msg("case %s: message '%s'", items[i].name, e.msg);
    }
    struct network_rounds_input r;
    assert_int_equal(network_collection_rounds_input(f.s, id, &r, &e), ERR_OK);
    assert_int_equal(r.n_nodes, 3);
    assert_int_equal(r.capacity_kg, 1000);
    assert_int_equal(r.demand_kg[0], 0);
    assert_true(r.pts[0].lat == 45.95 && r.pts[0].lon == 6.30);
    /* org0: 50 kg weekly = 216.67 kg per monthly round, + 24 kg yearly = 2 kg */
    assert_int_equal(r.org_ids[1], f.org[0]);
    assert_int_equal(r.demand_kg[1], 217 + 2);
    assert_true(r.pts[1].lat == 45.90);
    assert_int_equal(r.org_ids[2], f.org[1]);
    assert_int_equal(r.demand_kg[2], 100);
    /* the output is the rounds optimiser's input as it stands */
    struct cvrp *p = NULL;
    struct cvrp_options o;
    struct cvrp_solution sol;
    cvrp_options_init(&o);
    cvrp_solution_init(&sol);
    assert_int_equal(cvrp_new_geo(r.n_nodes, r.pts, GEO_DETOUR_FACTOR_DEFAULT, r.demand_kg,
                                  r.capacity_kg, &p, &e),
                     ERR_OK);
    assert_int_equal(cvrp_solve(p, &o, &sol, &e), ERR_OK);
    assert_int_equal(cvrp_check(p, &sol, NULL, &e), ERR_OK);
    assert_int_equal(sol.n_routes, 1);
    cvrp_solution_release(&sol);
    cvrp_free(p);
    network_rounds_input_release(&r);
    /* a stop that no vehicle can carry is named */
    struct network_collection_item_input big = {
        .collection_id = id, .low_code = "150101", .quantity_kg = 300, .frequency = "weekly"};
    assert_int_equal(network_collection_item_set(f.s, NULL, &f.member, &big, &item, &e), ERR_OK);
    assert_int_equal(network_collection_rounds_input(f.s, id, &r, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "« Scierie Dupont » produit"));
    assert_int_equal(network_collection_rounds_input(f.s, id + 9, &r, &e), ERR_NOT_FOUND);
    fixture_close(&f);
}

static void test_forum_and_search(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t tid, pid;
    fixture_open(&f);
    err_init(&e);
    assert_int_equal(network_thread_create(f.s, &f.observer, "x", "y", 0, &tid, &e), ERR_FORBIDDEN);
    assert_int_equal(network_thread_create(f.s, &f.member, "", "y", 0, &tid, &e), ERR_INPUT);
    assert_string_equal(e.msg, "title : obligatoire");
    assert_int_equal(network_thread_create(f.s, &f.member, "Valoriser les copeaux de bois",
                                           "Qui récupère des copeaux ? @Élodie.Lefèvre une idée ?",
                                           0, &tid, &e),
                     ERR_OK);
    assert_int_equal(fixture_count_notifications(&f, f.facil.id, "mention"), 1);
    /* a reply notifies the earlier participant, and the mentioned one once */
    assert_int_equal(network_post_create(f.s, &f.member2, tid,
                                         "Notre chaufferie est intéressée, @marie@scierie.fr", &pid,
                                         &e),
                     ERR_OK);
    assert_int_equal(fixture_count_notifications(&f, f.member.id, "mention"), 1);
    assert_int_equal(fixture_count_notifications(&f, f.member.id, "reply"), 0);
    assert_int_equal(network_post_create(f.s, &f.facil, tid, "Je vous mets en relation.", &pid, &e),
                     ERR_OK);
    assert_int_equal(fixture_count_notifications(&f, f.member.id, "reply"), 1);
    assert_int_equal(fixture_count_notifications(&f, f.member2.id, "reply"), 1);
    assert_int_equal(fixture_count_notifications(&f, f.facil.id, "reply"), 0);
    assert_int_equal(network_post_create(f.s, &f.member, tid + 5, "x", &pid, &e), ERR_NOT_FOUND);
    /* text stays as typed */
    struct store_post *posts = NULL;
    size_t n = 0;
    assert_int_equal(store_post_list(f.s, tid, &posts, &n, &e), ERR_OK);
    assert_int_equal(n, 3);
    assert_string_equal(posts[0].body, "Qui récupère des copeaux ? @Élodie.Lefèvre une idée ?");
    store_posts_free(posts, n);
    /* a resource only the first territory sees */
    struct network_resource_input res = {.kind = "good_practice",
                                         .title = "Fiche : réemploi des palettes",
                                         .description = "Chaufferie bois et copeaux",
                                         .visibility = "territory",
                                         .territory_id = f.terr[0],
                                         .original_name = "palettes.txt"};
    int64_t rid;
    assert_int_equal(
        network_library_add(f.s, &f.facil, f.files, &res, "Fiche palettes\n", 15, NULL, &rid, &e),
        ERR_OK);
    static const struct {
        const char *q;
        int who; /* 0 member (terr0), 1 member2 (terr1) */
        size_t want;
    } cases[] = {
        {"chaufferie", 0, 2}, /* the post and the resource */
        {"CHAUFFÉRIE", 1, 1}, /* accents and case ignored; resource hidden */
        {"recupere copeaux", 0, 1}, {"copeau", 0, 3}, /* prefix: title, first post and resource */
        {"palettes", 1, 0},         {"inexistant", 0, 0},
    };
    const struct store_account *whos[2] = {&f.member, &f.member2};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct store_search_hit *hits = NULL;
        size_t nh = 0;
        int rc = network_search(f.s, whos[cases[i].who], cases[i].q, 10, &hits, &nh, &e);
        if (rc || nh != cases[i].want)
            fail_msg("query '%s': rc %d, %zu hits want %zu (%s)", cases[i].q, rc, nh, cases[i].want,
                     e.msg);
        for (size_t k = 0; k < nh; k++)
            assert_non_null(strchr(hits[k].snippet, '['));
        store_search_hits_free(hits, nh);
    }
    fixture_close(&f);
}

static size_t count_files(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)))
        if (de->d_name[0] != '.') {
            n++;
            assert_int_equal(strlen(de->d_name), 32);
            assert_int_equal(strspn(de->d_name, "0123456789abcdef"), 32);
        }
    if (d)
        closedir(d);
    return n;
}

static void test_library(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t ids[3];
    fixture_open(&f);
    err_init(&e);
    static const struct {
        const char *name;
        int who; /* 0 facil, 1 member, 2 observer */
        const char *visibility;
        const char *data;
        size_t len;
        int want;
    } adds[] = {
        {"facil territory pdf", 0, "territory", "%PDF-1.7 fiche", 14, ERR_OK},
        {"member network text", 1, "network", "Retour d'expérience", 20, ERR_OK},
        {"facil facilitators", 0, "facilitators", "%PDF-1.4 methode", 16, ERR_OK},
        {"member territory", 1, "territory", "%PDF-1.4", 8, ERR_FORBIDDEN},
        {"observer", 2, "network", "%PDF-1.4", 8, ERR_FORBIDDEN},
        {"html disguised", 0, "network", "<html><script>x</script>", 24, ERR_INPUT},
        {"empty", 0, "network", "", 0, ERR_INPUT},
        {"bad visibility", 0, "public", "%PDF-1.4", 8, ERR_INPUT},
    };
    const struct store_account *whos[3] = {&f.facil, &f.member, &f.observer};
    size_t k = 0;
    for (size_t i = 0; i < sizeof(adds) / sizeof(adds[0]); i++) {
        struct network_resource_input in = {.kind = "method_sheet",
                                            .title = "Fiche méthode",
                                            .visibility = adds[i].visibility,
                                            .territory_id = f.terr[0],
                                            .original_name = "../../etc/passwd.pdf"};
        int64_t id = 0;
        int rc = network_library_add(f.s, whos[adds[i].who], f.files, &in, adds[i].data,
                                     adds[i].len, NULL, &id, &e);
        if (rc != adds[i].want)
            fail_msg("case %s: rc %d (%s)", adds[i].name, rc, e.msg);
        if (rc == ERR_OK)
            ids[k++] = id;
    }
    assert_int_equal(count_files(f.files), 3);
    /* who may read what (observers see every territory, as in the forum);
     * others are told it does not exist */
    static const struct {
        int res;
        int who; /* 0 member (terr0), 1 member2 (terr1), 2 facil, 3 observer */
        int want;
    } reads[] = {
        {0, 0, ERR_OK}, {0, 1, ERR_NOT_FOUND}, {0, 2, ERR_OK},        {0, 3, ERR_OK},
        {1, 1, ERR_OK}, {1, 3, ERR_OK},        {2, 0, ERR_NOT_FOUND}, {2, 2, ERR_OK},
    };
    const struct store_account *readers[4] = {&f.member, &f.member2, &f.facil, &f.observer};
    for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
        struct store_resource meta;
        char *data = NULL;
        size_t len = 0;
        int rc = network_library_open(f.s, readers[reads[i].who], f.files, ids[reads[i].res], &meta,
                                      &data, &len, &e);
        if (rc != reads[i].want)
            fail_msg("read %zu: rc %d (%s)", i, rc, e.msg);
        if (rc == ERR_OK) {
            assert_int_equal(len, (size_t)meta.size_bytes);
            assert_string_equal(meta.original_name, "../../etc/passwd.pdf");
            store_resource_release(&meta);
        }
        free(data);
    }
    struct store_resource *list = NULL;
    size_t n = 0;
    assert_int_equal(network_library_list(f.s, &f.member2, &list, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    store_resources_free(list, n);
    assert_int_equal(network_library_delete(f.s, &f.member2, f.files, ids[1], &e), ERR_FORBIDDEN);
    assert_int_equal(network_library_delete(f.s, &f.member, f.files, ids[1], &e), ERR_OK);
    assert_int_equal(count_files(f.files), 2);
    fixture_close(&f);
}

static void test_territories(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t id;
    fixture_open(&f);
    err_init(&e);
    static const struct {
        const char *name;
        int who; /* 0 facil, 1 member, 2 admin */
        int terr;
        const char *role;
        int want;
        const char *msg;
    } actors[] = {
        {"facilitator adds chamber", 0, 0, "chamber", ERR_OK, NULL},
        {"admin adds pilot", 2, 1, "pilot", ERR_OK, NULL},
        {"facilitator other territory", 0, 1, "chamber", ERR_FORBIDDEN, NULL},
        {"member", 1, 0, "company", ERR_FORBIDDEN, NULL},
        {"bad role", 0, 0, "maire", ERR_INPUT, "role : valeur inconnue « maire »"},
    };
    const struct store_account *whos[3] = {&f.facil, &f.member, &f.admin};
    for (size_t i = 0; i < sizeof(actors) / sizeof(actors[0]); i++) {
        struct network_actor_input in = {.territory_id = f.terr[actors[i].terr],
                                         .role = actors[i].role,
                                         .name = "CCI Haute-Savoie",
                                         .email = "eit@cci.fr"};
        int rc = network_actor_add(f.s, whos[actors[i].who], &in, &id, &e);
        if (rc != actors[i].want)
            fail_msg("case %s: rc %d (%s)", actors[i].name, rc, e.msg);
        if (rc && actors[i].msg && strncmp(e.msg, actors[i].msg, strlen(actors[i].msg)))
            fail_msg("case %s: message '%s'", actors[i].name, e.msg);
    }
    assert_int_equal(network_key_date_add(f.s, &f.facil, f.terr[0], "2030-02-30", "x", &id, &e),
                     ERR_INPUT);
    assert_int_equal(
        network_key_date_add(f.s, &f.facil, f.terr[0], "2030-02-28", "Comité de pilotage", &id, &e),
        ERR_OK);
    assert_int_equal(network_checklist_set(f.s, &f.facil, f.terr[0], "detection", 2, true, &e),
                     ERR_OK);
    assert_int_equal(network_checklist_set(f.s, &f.facil, f.terr[0], "detection", 99, true, &e),
                     ERR_INPUT);
    assert_int_equal(network_checklist_set(f.s, &f.facil, f.terr[0], "planning", 0, true, &e),
                     ERR_INPUT);
    bool done[8];
    assert_int_equal(store_checklist_get(f.s, f.terr[0], "detection", done, 8, &e), ERR_OK);
    assert_true(done[2] && !done[0] && !done[1]);
    assert_int_equal(network_territory_set_stage(f.s, &f.facil, f.terr[0], "feasibility", &e),
                     ERR_OK);
    assert_int_equal(network_territory_set_jobs(f.s, &f.facil, f.terr[0], 4, &e), ERR_OK);
    assert_int_equal(network_territory_set_jobs(f.s, &f.facil, f.terr[0], -1, &e), ERR_INPUT);
    /* indicators: one implemented substitution with measured effects */
    struct store_flow fl = {.org_id = f.org[0],
                            .direction = STORE_DIR_OFFER,
                            .family = STORE_FAM_MATERIAL,
                            .quantity = 40,
                            .qty_per_yr = 40};
    memcpy(fl.code, "030105", 7);
    memcpy(fl.unit, "t", 2);
    memcpy(fl.period, "year", 5);
    memcpy(fl.base_unit, "t", 2);
    fl.description = "";
    int64_t flow_id, syn_id;
    assert_int_equal(store_flow_insert(f.s, &fl, &flow_id, &e), ERR_OK);
    struct store_synergy syn = {.kind = STORE_SYN_SUBSTITUTION,
                                .offer_flow_id = flow_id,
                                .receiver_org_id = f.org[1],
                                .status = STORE_STATUS_IMPLEMENTED,
                                .reason = "",
                                .note = ""};
    store_effects_unknown(&syn.estimated);
    store_effects_unknown(&syn.measured);
    syn.estimated.t_diverted = 40;
    syn.estimated.co2e_t = 12;
    syn.measured.t_diverted = 35;
    syn.estimated.eur_saved = 3000;
    assert_int_equal(store_synergy_insert(f.s, &syn, 0, &syn_id, &e), ERR_OK);
    struct store_indicators *rows = NULL;
    size_t n = 0;
    assert_int_equal(store_indicators_list(f.s, &rows, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].companies, 2);
    assert_int_equal(rows[0].flows, 1);
    assert_int_equal(rows[0].synergies[STORE_STATUS_IMPLEMENTED], 1);
    assert_true(rows[0].t_diverted == 35 && rows[0].co2e_t == 12 && rows[0].eur_saved == 3000);
    assert_int_equal(rows[0].jobs_created, 4);
    assert_string_equal(rows[0].stage, "feasibility");
    assert_int_equal(rows[1].companies, 1);
    struct sb csv;
    sb_init(&csv, 0);
    assert_int_equal(network_indicators_csv(rows, n, "-t_diverted", &csv, &e), ERR_OK);
    assert_non_null(strstr(csv.buf, "\n1,Vallée de l'Arve,feasibility,2,1,0,0,0,1,0,35.000,"
                                    "12.000,3000.000,4\n"));
    sb_release(&csv);
    store_indicators_free(rows, n);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trainings),        cmocka_unit_test(test_training_scope),
        cmocka_unit_test(test_purchases),        cmocka_unit_test(test_collection),
        cmocka_unit_test(test_forum_and_search), cmocka_unit_test(test_library),
        cmocka_unit_test(test_territories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
