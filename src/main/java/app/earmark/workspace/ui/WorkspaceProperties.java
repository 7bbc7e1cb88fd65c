package app.earmark.workspace.ui;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The workspace ({@code earmark.workspace.*}).
 *
 * @param reactionDelay how far back a tag placed with a key goes, by default (each assessor can change it)
 */
@ConfigurationProperties("earmark.workspace")
record WorkspaceProperties(@DefaultValue("2s") Duration reactionDelay) {
}
