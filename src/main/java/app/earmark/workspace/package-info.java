/**
 * The discussion workspace: tags (a moment or span of a recording linked to ACs, with an optional note),
 * their audit trail and live updates between people editing the same discussion, AC coverage and time
 * counters; the tagging workspace on playback and the live recorder with live tagging.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workspace and tags")
package app.earmark.workspace;
