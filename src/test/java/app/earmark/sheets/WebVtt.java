package app.earmark.sheets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately strict WebVTT reader for the tests: the signature line, NOTE blocks and cues (optional identifier,
 * timing line with {@code hh:mm:ss.ttt} timestamps and no settings, non-empty text lines); cue text may hold only the
 * escapes {@code &amp; &lt; &gt;} (no tags, no raw {@code <}, {@code >} or {@code &}); no line may contain
 * {@code -->} except a timing line; start times never decrease; every cue ends after it starts; and, as chapters
 * require, no cue overlaps the next. Anything else fails with the line it found.
 */
final class WebVtt {

    private static final Pattern TIMING = Pattern.compile(
            "(\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3})");
    private static final Pattern ESCAPE = Pattern.compile("&(amp|lt|gt);");

    /** A cue, its text unescaped. */
    record Cue(String id, long startMs, long endMs, String text) {
    }

    private WebVtt() {
    }

    static List<Cue> parseChapters(String file) {
        if (file.contains("\r")) {
            throw new AssertionError("Earmark writes LF line ends only");
        }
        String[] lines = file.split("\n", -1);
        if (!(lines[0].equals("WEBVTT") || lines[0].startsWith("WEBVTT ") || lines[0].startsWith("WEBVTT\t"))) {
            throw new AssertionError("No WEBVTT signature: " + lines[0]);
        }
        if (lines.length < 2 || !lines[1].isEmpty()) {
            throw new AssertionError("The signature must be followed by a blank line");
        }
        List<Cue> cues = new ArrayList<>();
        int i = 2;
        while (i < lines.length) {
            if (lines[i].isEmpty()) {
                i++;
                continue;
            }
            List<String> block = new ArrayList<>();
            while (i < lines.length && !lines[i].isEmpty()) {
                block.add(lines[i++]);
            }
            if (block.get(0).equals("NOTE") || block.get(0).startsWith("NOTE ")) {
                block.forEach(line -> refuseArrow(line, "NOTE"));
                continue;
            }
            cues.add(cue(block));
        }
        for (int c = 1; c < cues.size(); c++) {
            Cue previous = cues.get(c - 1);
            Cue cue = cues.get(c);
            if (cue.startMs() < previous.startMs()) {
                throw new AssertionError("Cue " + cue.id() + " starts before the cue before it");
            }
            if (cue.startMs() < previous.endMs()) {
                throw new AssertionError("Chapter " + cue.id() + " overlaps chapter " + previous.id());
            }
        }
        return cues;
    }

    private static Cue cue(List<String> block) {
        int timingLine = block.get(0).contains("-->") ? 0 : 1;
        String id = timingLine == 1 ? block.get(0) : null;
        if (block.size() <= timingLine) {
            throw new AssertionError("A cue without timing: " + block);
        }
        Matcher timing = TIMING.matcher(block.get(timingLine));
        if (!timing.matches()) {
            throw new AssertionError("Not a strict timing line: " + block.get(timingLine));
        }
        long start = millis(timing, 1);
        long end = millis(timing, 5);
        if (end <= start) {
            throw new AssertionError("Cue " + id + " does not end after it starts");
        }
        List<String> text = block.subList(timingLine + 1, block.size());
        if (text.isEmpty()) {
            throw new AssertionError("Cue " + id + " has no text");
        }
        text.forEach(line -> refuseArrow(line, "cue text"));
        return new Cue(id, start, end, String.join("\n", text.stream().map(WebVtt::unescape).toList()));
    }

    private static long millis(Matcher m, int group) {
        return Long.parseLong(m.group(group)) * 3_600_000 + Long.parseLong(m.group(group + 1)) * 60_000
                + Long.parseLong(m.group(group + 2)) * 1000 + Long.parseLong(m.group(group + 3));
    }

    private static void refuseArrow(String line, String where) {
        if (line.contains("-->")) {
            throw new AssertionError("'-->' in " + where + ": " + line);
        }
    }

    private static String unescape(String line) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '<' || c == '>') {
                throw new AssertionError("Raw '" + c + "' in cue text: " + line);
            }
            if (c == '&') {
                Matcher escape = ESCAPE.matcher(line).region(i, line.length());
                if (!escape.lookingAt()) {
                    throw new AssertionError("A raw or unknown '&' in cue text: " + line);
                }
                out.append(switch (escape.group(1)) {
                    case "amp" -> '&';
                    case "lt" -> '<';
                    default -> '>';
                });
                i = escape.end();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
