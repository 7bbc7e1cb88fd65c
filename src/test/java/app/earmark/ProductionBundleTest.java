package app.earmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The committed front-end bundle ({@code src/main/bundles/prod.bundle}) knows every view. Vaadin loads a
 * view's components (text areas, radio groups, dialogs…) from a chunk of the bundle named after the view;
 * Vaadin's own check only compares the set of components, so a view added after the bundle was built,
 * using components that other views already use, passes that check and then shows empty boxes where its
 * fields should be. The build writes the chunks it wants in {@code generated-flow-imports.js}; each must
 * be in the bundle.
 */
class ProductionBundleTest {

    private static final Path GENERATED = Path.of("frontend/generated/flow/generated-flow-imports.js");
    private static final Path BUNDLE = Path.of("src/main/bundles/prod.bundle");
    private static final Pattern CHUNK_KEY = Pattern.compile("key === '([0-9a-f]{64})'");

    @Test
    void everyViewHasItsChunkInTheCommittedBundle() throws IOException {
        Set<String> wanted = new TreeSet<>();
        Matcher keys = CHUNK_KEY.matcher(Files.readString(GENERATED));
        while (keys.find()) {
            wanted.add(keys.group(1));
        }
        assertThat(wanted).as("chunk keys in %s (written by Vaadin's prepare-frontend)", GENERATED).isNotEmpty();

        String bundled = bundledScripts();
        List<String> missing = wanted.stream().filter(key -> !bundled.contains("\"" + key + "\"")).toList();
        assertThat(missing).as("views whose chunk is missing from %s: delete it, run `./mvnw clean package"
                + " -DskipTests` (Node.js and the npm registry needed) and commit the new bundle", BUNDLE)
                .isEmpty();
    }

    private static String bundledScripts() throws IOException {
        var text = new StringBuilder();
        try (var zip = new ZipFile(BUNDLE.toFile())) {
            for (var entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().startsWith("webapp/VAADIN/build/") && entry.getName().endsWith(".js")) {
                    try (var in = zip.getInputStream(entry)) {
                        text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return text.toString();
    }
}
