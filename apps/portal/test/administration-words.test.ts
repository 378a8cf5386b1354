// Who sees which page and which button, and the Administration page's words: the portal
// offers only what the hub would allow (the hub still decides every request).
import { describe, expect, it } from "vitest";
import { administers, isStatutory, opensCases, roleInWords, rolesToOffer } from "../src/app/roles";
import { lowerFirst } from "../src/app/words";
import { areasInWords, demoSubjectFor, memberStandingInWords, rolesListInWords } from "../src/features/administration/adminWords";

describe("who may do what, as the portal offers it", () => {
  it("offers Open a case to the police and Witness Care Units, and Administration to admins", () => {
    expect(opensCases("POLICE")).toBe(true);
    expect(opensCases("POLICE_WCU")).toBe(true);
    expect(opensCases("CPS")).toBe(false);
    expect(opensCases("ISVA_SERVICE")).toBe(false);
    expect(administers(["ORGANISATION_ADMIN"])).toBe(true);
    expect(administers(["PARTNERSHIP_ADMIN"])).toBe(true);
    expect(administers(["CASEWORKER", "CASEWORK_LEAD"])).toBe(false);
    expect(isStatutory("CPS")).toBe(true);
    expect(isStatutory("VICTIM_SUPPORT_CHARITY")).toBe(false);
  });

  it("offers only the roles an organisation's kind has, and the partnership's roles only in the partnership body, to its administrator", () => {
    const femi = { roles: ["ORGANISATION_ADMIN", "PARTNERSHIP_ADMIN"], organisationId: "partnership" };
    const idva = rolesToOffer({ id: "idva", kind: "IDVA_SERVICE" }, femi);
    expect(idva).toContain("ADVOCATE");
    expect(idva).not.toContain("PROSECUTOR");
    expect(idva).not.toContain("VICTIM_LIAISON_OFFICER");
    expect(idva).not.toContain("PARTNERSHIP_ADMIN");
    expect(rolesToOffer({ id: "cps", kind: "CPS" }, femi)).toEqual(expect.arrayContaining(["PROSECUTOR", "VICTIM_LIAISON_OFFICER"]));
    expect(rolesToOffer({ id: "partnership", kind: "OTHER" }, femi)).toEqual(expect.arrayContaining(["PARTNERSHIP_ADMIN", "PARTNERSHIP_AUDITOR"]));
    const tom = { roles: ["ORGANISATION_ADMIN"], organisationId: "partnership" };
    expect(rolesToOffer({ id: "partnership", kind: "OTHER" }, tom)).not.toContain("PARTNERSHIP_ADMIN");
  });
});

describe("the Administration page's words", () => {
  it("says roles in the same order every time", () => {
    expect(rolesListInWords(["ORGANISATION_ADMIN", "CASEWORKER", "CASEWORK_LEAD"])).toBe("Caseworker, Casework lead and Organisation admin");
    expect(rolesListInWords([])).toBe("No roles");
    expect(roleInWords("PARTNERSHIP_ADMIN")).toBe("Partnership administrator");
    expect(roleInWords("A_NEW_ROLE")).toBe("A new role");
  });

  it("makes the demo's sign-in identifier from the email", () => {
    expect(demoSubjectFor("  Robin.Hale@Example.org ")).toBe("demo|robin.hale@example.org");
  });

  it("says who cannot work, and where an organisation works", () => {
    expect(memberStandingInWords({ active: true, person: { active: false } })).toBe("Deactivated: cannot do anything in the hub");
    expect(memberStandingInWords({ active: false, person: { active: true } })).toBe("Membership ended");
    expect(memberStandingInWords({ active: true, person: { active: true } })).toBeNull();
    expect(areasInWords([{ name: "Northshire" }, { name: "Southshire" }])).toBe("Serves Northshire and Southshire");
    expect(areasInWords([])).toBe("Serves no area yet");
  });

  it("keeps an initialism capitalised inside a sentence", () => {
    expect(lowerFirst("ISVA support (independent sexual violence adviser)")).toBe("ISVA support (independent sexual violence adviser)");
    expect(lowerFirst("Witness care")).toBe("witness care");
  });
});
