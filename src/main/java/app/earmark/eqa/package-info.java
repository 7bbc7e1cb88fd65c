/**
 * External quality assurance: time-limited, read-only grants of a chosen set of evidence to an EQA, the
 * EQA's access to exactly that set (every view, play and download audited), and evidence packs streamed
 * as one verifiable ZIP with {@code manifest.json} and {@code SHA256SUMS}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "EQA grants and evidence packs")
package app.earmark.eqa;
