/* SPDX-License-Identifier: MIT */
/*
 * network_forum_test.c - who sees the forum's threads: a thread of a
 * territory only its facilitators, the members of its organisations and
 * the region (admins, observers); a network-wide thread every account.
 * Reading, listing, replying, mention notifications and full-text search
 * all apply the rule, and so does the library's territory visibility.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "network_fixture.h"

enum { N_READERS = 6, N_THREADS = 3 };

/* Threads: 0 in territory A (terr[0]), 1 in territory B (terr[1]), 2 network-wide. */
static const char *const thread_words[N_THREADS] = {"arvezinc", "voironpapier", "reseaucommun"};

/* Readers: admin, facilitator of A, facilitator of B, member in A,
 * member in B, observer; what each sees of threads 0, 1, 2. */
static const struct {
    const char *name;
    bool sees[N_THREADS];
} readers[N_READERS] = {
    {"admin", {true, true, true}},          {"facilitator A", {true, false, true}},
    {"facilitator B", {false, true, true}}, {"member A", {true, false, true}},
    {"member B", {false, true, true}},      {"observer", {true, true, true}},
};

static bool list_has(const struct store_thread *t, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].id == id)
            return true;
    return false;
}

static void test_visibility(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    struct store_account facil_b;
    int64_t tids[N_THREADS], pid;
    fixture_open(&f);
    err_init(&e);
    fixture_account(&f, &facil_b, "anim@voironnais.fr", "Hugo Morel", STORE_ROLE_FACILITATOR, 0,
                    &f.terr[1], 1);
    const struct store_account *who[N_READERS] = {&f.admin,  &f.facil,   &facil_b,
                                                  &f.member, &f.member2, &f.observer};
    const int64_t terr[N_THREADS] = {f.terr[0], f.terr[1], 0};
    for (size_t t = 0; t < N_THREADS; t++) {
        char body[64];
        snprintf(body, sizeof(body), "Sujet %s", thread_words[t]);
        assert_int_equal(
            network_thread_create(f.s, NULL, thread_words[t], body, terr[t], &tids[t], &e), ERR_OK);
    }
    for (size_t r = 0; r < N_READERS; r++) {
        struct store_thread *list = NULL;
        size_t n_list = 0;
        assert_int_equal(network_thread_list(f.s, who[r], &list, &n_list, &e), ERR_OK);
        for (size_t t = 0; t < N_THREADS; t++) {
            bool want = readers[r].sees[t];
            struct store_thread th;
            struct store_post *posts = NULL;
            size_t n_posts = 0;
            int rc = network_thread_get(f.s, who[r], tids[t], &th, &posts, &n_posts, &e);
            if (rc != (want ? ERR_OK : ERR_NOT_FOUND))
                fail_msg("%s reads thread %zu: rc %d", readers[r].name, t, rc);
            if (rc == ERR_OK) {
                assert_int_equal(n_posts, 1);
                store_thread_release(&th);
                store_posts_free(posts, n_posts);
            }
            if (list_has(list, n_list, tids[t]) != want)
                fail_msg("%s lists thread %zu: %d", readers[r].name, t, !want);
            struct store_search_hit *hits = NULL;
            size_t n_hits = 0;
            assert_int_equal(network_search(f.s, who[r], thread_words[t], 10, &hits, &n_hits, &e),
                             ERR_OK);
            /* the thread's title and its first post */
            if (n_hits != (want ? 2u : 0u))
                fail_msg("%s finds thread %zu: %zu hits", readers[r].name, t, n_hits);
            store_search_hits_free(hits, n_hits);
        }
        store_threads_free(list, n_list);
    }
    /* no reply to, nor thread in, a territory one does not see */
    static const struct {
        const char *name;
        int who;    /* index in readers */
        int thread; /* reply to this thread, or -1: open one in territory B */
        int want;
    } writes[] = {
        {"facilitator A replies in B", 1, 1, ERR_NOT_FOUND},
        {"member A replies in B", 3, 1, ERR_NOT_FOUND},
        {"member B replies in B", 4, 1, ERR_OK},
        {"facilitator A replies network-wide", 1, 2, ERR_OK},
        {"facilitator A opens in B", 1, -1, ERR_FORBIDDEN},
        {"member A opens in B", 3, -1, ERR_FORBIDDEN},
        {"facilitator B opens in B", 2, -1, ERR_OK},
    };
    for (size_t i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
        const struct store_account *w = who[writes[i].who];
        int rc = writes[i].thread >= 0
                     ? network_post_create(f.s, w, tids[writes[i].thread], "Une réponse", &pid, &e)
                     : network_thread_create(f.s, w, "Nouveau", "Texte", f.terr[1], &pid, &e);
        if (rc != writes[i].want)
            fail_msg("case %s: rc %d (%s)", writes[i].name, rc, e.msg);
    }
    /* a mention does not reveal a thread of territory A to a member of B */
    assert_int_equal(network_post_create(f.s, &f.facil, tids[0],
                                         "@paul@papeterie.fr @marie@scierie.fr voyez ceci", &pid,
                                         &e),
                     ERR_OK);
    assert_int_equal(fixture_count_notifications(&f, f.member2.id, "mention"), 0);
    assert_int_equal(fixture_count_notifications(&f, f.member.id, "mention"), 1);
    store_account_release(&facil_b);
    fixture_close(&f);
}

/* Notifications and authors name people by display name or a role label,
 * never by e-mail address: the API's caller carries no display name, and
 * an account may have none. */
