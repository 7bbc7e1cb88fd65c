/**
 * The recordings of professional discussions, which are the evidence: resumable uploads (tus, {@code upload}), live
 * recordings sent in parts ({@link app.earmark.recordings.LiveRecordings}), the content-addressed media store
 * ({@code media}), the ingest of untrusted media and the chaptered copies in a separate worker process ({@code worker},
 * run and supervised by {@link app.earmark.recordings.IngestSupervisor} and the chapter workers), streaming with HTTP
 * ranges and the discussions API with their recordings ({@code web}), and the recordings' part of the discussion page
 * ({@code ui}). Who may see a recording follows who may see its discussion
 * ({@link app.earmark.discussions.Discussions}); this module depends on {@code discussions}, never the reverse.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Recordings")
package app.earmark.recordings;
