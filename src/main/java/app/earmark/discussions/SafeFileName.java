package app.earmark.discussions;

import java.util.regex.Pattern;

/**
 * An uploaded file's name made safe to show and store: only the last path segment, no control
 * characters, at most 200 characters. The name is never used as a path (originals are stored by hash).
 */
record SafeFileName(String name, String warning) {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX = 200;

    static SafeFileName of(String raw) {
        String original = raw == null ? "" : raw;
        String lastSegment = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
        String cleaned = CONTROL.matcher(lastSegment).replaceAll("").strip();
        if (cleaned.length() > MAX) {
            cleaned = cleaned.substring(0, MAX);
        }
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
            cleaned = "recording";
        }
        if (cleaned.equals(original)) {
            return new SafeFileName(cleaned, null);
        }
        var problems = new java.util.ArrayList<String>();
        if (!lastSegment.equals(original)) {
            problems.add("path separators");
        }
        if (CONTROL.matcher(original).find()) {
            problems.add("control characters");
        }
        if (problems.isEmpty()) {
            problems.add("characters Earmark does not keep");
        }
        return new SafeFileName(cleaned, "The file name \"" + visible(original) + "\" contained "
                + String.join(" and ", problems) + "; it is kept as \"" + cleaned + "\".");
    }

    /** The raw name with control characters shown as \\uXXXX, so the warning can be read. */
    private static String visible(String raw) {
        var out = new StringBuilder();
        raw.codePoints().limit(MAX).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
