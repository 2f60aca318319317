/* SPDX-License-Identifier: MIT */
/*
 * network_view_test.c - properties of the one visibility rule
 * (network_view, network_view_side) over random callers (role,
 * organisation, territories), subjects (organisation or flow, territory,
 * confidentiality) and working relations (contact accepted, collection
 * served, collector organisations): 200,000 cases from a fixed seed, each
 * checked against the statements of docs/confidentiality.md, plus the
 * table of named cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "network/network.h"

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static const enum store_role roles[] = {STORE_ROLE_REGIONAL_ADMIN, STORE_ROLE_FACILITATOR,
                                        STORE_ROLE_MEMBER, STORE_ROLE_COLLECTOR,
                                        STORE_ROLE_OBSERVER};

static bool runs(const struct store_account *w, int64_t t)
{
    for (size_t i = 0; t > 0 && i < w->n_territories; i++)
        if (w->territory_ids[i] == t)
            return true;
    return false;
}

/* Checks the documented statements on one case; names the case on failure. */
static void check_case(const struct store_account *w, const struct network_subject *s,
                       unsigned long long n)
{
    enum network_view v = network_view(w, s);
    enum network_view side = network_view_side(w, s);
    bool is_flow = s->kind == NETWORK_SUBJECT_FLOW;
    bool is_own = (w->role == STORE_ROLE_MEMBER || w->role == STORE_ROLE_COLLECTOR) &&
                  w->org_id > 0 && w->org_id == s->org_id;
    bool is_fac = w->role == STORE_ROLE_FACILITATOR && runs(w, s->territory_id);
    bool is_fo = is_flow && s->confidentiality == STORE_CONF_FACILITATOR_ONLY;
    bool may_relate = w->role == STORE_ROLE_MEMBER || w->role == STORE_ROLE_COLLECTOR ||
                      w->role == STORE_ROLE_FACILITATOR;
#define EXPECT(cond, what)                                                                         \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail_msg("case %llu: %s (role %d org %lld/%lld terr %lld %s conf %d rel %d coll %d: "  \
                     "view %d side %d)",                                                           \
                     n, what, (int)w->role, (long long)w->org_id, (long long)s->org_id,            \
                     (long long)s->territory_id, is_flow ? "flow" : "org",                         \
                     (int)s->confidentiality, s->is_related, s->is_collector, v, side);            \
    } while (0)
    if (w->id <= 0) {
        EXPECT(v == NETWORK_VIEW_NONE && side == NETWORK_VIEW_NONE, "anonymous sees nothing");
        return;
    }
    if (is_own || is_fac)
        EXPECT(v == NETWORK_VIEW_FULL, "own organisation and territories run are in full");
    if (is_fo && !is_own && !is_fac)
        EXPECT(v == NETWORK_VIEW_NONE && side == NETWORK_VIEW_NONE,
               "a facilitator-only flow is hidden from everyone else, relation or not");
    if (v == NETWORK_VIEW_FULL) {
        bool has_reason = is_own || is_fac || (!is_flow && s->is_collector) ||
                          (s->is_related && may_relate) ||
                          (is_flow && s->confidentiality == STORE_CONF_PUBLIC &&
                           w->role != STORE_ROLE_FACILITATOR);
        EXPECT(has_reason, "full view without a reason");
    }
    if (w->role == STORE_ROLE_REGIONAL_ADMIN || w->role == STORE_ROLE_OBSERVER) {
        if (!is_flow)
            EXPECT((v == NETWORK_VIEW_FULL) == s->is_collector,
                   "the region reads companies anonymised");
        else
            EXPECT((v == NETWORK_VIEW_FULL) == (s->confidentiality == STORE_CONF_PUBLIC),
                   "the region reads public flows only in full");
    }
    if (w->role == STORE_ROLE_FACILITATOR && !is_fac && !s->is_related &&
        !(s->is_collector && !is_flow))
        EXPECT(v == NETWORK_VIEW_NONE, "outside its territories a facilitator reads nothing");
    if (!is_fo && s->is_related && may_relate)
        EXPECT(v == NETWORK_VIEW_FULL, "contact accepted by both companies reveals");
    /* a derived view never shows less than a direct read, never hides a
     * side that is not a facilitator-only flow */
    EXPECT(side >= v, "side view below the direct read");
    EXPECT(side != NETWORK_VIEW_NONE || is_fo, "side hidden without being facilitator-only");
    /* relations and collector status only ever widen */
    struct network_subject more = *s;
    more.is_related = true;
    EXPECT(network_view(w, &more) >= v, "a relation narrowed the view");
    more = *s;
    more.is_collector = true;
    EXPECT(network_view(w, &more) >= v, "collector status narrowed the view");
