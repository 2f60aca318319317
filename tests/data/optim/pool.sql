-- A pooled collection of cardboard (15 01 01) for the 8 companies of
-- cluster.csv (Carquefou, Nantes Métropole), 300 kg each per month,
-- collected by the Ressourcerie de l'Erdre; the new pool's id is max(id).
INSERT INTO net_collections (name, territory_id, collector_org_id, depot_lat, depot_lon,
  vehicle_capacity_kg, round_frequency, created_at)
  SELECT 'Cartons de Carquefou', territory_id, id, 47.2950, -1.4800, 1000, 'monthly', 0
  FROM organisations WHERE siret = '98765432100007';
INSERT INTO net_collection_items (collection_id, organisation_id, low_code, quantity_kg, frequency,
  created_at)
  SELECT (SELECT max(id) FROM net_collections), id, '150101', 300, 'monthly', 0 FROM organisations
  WHERE siret LIKE '987654321%' AND kind = 'company';
