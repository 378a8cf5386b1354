export type { CoreContext } from "./shared/context.js";
export { HubError, NotFoundError, BadInputError, ConflictError, ContactAgreementBreachError, type HubErrorCode } from "./shared/errors.js";
export { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, type Page, type PageRequest } from "./shared/keyset-page.js";
export { PURPOSE_HEADER, requirePurpose } from "./shared/purpose.js";
export { loadActor } from "./identity/load-actor.js";
export { listOrganisations } from "./organisations/list-organisations.js";
export { listCases } from "./cases/list-cases.js";
export { clocksOfCase, keepInTouchTasksOfCase } from "./cases/case-page-batch.js";
export { getCase } from "./cases/get-case.js";
export type { CaseSummary } from "./cases/case-summary.js";
export { getVictimIdentity, getVictimContactDetails } from "./victims/get-victim-details.js";
export { recordConsent } from "./consent/record-consent.js";
export { withdrawConsent } from "./consent/withdraw-consent.js";
export { listConsents, consentNow, type ConsentView, type StatementView } from "./consent/list-consents.js";
export type { RecordConsentInput, WithdrawConsentInput } from "./consent/consent-input.js";
export { recordSharingDecision } from "./sharing/record-sharing-decision.js";
export type { RecordSharingDecisionInput } from "./sharing/sharing-decision-input.js";
export { listDataSharingAgreements } from "./sharing/list-data-sharing-agreements.js";
export {
  draftDataSharingAgreement,
  updateDataSharingAgreement,
  signOffDataSharingAgreement,
  changeDataSharingAgreementStatus,
  isReviewDue,
  type DataSharingAgreementView,
  type DraftDataSharingAgreementInput,
  type UpdateDataSharingAgreementInput,
  type SignOffDataSharingAgreementInput,
  type ChangeDataSharingAgreementStatusInput,
} from "./sharing/maintain-data-sharing-agreement.js";
export { withdrawFromDataSharingAgreement, type WithdrawFromDataSharingAgreementInput } from "./sharing/withdraw-from-data-sharing-agreement.js";
export { RequestAudit } from "./audit/request-audit.js";
export type { AuditEntry } from "./audit/audit-entry.js";
export { observingAuditWrites, writeAuditEntries } from "./audit/write-audit-entries.js";
export { verifyAuditChain, type ChainReport } from "./audit/verify-audit-chain.js";
export { victimAccessLog } from "./audit/victim-access-log.js";
export { STAGE_MOVES, refuseStageMove } from "./case-progress/case-stages.js";
export { moveCaseStage, type MoveCaseStageInput } from "./case-progress/move-case-stage.js";
export { recordCaseUpdate, type RecordCaseUpdateInput } from "./case-progress/record-case-update.js";
export { caseTimeline } from "./case-progress/case-timeline.js";
export { acknowledgeCaseUpdate } from "./case-progress/acknowledge-case-update.js";
export { recordContact, listContacts, contactAnswers, clocksSatisfiedBy, satisfyingContact, breachedRulesShown, CONTACT_OUTSIDE_AGREEMENT_TOPIC, type RecordContactInput } from "./ledger/record-contact.js";
export * from "./plain-language/index.js";
export { askQuestion, answerQuestion, listQuestions, type AskQuestionInput, type AnswerQuestionInput } from "./questions/victim-questions.js";
export { recordHearing, recordCourtResult, listHearings, type RecordHearingInput, type RecordCourtResultInput } from "./hearings/hearings.js";
export { acceptCourtResultPlainLanguage, acceptPlainLanguage } from "./agreed-message/accept-plain-language.js";
export {
  type AgreedMessagePart,
  type AgreedMessageSentence,
  type AgreedMessageSourceKind,
  agreedVictimMessage,
  type AgreedVictimMessage,
  type HeldBackWording,
  type MessageSources,
} from "./agreed-message/agreed-victim-message.js";
export { getAgreedMessage } from "./agreed-message/get-agreed-message.js";
export { WHAT_HAPPENS_NEXT } from "./agreed-message/stage-wording.js";
export {
  HEARTBEAT_CANCEL_REASONS,
  type HeartbeatAction,
  type HeartbeatCaseFacts,
  type HeartbeatNews,
  heartbeatIntervalDays,
  heartbeatMessage,
  heartbeatWindowStart,
  NEWS_OPENING,
  NO_CHANGE_OPENING,
  planHeartbeat,
} from "./keep-in-touch/heartbeat-plan.js";
export { heartbeatNewsFor, heartbeatWordsNow } from "./keep-in-touch/heartbeat-words.js";
export { closeHeartbeatTasks } from "./keep-in-touch/close-heartbeat-tasks.js";
export { recordCaseUpdates, MAX_BATCH, type BatchCaseUpdateInput, type BatchItemError, type BatchResult } from "./case-progress/record-case-updates-batch.js";
export { findCasesByReference } from "./cases/find-cases-by-reference.js";
export { CaseEventsAfterCommit, InProcessCaseEvents, followCaseUpdates, type CaseEvent, type CaseEvents, type CaseUpdateDelivery } from "./case-progress/case-events.js";
export * from "./clocks/index.js";
export { contactBreaches, contactBreaksContract, type ContactBreach, type ContactRule } from "./contact-contract/breaks-contract.js";
export { setContactContract, getContactContract, getVictimNeeds, type ContactContractInput, type ContactContractView, type VictimNeedsView } from "./contact-contract/contact-contract.js";
export { checkContact, contactAgreementState, type CheckContactInput, type ContactAgreementState, type ContactCheck } from "./contact-contract/check-contact.js";
export { assessEnhancedRights, currentEnhancedRights, suggestEnhancedRightsGrounds, type AssessEnhancedRightsInput } from "./enhanced-rights/enhanced-rights.js";
export { REASSESSMENT_OFFERED_TOPIC, type Reassessment } from "./enhanced-rights/reassessment-offers.js";
export { startClocks, satisfyClocks, handsOff } from "./statutory-clocks/start-clocks.js";
export { CLOCK_STATUSES, type ClockStatus, listClocks, listKeepInTouchTasks } from "./statutory-clocks/list-clocks.js";
export {
  type AddLocalServiceStandardInput,
  addLocalServiceStandard,
  listLocalServiceStandards,
  mayKeepLocalServiceStandards,
  retireLocalServiceStandard,
} from "./service-standards/local-service-standards.js";
export {
  complianceReport,
  SMALL_NUMBERS_THRESHOLD,
  updateIntervalReport,
  type ComplianceReportInput,
  type ComplianceRow,
  type UpdateIntervalRow,
} from "./compliance/compliance-report.js";
export { refuseReferralMove, REFERRAL_MOVES } from "./referrals/referral-states.js";
export { makeReferral, type MakeReferralInput } from "./referrals/make-referral.js";
export { changeReferralStatus, type ChangeReferralStatusInput } from "./referrals/change-referral-status.js";
export { referralsInbox, referralsOnCase } from "./referrals/list-referrals.js";
export { searchServices, BAD_POSTCODE, DEFAULT_WITHIN_KM, MAX_SEARCH_PAGE, type SearchServicesInput, type ServiceSearchPage, type ServiceSearchResult, type ServiceSearchLocation, type ServiceSearchTerm } from "./signposting/search-services.js";
export { signpostService, SIGNPOSTING_DUTY, type SignpostServiceInput } from "./signposting/signpost.js";
export type { Schedule as OpeningTime } from "./signposting/opening-times.js";
export { centroidFor, parsePostcode, distanceInMetres, boundingBox, type Centroid, type ParsedPostcode } from "./directory/postcode-centroids.js";
export { STALE_AFTER_DAYS, isStale, type DirectoryServiceView } from "./directory/directory-service-view.js";
export { LOCATION_OWNER_INCLUDE, locationAsSeenBy, locationsKnownTo, locationViewer, mayKnowWhereLocationIs, PUBLIC_VIEWER, type LocationViewer } from "./directory/confidential-location.js";
export { getDirectoryService } from "./directory/get-directory-service.js";
export { listDirectoryServices } from "./directory/list-directory-services.js";
export { createDirectoryService, updateDirectoryService, verifyDirectoryService, DIRECTORY_SERVICE_STATUSES, type CreateDirectoryServiceInput, type UpdateDirectoryServiceInput } from "./directory/maintain-directory-service.js";
export { importDirectory, directoryRecords, describeImportReport, DirectoryImportError, type DirectoryImportReport, type DirectoryImportProgress, type RejectedRecord } from "./directory/import-directory.js";
export { hsdsValidator, describeSchemaErrors, HSDS_SCHEMAS, type HsdsSchemaName } from "./directory/hsds-schemas.js";
export { listNotifications, countUnreadNotifications, type ListNotificationsRequest } from "./notifications/list-notifications.js";
export { markNotificationRead, markAllNotificationsRead } from "./notifications/mark-notification-read.js";
export type { NotificationView } from "./notifications/describe-notifications.js";
export { nowOf } from "./shared/context.js";
export { openCase, newVictimReference, type OpenCaseInput } from "./cases/open-case.js";
export { closeCase, reopenCase, type CloseCaseInput, type ReopenCaseInput } from "./cases/close-case.js";
export { updateCaseDetails, type UpdateCaseDetailsInput } from "./cases/update-case-details.js";
export { stageAfterEvent } from "./case-progress/stage-change.js";
export { agenciesOnDutyAt, joinByDuty } from "./involvements/join-by-duty.js";
export { addCaseInvolvement, type AddInvolvementInput } from "./involvements/add-involvement.js";
export { endCaseInvolvement, type EndInvolvementInput } from "./involvements/end-involvement.js";
export { handOverNamedContact, type HandOverInput } from "./involvements/hand-over-contact.js";
export { listInvolvementHistory } from "./involvements/list-involvements.js";
export { namedContactCandidates } from "./involvements/named-contact-candidates.js";
export { CAPACITY_OF_KIND, CAPACITY_WORDS } from "./involvements/capacities.js";
export { ORGANISATION_JOINED_TOPIC, NAMED_CONTACT_TOPIC } from "./involvements/involvement-notices.js";
export { updateVictimIdentity, updateVictimContactDetails, victimDetailsHistory, type VictimIdentityChange, type VictimContactDetailsChange } from "./victims/update-victim-details.js";
export { createOrganisation, updateOrganisation, listAdministeredOrganisations, type CreateOrganisationInput, type UpdateOrganisationInput } from "./administration/organisations.js";
export { addPerson, setMembershipRoles, setMembershipActive, setUserActive, listMembers, type AddPersonInput, type SetMembershipRolesInput, type SetMembershipActiveInput, type SetUserActiveInput } from "./administration/people.js";
export { ROLE_WORDS, checkRolesToGive } from "./administration/role-rules.js";
export { createProvisioningClient, revokeProvisioningClient, listProvisioningClients, type CreateProvisioningClientInput, type ProvisioningClientView, type ProvisioningGroupView } from "./provisioning/provisioning-clients.js";
export { mapProvisioningGroup, unmapProvisioningGroup, type MapProvisioningGroupInput } from "./provisioning/map-provisioning-group.js";
export { recomputeMemberships } from "./provisioning/recompute-memberships.js";
export { findProvisioningClient, hashProvisioningToken, TOKEN_PREFIX as PROVISIONING_TOKEN_PREFIX } from "./provisioning/provisioning-token.js";
export { ScimError, type ScimType } from "./provisioning/scim-error.js";
export type { ScimClient, ScimContext } from "./provisioning/scim-context.js";
export { readListQuery, type ScimListQuery } from "./provisioning/scim-list-query.js";
export { listScimUsers, getScimUser, createScimUser, replaceScimUser, patchScimUser, deleteScimUser } from "./provisioning/scim-users.js";
export { listScimGroups, getScimGroup, createScimGroup, replaceScimGroup, patchScimGroup, deleteScimGroup } from "./provisioning/scim-groups.js";
export { serviceProviderConfig, resourceType, resourceTypes, schemaDefinition, schemaDefinitions } from "./provisioning/scim-discovery.js";
export { SEARCH_REQUEST as SCIM_SEARCH_REQUEST } from "./provisioning/scim-resources.js";
export { parseMoment, parseCalendarDate, EARLIEST_MOMENT, LATEST_MOMENT } from "./shared/moments.js";
export { isStorableText } from "./shared/storable-text.js";
export { caseViewerMay, mayOpenCases, type CaseViewerMay } from "./cases/viewer-may.js";
export { concernedIdentifiers, maySeeAllOf, type Concerned } from "./cases/still-visible.js";
export { sealAuditLog } from "@hub/db";
