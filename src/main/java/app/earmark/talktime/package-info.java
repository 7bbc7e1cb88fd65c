/**
 * Talk time and questioning: who spoke when in a discussion recorded with one party per channel (a stereo meeting
 * export, a remote room's combined recording, or two files one per person combined by {@link SeparateTracks}), and
 * what that says about the
 * questioning: talk share, the longest assessor monologue, assessor turns that ran on into a further question, the
 * learner's thinking time before answering, and interruptions. The voice activity of each party is found from the
 * per-channel levels ingest measured ({@link app.earmark.recordings.ChannelLevels}) when a recording becomes ready
 * ({@link app.earmark.recordings.RecordingEvents.RecordingIngested}); which channel is whose is a choice on the
 * recording (left is the assessor unless changed, and every change is audited). Figures are shown on the discussion
 * page, in the AC map's JSON and to whoever may see the recording. See docs/talk-time.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Talk time and questioning")
package app.earmark.talktime;
