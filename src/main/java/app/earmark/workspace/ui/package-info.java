/**
 * The workspace's pages and web components. Its one published type is {@link app.earmark.workspace.ui.LiveTagging}
 * (named interface "tagging"): what another module's page needs to let the assessor tag a recording live with the
 * workspace's own AC box and keys (the remote room does, on the assessor's own track).
 */
@org.springframework.modulith.NamedInterface("tagging")
package app.earmark.workspace.ui;
