-- A recording with the AC map as embedded chapters is attached to the discussion's evidence record like the
-- other exports, but its bytes stay in the media store beside the recording: the attachment names the recording.
alter table evidence_attachment add column recording_id bigint references recording (id);
