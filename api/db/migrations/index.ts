import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261128000000Foundation } from "./Migration20261128000000Foundation";
import { Migration20261128010000Access } from "./Migration20261128010000Access";
import { Migration20261128020000Catalogue } from "./Migration20261128020000Catalogue";
import { Migration20261128030000Forms } from "./Migration20261128030000Forms";
import { Migration20261128040000Matching } from "./Migration20261128040000Matching";
import { Migration20261128050000History } from "./Migration20261128050000History";
import { Migration20261129000000LookupCover } from "./Migration20261129000000LookupCover";
import { Migration20261129010000SubmissionCommune } from "./Migration20261129010000SubmissionCommune";
import { Migration20261129020000IndividualPlace } from "./Migration20261129020000IndividualPlace";
import { Migration20261206200000NinHolder } from "./Migration20261206200000NinHolder";
import { Migration20261206210000ReviewMerge } from "./Migration20261206210000ReviewMerge";
import { Migration20261206220000AuditSequencer } from "./Migration20261206220000AuditSequencer";
import { Migration20261206230000NameFrequencies } from "./Migration20261206230000NameFrequencies";
import { Migration20261206233000LoginThrottlePairs } from "./Migration20261206233000LoginThrottlePairs";
import { Migration20261207010000PersonOneHousehold } from "./Migration20261207010000PersonOneHousehold";
import { Migration20261207040000BackupRuns } from "./Migration20261207040000BackupRuns";
import { Migration20261207050000Incidents } from "./Migration20261207050000Incidents";
import { Migration20261207060000Imports } from "./Migration20261207060000Imports";
import { Migration20261207070000RegistryExports } from "./Migration20261207070000RegistryExports";
import { Migration20261208010000SubmissionRefusals } from "./Migration20261208010000SubmissionRefusals";
import { Migration20261208030000HouseholdChangeOrder } from "./Migration20261208030000HouseholdChangeOrder";

/** Every migration, in order. New ones are generated with `rsu migrate --create` and added here. */
export const migrationsList: MigrationObject[] = [
  { name: "Migration20261128000000Foundation", class: Migration20261128000000Foundation },
  { name: "Migration20261128010000Access", class: Migration20261128010000Access },
  { name: "Migration20261128020000Catalogue", class: Migration20261128020000Catalogue },
  { name: "Migration20261128030000Forms", class: Migration20261128030000Forms },
  { name: "Migration20261128040000Matching", class: Migration20261128040000Matching },
  { name: "Migration20261128050000History", class: Migration20261128050000History },
  { name: "Migration20261129000000LookupCover", class: Migration20261129000000LookupCover },
  { name: "Migration20261129010000SubmissionCommune", class: Migration20261129010000SubmissionCommune },
  { name: "Migration20261129020000IndividualPlace", class: Migration20261129020000IndividualPlace },
  { name: "Migration20261206200000NinHolder", class: Migration20261206200000NinHolder },
  { name: "Migration20261206210000ReviewMerge", class: Migration20261206210000ReviewMerge },
  { name: "Migration20261206220000AuditSequencer", class: Migration20261206220000AuditSequencer },
  { name: "Migration20261206230000NameFrequencies", class: Migration20261206230000NameFrequencies },
  { name: "Migration20261206233000LoginThrottlePairs", class: Migration20261206233000LoginThrottlePairs },
  { name: "Migration20261207010000PersonOneHousehold", class: Migration20261207010000PersonOneHousehold },
  { name: "Migration20261207040000BackupRuns", class: Migration20261207040000BackupRuns },
  { name: "Migration20261207050000Incidents", class: Migration20261207050000Incidents },
  { name: "Migration20261207060000Imports", class: Migration20261207060000Imports },
  { name: "Migration20261207070000RegistryExports", class: Migration20261207070000RegistryExports },
  { name: "Migration20261208010000SubmissionRefusals", class: Migration20261208010000SubmissionRefusals },
  { name: "Migration20261208030000HouseholdChangeOrder", class: Migration20261208030000HouseholdChangeOrder },
];
