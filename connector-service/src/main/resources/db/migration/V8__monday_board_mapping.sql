-- monday.com boards a connection syncs: which entity each holds and which column holds which canonical field
-- (a JSON object field -> column id). Defaults recognised from the sales-CRM template are stored on the first run;
-- a user's edit (edited = true) is kept by later runs.
create table monday_board_mapping (
    connection_id  uuid           not null references crm_connection (id) on delete cascade,
    board_id       varchar(40)    not null,
    board_name     varchar(255)   not null,
    entity         varchar(20)    not null,
    columns_json   varchar(4000)  not null,
    edited         boolean        not null default false,
    primary key (connection_id, board_id)
);
