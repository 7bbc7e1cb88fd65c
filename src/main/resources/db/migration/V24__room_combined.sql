-- (room) The combined recording of a remote room: the parties' tracks mixed on one timeline (assessor left, learner
-- right), made once per ended session by the room-combine job, and the spans of it in which only one party was
-- recorded (that party's track was missing there: joined late, dropped out, or never recorded).

create table room_combined (
    session_id        bigint primary key references room_session (id),
    recording_id      bigint not null references recording (id),
    -- the common timeline's start on the server's clock (epoch ms) and its length
    timeline_start_ms bigint not null,
    duration_ms       bigint not null,
    note              varchar(2000),
    combined_at       timestamp with time zone not null
);

create table room_single_sided (
    session_id bigint not null references room_combined (session_id),
    start_ms   bigint not null,
    end_ms     bigint not null,
    -- the party whose side was recorded in the span
    party      varchar(10) not null,
    primary key (session_id, start_ms)
);