static void test_names_not_emails(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    err_init(&e);
    fixture_open(&f);
    struct store_account nameless;
    fixture_account(&f, &nameless, "jean.martin@fonderie.fr", "", STORE_ROLE_MEMBER, f.org[0], NULL,
                    0);
    struct store_account as_api = f.member; /* as http_net_who builds the caller */
    as_api.display_name = "";
    int64_t tid = 0, pid = 0;
    assert_int_equal(
        network_thread_create(f.s, &f.facil, "Palettes", "Qui en a ?", f.terr[0], &tid, &e),
        ERR_OK);
    assert_int_equal(network_post_create(f.s, &as_api, tid, "Nous", &pid, &e), ERR_OK);
    assert_int_equal(
        network_post_create(f.s, &nameless, tid, "@marie@scierie.fr et nous", &pid, &e), ERR_OK);
    static const struct {
        const char *name;
        int who; /* 0 facilitator, 1 member */
        const char *kind;
        const char *want;
    } cases[] = {
        {"reply of a member with a display name", 0, "reply", "Marie Dupont a répondu"},
        {"reply of a member without one", 0, "reply", "Membre d'une entreprise a répondu"},
        {"mention by a member without one", 1, "mention", "Membre d'une entreprise vous a"},
    };
    const struct store_account *who[2] = {&f.facil, &f.member};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct store_notification *ns = NULL;
        size_t n = 0;
        assert_int_equal(store_notification_list(f.s, who[cases[i].who]->id, false, &ns, &n, &e),
                         ERR_OK);
        bool found = false;
        for (size_t k = 0; k < n; k++) {
            if (strchr(ns[k].text, '@'))
                fail_msg("case %s: an address in \"%s\"", cases[i].name, ns[k].text);
            found |= !strcmp(ns[k].kind, cases[i].kind) && strstr(ns[k].text, cases[i].want);
        }
        if (!found)
            fail_msg("case %s: no %s notification with \"%s\"", cases[i].name, cases[i].kind,
                     cases[i].want);
        store_notifications_free(ns, n);
    }
    /* the authors of posts as the thread's page names them */
    struct store_thread t;
    struct store_post *ps = NULL;
    size_t n_posts = 0;
    assert_int_equal(network_thread_get(f.s, &f.member, tid, &t, &ps, &n_posts, &e), ERR_OK);
    assert_int_equal(n_posts, 3);
    assert_string_equal(network_account_label(t.author_role, t.author_name), "Élodie Lefèvre");
    assert_string_equal(network_account_label(ps[1].author_role, ps[1].author_name),
                        "Marie Dupont");
    assert_string_equal(network_account_label(ps[2].author_role, ps[2].author_name),
                        "Membre d'une entreprise");
    store_thread_release(&t);
    store_posts_free(ps, n_posts);
    store_account_release(&nameless);
    fixture_close(&f);
}

/* A territory resource of the library follows the same rule, in the list
 * and in the search. */
static void test_library_territory(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t rid;
    fixture_open(&f);
    err_init(&e);
    struct network_resource_input in = {.kind = "good_practice",
                                        .title = "Fiche voironpapier",
                                        .visibility = "territory",
                                        .territory_id = f.terr[1],
                                        .original_name = "fiche.txt"};
    assert_int_equal(network_library_add(f.s, NULL, f.files, &in, "Fiche\n", 6, NULL, &rid, &e),
                     ERR_OK);
    static const struct {
        const char *name;
        int who; /* 0 facilitator A, 1 member A, 2 member B, 3 observer */
        bool sees;
    } cases[] = {
        {"facilitator A", 0, false},
        {"member A", 1, false},
        {"member B", 2, true},
        {"observer", 3, true},
    };
    const struct store_account *who[4] = {&f.facil, &f.member, &f.member2, &f.observer};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct store_resource *list = NULL;
        size_t n_list = 0;
        struct store_search_hit *hits = NULL;
        size_t n_hits = 0;
        assert_int_equal(network_library_list(f.s, who[cases[i].who], &list, &n_list, &e), ERR_OK);
        assert_int_equal(
            network_search(f.s, who[cases[i].who], "voironpapier", 10, &hits, &n_hits, &e), ERR_OK);
        if (n_list != cases[i].sees || n_hits != cases[i].sees)
            fail_msg("case %s: %zu listed, %zu found", cases[i].name, n_list, n_hits);
        store_resources_free(list, n_list);
        store_search_hits_free(hits, n_hits);
    }
    fixture_close(&f);
}

/* Hidden hits do not crowd out visible ones: many better-ranked threads of
 * territory B leave a facilitator of A their own thread. */
static void test_search_many_hidden(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t tid;
    fixture_open(&f);
    err_init(&e);
    assert_int_equal(
        network_thread_create(f.s, NULL, "Autre sujet", "un mot biomasse", f.terr[0], &tid, &e),
        ERR_OK);
    for (int i = 0; i < 30; i++)
        assert_int_equal(network_thread_create(f.s, NULL, "biomasse biomasse",
                                               "biomasse biomasse biomasse", f.terr[1], &tid, &e),
                         ERR_OK);
    struct store_search_hit *hits = NULL;
    size_t n_hits = 0;
    assert_int_equal(network_search(f.s, &f.facil, "biomasse", 2, &hits, &n_hits, &e), ERR_OK);
    assert_int_equal(n_hits, 1);
    assert_int_equal(hits[0].territory_id, f.terr[0]);
    store_search_hits_free(hits, n_hits);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_visibility),
        cmocka_unit_test(test_names_not_emails),
        cmocka_unit_test(test_library_territory),
        cmocka_unit_test(test_search_many_hidden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
