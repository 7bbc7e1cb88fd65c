package app.earmark.sheets;

/**
 * A generated file, ready to send or attach.
 *
 * @param mediaType e.g. {@code text/vtt; charset=utf-8}
 * @param fileName  a safe name to offer for download, e.g. {@code ac-map-discussion-7.vtt}
 */
public record Export(String fileName, String mediaType, byte[] content) {
}
