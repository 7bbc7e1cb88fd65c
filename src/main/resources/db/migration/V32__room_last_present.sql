-- (room) When a party (assessor or learner) was last present in a room's call, written every half minute by the node
-- that holds the call, so that any node can end a room both parties left long ago (earmark.room.empty-after).
alter table room_session add column last_present_at timestamp with time zone;
