-- Tables of the transactional outbox (module outbox), versioned in their own history table outbox_schema_history,
-- apart from the service's own migrations.

-- An event lives here only inside the transaction that appends it: the append inserts and deletes the row, and the
-- publication streams inserts only, so the relay still reads the event from the WAL and the table stays empty.
CREATE TABLE outbox_event (
    id          uuid PRIMARY KEY,
    topic       text NOT NULL,
    message_key text NOT NULL,
    -- Avro single-object bytes; NULL is a tombstone.
    payload     bytea,
    headers     jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Written by the relay's heartbeat so that the replication slot advances while only other tables change.
CREATE TABLE outbox_heartbeat (
    id      bigserial PRIMARY KEY,
    beat_at timestamptz NOT NULL
);

-- Debezium's offsets (the WAL position relayed and acknowledged), one row per offset key.
CREATE TABLE outbox_relay_offset (
    offset_key   text PRIMARY KEY,
    offset_value text NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
