package app.earmark.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;

/**
 * A signed statement that entry {@code seq} of the audit trail had hash {@code hash} at time {@code at}.
 * One JSON line of the checkpoint file.
 *
 * @param file a random id given to the checkpoint file when its first line is written
 * @param n   the checkpoint's number in its file, 1, 2, 3… with no gaps, so a removed line is noticed
 * @param key the id of the signing key (first 16 hex digits of the SHA-256 of its public key, DER)
 * @param sig the Ed25519 signature of {@link #signedText()}, base64
 */
@JsonPropertyOrder({"file", "n", "seq", "hash", "at", "key", "sig"})
record Checkpoint(String file, long n, long seq, String hash, String at, String key, String sig) {

    /**
     * Exactly what is signed (UTF-8, no line end): {@code earmark-audit-checkpoint v1 file=… n=… seq=… hash=… at=… key=…}.
     * docs/audit.md shows how to rebuild it to verify a checkpoint with OpenSSL.
     */
    String signedText() {
        return "earmark-audit-checkpoint v1 file=" + file + " n=" + n + " seq=" + seq + " hash=" + hash + " at=" + at + " key=" + key;
    }

    byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.UTF_8);
    }
}
