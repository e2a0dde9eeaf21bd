-- The receiver answers 202 for a well-formed request and judges each event's domain after
-- (Umbrella's batch semantics), so a request row keeps which of its events were refused and why:
-- refused_json is a JSON object from an event's 1-based place in the request to the reason, or
-- NULL when none was. request_id is the id the 202 answer gave the client.
ALTER TABLE received_event ADD COLUMN request_id VARCHAR(36);
ALTER TABLE received_event ADD COLUMN refused_json VARCHAR;
