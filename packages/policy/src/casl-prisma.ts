// CASL bound to the hub's generated Prisma client (Prisma 7 writes it outside @prisma/client).
import type { Ability } from "@casl/ability";
import {
  accessibleBy,
  createPrismaAbility,
  type PrismaQueryOf,
  type Subjects,
  type WhereInputOf,
} from "@casl/prisma/runtime";
import type {
  Area,
  AreaGlossaryTerm,
  AuditEvent,
  Case,
  CaseInvolvement,
  CaseUpdate,
  CaseUpdatePlainLanguageAcceptance,
  Consent,
  ContactRecord,
  DataSharingAgreement,
  DirectoryLocation,
  DirectoryService,
  DsaParty,
  Hearing,
  KeepInTouchTask,
  LocalServiceStandard,
  Membership,
  Organisation,
  ProvisioningClient,
  Prisma,
  Referral,
  SharingDecision,
  StatutoryClock,
  User,
  EnhancedRightsAssessment,
  VictimContactContract,
  VictimContactDetails,
  VictimIdentity,
  VictimQuestion,
} from "@hub/db";

export { accessibleBy, createPrismaAbility };

export type PrismaQuery = PrismaQueryOf<Prisma.TypeMap>;
export type WhereInput<M extends Prisma.ModelName> = WhereInputOf<Prisma.TypeMap, M>;

export type Action = "read" | "create" | "update" | "delete";
export type HubSubjects = Subjects<{
  Case: Case;
  CaseInvolvement: CaseInvolvement;
  CaseUpdate: CaseUpdate;
  CaseUpdatePlainLanguageAcceptance: CaseUpdatePlainLanguageAcceptance;
  ContactRecord: ContactRecord;
  Organisation: Organisation;
  Membership: Membership;
  ProvisioningClient: ProvisioningClient;
  User: User;
  Area: Area;
  AreaGlossaryTerm: AreaGlossaryTerm;
  LocalServiceStandard: LocalServiceStandard;
  VictimIdentity: VictimIdentity;
  VictimContactDetails: VictimContactDetails;
  Consent: Consent;
  SharingDecision: SharingDecision;
  DataSharingAgreement: DataSharingAgreement;
  DsaParty: DsaParty;
  AuditEvent: AuditEvent;
  VictimQuestion: VictimQuestion;
  Hearing: Hearing;
  StatutoryClock: StatutoryClock;
  KeepInTouchTask: KeepInTouchTask;
  VictimContactContract: VictimContactContract;
  EnhancedRightsAssessment: EnhancedRightsAssessment;
  DirectoryService: DirectoryService;
  DirectoryLocation: DirectoryLocation;
  Referral: Referral;
}>;
/** Aggregates with no victim data in them (compliance measures). */
export type AggregateSubjects = "ComplianceReport";
export type HubAbility = Ability<[Action, HubSubjects | AggregateSubjects | "all"], PrismaQuery>;
