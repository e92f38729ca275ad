-- One sync of one connection: what it did, entity by entity, and how it ended.
create table sync_run (
    id             uuid          primary key,
    connection_id  uuid          not null references crm_connection (id) on delete cascade,
    mode           varchar(16)   not null,
    trigger        varchar(16)   not null,
    state          varchar(16)   not null,
    queued_at      timestamptz   not null,
    started_at     timestamptz,
    ended_at       timestamptz,
    api_calls      bigint        not null default 0,
    rate_limited   bigint        not null default 0,
    error          varchar(2000)
);
create index sync_run_connection on sync_run (connection_id, queued_at desc);

create table sync_run_entity (
    run_id         uuid          not null references sync_run (id) on delete cascade,
    entity         varchar(32)   not null,
    state          varchar(16)   not null,
    fetched        bigint        not null default 0,
    published      bigint        not null default 0,
    rejected       bigint        not null default 0,
    deleted        bigint        not null default 0,
    message        varchar(2000),
    primary key (run_id, entity)
);

-- Where the next incremental sync of (connection, entity) starts: stored only after Kafka acknowledged
-- every record up to it.
create table sync_cursor (
    connection_id  uuid          not null references crm_connection (id) on delete cascade,
    entity         varchar(32)   not null,
    modified_at    timestamptz   not null,
    last_id        varchar(100)  not null,
    updated_at     timestamptz   not null,
    primary key (connection_id, entity)
);

-- At most one running sync per connection across every instance: a lease renewed while the run lives.
create table sync_lease (
    connection_id  uuid          primary key references crm_connection (id) on delete cascade,
    holder         varchar(100)  not null,
    run_id         uuid          not null,
    expires_at     timestamptz   not null
);
