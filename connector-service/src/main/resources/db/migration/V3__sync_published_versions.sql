-- The version (last-modified time in the CRM) of each record a connection published recently, per entity. A search
-- re-reads an overlap before its cursor, and webhooks publish ahead of the schedule: a version already published is
-- not published again. Rows older than the entity's cursor minus the retention are deleted as the cursor moves.
create table sync_published_version (
    connection_id  uuid          not null references crm_connection (id) on delete cascade,
    entity         varchar(32)   not null,
    external_id    varchar(255)  not null,
    modified_at    timestamptz   not null,
    primary key (connection_id, entity, external_id)
);
create index sync_published_version_age on sync_published_version (connection_id, entity, modified_at);
