-- The locale a centre's dates and times are shown in (a BCP 47 tag such as 'en-GB'); when empty, the browser's.
alter table centre add column locale varchar(35);
update centre set locale = 'en-GB';

-- Corrections before evidence is signed: a recording can be removed from its discussion (its original file and
-- audit entries are kept), and a discussion created by mistake can be deleted.
alter table recording add column removed_at timestamp with time zone;
alter table recording add column removed_by varchar(100);
alter table recording add column removal_reason varchar(2000);
alter table discussion add column deleted_at timestamp with time zone;
alter table discussion add column deleted_by varchar(100);
alter table discussion add column deletion_reason varchar(1000);
