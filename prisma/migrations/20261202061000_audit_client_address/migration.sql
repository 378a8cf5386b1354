-- Hand-written: the audit log records where a request came from ("clientAddress", added in
-- 20261202015000_edges_governance), and that address is part of what each row's hash covers,
-- so it cannot be changed (or filled in later) without breaking the chain. It is appended to
-- the canonical text only when present: rows written before it existed (all with no address)
-- hash exactly as they did, so the chain already sealed still verifies.
CREATE OR REPLACE FUNCTION hub_audit_canonical(a "AuditEvent") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT (
    jsonb_build_array(
      a."chainIndex", a.seq, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      a.action, a."actorUserId", a."organisationId", a.roles, a.purpose, a."lawfulBasisCode",
      a."consentId", a."sharingDecisionId", a."entityType", a."entityId", a."caseId", a."victimId",
      a.fields, a."recipientOrganisationIds", a.outcome
    )
    || CASE WHEN a."clientAddress" IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(a."clientAddress") END
  )::text
$$;
