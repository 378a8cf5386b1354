import { GraphQLError } from "graphql";
import { builder } from "../builder.js";

builder.scalarType("DateTime", {
  description: "A moment in time, as an ISO 8601 string in UTC.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: (value) => {
    const date = typeof value === "string" ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError("Give the date and time as an ISO 8601 string, e.g. 2026-03-03T10:00:00Z.");
    return date;
  },
});

// A calendar date with no time, such as a date of birth: exactly YYYY-MM-DD, a date that exists.
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseCalendarDate(value: unknown): Date {
  const match = typeof value === "string" ? CALENDAR_DATE.exec(value) : null;
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError("Give the date as YYYY-MM-DD, a date that exists, e.g. 1994-05-12.");
  }
  return date;
}

builder.scalarType("Date", {
  description: "A calendar date with no time, as YYYY-MM-DD (e.g. a date of birth).",
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString().slice(0, 10),
  parseValue: parseCalendarDate,
});
