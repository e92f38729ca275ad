-- merge-service state. Every row belongs to a tenant; a tenant's changes are serialised by a transaction-scoped
-- advisory lock on the tenant (TenantLock), taken by the consumer and by every REST decision.

-- The record-consumer module's processed-event log (its README gives this table).
create table processed_event (
    event_id      varchar(64)  primary key,
    topic         varchar(100) not null,
    partition_no  integer      not null,
    record_offset bigint       not null,
    outcome       varchar(32)  not null,
    processed_at  timestamptz  not null
);

-- crm.connections.v1: what resolution needs of a connection's settings.
create table connection_settings (
    tenant_id      varchar(100) not null,
    connection_id  varchar(100) not null,
    source         varchar(20)  not null,
    auto_merge     boolean      not null,
    customer_scope varchar(20)  not null,
    sync_products  boolean      not null,
    updated_at     timestamptz  not null,
    primary key (tenant_id, connection_id)
);

-- CRM contacts and accounts as last received (the Avro record's bytes) and where resolution left them.
create table crm_record (
    id                bigserial    primary key,
    tenant_id         varchar(100) not null,
    connection_id     varchar(100) not null,
    source            varchar(20)  not null,
    entity_type       varchar(10)  not null check (entity_type in ('CONTACT', 'ACCOUNT')),
    external_id       varchar(200) not null,
    account_id        varchar(200),
    payload           bytea        not null,
    source_updated_at timestamptz  not null,
    deleted           boolean      not null,
    state             varchar(30)  not null,
    unique (tenant_id, connection_id, entity_type, external_id)
);
create index crm_record_account on crm_record (tenant_id, connection_id, account_id) where entity_type = 'CONTACT';
create index crm_record_state on crm_record (tenant_id, connection_id, state);

create table customer (
    id             varchar(36)  primary key,
    tenant_id      varchar(100) not null,
    kind           varchar(10)  not null,
    display_name   varchar(500) not null,
    email          varchar(320),
    search_text    text         not null,
    merged_into_id varchar(36)  references customer (id),
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null
);
create index customer_tenant on customer (tenant_id, display_name, id);

-- One CRM record linked to one customer, and why: the rule, and for a score its explanation.
create table source_link (
    id            bigserial    primary key,
    tenant_id     varchar(100) not null,
    customer_id   varchar(36)  not null references customer (id),
    crm_record_id bigint       not null unique references crm_record (id),
    decision      varchar(20)  not null,
    rule          varchar(40)  not null,
    weight        double precision,
    explanation   jsonb,
    decided_by    varchar(200),
    linked_at     timestamptz  not null
);
create index source_link_customer on source_link (customer_id);

create table review_item (
    id            varchar(36)  primary key,
    tenant_id     varchar(100) not null,
    crm_record_id bigint       not null references crm_record (id),
    reason        varchar(40)  not null,
    state         varchar(20)  not null,
    customer_id   varchar(36)  references customer (id),
    candidates    jsonb        not null,
    created_at    timestamptz  not null,
    decided_at    timestamptz
);
create index review_item_tenant on review_item (tenant_id, state, created_at, id);
create unique index review_item_one_open on review_item (crm_record_id) where state = 'OPEN';

-- The audit trail: who decided what, when.
create table decision (
    id             bigserial    primary key,
    tenant_id      varchar(100) not null,
    action         varchar(30)  not null,
    review_item_id varchar(36)  references review_item (id),
    customer_id    varchar(36)  references customer (id),
    actor          varchar(200) not null,
    decided_at     timestamptz  not null,
    details        jsonb        not null
);
create index decision_tenant on decision (tenant_id, decided_at);

-- Deals as last received; PENDING until their primary contact or account is linked, then PUBLISHED.
create table deal (
    id                 bigserial    primary key,
    tenant_id          varchar(100) not null,
    connection_id      varchar(100) not null,
    source             varchar(20)  not null,
    external_id        varchar(200) not null,
    payload            bytea        not null,
    source_updated_at  timestamptz  not null,
    primary_contact_id varchar(200),
    account_id         varchar(200),
    contact_ids        varchar(200)[] not null,
    state              varchar(20)  not null,
    customer_id        varchar(36)  references customer (id),
    resolved_at        timestamptz,
    unique (tenant_id, connection_id, external_id)
);
create index deal_account on deal (tenant_id, connection_id, account_id);
create index deal_contacts on deal using gin (contact_ids);

create table catalog_item (
    id         varchar(36)  primary key,
    tenant_id  varchar(100) not null,
    sku_key    varchar(300),
    name_key   varchar(500) not null,
    published  boolean      not null,
    updated_at timestamptz  not null
);
create index catalog_item_sku on catalog_item (tenant_id, sku_key);
create index catalog_item_name on catalog_item (tenant_id, name_key);

create table product (
    id                bigserial    primary key,
    tenant_id         varchar(100) not null,
    connection_id     varchar(100) not null,
    source            varchar(20)  not null,
    external_id       varchar(200) not null,
    payload           bytea        not null,
    source_updated_at timestamptz  not null,
    deleted           boolean      not null,
    item_id           varchar(36)  references catalog_item (id),
    linked_at         timestamptz,
    unique (tenant_id, connection_id, external_id)
);
create index product_item on product (item_id);

-- The identity engine's CandidateIndex: linked records, their blocking keys and value counts. A lookup reads the
-- blocks of a record's keys only (primary-key prefix), never the tenant's whole table.
create table identity_record (
    tenant_id   varchar(100) not null,
    kind        varchar(10)  not null,
    record_ref  varchar(600) not null,
    customer_id varchar(36)  not null,
    identity    jsonb        not null,
    primary key (tenant_id, kind, record_ref)
);
create table identity_block (
    tenant_id  varchar(100) not null,
    kind       varchar(10)  not null,
    block_key  varchar(600) not null,
    record_ref varchar(600) not null,
    primary key (tenant_id, kind, block_key, record_ref)
);
-- Records per field value; the empty term counts the records that have the field at all.
create table identity_term (
    tenant_id varchar(100) not null,
    kind      varchar(10)  not null,
    field     varchar(20)  not null,
    term      varchar(600) not null,
    records   bigint       not null,
    primary key (tenant_id, kind, field, term)
);
