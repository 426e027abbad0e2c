import { CatalogueCodeList, CatalogueVariable } from "./catalogue.entity";
import { CatalogueRelease, CodeListRevision, VariableRevision } from "./catalogue-history.entity";
import { Form } from "./form.entity";
import { FormVersion } from "./form-version.entity";
import { Household } from "./household.entity";
import { Individual } from "./individual.entity";
import { OutboxEntry } from "./outbox-entry.entity";
import { Submission } from "./submission.entity";
import { User } from "./user.entity";
import { Session } from "./session.entity";
import { ApiToken } from "./api-token.entity";
import { AuditEvent, AuditLink } from "./audit-event.entity";
import { LoginThrottle } from "./login-throttle.entity";
import { HouseholdVersion } from "./household-version.entity";
import { ReviewItem } from "./review-item.entity";
import { Merge } from "./merge.entity";
import { NameFrequencies } from "./name-frequencies.entity";
import { RegistryExport } from "./registry-export.entity";
import { DataImport, ImportHousehold, ImportProfile, ImportRow } from "./import.entity";
import { BackupRun } from "./backup-run.entity";
import { Incident, IncidentAction } from "./incident.entity";
import { SubmissionRefusal } from "./submission-refusal.entity";
import { Attachment } from "./attachment.entity";

export {
  ApiToken,
  Attachment,
  BackupRun,
  AuditEvent,
  AuditLink,
  CatalogueCodeList,
  CatalogueRelease,
  CatalogueVariable,
  CodeListRevision,
  VariableRevision,
  Form,
  FormVersion,
  Household,
  Individual,
  HouseholdVersion,
  ReviewItem,
  Merge,
  NameFrequencies,
  RegistryExport,
  DataImport,
  ImportHousehold,
  ImportProfile,
  ImportRow,
  LoginThrottle,
  OutboxEntry,
  Session,
  Submission,
  User,
};

/** Every entity, listed statically: MikroORM gets them without scanning folders (STACK.md trap 7). */
export const entities = [
  Attachment,
  CatalogueVariable,
  CatalogueCodeList,
  Form,
  FormVersion,
  Submission,
  OutboxEntry,
  Household,
  Individual,
  User,
  Session,
  ApiToken,
  AuditEvent,
  AuditLink,
  LoginThrottle,
  VariableRevision,
  CodeListRevision,
  CatalogueRelease,
  HouseholdVersion,
  ReviewItem,
  Merge,
  NameFrequencies,
  RegistryExport,
  ImportProfile,
  DataImport,
  ImportRow,
  ImportHousehold,
  BackupRun,
  Incident,
  IncidentAction,
  SubmissionRefusal,
];
