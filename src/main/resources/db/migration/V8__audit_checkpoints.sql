-- Audit (helper "audit"): the database's copy of each signed checkpoint of the audit trail. The checkpoint file
-- outside the database is what counts; this copy only shows when lines were cut off that file.
create table audit_checkpoint (
    file_id varchar(16) not null,
    n       bigint      not null,
    line    varchar(2000) not null,
    primary key (file_id, n)
);
