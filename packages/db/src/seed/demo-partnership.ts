// The demo partnership: fictional organisations, people and cases (example.org addresses)
// so the hub can be tried, and tested, with nothing else installed. No real person is named.
import type {
  AccessPurpose,
  CaseStage,
  ConsentGivenBy,
  ControllerRole,
  DataCategory,
  InvolvementCapacity,
  LegalType,
  OffenceCategory,
  OrganisationKind,
  Role,
} from "../generated/prisma/enums.js";

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  legalType: LegalType;
  areas: string[];
}

export interface DemoUser {
  email: string;
  name: string;
  organisation: string;
  roles: Role[];
  /** The `sub` claim of this user's tokens from the hub's embedded issuer. */
  oidcSubject: string;
}

export interface DemoCase {
  policeUrn: string;
  cpsReference?: string;
  offenceCategory: OffenceCategory;
  stage: CaseStage;
  area: string;
  openedDaysAgo: number;
  victim: { reference: string; fullName: string; dateOfBirth?: string; address?: string; postcode?: string; phone?: string; email?: string };
  involvements: { organisation: string; capacity: InvolvementCapacity; namedContact?: string }[];
  consents?: DemoConsent[];
}

/** A consent as the demo records it: recipients are organisation keys or organisation kinds. */
export interface DemoConsent {
  capturedBy: string;
  givenBy?: ConsentGivenBy;
  explicit?: boolean;
  withdrawn?: boolean;
  shares: { to: string | OrganisationKind; categories: DataCategory[]; purposes: AccessPurpose[] }[];
  withholds?: { category: DataCategory; from: string; reason: string }[];
}

export interface DemoAgreement {
  reference: string;
  title: string;
  purposes: AccessPurpose[];
  categories: DataCategory[];
  parties: { organisation: string; controllerRole: ControllerRole; lawfulBasisCode: string; specialCategoryCondition?: string }[];
}

export const DEMO_AREAS = [
  { code: "NSH", name: "Northshire" },
  { code: "SSH", name: "Southshire" },
];

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: "ns-police", name: "Northshire Police", kind: "POLICE", legalType: "COMPETENT_AUTHORITY", areas: ["NSH"] },
  { key: "ns-wcu", name: "Northshire Police Witness Care Unit", kind: "POLICE_WCU", legalType: "COMPETENT_AUTHORITY", areas: ["NSH"] },
  { key: "ns-cps", name: "CPS Northshire", kind: "CPS", legalType: "COMPETENT_AUTHORITY", areas: ["NSH"] },
  { key: "ns-isva", name: "Northshire Rape Crisis", kind: "ISVA_SERVICE", legalType: "VOLUNTARY_SECTOR", areas: ["NSH"] },
  { key: "ns-idva", name: "Safe Steps Northshire", kind: "IDVA_SERVICE", legalType: "VOLUNTARY_SECTOR", areas: ["NSH"] },
  { key: "ns-vs", name: "Victim Support Northshire", kind: "VICTIM_SUPPORT_CHARITY", legalType: "VOLUNTARY_SECTOR", areas: ["NSH"] },
  { key: "ns-partnership", name: "Northshire Victims' Partnership", kind: "OTHER", legalType: "PUBLIC_BODY", areas: ["NSH"] },
  { key: "ss-isva", name: "Southshire ISVA Service", kind: "ISVA_SERVICE", legalType: "VOLUNTARY_SECTOR", areas: ["SSH"] },
  { key: "ss-partnership", name: "Southshire Victims' Partnership", kind: "OTHER", legalType: "PUBLIC_BODY", areas: ["SSH"] },
];

const user = (email: string, name: string, organisation: string, roles: Role[]): DemoUser => ({
  email,
  name,
  organisation,
  roles,
  oidcSubject: `demo|${email}`,
});

