// Every field the hub keeps is in the catalogue: each field of a victim-data model in exactly
// one class, every other model named as holding no victim data. A new column or model fails
// here until someone decides which category of her data it is, so it cannot slip past consent.
import { Prisma } from "@hub/db";
import { describe, expect, it } from "vitest";
import { auditFieldNames, CATEGORIES_FOR_PURPOSE, catalogueFieldsOf, classOf, NOT_VICTIM_DATA, REFERRAL_PAYLOAD, referralPayloadFields, VICTIM_DATA } from "../src/index.js";

const scalarFields = (model: string): string[] => Object.keys((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`] ?? {});
const MODELS = Object.values(Prisma.ModelName) as string[];

describe("the data catalogue", () => {
  it("names every model: as victim data, field by field, or as holding none of hers", () => {
    const unclassified = MODELS.filter((m) => !(m in VICTIM_DATA) && !(m in NOT_VICTIM_DATA));
    expect(unclassified).toEqual([]);
    expect(MODELS.filter((m) => m in VICTIM_DATA && m in NOT_VICTIM_DATA)).toEqual([]);
    // And names nothing the schema does not have.
    expect([...Object.keys(VICTIM_DATA), ...Object.keys(NOT_VICTIM_DATA)].filter((m) => !MODELS.includes(m))).toEqual([]);
  });

  it("puts every field of every victim-data model in exactly one class, and no field the schema lacks", () => {
    for (const model of Object.keys(VICTIM_DATA)) {
      const fields = scalarFields(model);
      expect(fields.length, model).toBeGreaterThan(0);
      expect(fields.filter((f) => !classOf(model, f)).map((f) => `${model}.${f}`)).toEqual([]);
      expect(Object.keys(VICTIM_DATA[model as keyof typeof VICTIM_DATA]).filter((f) => !fields.includes(f)).map((f) => `${model}.${f}`)).toEqual([]);
    }
  });

  it("keeps her health needs in special category, her needs apart from how to reach her safely", () => {
    expect(classOf("VictimContactContract", "accessibilityNeeds")).toBe("SPECIAL_CATEGORY");
    expect(classOf("VictimContactContract", "language")).toBe("NEEDS_AND_VULNERABILITIES");
    expect(classOf("VictimContactContract", "codeword")).toBe("SAFE_CONTACT_RULES");
    expect(classOf("EnhancedRightsAssessment", "grounds")).toBe("NEEDS_AND_VULNERABILITIES");
    expect(classOf("VictimContactDetails", "address")).toBe("CONTACT_DETAILS");
    expect(catalogueFieldsOf("SPECIAL_CATEGORY")).toEqual(["VictimContactContract.accessibilityNeeds"]);
  });

  it("makes a referral carry the fields of what it shares, and never her case's timeline", () => {
    expect(referralPayloadFields(["IDENTITY"])).toEqual(["VictimIdentity.fullName", "VictimIdentity.preferredName", "VictimIdentity.dateOfBirth"]);
    expect(referralPayloadFields(["CASE_PROGRESS"])).toEqual([]);
    expect(REFERRAL_PAYLOAD.NEEDS_AND_VULNERABILITIES).toContain("EnhancedRightsAssessment");
    expect(CATEGORIES_FOR_PURPOSE.REFERRAL).not.toContain("CASE_PROGRESS");
    for (const field of referralPayloadFields(["CONTACT_DETAILS", "SAFE_CONTACT_RULES", "SPECIAL_CATEGORY"])) {
      const [model, name] = field.split(".") as [string, string];
      expect(["CONTACT_DETAILS", "SAFE_CONTACT_RULES", "SPECIAL_CATEGORY"]).toContain(classOf(model, name));
    }
  });

  it("refuses an audit field name the catalogue does not know", () => {
    expect(auditFieldNames("VictimIdentity", ["fullName"])).toEqual(["VictimIdentity.fullName"]);
    expect(() => auditFieldNames("VictimIdentity", ["favouriteColour"])).toThrow(/not in the data catalogue/);
  });
});
