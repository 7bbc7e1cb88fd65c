-- (search) Builds of the search index: a new index is built beside the one that answers (a newer mapping version,
-- or the administrator's rebuild), every discussion and result sheet is indexed into it in order, and it is switched
-- in when done. The cursor (the last subject done) lets a restart resume the build where it stopped; done and total
-- are its progress.
create table search_build (
    name            varchar(100) primary key,
    engine          varchar(20)  not null,
    mapping_version int          not null,
    started_by      varchar(100) not null,
    started_at      timestamp with time zone not null,
    total           int          not null,
    done            int          not null default 0,
    cursor_kind     varchar(20),
    cursor_id       bigint,
    finished_at     timestamp with time zone
);
