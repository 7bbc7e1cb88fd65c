-- The worker jobs' own db-scheduler tables (docs/jobs.md): ingest_jobs (recording-ingest) and chapter_jobs
-- (chaptered-copy). Each node polls each with a scheduler of its own that has as many threads as the node has workers
-- of that kind, so a node claims a job only when a worker is free. The same columns as scheduled_tasks (V23); the jobs
-- of these kinds waiting there move here.
create table ingest_jobs (
    task_name varchar(100) not null,
    task_instance varchar(200) not null,
    task_data bytea,
    execution_time timestamp with time zone not null,
    picked boolean not null,
    picked_by varchar(100),
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures int,
    last_heartbeat timestamp with time zone,
    version bigint not null,
    priority smallint,
    primary key (task_name, task_instance)
);

create index ingest_jobs_execution_time_idx on ingest_jobs (execution_time);
create index ingest_jobs_last_heartbeat_idx on ingest_jobs (last_heartbeat);
create index ingest_jobs_priority_execution_time_idx on ingest_jobs (priority desc, execution_time asc);

create table chapter_jobs (
    task_name varchar(100) not null,
    task_instance varchar(200) not null,
    task_data bytea,
    execution_time timestamp with time zone not null,
    picked boolean not null,
    picked_by varchar(100),
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures int,
    last_heartbeat timestamp with time zone,
    version bigint not null,
    priority smallint,
    primary key (task_name, task_instance)
);

create index chapter_jobs_execution_time_idx on chapter_jobs (execution_time);
create index chapter_jobs_last_heartbeat_idx on chapter_jobs (last_heartbeat);
create index chapter_jobs_priority_execution_time_idx on chapter_jobs (priority desc, execution_time asc);

insert into ingest_jobs (task_name, task_instance, task_data, execution_time, picked, picked_by, last_success,
        last_failure, consecutive_failures, last_heartbeat, version, priority)
    select task_name, task_instance, task_data, execution_time, picked, picked_by, last_success, last_failure,
        consecutive_failures, last_heartbeat, version, priority
    from scheduled_tasks where task_name = 'recording-ingest';
insert into chapter_jobs (task_name, task_instance, task_data, execution_time, picked, picked_by, last_success,
        last_failure, consecutive_failures, last_heartbeat, version, priority)
    select task_name, task_instance, task_data, execution_time, picked, picked_by, last_success, last_failure,
        consecutive_failures, last_heartbeat, version, priority
    from scheduled_tasks where task_name = 'chaptered-copy';
delete from scheduled_tasks where task_name in ('recording-ingest', 'chaptered-copy');