export const DEMO_USERS: DemoUser[] = [
  user("officer@northshire-police.example.org", "DC Mark Lewis", "ns-police", ["CASEWORKER"]),
  user("wcu.officer@northshire-police.example.org", "Priya Shah", "ns-wcu", ["CASEWORKER"]),
  user("wcu.lead@northshire-police.example.org", "Tom Reid", "ns-wcu", ["ORGANISATION_ADMIN", "CASEWORK_LEAD", "CASEWORKER"]),
  user("vlo@cps-northshire.example.org", "Grace Adeyemi", "ns-cps", ["VICTIM_LIAISON_OFFICER"]),
  user("prosecutor@cps-northshire.example.org", "Daniel Hughes", "ns-cps", ["PROSECUTOR"]),
  user("isva@northshire-rapecrisis.example.org", "Amira Khan", "ns-isva", ["ADVOCATE"]),
  user("lead@northshire-rapecrisis.example.org", "Helen Ford", "ns-isva", ["ORGANISATION_ADMIN", "ADVOCATE"]),
  user("idva@safesteps-northshire.example.org", "Jo Evans", "ns-idva", ["ADVOCATE"]),
  user("caseworker@victimsupport-northshire.example.org", "Sam Okafor", "ns-vs", ["CASEWORKER"]),
  user("auditor@northshire-partnership.example.org", "Ruth Bennett", "ns-partnership", ["PARTNERSHIP_AUDITOR"]),
  user("directory@northshire-partnership.example.org", "Femi Adebayo", "ns-partnership", ["ORGANISATION_ADMIN", "PARTNERSHIP_ADMIN"]),
  user("isva@southshire-isva.example.org", "Chloe Martin", "ss-isva", ["ADVOCATE"]),
  user("admin@southshire-partnership.example.org", "Owen Price", "ss-partnership", ["ORGANISATION_ADMIN", "PARTNERSHIP_ADMIN"]),
];

const EVERYDAY: DataCategory[] = ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"];
const SUPPORT: AccessPurpose[] = ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED"];

export const DEMO_AGREEMENTS: DemoAgreement[] = [
  {
    reference: "NSH-ISA-2026",
    title: "Northshire Victims' Information Sharing Agreement",
    purposes: ["KEEPING_VICTIM_INFORMED", "SUPPORT_AND_ADVOCACY", "REFERRAL", "SAFEGUARDING", "LAW_ENFORCEMENT"],
    categories: ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS", "SAFE_CONTACT_RULES", "NEEDS_AND_VULNERABILITIES", "SPECIAL_CATEGORY"],
    // Her health needs (special category): the statutory agencies under their law-enforcement
    // and statutory conditions, the support services only on her explicit consent.
    parties: [
      { organisation: "ns-police", controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode: "LAW_ENFORCEMENT", specialCategoryCondition: "DPA 2018 s.35(5) and Sch 8 para 1: statutory purposes" },
      { organisation: "ns-wcu", controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode: "PUBLIC_TASK", specialCategoryCondition: "DPA 2018 Sch 1 para 6: statutory purposes (Victims' Code)" },
      { organisation: "ns-cps", controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode: "PUBLIC_TASK", specialCategoryCondition: "DPA 2018 s.35(5) and Sch 8 para 1: statutory purposes" },
      { organisation: "ns-isva", controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode: "CONSENT", specialCategoryCondition: "UK GDPR Art 9(2)(a): the victim's explicit consent" },
      { organisation: "ns-idva", controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode: "CONSENT", specialCategoryCondition: "UK GDPR Art 9(2)(a): the victim's explicit consent" },
      { organisation: "ns-vs", controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode: "CONSENT", specialCategoryCondition: "UK GDPR Art 9(2)(a): the victim's explicit consent" },
      { organisation: "ns-partnership", controllerRole: "JOINT_CONTROLLER", lawfulBasisCode: "PUBLIC_TASK", specialCategoryCondition: "DPA 2018 Sch 1 para 6: statutory purposes" },
    ],
  },
  {
    reference: "SSH-ISA-2026",
    title: "Southshire ISVA Information Sharing Agreement",
    purposes: ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED", "REFERRAL", "SAFEGUARDING"],
    categories: ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS", "SAFE_CONTACT_RULES", "NEEDS_AND_VULNERABILITIES"],
    parties: [{ organisation: "ss-isva", controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode: "CONSENT" }],
  },
];

const police = { organisation: "ns-police", capacity: "INVESTIGATING_POLICE", namedContact: "officer@northshire-police.example.org" } as const;
const wcu = { organisation: "ns-wcu", capacity: "WITNESS_CARE", namedContact: "wcu.officer@northshire-police.example.org" } as const;
const cps = { organisation: "ns-cps", capacity: "PROSECUTION", namedContact: "vlo@cps-northshire.example.org" } as const;
const isva = { organisation: "ns-isva", capacity: "ISVA_SUPPORT", namedContact: "isva@northshire-rapecrisis.example.org" } as const;
const idva = { organisation: "ns-idva", capacity: "IDVA_SUPPORT", namedContact: "idva@safesteps-northshire.example.org" } as const;
const vs = { organisation: "ns-vs", capacity: "VICTIM_SUPPORT", namedContact: "caseworker@victimsupport-northshire.example.org" } as const;

