package app.earmark.sheets.web;

import app.earmark.sheets.AcMapFormat;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Which format of the AC map a request asks for: {@code ?format=json|vtt|csv} wins; otherwise the most preferred
 * type in {@code Accept} that Earmark makes (by quality, then in the order given; {@code *}{@code /*} and a missing
 * header mean JSON).
 */
final class Negotiation {

    private static final String NAMES = "json, vtt or csv";

    private Negotiation() {
    }

    static AcMapFormat choose(String format, String accept) {
        if (format != null) {
            return AcMapFormat.byExtension(format).orElseThrow(() -> new UnknownFormat(HttpStatus.BAD_REQUEST,
                    "There is no AC map format '" + format + "': use format=" + NAMES + "."));
        }
        if (accept == null || accept.isBlank()) {
            return AcMapFormat.JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new UnknownFormat(HttpStatus.BAD_REQUEST, "The Accept header '" + accept + "' cannot be read: "
                    + e.getMessage());
        }
        List<MediaType> refused = accepted.stream().filter(type -> type.getQualityValue() == 0).toList();
        return accepted.stream().filter(type -> type.getQualityValue() > 0)
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .flatMap(type -> Arrays.stream(AcMapFormat.values())
                        .filter(f -> type.includes(MediaType.parseMediaType(f.mediaType())))
                        .filter(f -> refused.stream().noneMatch(r -> r.equalsTypeAndSubtype(
                                MediaType.parseMediaType(f.mediaType())))))
                .findFirst()
                .orElseThrow(() -> new UnknownFormat(HttpStatus.NOT_ACCEPTABLE, "The AC map is made as "
                        + Arrays.stream(AcMapFormat.values()).map(AcMapFormat::mediaType).collect(Collectors.joining(", "))
                        + ", none of which the Accept header (" + accept + ") allows; or ask with ?format=" + NAMES
                        + "."));
    }
}
