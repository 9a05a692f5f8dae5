/**
 * The add-on's public Apps Script API and nothing else: one line per entry point, each naming its operation in the
 * table (operations.ts), which says what it runs, with which scopes, lock and log. gas-webpack-plugin exposes every
 * `export function` here as a top-level Apps Script function (it skips `export const`), so these stay functions;
 * test/project/operations.test.ts checks them against the table (a missing or extra entry point fails it). The
 * sidebar's types are derived from these signatures (src/client/rpc.ts).
 */
import type { CertificateOptions, SettingsMap, ReportPeriod, RoundDecision, RoundRequestArg } from '../protocol';
import { OPERATIONS as O } from './operations';
import { buildMenu, fromMenu, fromSidebar, fromTrigger } from './workspace/entry';
import { noticeOnOpen } from './workspace/features/health';

// ---- lifecycle: builds the add-on menu; in AuthMode.NONE it touches nothing else ----
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void { buildMenu(e?.authMode); noticeOnOpen(e?.authMode); }
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void { buildMenu((e as { authMode?: GoogleAppsScript.Script.AuthMode } | undefined)?.authMode); }

// ---- menu items ----
export function showSidebar(): void { fromMenu(O.sidebar); }
export function setUpWorkbook(): void { fromMenu(O.setUp); }
export function checkRegistry(): void { fromMenu(O.checkRegistry); }
export function checkEvents(): void { fromMenu(O.checkEvents); }
export function createEventForms(): void { fromMenu(O.createEventForms); }
export function syncFormResponses(): void { fromMenu(O.syncResponses); }
export function stampCheckIns(): void { fromMenu(O.stampCheckIns); }
export function tallyAttendance(): void { fromMenu(O.tallyAttendance); }
export function sendParticipantMail(): void { fromMenu(O.sendMail); }
export function sendMeetingInvites(): void { fromMenu(O.sendMeetingInvites); }
export function sendEventInvites(): void { fromMenu(O.sendEventInvites); }
export function createPamphletTemplate(): void { fromMenu(O.createPamphletTemplate); }
export function generatePamphlet(): void { fromMenu(O.generatePamphlet); }
export function summariseSurveys(): void { fromMenu(O.summariseSurveys); }
export function createActivityReport(): void { fromMenu(O.createActivityReport); }
export function createCheckInRoster(): void { fromMenu(O.createRoster); }
export function issueCertificates(): void { fromMenu(O.issueCertificates); }
export function updateTrainingRecords(): void { fromMenu(O.updateTrainingRecords); }

// ---- triggers ----
export function onFormSubmitHandler(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void { fromTrigger(O.formSubmit, e); }
export function catchUpResponses(): void { fromTrigger(O.catchUpResponses, undefined); }

// ---- sidebar RPC ----
export function rpcInit() { return fromSidebar(O.init); }
export function rpcLastResults() { return fromSidebar(O.lastResults); }
export function rpcSetUp() { return fromSidebar(O.setUp); }
export function rpcCheckRegistry() { return fromSidebar(O.checkRegistry); }
export function rpcPreviewCsv(base64: string) { return fromSidebar(O.previewCsv, base64); }
export function rpcImportCsv(base64: string) { return fromSidebar(O.importCsv, base64); }
export function rpcGetSettings() { return fromSidebar(O.getSettings); }
export function rpcSaveSettings(settings: SettingsMap) { return fromSidebar(O.saveSettings, settings); }
export function rpcListEvents() { return fromSidebar(O.listEvents); }
export function rpcCreateEventForms(eventId: string) { return fromSidebar(O.createEventForms, eventId); }
export function rpcSyncResponses() { return fromSidebar(O.syncResponses); }
export function rpcTallyAttendance() { return fromSidebar(O.tallyAttendance); }
export function rpcSendMail() { return fromSidebar(O.sendMail); }
export function rpcPreviewMail() { return fromSidebar(O.previewMail); }
export function rpcPlanMeetings() { return fromSidebar(O.planMeetings); }
export function rpcSendMeetingInvites() { return fromSidebar(O.sendMeetingInvites); }
export function rpcSendEventInvites(eventId: string, resend?: string[]) { return fromSidebar(O.sendEventInvites, eventId, resend); }
export function rpcCreatePamphletTemplate() { return fromSidebar(O.createPamphletTemplate); }
export function rpcPreviewPamphlet() { return fromSidebar(O.previewPamphlet); }
export function rpcGeneratePamphlet(options?: { issuedOn?: string }) { return fromSidebar(O.generatePamphlet, options); }
export function rpcSummariseSurveys() { return fromSidebar(O.summariseSurveys); }
export function rpcCreateActivityReport(period?: ReportPeriod) { return fromSidebar(O.createActivityReport, period); }

// ---- personal data (issue 19) ----
export function createAccommodationForm(): void { fromMenu(O.createAccommodationForm); }
export function searchPersonalData(): void { fromMenu(O.searchPersonalData); }
export function erasePersonalData(): void { fromMenu(O.erasePersonalData); }
export function tidyPersonalData(): void { fromMenu(O.runRetention); }
export function rpcCreateAccommodationForm(eventId: string) { return fromSidebar(O.createAccommodationForm, eventId); }
export function rpcSearchPersonalData(query: string, cursor?: string) { return fromSidebar(O.searchPersonalData, query, cursor); }
export function rpcPreviewErase(query: string, cursor?: string) { return fromSidebar(O.previewErase, query, cursor); }
export function rpcErasePersonalData(query: string, cursor?: string) { return fromSidebar(O.erasePersonalData, query, cursor); }
export function rpcPlanRetention() { return fromSidebar(O.planRetention); }
export function rpcRunRetention() { return fromSidebar(O.runRetention); }
export function rpcCreateRoster(eventId: string) { return fromSidebar(O.createRoster, eventId); }
export function rpcListAttendees(eventId: string) { return fromSidebar(O.listAttendees, eventId); }
export function rpcIssueCertificates(eventId: string, options: CertificateOptions = {}) { return fromSidebar(O.issueCertificates, eventId, options); }
export function rpcCheckHealth() { return fromSidebar(O.checkHealth); }
export function rpcTakeOver() { return fromSidebar(O.takeOver); }
export function rpcMoveToSharedFolder() { return fromSidebar(O.moveToSharedFolder); }

// ---- 掲載情報の確認 (issue 16) ----
export function rpcRequestAgencyRound(arg?: RoundRequestArg) { return fromSidebar(O.requestAgencyRound, arg); }
export function rpcReviewAgencyRound() { return fromSidebar(O.reviewAgencyRound); }
export function rpcDecideAgencyRound(decision: RoundDecision) { return fromSidebar(O.decideAgencyRound, decision); }
// ---- companies (issue 17) ----
export function createConsultationForms(): void { fromMenu(O.createConsultationForms); }
export function rpcCreateConsultationForms() { return fromSidebar(O.createConsultationForms); }
export function rpcListConsultations() { return fromSidebar(O.listConsultations); }
export function rpcAssignConsultation(number: string, agencyId: string) { return fromSidebar(O.assignConsultation, number, agencyId); }
export function rpcRemindConsultation(number: string) { return fromSidebar(O.remindConsultation, number); }
