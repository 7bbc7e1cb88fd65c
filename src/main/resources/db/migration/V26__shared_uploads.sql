-- tus uploads in progress when the media store is shared (earmark.media-store-type=s3): what tus knows of each upload
-- lives here, its bytes in the object store (one object per received chunk, incoming/{id}/{start offset}), so any
-- node can resume it. The lock is a lease (holder and expiry, epoch milliseconds) renewed while a request runs on it.
-- With the folder store (one machine) tus keeps its own files under incoming/ and these tables stay empty.
create table shared_upload (
    id varchar(64) primary key,
    owner_key varchar(255) not null,
    upload_length bigint,
    upload_offset bigint not null,
    encoded_metadata varchar(8000),
    created_at bigint not null,
    expires_at bigint,
    locked_by varchar(64),
    locked_until bigint
);

create index shared_upload_expires_at_idx on shared_upload (expires_at);

-- The chunks received, each stored whole before the upload's offset moves past it.
create table shared_upload_chunk (
    upload_id varchar(64) not null references shared_upload (id) on delete cascade,
    start_offset bigint not null,
    size bigint not null,
    primary key (upload_id, start_offset)
);
