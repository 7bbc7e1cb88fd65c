/**
 * The learner's authentication of the assessor's notes: after a discussion the learner authenticates the
 * notes, tags and recording as a true record (a SHA-256 over exactly what they saw) or disputes named
 * items with a comment; a later change voids the authentication visibly and asks again.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Authentication of notes")
package app.earmark.notes;
