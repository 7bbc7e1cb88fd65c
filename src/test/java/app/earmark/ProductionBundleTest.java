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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.dependency.JsModule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

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

    /**
     * Every web component of Earmark's own is in the bundle. Vaadin's production build finds a component's script by
     * following the code from routes and init listeners; a component another module adds to a page through an
     * extension point (a Spring bean, such as a {@code DiscussionSection}) is not reached that way, and its element
     * stays empty in the browser unless its module names it to the scan ({@code @Uses} on an entry point).
     */
    @Test
    void everyOwnWebComponentsScriptIsInTheCommittedBundle() throws IOException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(JsModule.class));
        Set<String> modules = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("app.earmark")) {
            var metadata = ((AnnotatedBeanDefinition) candidate).getMetadata();
            modules.add(metadata.getAnnotations().get(JsModule.class).getString("value"));
        }
        assertThat(modules).as("@JsModule scripts of app.earmark").contains("./earmark-upload.ts");

        JsonNode imports;
        try (var zip = new ZipFile(BUNDLE.toFile())) {
            try (var in = zip.getInputStream(zip.getEntry("config/stats.json"))) {
                imports = new ObjectMapper().readTree(in).path("bundleImports");
            }
        }
        Set<String> bundled = new TreeSet<>();
        imports.forEach(node -> bundled.add(node.asText()));
        List<String> missing = modules.stream().map(module -> "Frontend/" + module.substring(2))
                .filter(module -> !bundled.contains(module)).toList();
        assertThat(missing).as("scripts of web components missing from %s: name each component to Vaadin's scan"
                + " (@Uses on a route or an init listener of its module), then rebuild the bundle", BUNDLE).isEmpty();
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
