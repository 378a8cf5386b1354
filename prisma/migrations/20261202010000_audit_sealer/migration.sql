-- AlterTable
ALTER TABLE "AuditEvent" ALTER COLUMN "chainIndex" DROP NOT NULL,
ALTER COLUMN "prevHash" DROP NOT NULL,
ALTER COLUMN "hash" DROP NOT NULL;


-- Hand-written: audit rows arrive unsealed. Extending the chain in the insert trigger took one
-- lock for the whole hub, so every request's audit entries (reads' too) waited for whichever
-- transaction held it, a 1,000-update batch for seconds. Now a row is written with no lock and
-- no link, and the sealer alone links committed rows into the chain, in turn: a read never
-- waits on a write, and the chain stays verifiable (audit-verify seals first, then checks).
CREATE OR REPLACE FUNCTION hub_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nobody supplies a link: only the sealer makes them.
  NEW."chainIndex" := NULL;
  NEW."prevHash" := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END
$$;

-- The one change a row accepts: being sealed, once, by the sealer, touching nothing else.
CREATE OR REPLACE FUNCTION hub_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF current_setting('hub.audit_sealing', true) = 'on' AND OLD."chainIndex" IS NULL AND NEW."chainIndex" IS NOT NULL
       AND (to_jsonb(NEW) - 'chainIndex' - 'prevHash' - 'hash') = (to_jsonb(OLD) - 'chainIndex' - 'prevHash' - 'hash') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Links up to max_rows committed, unsealed rows into the chain, oldest first; returns how many.
-- One sealer at a time (the advisory lock, held only while sealing). SECURITY DEFINER: the hub
-- may serve as a role that can only insert into the log; sealing is the function's, not its.
CREATE FUNCTION hub_audit_seal(max_rows integer) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head_index bigint;
  head_hash text;
  r "AuditEvent";
  sealed integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(726200101);
  PERFORM set_config('hub.audit_sealing', 'on', true);
  SELECT "chainIndex", hash INTO head_index, head_hash FROM "AuditEvent" WHERE "chainIndex" IS NOT NULL ORDER BY "chainIndex" DESC LIMIT 1;
  head_index := coalesce(head_index, 0);
  head_hash := coalesce(head_hash, repeat('0', 64));
  FOR r IN SELECT * FROM "AuditEvent" WHERE "chainIndex" IS NULL ORDER BY seq LIMIT max_rows FOR UPDATE LOOP
    head_index := head_index + 1;
    r."chainIndex" := head_index;
    r."prevHash" := head_hash;
    r.hash := encode(sha256(convert_to(head_hash || hub_audit_canonical(r), 'UTF8')), 'hex');
    UPDATE "AuditEvent" SET "chainIndex" = r."chainIndex", "prevHash" = r."prevHash", hash = r.hash WHERE seq = r.seq;
    head_hash := r.hash;
    sealed := sealed + 1;
  END LOOP;
  PERFORM set_config('hub.audit_sealing', 'off', true);
  RETURN sealed;
END
$$;

-- The sealer's work list: only the rows not yet sealed.
CREATE INDEX "AuditEvent_unsealed_idx" ON "AuditEvent" (seq) WHERE "chainIndex" IS NULL;
