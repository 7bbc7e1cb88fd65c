package app.earmark.recordings;

import java.util.regex.Pattern;

/**
 * An uploaded file's name made safe to show and store: only the last path segment, no control
 * characters, at most 200 characters (a longer one keeps its start and its extension). The name is never used as a path (originals are stored by hash).
 */
record SafeFileName(String name, String warning) {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX = 200;

    static SafeFileName of(String raw) {
        String original = raw == null ? "" : raw;
        String lastSegment = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
        String cleaned = CONTROL.matcher(lastSegment).replaceAll("").strip();
        int length = cleaned.codePointCount(0, cleaned.length());
        boolean tooLong = length > MAX;
        if (tooLong) {
            cleaned = shortened(cleaned);
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
        if (tooLong && problems.isEmpty()) {
            return new SafeFileName(cleaned, "The file name was " + length + " characters long; Earmark keeps names of"
                    + " up to " + MAX + ", so it is kept as \"" + cleaned + "\".");
        }
        if (problems.isEmpty()) {
            problems.add("characters Earmark does not keep");
        }
        return new SafeFileName(cleaned, "The file name \"" + visible(original) + "\" contained "
                + String.join(" and ", problems) + "; it is kept as \"" + cleaned + "\".");
    }

    /** The first characters of a long name and its extension (if it has a short one), at most {@link #MAX} in all. */
    private static String shortened(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        String base = name.substring(0, name.length() - extension.length());
        int keep = MAX - 1 - extension.codePointCount(0, extension.length());
        return base.substring(0, base.offsetByCodePoints(0, keep)).strip() + "…" + extension;
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
