/**
 * The audit trail: an append-only, hash-chained log of every {@link app.earmark.base.AuditableEvent}
 * any module publishes (sign-ins, refusals, changes to people and the catalogue, and later every access
 * to and decision on evidence), kept in the database and shown to administrators. Each entry carries the
 * SHA-256 of its content and of the entry before it, so an edited or deleted row breaks the chain. The
 * chain head is signed now and then with an Ed25519 key kept outside the database, and the signed
 * checkpoints are appended to a file outside it, so a rewrite that recomputes every hash is caught too
 * (docs/audit.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package app.earmark.audit;
