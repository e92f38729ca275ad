-- A connection the CRM will not serve for a while (Salesforce's daily API limit exhausted): no run starts before
-- paused_until, and an API request for one is refused with the reason. One row per connection, replaced by a new pause.
create table sync_pause (
    connection_id  uuid           primary key references crm_connection (id) on delete cascade,
    paused_until   timestamptz    not null,
    reason         varchar(2000)  not null
);
