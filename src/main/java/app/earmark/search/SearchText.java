package app.earmark.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Text analysis both engines share, so they agree: Elasticsearch's integ-test distribution has only the standard
 * analyzer (no asciifolding, no stemmers), so accents are folded here, one character for one character (offsets
 * stay those of the text as written, for highlighting), and the standard analyzer (Unicode word breaks, lower
 * case, no stop words: the same Lucene code in both engines) does the rest. Queries are parsed here into clauses
 * each engine translates; nothing a person types is engine syntax.
 */
final class SearchText {

    static final int MAX_CLAUSES = 32;
    /** Prefixes shorter than this are matched as whole words (a one-letter prefix matches half the index). */
    static final int MIN_PREFIX = 2;

    /** The standard analyzer: the same tokens as Elasticsearch's {@code standard}. Thread-safe. */
    static final Analyzer ANALYZER = new StandardAnalyzer();

    /** An AC reference: {@code 2.3}, {@code 502/2.3}, {@code AC 2.3}, {@code AC502/2.3}, {@code 8580-502/2.3}, {@code F/502/1234/1.1}. */
    private static final Pattern AC_REFERENCE = Pattern.compile(
            "(?<![\\p{L}\\p{N}./])(?:ac\\s*)?(?:([\\p{L}\\p{N}][\\p{L}\\p{N}/-]*)/)?(\\d+\\.\\d+(?:\\.\\d+)*)(?![\\p{L}\\p{N}]|\\.\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private SearchText() {
    }

    /** A token of analysed text and where it is in the text as written. */
    record Token(String term, int start, int end) {
    }

    /** What a query asks for: every clause must match. */
    record ParsedQuery(List<Clause> clauses) {
        boolean isEmpty() {
            return clauses.isEmpty();
        }
    }

    sealed interface Clause {
    }

    /** A word in any text field; a prefix while it is being typed or when written with a trailing {@code *}. */
    record Word(String term, boolean prefix) implements Clause {
    }

    /** Words in this order, next to each other. */
    record Phrase(List<String> terms) implements Clause {
    }

    /** An AC: one of the document's ACs ({@code unit} null: in any unit), or the number written in its text. */
    record AcReference(String unit, String number) implements Clause {
        /** As indexed in the lower-cased AC key fields. */
        String key() {
            return unit == null ? number : unit + "/" + number;
        }
    }

    /**
     * Folds accents one character for one character: {@code é} → {@code e}, {@code ø} → {@code o}, {@code ł} →
     * {@code l}; control characters become spaces. Case is left to the analyzer. Same length as the input.
     */
    static String fold(String text) {
        if (text == null) {
            return "";
        }
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = fold(out[i]);
        }
        return new String(out);
    }

    private static char fold(char c) {
        if (c < 0x80) {
            return Character.isISOControl(c) ? ' ' : c;
        }
        switch (c) {
            case 'ø': return 'o';
            case 'Ø': return 'O';
            case 'ł': return 'l';
            case 'Ł': return 'L';
            case 'đ': return 'd';
            case 'Đ': return 'D';
            case 'ı': return 'i';
            case '\u2018': case '\u2019': return '\'';
            case '\u201C': case '\u201D': return '"';
            default:
        }
        if (Character.isISOControl(c) || Character.isSurrogate(c)) {
            return Character.isISOControl(c) ? ' ' : c;
        }
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        if (decomposed.length() > 1 && decomposed.charAt(0) < 0x250) {
            for (int i = 1; i < decomposed.length(); i++) {
                if (Character.getType(decomposed.charAt(i)) != Character.NON_SPACING_MARK) {
                    return c;
                }
            }
            return decomposed.charAt(0);
        }
        return c;
    }

    /** Folded, then lower-cased: what the keyword fields (ACs) hold. */
    static String key(String value) {
        return fold(value).toLowerCase(Locale.ROOT);
    }

    /** The standard analyzer's tokens of the folded text, with offsets into the text as written. */
    static List<Token> tokens(String text) {
        var tokens = new ArrayList<Token>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        try (var stream = ANALYZER.tokenStream("text", fold(text))) {
            var term = stream.addAttribute(CharTermAttribute.class);
            var offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /** Parses what was typed; never fails on syntax, only on too many words. */
    static ParsedQuery parse(String raw) {
        String text = fold(raw == null ? "" : raw);
        var clauses = new ArrayList<Clause>();
        String[] segments = text.split("\"", -1);
        // An odd number of segments: quotes are balanced; otherwise the text after the last quote is plain words.
        boolean balanced = segments.length % 2 == 1;
        for (int i = 0; i < segments.length; i++) {
            boolean quoted = i % 2 == 1 && (balanced || i < segments.length - 1);
            boolean last = i == segments.length - 1;
            if (quoted) {
                List<String> terms = tokens(segments[i]).stream().map(Token::term).toList();
                if (terms.size() == 1) {
                    clauses.add(new Word(terms.get(0), false));
                } else if (terms.size() > 1) {
                    clauses.add(new Phrase(terms));
                }
            } else {
                plain(segments[i], last, clauses);
            }
        }
        var distinct = clauses.stream().distinct().toList();
        if (distinct.size() > MAX_CLAUSES) {
            throw new SearchException("A search can have at most " + MAX_CLAUSES + " words, phrases and ACs; this"
                    + " one has " + distinct.size() + ".");
        }
        return new ParsedQuery(distinct);
    }

    private static void plain(String segment, boolean lastSegment, List<Clause> clauses) {
        var matcher = AC_REFERENCE.matcher(segment);
        var rest = new StringBuilder(segment);
        while (matcher.find()) {
            String unit = matcher.group(1) == null ? null : matcher.group(1).toLowerCase(Locale.ROOT);
            clauses.add(new AcReference(unit, matcher.group(2)));
            for (int i = matcher.start(); i < matcher.end(); i++) {
                rest.setCharAt(i, ' ');
            }
        }
        String words = rest.toString();
        List<Token> tokens = tokens(words);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean starred = token.end() < words.length() && words.charAt(token.end()) == '*';
            boolean typing = lastSegment && i == tokens.size() - 1 && token.end() == words.length();
            boolean prefix = (starred || typing) && token.term().length() >= MIN_PREFIX;
            clauses.add(new Word(token.term(), prefix));
        }
    }
}
