-- Intuit's consent flow (OAuth 2.0 authorization code): a company can be configured before it is connected, so
-- its realm and refresh token arrive with the callback. The worker pushes only companies that have both.
alter table qbo_company alter column realm_id drop not null;
alter table qbo_company alter column refresh_token drop not null;
alter table qbo_company add column authorize_url varchar(500);
alter table qbo_company add column redirect_uri varchar(500);

-- A consent asked for: the SHA-256 of its single-use state (the state itself is only in the consent URL), bound
-- to the tenant, spent by the callback with one conditional UPDATE (used_at), so that two callbacks cannot both win.
create table qbo_oauth_state (
    state_hash  varchar(64)  primary key,
    tenant_id   varchar(64)  not null references qbo_company (tenant_id) on delete cascade,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    used_at     timestamptz,
    check (expires_at > created_at)
);
create index qbo_oauth_state_tenant on qbo_oauth_state (tenant_id);
