-- A live recording closed because its browser fell silent (earmark.live.abandon-after) is continued by the parts that
-- come later (docs/workspace.md, "A browser that comes back late"): a new recording, holding the closed one's
-- original and the later parts, so the whole discussion is in one file.
--   live_parts_end: the number of parts a live recording's original was put together from (parts 0 to end - 1, in a
--                   row, counting the parts of the recordings it continues); the part a continuation starts at.
--   closed_silent:  the sweep closed it (no part for abandon-after), not its recorder's Stop.
--   continues_recording_id: the recording this one continues; at most one continuation per recording.
alter table recording add column live_parts_end int;
alter table recording add column closed_silent boolean default false not null;
alter table recording add column continues_recording_id bigint;
create unique index recording_continues on recording (continues_recording_id);
