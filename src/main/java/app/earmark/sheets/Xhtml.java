package app.earmark.sheets;

/**
 * A small XHTML writer for the PDF: text and attribute values are always escaped, line breaks in text become
 * {@code <br/>}, and characters XML cannot hold are dropped, so what people typed (feedback, notes, names) is
 * printed as the text it is and never read as markup. Markup comes only from this code, through {@link #raw}.
 */
final class Xhtml {

    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Markup written by Earmark itself; never pass anything a person typed. */
    Xhtml raw(String markup) {
        out.append(markup);
        return this;
    }

    Xhtml open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1], out, false);
            out.append('"');
        }
        out.append('>');
        return this;
    }

    Xhtml close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** Escaped text; line breaks become {@code <br/>}. */
    Xhtml text(String text) {
        if (text != null) {
            escape(text, out, true);
        }
        return this;
    }

    /** {@code <tag attributes…>text</tag>}. */
    Xhtml element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A link whose text and address are both escaped. */
    Xhtml link(String href, String text) {
        return element("a", text, "href", href);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        escape(text, escaped, false);
        return escaped.toString();
    }

    private static void escape(String text, StringBuilder out, boolean lineBreaks) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        normalised.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n' -> out.append(lineBreaks ? "<br/>" : " ");
                case '\t' -> out.append(' ');
                default -> {
                    if (allowedInXml(c)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
    }

    /** XML 1.0's Char production (less tab and line breaks, handled above). */
    private static boolean allowedInXml(int c) {
        return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
