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
