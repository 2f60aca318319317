/* SPDX-License-Identifier: MIT */
/*
 * store_schema.c - the numbered migrations of the database schema.
 * Migration N is store__migrations[N-1]; a migration, once released, is
 * never edited: add a new one. Each runs in its own transaction with the
 * row of schema_migrations that records it (store_sqlite.c).
 *
 * The SQL stays close to the common subset of SQLite and PostgreSQL:
 * INTEGER ids, TEXT, REAL, CHECK constraints, times as unix seconds.
 * Enumerations are checked with OR chains, not IN lists: SQLite builds a
 * temporary index for every IN list it evaluates, which made each insert
 * of a flow six times slower.
 */
#include "store_int.h"

static const char *const migration_1[] = {
    "CREATE TABLE territories ( id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL CHECK (kind = 'intercommunality' OR kind = 'business_park' OR kind = "
    "'departement'),"
    " pilot TEXT NOT NULL DEFAULT '',"
    " stage TEXT NOT NULL DEFAULT 'mobilisation' CHECK (stage = 'mobilisation' OR stage = "
    "'data_collection' OR stage = 'detection' OR stage = 'feasibility' OR stage = 'implementation' "
    "OR stage = 'evaluation'),"
    " start_date TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE territory_communes ( territory_id INTEGER NOT NULL REFERENCES territories(id) ON "
    "DELETE CASCADE,"
    " insee TEXT NOT NULL,"
    " PRIMARY KEY (territory_id, insee))",
    "CREATE INDEX territory_communes_insee ON territory_communes(insee)",
    "CREATE TABLE organisations ( id INTEGER PRIMARY KEY,"
    " siret TEXT NOT NULL UNIQUE CHECK (length(siret) = 14),"
    " name TEXT NOT NULL,"
    " naf TEXT NOT NULL,"
    " kind TEXT NOT NULL DEFAULT 'company' CHECK (kind = 'company' OR kind = 'public_body' OR kind "
    "= 'chamber' OR kind = 'association' OR kind = 'social_economy'),"
    " address TEXT NOT NULL DEFAULT '',"
    " postal_code TEXT NOT NULL DEFAULT '',"
    " commune_insee TEXT NOT NULL,"
    " lat REAL NOT NULL,"
    " lon REAL NOT NULL,"
    " headcount INTEGER CHECK (headcount IS NULL OR headcount >= 0),"
    " territory_id INTEGER REFERENCES territories(id) ON DELETE SET NULL,"
    " created_at INTEGER NOT NULL)",
    "CREATE INDEX organisations_territory ON organisations(territory_id)",
    "CREATE INDEX organisations_naf ON organisations(naf)",
    "CREATE TABLE flows ( id INTEGER PRIMARY KEY,"
    " organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
    " direction TEXT NOT NULL CHECK (direction = 'offer' OR direction = 'need'),"
    " family TEXT NOT NULL CHECK (family = 'material' OR family = 'energy' OR family = 'water' OR "
    "family = 'service' OR family = 'purchase' OR family = 'training'),"
    " code TEXT NOT NULL,"
    " quantity REAL NOT NULL CHECK (quantity >= 0),"
    " unit TEXT NOT NULL,"
    " period TEXT NOT NULL,"
    " qty_per_yr REAL NOT NULL CHECK (qty_per_yr >= 0),"
    " base_unit TEXT NOT NULL,"
    " hazardous INTEGER NOT NULL DEFAULT 0 CHECK (hazardous = 0 OR hazardous = 1),"
    " physical_state TEXT NOT NULL DEFAULT '' CHECK (physical_state = '' OR physical_state = "
    "'solid' OR physical_state = 'liquid' OR physical_state = 'sludge' OR physical_state = 'gas'),"
    " temperature_c REAL,"
    " availability TEXT NOT NULL DEFAULT 'continuous' CHECK (availability = 'continuous' OR "
    "availability = 'seasonal' OR availability = 'one_off'),"
    " months_mask INTEGER NOT NULL DEFAULT 4095 CHECK (months_mask BETWEEN 0 AND 4095),"
    " cost_eur_per_unit REAL,"
    " confidentiality TEXT NOT NULL DEFAULT 'public' CHECK (confidentiality = 'public' OR "
    "confidentiality = 'anonymised' OR confidentiality = 'facilitator_only'),"
    " description TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL)",
    "CREATE INDEX flows_organisation ON flows(organisation_id)",
    "CREATE INDEX flows_code ON flows(code)",
    "CREATE TABLE pools ( id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind = 'collection' OR kind = 'purchase' OR kind = 'training' OR "
    "kind = 'room'),"
    " territory_id INTEGER REFERENCES territories(id) ON DELETE SET NULL,"
    " code TEXT NOT NULL DEFAULT '',"
    " description TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE pool_members ( pool_id INTEGER NOT NULL REFERENCES pools(id) ON DELETE CASCADE,"
    " organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
    " flow_id INTEGER REFERENCES flows(id) ON DELETE SET NULL,"
    " joined_at INTEGER NOT NULL,"
    " PRIMARY KEY (pool_id, organisation_id))",
    "CREATE TABLE accounts ( id INTEGER PRIMARY KEY,"
    " email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " display_name TEXT NOT NULL DEFAULT '',"
    " password_hash TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role = 'regional_admin' OR role = 'facilitator' OR role = 'member' "
    "OR role = 'collector' OR role = 'observer'),"
    " organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE account_territories ( account_id INTEGER NOT NULL REFERENCES accounts(id) ON "
    "DELETE CASCADE,"
    " territory_id INTEGER NOT NULL REFERENCES territories(id) ON DELETE CASCADE,"
    " PRIMARY KEY (account_id, territory_id))",
    "CREATE TABLE synergies ( id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind = 'substitution' OR kind = 'mutualisation'),"
    " offer_flow_id INTEGER REFERENCES flows(id) ON DELETE CASCADE,"
    " need_flow_id INTEGER REFERENCES flows(id) ON DELETE SET NULL,"
    " receiver_org_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,"
    " pool_id INTEGER REFERENCES pools(id) ON DELETE CASCADE,"
    " status TEXT NOT NULL CHECK (status = 'suggested' OR status = 'studied' OR status = "
    "'in_progress' OR status = 'implemented' OR status = 'abandoned'),"
    " reason TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    " est_t_diverted REAL, est_co2e_t REAL,"
    " est_eur_saved REAL,"
    " est_km REAL,"
    " meas_t_diverted REAL, meas_co2e_t REAL,"
    " meas_eur_saved REAL,"
    " meas_km REAL,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " CHECK ((kind = 'substitution' AND offer_flow_id IS NOT NULL AND receiver_org_id IS NOT NULL) "
    " OR (kind = 'mutualisation' AND pool_id IS NOT NULL)),"
    " CHECK (status <> 'abandoned' OR reason <> ''))",
    "CREATE INDEX synergies_offer ON synergies(offer_flow_id)",
    "CREATE INDEX synergies_pool ON synergies(pool_id)",
    "CREATE TABLE synergy_status_history ( id INTEGER PRIMARY KEY,"
    " synergy_id INTEGER NOT NULL REFERENCES synergies(id) ON DELETE CASCADE,"
    " at INTEGER NOT NULL,"
    " from_status TEXT,"
    " to_status TEXT NOT NULL,"
    " account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " reason TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX synergy_status_history_synergy ON synergy_status_history(synergy_id)",
    "CREATE TABLE sessions ( token_hash TEXT PRIMARY KEY,"
    " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    " created_at INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL)",
    "CREATE INDEX sessions_account ON sessions(account_id)",
    "CREATE TABLE audit_log ( id INTEGER PRIMARY KEY,"
    " at INTEGER NOT NULL,"
    " account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " action TEXT NOT NULL,"
    " entity TEXT NOT NULL,"
    " entity_id INTEGER,"
    " before_json TEXT NOT NULL DEFAULT '',"
    " after_json TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX audit_log_at ON audit_log(at)",
    NULL,
};

const char *const *const store__migrations[] = {
    migration_1,
    store__migration_network,
    store__migration_web,
    store__migration_optim,
    store__migration_accounts,
    store__migration_eval,
    store__migration_sirene,
};
const size_t store__n_migrations = sizeof(store__migrations) / sizeof(store__migrations[0]);
