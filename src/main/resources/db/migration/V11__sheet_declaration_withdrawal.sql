-- (helper sheets) A learner may withdraw a declaration they made on a signed result sheet version, with a reason.
-- The declaration stays as it was made; its withdrawal (who, when, why) is recorded beside it and audited.

alter table sheet_declaration add column withdrawn_at timestamp with time zone;
alter table sheet_declaration add column withdrawn_by varchar(100);
alter table sheet_declaration add column withdrawal_reason varchar(4000);
