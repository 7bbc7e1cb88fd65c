package app.earmark.base;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Earmark's own settings.
 *
 * @param dataDir    where the embedded database and indexes live
 * @param mediaStore where recordings are stored
 * @param demo       whether to create the demo centre and its users at start-up
 */
@ConfigurationProperties("earmark")
public record EarmarkProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("./media-store") Path mediaStore,
        @DefaultValue("false") boolean demo) {
}
