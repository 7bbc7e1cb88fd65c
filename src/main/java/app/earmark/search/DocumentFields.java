package app.earmark.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What both engines index of a document, computed once here so they index the same. */
final class DocumentFields {

    /** Field names shared by both engines. */
    static final String ID = "id";
    static final String VERSION = "version";
    static final String DISCUSSION = "discussion";
    static final String TITLE = "title";
    static final String TEXT = "text";
    static final String NAMES = "names";
    static final String AC_KEY = "ac_key";
    static final String AC_NUMBER_KEY = "ac_number_key";
    static final String DATE = "date";
    static final String SOURCE = "doc";
    /** The text fields every word is looked for in, in this order. */
    static final List<String> TEXT_FIELDS = List.of(TITLE, TEXT, NAMES);

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DocumentFields() {
    }

    static String foldedTitle(SearchDocument d) {
        return SearchText.fold(d.title());
    }

    static String foldedText(SearchDocument d) {
        return SearchText.fold(d.text());
    }

    static String foldedNames(SearchDocument d) {
        return SearchText.fold(String.join(" ", d.learnerName() == null ? "" : d.learnerName(),
                d.assessorName() == null ? "" : d.assessorName())).strip();
    }

    /**
     * The document's ACs as lower-cased keys, {@code 502/2.3}. An AC whose unit is written with its qualification, as
     * the catalogue writes it ({@code 8580-502/2.3}), is also keyed by the unit's own number ({@code 502/2.3}), the way
     * assessors and the awarding body's forms write it.
     */
    static Set<String> acKeys(SearchDocument d) {
        var keys = new LinkedHashSet<String>();
        for (String ac : d.acs()) {
            keys.add(SearchText.key(ac));
            var matcher = SearchDocument.AC.matcher(ac);
            int dash = matcher.matches() ? matcher.group(1).lastIndexOf('-') : -1;
            if (dash >= 0 && dash < matcher.group(1).length() - 1) {
                keys.add(SearchText.key(matcher.group(1).substring(dash + 1) + "/" + matcher.group(2)));
            }
        }
        return keys;
    }

    /** The AC numbers alone, {@code 2.3}. */
    static Set<String> acNumberKeys(SearchDocument d) {
        var keys = new LinkedHashSet<String>();
        for (String ac : d.acs()) {
            var matcher = SearchDocument.AC.matcher(ac);
            if (matcher.matches()) {
                keys.add(SearchText.key(matcher.group(2)));
            }
        }
        return keys;
    }

    /** Per facet, the document's values (blank values left out). */
    static Map<Facet, List<String>> facetValues(SearchDocument d) {
        var values = new EnumMap<Facet, List<String>>(Facet.class);
        put(values, Facet.KIND, d.kind().name());
        put(values, Facet.QUALIFICATION, d.qualification());
        d.units().forEach(unit -> put(values, Facet.UNIT, unit));
        d.acs().forEach(ac -> put(values, Facet.AC, ac));
        put(values, Facet.ASSESSOR, d.assessorId() == null ? null : d.assessorId().toString());
        put(values, Facet.LEARNER, Long.toString(d.learnerId()));
        put(values, Facet.OUTCOME, d.outcome());
        put(values, Facet.SHEET_STATE, d.sheetState());
        put(values, Facet.DISCUSSION_MODE, d.discussionMode());
        put(values, Facet.QA_STATE, d.qaState());
        return values;
    }

    private static void put(Map<Facet, List<String>> values, Facet facet, String value) {
        if (value != null && !value.isBlank()) {
            values.computeIfAbsent(facet, f -> new ArrayList<>()).add(value);
        }
    }

    /** The terms an AC reference's number (with its unit) has in analysed text. */
    static List<String> acTextTerms(SearchText.AcReference ac) {
        return SearchText.tokens(ac.unit() == null ? ac.number() : ac.unit() + " " + ac.number()).stream()
                .map(SearchText.Token::term).toList();
    }

    static String json(SearchDocument d) {
        try {
            return JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write search document " + d.id() + " as JSON", e);
        }
    }

    static SearchDocument document(String json) {
        try {
            return JSON.readValue(json, SearchDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An indexed search document cannot be read: " + e.getOriginalMessage(),
                    e);
        }
    }
}
