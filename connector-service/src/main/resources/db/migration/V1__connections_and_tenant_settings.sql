-- Tenant settings: what every KPI and ledger posting of a tenant depends on (published on tenants.v1).
create table tenant_settings (
    tenant_id               varchar(64)  primary key,
    display_name            varchar(200),
    home_currency           varchar(3)   not null,
    time_zone               varchar(64)  not null,
    fiscal_year_start_month integer      not null check (fiscal_year_start_month between 1 and 12),
    updated_at              timestamptz  not null
);

-- One CRM connection of a tenant (published on crm.connections.v1). Secrets are AES-GCM ciphertexts.
create table crm_connection (
    id                      uuid         primary key,
    tenant_id               varchar(64)  not null,
    crm                     varchar(16)  not null,
    display_name            varchar(200) not null,
    status                  varchar(16)  not null,
    auth_kind               varchar(16)  not null,
    auto_merge              boolean      not null,
    customer_scope          varchar(16)  not null,
    sync_products           boolean      not null,
    sync_invoices_since     timestamptz  not null,
    api_base_url            varchar(500),
    token_url               varchar(500),
    authorize_url           varchar(500),
    redirect_uri            varchar(500),
    oauth_client_id         varchar(200),
    oauth_scopes            varchar(2000),
    client_secret           bytea,
    access_token            bytea,
    access_token_expires_at timestamptz,
    refresh_token           bytea,
    external_account_id     varchar(100),
    status_reason           varchar(1000),
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    version                 bigint       not null
);
create index crm_connection_tenant on crm_connection (tenant_id);

-- Single-use OAuth 'state' values, bound to the tenant and connection that asked for consent.
create table oauth_state (
    state          varchar(64)  primary key,
    tenant_id      varchar(64)  not null,
    connection_id  uuid         not null references crm_connection (id) on delete cascade,
    created_at     timestamptz  not null,
    expires_at     timestamptz  not null,
    used_at        timestamptz
);

-- Pipeline + stage -> OPEN/WON/LOST + probability, derived from the CRM and editable per connection.
create table stage_mapping (
    connection_id  uuid          not null references crm_connection (id) on delete cascade,
    pipeline_id    varchar(100)  not null,
    stage_id       varchar(100)  not null,
    pipeline_label varchar(200),
    stage_label    varchar(200),
    category       varchar(8)    not null,
    probability    numeric(5, 4) not null check (probability between 0 and 1),
    edited         boolean       not null,
    primary key (connection_id, pipeline_id, stage_id)
);

-- Raw CRM lead status -> NEW/WORKING/QUALIFIED/UNQUALIFIED/CONVERTED, editable per connection.
create table lead_status_mapping (
    connection_id  uuid          not null references crm_connection (id) on delete cascade,
    raw_status     varchar(100)  not null,
    status         varchar(16)   not null,
    edited         boolean       not null,
    primary key (connection_id, raw_status)
);
