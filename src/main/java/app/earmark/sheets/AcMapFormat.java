package app.earmark.sheets;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats an AC map is exported in. */
public enum AcMapFormat {
    /** The map as JSON, with absolute links. */
    JSON("json", "application/json"),
    /** WebVTT chapters of one recording, for the player's chapters track. */
    VTT("vtt", "text/vtt"),
    /** A spreadsheet: time counter, start and end seconds, ACs, note, link. */
    CSV("csv", "text/csv");

    private final String extension;
    private final String mediaType;

    AcMapFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** "vtt", as in {@code ?format=vtt} and {@code ac-map.vtt}. */
    public String extension() {
        return extension;
    }

    /** The media type without parameters, e.g. {@code text/vtt}; the files are UTF-8. */
    public String mediaType() {
        return mediaType;
    }

    /** The format named by its extension, case-insensitively. */
    public static Optional<AcMapFormat> byExtension(String name) {
        return name == null ? Optional.empty() : Arrays.stream(values())
                .filter(f -> f.extension.equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
