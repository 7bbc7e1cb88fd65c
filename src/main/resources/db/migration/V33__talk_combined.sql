-- (talktime) Two recordings combined one party per channel, once per request (the talk-combine-tracks job's instance:
-- discussion, the two recordings and the learner's offset): a job run again after its node died, or the same
-- request made again, finds the row and makes no second recording.

create table talk_combined (
    request_id   varchar(100) primary key,
    discussion_id bigint not null references discussion (id),
    recording_id bigint not null references recording (id),
    combined_at  timestamp with time zone not null
);
