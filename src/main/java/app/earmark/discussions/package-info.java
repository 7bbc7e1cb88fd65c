/**
 * Professional discussions and their recordings: who discussed which units with whom, when and how
 * (face-to-face or remote), and the recording that is the evidence. Owns resumable uploads (tus), the
 * content-addressed media store, the ingest of untrusted media in a separate worker process (probe,
 * browser-playable rendition, waveform peaks, poster), and streaming with HTTP ranges. Who may see a
 * discussion follows who may see its learner ({@link app.earmark.people.People}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Discussions and recordings")
package app.earmark.discussions;
