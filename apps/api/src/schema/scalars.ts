// Dates and times: RFC 3339 only, dates that exist, within the hub's range (packages/core
// shared/moments.ts). A refusal names no value: the caller sees where, never what they sent.
import { parseCalendarDate, parseMoment } from "@hub/core";
import { GraphQLError } from "graphql";
import { builder } from "../builder.js";

builder.scalarType("DateTime", {
  description: "A moment in time, as an RFC 3339 string with its offset, e.g. 2026-03-03T10:00:00Z. Between 1900 and 2199.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: (value) => {
    const date = parseMoment(value);
    if (!date) throw new GraphQLError("Give the date and time as an RFC 3339 string, a moment that exists between 1900 and 2199, e.g. 2026-03-03T10:00:00Z.");
    return date;
  },
});

builder.scalarType("Date", {
  description: "A calendar date with no time, as YYYY-MM-DD (e.g. a date of birth).",
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString().slice(0, 10),
  parseValue: (value) => {
    const date = parseCalendarDate(value);
    if (!date) throw new GraphQLError("Give the date as YYYY-MM-DD, a date that exists, e.g. 1994-05-12.");
    return date;
  },
});
