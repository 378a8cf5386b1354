const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a record, and must not reach SQL as a uuid cast. */
export const isUuid = (value: string): boolean => UUID.test(value);