#undef EXPECT
}

static void test_random_cases(void **state)
{
    (void)state;
    uint64_t seed = 0x5eed5eedULL;
    for (unsigned long long n = 0; n < 200000; n++) {
        int64_t terrs[3];
        struct store_account w = {0};
        w.id = rnd(&seed) % 20 == 0 ? 0 : 1 + (int64_t)(rnd(&seed) % 50);
        w.role = roles[rnd(&seed) % 5];
        w.org_id = (int64_t)(rnd(&seed) % 6);
        w.n_territories = rnd(&seed) % 4;
        for (size_t i = 0; i < w.n_territories; i++)
            terrs[i] = (int64_t)(rnd(&seed) % 5);
        w.territory_ids = terrs;
        struct network_subject s = {0};
        s.kind = rnd(&seed) % 2 ? NETWORK_SUBJECT_FLOW : NETWORK_SUBJECT_ORG;
        s.org_id = 1 + (int64_t)(rnd(&seed) % 5);
        s.territory_id = (int64_t)(rnd(&seed) % 5);
        s.confidentiality = (enum store_confidentiality)(rnd(&seed) % 3);
        s.is_related = rnd(&seed) % 3 == 0;
        s.is_collector = rnd(&seed) % 7 == 0;
        check_case(&w, &s, n);
    }
}

static void test_named_cases(void **state)
{
    (void)state;
    int64_t t1[1] = {1};
    static const struct {
        const char *name;
        enum store_role role;
        int64_t org;
        bool has_t1;
        enum network_subject_kind kind;
        int64_t subj_org, subj_terr;
        enum store_confidentiality conf;
        bool is_related;
        enum network_view want, want_side;
    } cases[] = {
        {"facilitator, other territory's company", STORE_ROLE_FACILITATOR, 0, true,
         NETWORK_SUBJECT_ORG, 3, 2, STORE_CONF_ANONYMISED, false, NETWORK_VIEW_NONE,
         NETWORK_VIEW_ANON},
        {"facilitator, other territory's company after contact", STORE_ROLE_FACILITATOR, 0, true,
         NETWORK_SUBJECT_ORG, 3, 2, STORE_CONF_ANONYMISED, true, NETWORK_VIEW_FULL,
         NETWORK_VIEW_FULL},
        {"member, facilitator-only flow of another", STORE_ROLE_MEMBER, 1, false,
         NETWORK_SUBJECT_FLOW, 3, 1, STORE_CONF_FACILITATOR_ONLY, true, NETWORK_VIEW_NONE,
         NETWORK_VIEW_NONE},
        {"member, counterpart before contact", STORE_ROLE_MEMBER, 1, false, NETWORK_SUBJECT_ORG, 2,
         1, STORE_CONF_ANONYMISED, false, NETWORK_VIEW_ANON, NETWORK_VIEW_ANON},
        {"observer, related is no relation of its own", STORE_ROLE_OBSERVER, 0, false,
         NETWORK_SUBJECT_ORG, 2, 1, STORE_CONF_ANONYMISED, true, NETWORK_VIEW_ANON,
         NETWORK_VIEW_ANON},
        {"admin, a company", STORE_ROLE_REGIONAL_ADMIN, 0, false, NETWORK_SUBJECT_ORG, 2, 1,
         STORE_CONF_ANONYMISED, false, NETWORK_VIEW_ANON, NETWORK_VIEW_ANON},
        {"collector, its own organisation", STORE_ROLE_COLLECTOR, 4, false, NETWORK_SUBJECT_ORG, 4,
         0, STORE_CONF_ANONYMISED, false, NETWORK_VIEW_FULL, NETWORK_VIEW_FULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct store_account w = {.id = 7, .role = cases[i].role, .org_id = cases[i].org};
        if (cases[i].has_t1) {
            w.territory_ids = t1;
            w.n_territories = 1;
        }
        struct network_subject s = {cases[i].kind, cases[i].subj_org,   cases[i].subj_terr,
                                    cases[i].conf, cases[i].is_related, false};
        enum network_view v = network_view(&w, &s), side = network_view_side(&w, &s);
        if (v != cases[i].want || side != cases[i].want_side)
            fail_msg("%s: view %d side %d, expected %d %d", cases[i].name, v, side, cases[i].want,
                     cases[i].want_side);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_named_cases),
        cmocka_unit_test(test_random_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
