/**
 * Shared foundations every module may use: configuration properties, the clock, the main layout, the embedded
 * database's migrations (safe to interrupt), and
 * {@link app.earmark.base.AuditableEvent}, the contract by which a module's events reach the audit log
 * without the module knowing about it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package app.earmark.base;
