-- ctiflow's webhook component is now signed-webhook: (webhook: is Apache Camel's own camel-webhook).
-- The ledger and dead letters name endpoints by scheme and name: renamed, so what a webhook partner already
-- received is not sent again and its failed deliveries still replay.
UPDATE state_published SET endpoint = 'signed-' || endpoint WHERE endpoint LIKE 'webhook:%';
UPDATE state_dead_letter SET location = 'signed-' || location WHERE kind = 'failed-delivery' AND location LIKE 'webhook:%';
