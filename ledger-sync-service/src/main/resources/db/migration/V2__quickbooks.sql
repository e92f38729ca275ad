-- QuickBooks Online adapter (package quickbooks): a tenant's company, off unless configured. Secrets are AES-GCM
-- ciphertexts (module secrets), bound to "quickbooks/{tenant}/{column}".
create table qbo_company (
    tenant_id               varchar(64)   primary key,
    realm_id                varchar(32)   not null,
    api_base_url            varchar(500)  not null,
    token_url               varchar(500)  not null,
    client_id               varchar(200)  not null,
    client_secret           bytea         not null,
    refresh_token           bytea         not null,
    access_token            bytea,
    access_token_expires_at timestamptz,
    minor_version           integer       not null check (minor_version > 0),
    income_account_id       varchar(32)   not null,
    enabled                 boolean       not null,
    -- seq of the newest ledger document queued for the company (ledger_document.seq)
    document_cursor         bigint        not null default 0,
    -- the instance pushing the company's documents until lease_until: one at a time, so its limits hold
    lease_owner             varchar(64),
    lease_until             timestamptz,
    created_at              timestamptz   not null,
    updated_at              timestamptz   not null
);

-- What is pushed and how it went: one row per ledger customer, item and document of a configured tenant. The row
-- holds the mapping to the QuickBooks object (qbo_id, sync_token) and the requestid every attempt at its create
-- or update sends, so a retry never creates a second object.
create table qbo_sync (
    id              uuid          primary key,
    tenant_id       varchar(64)   not null,
    entity          varchar(16)   not null
        check (entity in ('CUSTOMER', 'ITEM', 'INVOICE', 'SALES_RECEIPT', 'PAYMENT', 'ADJUSTMENT', 'VOID')),
    local_id        varchar(100)  not null,
    document_seq    bigint,
    -- the document's invoice or payment: documents of one subject are pushed in posting order
    subject         uuid,
    state           varchar(8)    not null check (state in ('PENDING', 'SYNCED', 'FAILED')),
    reason          varchar(2000),
    attempts        integer       not null check (attempts >= 0),
    request_id      uuid          not null,
    qbo_type        varchar(16),
    qbo_id          varchar(32),
    sync_token      varchar(32),
    next_attempt_at timestamptz   not null,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    unique (tenant_id, entity, local_id),
    check (state <> 'SYNCED' or qbo_id is not null),
    check (state <> 'FAILED' or reason is not null)
);
create index qbo_sync_pending on qbo_sync (tenant_id, document_seq) where state = 'PENDING';
create index qbo_sync_listing on qbo_sync (tenant_id, state, updated_at);
