-- Hand-written: hub_audit_seal() runs as the audit log's owner on behalf of a serving role that
-- may only read and append to the log (SECURITY DEFINER). Its search_path was the migrating
-- session's, and such a path searches the caller's temporary schema first, where a caller could
-- put an "AuditEvent" of its own. Now: the function's own schema, and pg_temp last, as
-- PostgreSQL advises for SECURITY DEFINER functions.
DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION hub_audit_seal(integer) SET search_path = %I, pg_temp', current_schema());
END
$$;
