package app.earmark.recordings.upload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The tus {@code Upload-Metadata} header: comma-separated "key base64(value)" pairs. */
record UploadMetadata(Map<String, String> values) {

    static UploadMetadata parse(String header) {
        Map<String, String> values = new HashMap<>();
        if (header != null) {
            for (String pair : header.split(",")) {
                String[] parts = pair.trim().split(" ", 2);
                if (parts[0].isEmpty()) {
                    continue;
                }
                String value = "";
                if (parts.length == 2) {
                    try {
                        value = new String(Base64.getDecoder().decode(parts[1].trim()), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException notBase64) {
                        continue;
                    }
                }
                values.put(parts[0], value);
            }
        }
        return new UploadMetadata(Map.copyOf(values));
    }

    Long discussionId() {
        String value = values.get("discussion");
        return value != null && value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
    }

    String fileName() {
        return values.getOrDefault("filename", "");
    }
}
