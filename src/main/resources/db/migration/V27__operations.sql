-- Operations (docs/jobs.md): how many times in a row a recording's ingest has waited for an unreachable media store
-- (retried with backoff, then failed after a limit), and the outcome of each chaptered-copy job, which any node may
-- run while the caller, on whichever node, waits for this row.
alter table recording add column store_waits int not null default 0;

create table chaptered_copy_job (
    job_key varchar(200) not null primary key,
    recording_id bigint not null,
    state varchar(10) not null,
    message varchar(2000),
    copy_sha256 varchar(64),
    requested_at timestamp with time zone not null,
    finished_at timestamp with time zone
);
