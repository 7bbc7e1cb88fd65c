/**
 * Several Earmark nodes as one: tells the other nodes about changes that open pages must see at once (a tag made in
 * a workspace, a live recording started, who is observing), through the database every node already shares
 * (PostgreSQL's {@code LISTEN/NOTIFY}). On one node (and on the embedded H2) there is nobody to tell and nothing runs.
 * Modules publish their own past-tense events here and deliver them to their own listeners; this module knows none of
 * them. See docs/deployment.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cluster")
package app.earmark.cluster;
