-- What to know about how a recording arrived (e.g. a live recording closed by the server after its browser
-- went silent), kept apart from the state message so that ingest does not overwrite it.
alter table recording add column intake_note varchar(2000);
