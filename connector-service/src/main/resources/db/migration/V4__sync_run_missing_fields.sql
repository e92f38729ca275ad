-- What the records a run published lacked, per entity and canonical field (a deal without a stage, pipeline,
-- amount, close date or owner; a contact without an email address …), for the data-quality report. Incomplete
-- records are published, not dead-lettered; this counts them. Only fields that some record lacked have a row.
create table sync_run_missing (
    run_id   uuid         not null,
    entity   varchar(32)  not null,
    field    varchar(32)  not null,
    records  bigint       not null,
    primary key (run_id, entity, field),
    foreign key (run_id, entity) references sync_run_entity (run_id, entity) on delete cascade
);
