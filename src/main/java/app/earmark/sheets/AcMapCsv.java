package app.earmark.sheets;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * An AC map as CSV (RFC 4180, UTF-8, with a header row): one row per tag in time order. ACs are separated by
 * "; ". A note that a spreadsheet would take for a formula (starting with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return) gets a leading apostrophe, so that opening the file runs nothing.
 */
final class AcMapCsv {

    static final String[] HEADER = {"Time counter", "Start seconds", "End seconds", "ACs", "Note", "Link"};
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER).get();

    private AcMapCsv() {
    }

    /**
     * @param link the absolute address of a time counter's playback page
     */
    static String write(AcMap map, UnaryOperator<String> link) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            for (AcMap.Entry entry : map.entries()) {
                TimeCounterRef at = entry.at();
                csv.printRecord(entry.counter(), seconds(at.startMs()), at.endMs() == null ? "" : seconds(at.endMs()),
                        String.join("; ", entry.acs()), defused(at.note()), link.apply(at.playbackPath()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** 115, 115.5, 115.25: seconds with up to three decimals and no trailing zeros. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    static String defused(String note) {
        if (note == null) {
            return "";
        }
        return !note.isEmpty() && "=+-@\t\r".indexOf(note.charAt(0)) >= 0 ? "'" + note : note;
    }
}
