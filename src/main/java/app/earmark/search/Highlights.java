package app.earmark.search;

import app.earmark.search.SearchResult.Fragment;
import app.earmark.search.SearchResult.Part;
import app.earmark.search.SearchText.AcReference;
import app.earmark.search.SearchText.Clause;
import app.earmark.search.SearchText.ParsedQuery;
import app.earmark.search.SearchText.Phrase;
import app.earmark.search.SearchText.Token;
import app.earmark.search.SearchText.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Highlighted fragments of a hit, made the same way for both engines from the text as written and the parsed
 * query (the engines' own highlighters would show the folded text, and differently).
 */
final class Highlights {

    private static final int CONTEXT = 60;
    private static final int WINDOW = 200;
    private static final int MAX_FRAGMENTS = 3;

    private Highlights() {
    }

    static List<Fragment> of(SearchDocument document, ParsedQuery query) {
        var fragments = new ArrayList<Fragment>();
        if (query.isEmpty()) {
            return fragments;
        }
        whole("title", document.title(), query, fragments);
        windows("text", document.text(), query, fragments);
        whole("learner", document.learnerName(), query, fragments);
        whole("assessor", document.assessorName(), query, fragments);
        return fragments;
    }

    private static void whole(String field, String text, ParsedQuery query, List<Fragment> out) {
        if (text == null) {
            return;
        }
        List<int[]> spans = spans(text, query);
        if (!spans.isEmpty()) {
            out.add(fragment(field, text, 0, text.length(), spans, false, false));
        }
    }

    private static void windows(String field, String text, ParsedQuery query, List<Fragment> out) {
        if (text == null) {
            return;
        }
        List<int[]> spans = spans(text, query);
        int next = 0;
        int made = 0;
        while (next < spans.size() && made < MAX_FRAGMENTS) {
            int start = wordStart(text, Math.max(0, spans.get(next)[0] - CONTEXT));
            int end = wordEnd(text, Math.min(text.length(), Math.max(start + WINDOW, spans.get(next)[1])));
            var inside = new ArrayList<int[]>();
            while (next < spans.size() && spans.get(next)[1] <= end) {
                inside.add(spans.get(next++));
            }
            out.add(fragment(field, text, start, end, inside, start > 0, end < text.length()));
            made++;
        }
    }

    private static int wordStart(String text, int at) {
        if (at == 0) {
            return 0;
        }
        int space = text.indexOf(' ', at);
        return space < 0 ? at : space + 1;
    }

    private static int wordEnd(String text, int at) {
        if (at >= text.length()) {
            return text.length();
        }
        int space = text.lastIndexOf(' ', at);
        return space <= 0 ? at : space;
    }

    private static Fragment fragment(String field, String text, int start, int end, List<int[]> spans,
            boolean before, boolean after) {
        var parts = new ArrayList<Part>();
        int at = start;
        if (before) {
            parts.add(new Part("…", false));
        }
        for (int[] span : spans) {
            if (span[0] < at) {
                continue;
            }
            if (span[0] > at) {
                parts.add(new Part(text.substring(at, span[0]), false));
            }
            parts.add(new Part(text.substring(span[0], Math.min(span[1], end)), true));
            at = Math.min(span[1], end);
        }
        if (at < end) {
            parts.add(new Part(text.substring(at, end), false));
        }
        if (after) {
            parts.add(new Part("…", false));
        }
        return new Fragment(field, parts);
    }

    /** The [start, end) offsets of the matched words, in order, merged where they touch. */
    static List<int[]> spans(String text, ParsedQuery query) {
        List<Token> tokens = SearchText.tokens(text);
        boolean[] matched = new boolean[tokens.size()];
        for (Clause clause : query.clauses()) {
            if (clause instanceof Word word) {
                for (int i = 0; i < tokens.size(); i++) {
                    String term = tokens.get(i).term();
                    if (word.prefix() ? term.startsWith(word.term()) : term.equals(word.term())) {
                        matched[i] = true;
                    }
                }
            } else if (clause instanceof Phrase phrase) {
                markSequence(tokens, phrase.terms(), matched);
            } else if (clause instanceof AcReference ac) {
                markSequence(tokens, ac.unit() == null ? List.of(ac.number()) : List.of(ac.unit(), ac.number()),
                        matched);
                markSequence(tokens, List.of(ac.number()), matched);
            }
        }
        var spans = new ArrayList<int[]>();
        for (int i = 0; i < tokens.size(); i++) {
            if (matched[i]) {
                Token token = tokens.get(i);
                int[] lastSpan = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                if (lastSpan != null && i > 0 && matched[i - 1]
                        && text.substring(lastSpan[1], token.start()).isBlank()) {
                    lastSpan[1] = token.end();
                } else {
                    spans.add(new int[] {token.start(), token.end()});
                }
            }
        }
        return spans;
    }

    private static void markSequence(List<Token> tokens, List<String> terms, boolean[] matched) {
        for (int i = 0; i + terms.size() <= tokens.size(); i++) {
            boolean all = true;
            for (int j = 0; j < terms.size() && all; j++) {
                all = tokens.get(i + j).term().equals(terms.get(j));
            }
            if (all) {
                for (int j = 0; j < terms.size(); j++) {
                    matched[i + j] = true;
                }
            }
        }
    }
}
