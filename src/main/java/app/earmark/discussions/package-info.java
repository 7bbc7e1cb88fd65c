/**
 * Professional discussions and their plans: who discussed which units with whom, when and how (face-to-face or
 * remote), the agreed questions mapped to ACs, and corrections before the evidence is signed. Who may see a
 * discussion follows who may see its learner ({@link app.earmark.people.People}). Its recordings are the
 * {@code recordings} module's, which adds them to the discussion page and list through {@link
 * app.earmark.discussions.DiscussionSection} and {@link app.earmark.discussions.DiscussionColumn}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Discussions")
package app.earmark.discussions;
