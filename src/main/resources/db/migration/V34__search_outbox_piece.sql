-- A change to one piece of a subject (a tag of a discussion) names that piece: the feed then re-reads and rewrites
-- only the pieces named, not the whole subject (a discussion may hold thousands of tags). Null: the whole subject.
alter table search_outbox add column piece_id varchar(200);
