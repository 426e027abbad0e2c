/**
 * Every action the audit log can hold (issue #21): `recordAudit` accepts only these, so a new action is
 * added here first, and the back office's labels (designer/messages/audit.ts) must then name it in French
 * and English or the type check and test/unit/audit-labels.test.ts fail.
 */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.locked",
  "auth.logout",
  "catalogue.import",
  "catalogue.release",
  "variable.create",
  "variable.update",
  "code_list.create",
  "code_list.update",
  "form.create",
  "form.import",
  "form.draft.save",
  "form.publish",
  "form.retire",
  "submission.create",
  "submission.integrated",
  "submission.invalid",
  "submission.needs_review",
  "submission.rejected",
  "submission.return",
  "review.decide",
  "merge.undo",
  "user.create",
  "user.update",
  "user.password_reset",
  "user.unlock",
  "token.create",
  "token.revoke",
  "job.retry",
  "job.discard",
  "registry_export.requested",
  "registry_export.completed",
  "registry_export.downloaded",
  "registry_export.cancelled",
  "import.upload",
  "import.dry_run",
  "import.run",
  "import.pause",
  "import.cancel",
  "import.done",
  "import_profile.create",
  "import_profile.update",
  "incident.open",
  "incident.action",
  "incident.update",
  "incident.close",
  // Written by earlier versions: their rows stay in the log and keep their words.
  "household.create",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of object an audit row names. */
export const AUDIT_ENTITY_TYPES = [
  "user",
  "api_token",
  "catalogue",
  "catalogue_release",
  "variable",
  "code_list",
  "form",
  "form_version",
  "submission",
  "household",
  "review_item",
  "merge",
  "job",
  "registry_export",
  "import",
  "import_profile",
  "incident",
] as const;

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
