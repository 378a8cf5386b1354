// Working days and the Victims' Code clocks: pure functions, no database.
export { type BankHoliday, bankHolidays, calendarYears, easterSunday, standardBankHolidays } from "./bank-holidays.js";
export { londonDate } from "./london-days.js";
export { addWorkingDays, isWorkingDay, OutsideBankHolidayCalendarError, workingDaysBetween } from "./working-days.js";
export { type ClockStartField, DUTIES, REVIEWABLE_DECISIONS, type Duty, type DutyName, DUTY_FOR_COURT_RESULT, dueDateFor, dutiesStartedBy, type StartedDuty } from "./duties.js";
export { REVIEW_SCHEMES, type ReviewScheme, type ReviewSchemeName, reviewSchemeFor, reviewWindowEnds } from "./review-schemes.js";
export { type DutySource, dutySource, dutyWhat, localDutyName, localStandardIdOf } from "./local-duties.js";
