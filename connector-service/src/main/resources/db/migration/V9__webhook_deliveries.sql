-- Signed webhook requests already accepted, kept for as long as their signature is fresh (5 minutes): a second
-- delivery of the same signed request inside that window is answered as a duplicate and reads nothing.
create table webhook_delivery (
    connection_id  uuid          not null references crm_connection (id) on delete cascade,
    signature      varchar(100)  not null,
    received_at    timestamptz   not null,
    primary key (connection_id, signature)
);
create index webhook_delivery_received_at on webhook_delivery (received_at);
