/**
 * The remote discussion room: a 1:1 WebRTC call between a discussion's assessor and learner inside Earmark, with a
 * receive-only IQA who marked the discussion for live observation. Signalling goes through the room's Vaadin view
 * (push), authorised per discussion; both parties agree to the recording notice (audited) before anything is
 * recorded; each browser then records its own microphone as a live recording of the discussion, tagged here with
 * its party, with each part's capture clock against the server's. See docs/remote-room.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Remote discussion room")
package app.earmark.room;