export const DEMO_CASES: DemoCase[] = [
  {
    policeUrn: "41NS0102325", cpsReference: "CPS-NS-250101", offenceCategory: "SEXUAL_OFFENCE", stage: "AWAITING_TRIAL", area: "NSH", openedDaysAgo: 210,
    consents: [
      {
        capturedBy: "isva@northshire-rapecrisis.example.org",
        shares: [
          { to: "ns-isva", categories: EVERYDAY, purposes: SUPPORT },
          { to: "POLICE_WCU", categories: ["CONTACT_DETAILS"], purposes: ["KEEPING_VICTIM_INFORMED"] },
          { to: "CPS", categories: ["CONTACT_DETAILS"], purposes: ["KEEPING_VICTIM_INFORMED"] },
        ],
      },
    ],
    victim: { reference: "V-NS-0001", fullName: "Alex Morgan", dateOfBirth: "1994-05-12", address: "12 Elm Row, Northtown", postcode: "NS1 4AB", phone: "07700 900101", email: "alex.morgan@example.org" },
    involvements: [police, wcu, cps, isva],
  },
  {
    policeUrn: "41NS0104125", offenceCategory: "DOMESTIC_ABUSE", stage: "UNDER_INVESTIGATION", area: "NSH", openedDaysAgo: 35,
    consents: [
      {
        capturedBy: "idva@safesteps-northshire.example.org",
        shares: [
          { to: "ns-idva", categories: EVERYDAY, purposes: SUPPORT },
          { to: "POLICE", categories: ["CONTACT_DETAILS"], purposes: ["LAW_ENFORCEMENT", "KEEPING_VICTIM_INFORMED"] },
        ],
      },
    ],
    victim: { reference: "V-NS-0002", fullName: "Bethany Clarke", dateOfBirth: "1988-11-02", address: "Flat 3, 8 Mill Lane, Northtown", postcode: "NS2 7QT", phone: "07700 900102" },
    involvements: [police, idva],
  },
  {
    policeUrn: "41NS0107725", cpsReference: "CPS-NS-250177", offenceCategory: "HATE_CRIME", stage: "CHARGED", area: "NSH", openedDaysAgo: 90,
    consents: [
      {
        capturedBy: "caseworker@victimsupport-northshire.example.org",
        shares: [{ to: "ns-vs", categories: ["CASE_PROGRESS", "IDENTITY"], purposes: ["SUPPORT_AND_ADVOCACY"] }],
        withholds: [{ category: "CONTACT_DETAILS", from: "ns-vs", reason: "Prefers to call Victim Support himself." }],
      },
    ],
    victim: { reference: "V-NS-0003", fullName: "Imran Siddiqui", phone: "07700 900103" },
    involvements: [police, wcu, cps, vs],
  },
  {
    policeUrn: "41NS0109925", offenceCategory: "BURGLARY", stage: "NO_FURTHER_ACTION", area: "NSH", openedDaysAgo: 60,
    consents: [{ capturedBy: "caseworker@victimsupport-northshire.example.org", shares: [{ to: "VICTIM_SUPPORT_CHARITY", categories: EVERYDAY, purposes: ["SUPPORT_AND_ADVOCACY"] }] }],
    victim: { reference: "V-NS-0004", fullName: "Margaret Holloway", dateOfBirth: "1941-03-30", address: "2 Church Close, Eastby", postcode: "NS4 1DD" },
    involvements: [police, vs],
  },
  {
    policeUrn: "41NS0111225", offenceCategory: "ROBBERY", stage: "REPORTED", area: "NSH", openedDaysAgo: 3,
    victim: { reference: "V-NS-0005", fullName: "Jordan Price", phone: "07700 900105" },
    involvements: [police],
  },
  {
    policeUrn: "41NS0113425", cpsReference: "CPS-NS-250134", offenceCategory: "SEXUAL_OFFENCE", stage: "CHARGING_DECISION", area: "NSH", openedDaysAgo: 120,
    consents: [
      {
        capturedBy: "isva@northshire-rapecrisis.example.org",
        givenBy: "PARENT_OR_GUARDIAN",
        shares: [{ to: "ns-isva", categories: EVERYDAY, purposes: SUPPORT }],
      },
    ],
    victim: { reference: "V-NS-0006", fullName: "Chantelle Baptiste", dateOfBirth: "2009-08-19", address: "45 Quarry Road, Northtown", postcode: "NS1 9LP" },
    involvements: [police, cps, isva],
  },
  {
    policeUrn: "41NS0115625", cpsReference: "CPS-NS-250156", offenceCategory: "DOMESTIC_ABUSE", stage: "DISCONTINUED", area: "NSH", openedDaysAgo: 300,
    consents: [{ capturedBy: "idva@safesteps-northshire.example.org", withdrawn: true, shares: [{ to: "ns-idva", categories: EVERYDAY, purposes: SUPPORT }] }],
    victim: { reference: "V-NS-0007", fullName: "Karen Whitfield", phone: "07700 900107", email: "k.whitfield@example.org" },
    involvements: [police, wcu, cps, idva],
  },
  {
    policeUrn: "41NS0117825", cpsReference: "CPS-NS-250178", offenceCategory: "ASSAULT", stage: "TRIAL", area: "NSH", openedDaysAgo: 250,
    victim: { reference: "V-NS-0008", fullName: "Daniel Osei", phone: "07700 900108" },
    involvements: [police, wcu, cps],
  },
  {
    policeUrn: "41NS0119025", cpsReference: "CPS-NS-250190", offenceCategory: "STALKING_HARASSMENT", stage: "SENTENCED", area: "NSH", openedDaysAgo: 400,
    victim: { reference: "V-NS-0009", fullName: "Rebecca Lyons", address: "7 The Green, Westham", postcode: "NS5 2HW" },
    involvements: [police, wcu, cps, vs],
  },
  {
    policeUrn: "41NS0120125", offenceCategory: "FRAUD", stage: "UNDER_INVESTIGATION", area: "NSH", openedDaysAgo: 14,
    victim: { reference: "V-NS-0010", fullName: "Harold Jenkins", dateOfBirth: "1950-01-15", phone: "07700 900110" },
    involvements: [police],
  },
  {
    policeUrn: "41NS0121325", cpsReference: "CPS-NS-250213", offenceCategory: "HOMICIDE", stage: "VERDICT", area: "NSH", openedDaysAgo: 500,
    consents: [{ capturedBy: "caseworker@victimsupport-northshire.example.org", shares: [{ to: "ns-vs", categories: EVERYDAY, purposes: SUPPORT }] }],
    victim: { reference: "V-NS-0011", fullName: "Sandra Pike (bereaved mother)", phone: "07700 900111" },
    involvements: [police, wcu, cps, vs],
  },
  {
    policeUrn: "47SS0200125", offenceCategory: "SEXUAL_OFFENCE", stage: "UNDER_INVESTIGATION", area: "SSH", openedDaysAgo: 20,
    consents: [{ capturedBy: "isva@southshire-isva.example.org", shares: [{ to: "ss-isva", categories: EVERYDAY, purposes: SUPPORT }] }],
    victim: { reference: "V-SS-0001", fullName: "Naomi Fletcher", postcode: "SS3 5RT", phone: "07700 900201" },
    involvements: [{ organisation: "ss-isva", capacity: "ISVA_SUPPORT", namedContact: "isva@southshire-isva.example.org" }],
  },
  {
    policeUrn: "41NS0122525", offenceCategory: "CRIMINAL_DAMAGE", stage: "CLOSED", area: "NSH", openedDaysAgo: 700,
    victim: { reference: "V-NS-0012", fullName: "Peter Quinn" },
    involvements: [police],
  },
];

export interface DemoGlossaryTerm {
  area: string;
  term: string;
  variants: string[];
  explanation: string;
  /** The organisation admin who added it. */
  addedBy: string;
}

/** Northshire's own plain-language terms, merged over the default glossary for its cases. */
export const DEMO_GLOSSARY_TERMS: DemoGlossaryTerm[] = [
  {
    area: "NSH",
    term: "ABE interview",
    variants: ["ABE", "Achieving Best Evidence interview"],
    explanation: "A video-recorded interview with the police. It can be played at the trial, so you may not have to tell it all again in court.",
    addedBy: "wcu.lead@northshire-police.example.org",
  },
  {
    area: "NSH",
    term: "SARC",
    variants: ["sexual assault referral centre"],
    explanation: "A place where you can get medical care and support after a sexual assault, whether or not you tell the police.",
    addedBy: "lead@northshire-rapecrisis.example.org",
  },
  {
    area: "NSH",
    term: "ground rules hearing",
    variants: [],
    explanation: "A short meeting at court before the trial. The judge agrees how you will be asked questions, so that you can give your best evidence.",
    addedBy: "wcu.lead@northshire-police.example.org",
  },
];
