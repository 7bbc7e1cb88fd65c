package app.earmark.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed checkpoints of the audit trail ({@code earmark.audit.*}). Keep both files outside the
 * database's directory and out of reach of whoever can write to the database.
 *
 * @param keyFile            the Ed25519 private key (PKCS#8 PEM, owner-only); its public key is written
 *                           beside it as {@code <name>.pub.pem}. Generated on first start if absent
 * @param checkpointFile     the append-only file of signed checkpoints, one JSON line each
 * @param checkpointInterval how often the newest entry is signed (when there is anything new)
 * @param checkpointEvery    sign as soon as this many entries were appended since the last checkpoint
 *                           ({@code 0}: only by time and at shutdown)
 */
@ConfigurationProperties("earmark.audit")
record AuditProperties(
        @DefaultValue("./audit/audit-signing-key.pem") Path keyFile,
        @DefaultValue("./audit/checkpoints.jsonl") Path checkpointFile,
        @DefaultValue("10m") Duration checkpointInterval,
        @DefaultValue("100") int checkpointEvery) {

    AuditProperties {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("earmark.audit.checkpoint-interval must be longer than zero, e.g. 10m (it is "
                    + checkpointInterval + ").");
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("earmark.audit.checkpoint-every must be 0 (by time only) or a number of"
                    + " entries, e.g. 100 (it is " + checkpointEvery + ").");
        }
    }

    /** The public key beside the private one: {@code key.pem} gives {@code key.pub.pem}. */
    Path publicKeyFile() {
        String name = keyFile.getFileName().toString();
        String base = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return keyFile.resolveSibling(base + ".pub.pem");
    }
}
