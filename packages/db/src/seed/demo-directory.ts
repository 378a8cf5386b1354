// The demo partnership's local services directory: fictional services in Northshire and
// Southshire that CPS, police and support staff can signpost victims to. Everything is made
// up (example.org addresses, 01632 96xxxx drama numbers, invented street names); only the
// places are real, so distance searches work: Northshire sits on Leeds postcode districts
// and Southshire on Brighton's, with coordinates copied from the postcode sector centroids
// in packages/core/data/uk-postcode-centroids/sectors.csv (ONS, Open Government Licence).
//
// Ids are derived from stable keys, so every demo hub has the same ids for the same entries.
import { createHash } from "node:crypto";
import type { Prisma } from "../generated/prisma/client.js";

const DAY = 24 * 60 * 60 * 1000;

/** A stable UUID (version 5 layout) for a demo key. */
export function demoDirectoryId(key: string): string {
  const hex = createHash("sha1").update(`victims-hub-demo-directory:${key}`).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------
// Taxonomy: "Victim support needs"

type TermCode =
  | "sexual-violence" | "domestic-abuse" | "stalking" | "hate-crime" | "fraud" | "modern-slavery" | "homicide-bereavement" | "burglary"
  | "emotional-support" | "safety-planning" | "housing" | "court-support" | "counselling" | "practical-help"
  | "children" | "young-people" | "older-people" | "men" | "women" | "lgbtq" | "black-and-minoritised" | "deaf"
  | "self-referral" | "professional-referral";

const TERM_GROUPS: { code: string; name: string; description: string; terms: [TermCode, string, string][] }[] = [
  {
    code: "crime-type",
    name: "Crime type",
    description: "What happened to the person the service supports.",
    terms: [
      ["sexual-violence", "Sexual violence", "Rape, sexual assault and sexual abuse, recent or in the past."],
      ["domestic-abuse", "Domestic abuse", "Abuse by a partner, ex-partner or family member, including coercive control."],
      ["stalking", "Stalking and harassment", "Being followed, watched, contacted or harassed, in person or online."],
      ["hate-crime", "Hate crime", "A crime targeted at someone because of their race, religion, sexuality, gender identity or disability."],
      ["fraud", "Fraud and scams", "Being tricked out of money or personal details, including doorstep and online scams."],
      ["modern-slavery", "Modern slavery", "Forced labour, trafficking, domestic servitude and criminal exploitation."],
      ["homicide-bereavement", "Bereaved by homicide", "Families and friends of someone killed by murder or manslaughter, or by dangerous driving."],
      ["burglary", "Burglary", "A break-in at home or at other premises."],
    ],
  },
  {
    code: "need",
    name: "Need",
    description: "What the service helps with.",
    terms: [
      ["emotional-support", "Emotional support", "Someone to talk to, listen and help make sense of what happened."],
      ["safety-planning", "Safety planning", "Working out how to stay safe, with risk assessment and practical safety measures."],
      ["housing", "Housing and refuge", "Safe accommodation, refuge places and help with housing."],
      ["court-support", "Support through court", "Explaining the criminal justice process, pre-trial visits and support on the day."],
      ["counselling", "Counselling", "Sessions with a trained counsellor or therapist."],
      ["practical-help", "Practical help", "Help with security, benefits, forms, compensation claims and other practical matters."],
    ],
  },
  {
    code: "who-for",
    name: "Who the service is for",
    description: "The people the service is designed for.",
    terms: [
      ["children", "Children", "Children aged 5 to 12."],
      ["young-people", "Young people", "Young people aged 13 to 17."],
      ["older-people", "Older people", "People aged 60 and over."],
      ["men", "Men", "Services for men and boys."],
      ["women", "Women", "Services for women and girls."],
      ["lgbtq", "LGBT+ people", "Lesbian, gay, bisexual, trans, queer and other LGBT+ people."],
      ["black-and-minoritised", "Black and minoritised communities", "By-and-for services run by and for Black and minoritised people."],
      ["deaf", "Deaf people", "Deaf and hard of hearing people, with British Sign Language."],
    ],
  },
  {
    code: "access",
    name: "How to get support",
    description: "Who can make a referral.",
    terms: [
      ["self-referral", "You can refer yourself", "People can contact the service directly."],
      ["professional-referral", "Professionals can refer", "Police, CPS, WCU and other professionals can refer, with the person's agreement."],
    ],
  },
];

// ---------------------------------------------------------------------------------------
// Organisations, places and services

interface DemoOrganisation {
  name: string;
  description: string;
  email: string;
  website: string;
  /** The partnership member that maintains it, by name. */
  member?: string;
}

const ORGANISATIONS: Record<string, DemoOrganisation> = {
  nrc: { name: "Northshire Rape Crisis", description: "Independent specialist support for anyone affected by sexual violence in Northshire, at any time in their life.", email: "info@northshire-rapecrisis.example.org", website: "https://northshire-rapecrisis.example.org", member: "Northshire Rape Crisis" },
  safesteps: { name: "Safe Steps Northshire", description: "Domestic abuse charity: independent domestic violence advisers, refuge and community outreach.", email: "hello@safesteps-northshire.example.org", website: "https://safesteps-northshire.example.org", member: "Safe Steps Northshire" },
  vsn: { name: "Victim Support Northshire", description: "Free, confidential support for anyone affected by crime in Northshire, whether or not it was reported.", email: "northshire@victimsupport-northshire.example.org", website: "https://victimsupport-northshire.example.org", member: "Victim Support Northshire" },
  ssisva: { name: "Southshire ISVA Service", description: "Independent sexual violence advisers for Southshire.", email: "referrals@southshire-isva.example.org", website: "https://southshire-isva.example.org", member: "Southshire ISVA Service" },
  nsarc: { name: "Northshire Sexual Assault Referral Centre", description: "NHS service offering medical care and forensic examinations after rape or sexual assault.", email: "sarc@northshire-nhs.example.org", website: "https://sarc.northshire-nhs.example.org" },
  nstalk: { name: "Northshire Stalking Advocacy Service", description: "Specialist advocates for people being stalked.", email: "advocacy@northshire-stalking.example.org", website: "https://northshire-stalking.example.org" },
  sahara: { name: "Sahara Voices", description: "A by-and-for organisation run by and for Black and minoritised women in Northshire.", email: "contact@saharavoices.example.org", website: "https://saharavoices.example.org" },
  pride: { name: "Pride Northshire", description: "LGBT+ community organisation with an anti-violence and advocacy team.", email: "safety@pridenorthshire.example.org", website: "https://pridenorthshire.example.org" },
  menline: { name: "Northshire Men's Advice Line", description: "Confidential helpline for men experiencing domestic abuse or sexual violence.", email: "support@northshire-mensline.example.org", website: "https://northshire-mensline.example.org" },
  freedom: { name: "Freedom Path Northshire", description: "Support for survivors of modern slavery and human trafficking.", email: "help@freedompath.example.org", website: "https://freedompath.example.org" },
  families: { name: "Families After Homicide", description: "Support for families bereaved by murder, manslaughter and fatal dangerous driving in Northshire and Southshire.", email: "families@afterhomicide.example.org", website: "https://afterhomicide.example.org" },
  ndeaf: { name: "Northshire Deaf Victims' Advocacy", description: "Advocacy in British Sign Language for Deaf victims and witnesses.", email: "advocacy@northshire-deaf.example.org", website: "https://northshire-deaf.example.org" },
  seacroft: { name: "Eastgate Community Association", description: "Volunteer-run community centre in east Northshire.", email: "office@eastgate-community.example.org", website: "https://eastgate-community.example.org" },
  ssrefuge: { name: "Southshire Women's Refuge", description: "Safe accommodation and support for women and children escaping domestic abuse.", email: "referrals@southshire-refuge.example.org", website: "https://southshire-refuge.example.org" },
  ssda: { name: "Southshire Domestic Abuse Partnership", description: "Independent domestic violence advisers and outreach across Southshire.", email: "idva@southshire-dap.example.org", website: "https://southshire-dap.example.org" },
  sssarc: { name: "Southshire Sexual Assault Referral Centre", description: "NHS sexual assault referral centre for Southshire.", email: "sarc@southshire-nhs.example.org", website: "https://sarc.southshire-nhs.example.org" },
  ssstalk: { name: "Southshire Stalking Service", description: "Stalking advocacy and safety planning for Southshire.", email: "help@southshire-stalking.example.org", website: "https://southshire-stalking.example.org" },
  sshate: { name: "Southshire Hate Crime Partnership", description: "Reporting and support for victims of hate crime in Southshire.", email: "report@southshire-hatecrime.example.org", website: "https://southshire-hatecrime.example.org" },
  rainbow: { name: "Rainbow Southshire", description: "LGBT+ charity for Southshire.", email: "support@rainbowsouthshire.example.org", website: "https://rainbowsouthshire.example.org" },
  agewell: { name: "Southshire Age Well", description: "Charity for older people in Southshire.", email: "scams@southshire-agewell.example.org", website: "https://southshire-agewell.example.org" },
  amani: { name: "Amani Women's Project", description: "By-and-for support for Black and minoritised women in Southshire.", email: "hello@amaniproject.example.org", website: "https://amaniproject.example.org" },
  lighthouse: { name: "The Lighthouse Southshire", description: "Support for children and young people affected by crime.", email: "team@lighthouse-southshire.example.org", website: "https://lighthouse-southshire.example.org" },
  sscounsel: { name: "Southshire Trauma Counselling", description: "Charity offering free trauma-informed counselling.", email: "intake@southshire-counselling.example.org", website: "https://southshire-counselling.example.org" },
  ssvictims: { name: "Southshire Victims' Service", description: "Support for anyone affected by crime in Southshire.", email: "help@southshire-victims.example.org", website: "https://southshire-victims.example.org" },
  safepath: { name: "Safe Pathway Southshire", description: "Support for survivors of modern slavery in Southshire.", email: "referrals@safepathway.example.org", website: "https://safepathway.example.org" },
  ssdeaf: { name: "Deaf Advocacy Southshire", description: "BSL advocacy for Deaf people in Southshire.", email: "bsl@deafadvocacy-southshire.example.org", website: "https://deafadvocacy-southshire.example.org" },
  sscourt: { name: "Southshire Witness Companions", description: "Volunteers who support victims and witnesses through court.", email: "court@witnesscompanions.example.org", website: "https://witnesscompanions.example.org" },
  polish: { name: "Polish Community Advice Southshire", description: "Advice and advocacy for the Polish-speaking community.", email: "porady@polishadvice-southshire.example.org", website: "https://polishadvice-southshire.example.org" },
};

interface DemoPlace {
  name: string;
  address1: string;
  city: string;
  region: string;
  postalCode: string;
  /** From the postcode sector's centroid (sectors.csv). */
  latitude: number;
  longitude: number;
  /** Refuges: never in any public output. */
  confidential?: boolean;
  /** Phones kept on the place itself. */
  phones?: [string, string][];
}

const northshire = (name: string, address1: string, postalCode: string, latitude: number, longitude: number, extra: Partial<DemoPlace> = {}): DemoPlace => ({ name, address1, city: "Leeds", region: "Northshire", postalCode, latitude, longitude, ...extra });
const southshire = (name: string, address1: string, postalCode: string, latitude: number, longitude: number, extra: Partial<DemoPlace> = {}): DemoPlace => ({ name, address1, city: "Brighton", region: "Southshire", postalCode, latitude, longitude, ...extra });

const PLACES: Record<string, DemoPlace> = {
  // Northshire (Leeds districts)
  nrcCentre: northshire("Northshire Rape Crisis Centre", "2 Alder Court", "LS2 8QH", 53.80092, -1.54653),
  nrcCounselling: northshire("Counselling Rooms", "27 Poplar Avenue", "LS6 3BR", 53.81984, -1.58068),
  safeStepsOffice: northshire("Safe Steps Northshire", "Unit 4, Kestrel Yard", "LS11 5DR", 53.77724, -1.54878),
  safeStepsRefuge: northshire("Larkspur House", "14 Larkspur Mews", "LS8 3PZ", 53.81624, -1.49975, { confidential: true, phones: [["01632 960999", "House phone, for staff and residents"]] }),
  safeStepsOutreach: northshire("Safe Steps Outreach Hub", "31 Mallow Street", "LS9 8AJ", 53.79394, -1.52597),
  vsnOffice: northshire("Victim Support Northshire", "3 Wren Place", "LS1 4DY", 53.79592, -1.5537),
  vsnCommunity: northshire("Chapel Community Rooms", "22 Hawthorn Road", "LS7 3HB", 53.82025, -1.53858),
  vsnLibrary: northshire("Community Library", "8 Rowan Lane", "LS12 1BE", 53.79325, -1.5774),
  sarcNorth: northshire("The Willow Suite", "40 Beech Hill", "LS9 7TF", 53.80319, -1.51984),
  stalkingNorth: northshire("Northshire Stalking Advocacy Service", "18 Linnet Terrace", "LS6 2QT", 53.81658, -1.55861),
  sahara: northshire("Sahara House", "6 Cedar Grove", "LS7 4LP", 53.81985, -1.53213),
  pride: northshire("Pride Northshire", "11 Heron Street", "LS2 7EY", 53.79813, -1.54225),
  freedom: northshire("Freedom Path Northshire", "Unit 2, 7 Sparrow Works", "LS11 1AQ", 53.78541, -1.55037),
  families: northshire("Families After Homicide", "5 Juniper Walk", "LS6 1PN", 53.81128, -1.56742),
  deafNorth: northshire("Northshire Deaf Centre", "9 Maple Rise", "LS12 2LB", 53.80041, -1.58983),
  eastgate: northshire("Eastgate Community Centre", "2 Oakfield Parade", "LS14 6HQ", 53.81413, -1.46832),
  // Southshire (Brighton districts)
  ssIsva: southshire("Southshire ISVA Service", "4 Kittiwake Row", "BN1 1GE", 50.82359, -0.14033),
  ssRefuge: southshire("Hollybush House", "3 Hollybush Terrace", "BN2 6QT", 50.83051, -0.06943, { confidential: true, phones: [["01632 960998", "Refuge office, staff only"]] }),
  ssda: southshire("Southshire Domestic Abuse Partnership", "12 Samphire Road", "BN3 3WD", 50.83208, -0.16943),
  sarcSouth: southshire("The Harbour Suite", "60 Shingle Lane", "BN2 5BE", 50.82136, -0.11055),
  stalkingSouth: southshire("Southshire Stalking Service", "7 Plover Street", "BN1 3XP", 50.8274, -0.14492),
  unity: southshire("Unity Rooms", "15 Tern Parade", "BN2 1TW", 50.82156, -0.13019),
  rainbow: southshire("Rainbow Southshire", "2 Pebble Yard", "BN2 0JB", 50.82411, -0.12898),
  agewell: southshire("Age Well Centre", "21 Dune Close", "BN3 5HF", 50.83397, -0.18453),
  amani: southshire("Amani House", "9 Sea Kale Street", "BN1 4GH", 50.82979, -0.13871),
  lighthouse: southshire("The Lighthouse Centre", "30 Marram Road", "BN1 6PD", 50.83979, -0.14355),
  counsellingSouth: southshire("Southshire Trauma Counselling", "5 Saltmarsh Mews", "BN3 1RN", 50.82927, -0.15979),
  ssVictims: southshire("Southshire Victims' Service", "44 Gull Street", "BN1 2RE", 50.82392, -0.14829),
  safepath: southshire("Safe Pathway", "3 Sandpiper Close", "BN3 7LS", 50.84003, -0.18483),
  deafSouth: southshire("Deaf Advocacy Southshire", "16 Cormorant Way", "BN1 7JA", 50.84206, -0.13035),
  witness: southshire("Witness Rooms", "1 Breakwater Road", "BN2 9QA", 50.82777, -0.1304),
  polish: southshire("Polish Community Centre", "8 Eelgrass Lane", "BN3 2FL", 50.82823, -0.17039),
};

type Area = "NSH" | "SSH";
type Schedule = [byDay: string, opensAt: string, closesAt: string, description?: string];

interface DemoService {
  key: string;
  organisation: keyof typeof ORGANISATIONS;
  name: string;
  description: string;
  url: string;
  email: string;
  areas: Area[];
  /** Absent for phone and online services. */
  place?: keyof typeof PLACES;
  phones: [string, string][];
  schedules: Schedule[];
  terms: TermCode[];
  languages: string[];
  verifiedDaysAgo: number;
  eligibility?: string;
  minimumAge?: number;
  maximumAge?: number;
  waitTime?: string;
  alert?: string;
  capacityNote?: string;
  acceptingReferrals?: boolean;
  selfReferral?: boolean;
  professionalReferral?: boolean;
  contacts?: [name: string, title: string, email: string][];
}

const WEEKDAYS = "MO,TU,WE,TH,FR";
const EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU";
const officeHours: Schedule = [WEEKDAYS, "09:00", "17:00", "Monday to Friday, 9am to 5pm."];

/** A service with the usual defaults: open office hours, English, self and professional referral. */
function service(s: Omit<DemoService, "schedules" | "languages" | "verifiedDaysAgo"> & Partial<Pick<DemoService, "schedules" | "languages" | "verifiedDaysAgo">>): DemoService {
  return { schedules: [officeHours], languages: ["English"], verifiedDaysAgo: 30, ...s };
}

const SERVICES: DemoService[] = [
  // --- Northshire -----------------------------------------------------------------------
  service({
    key: "nrc-isva", organisation: "nrc", name: "Northshire ISVA Service", areas: ["NSH"], place: "nrcCentre",
    description: "Independent sexual violence advisers (ISVAs) support adults who have been raped or sexually assaulted, whether or not they report to the police: practical and emotional support, help understanding the criminal justice process, and support at court.",
    url: "https://northshire-rapecrisis.example.org/isva", email: "isva@northshire-rapecrisis.example.org",
    phones: [["01632 960101", "ISVA referrals line"]], terms: ["sexual-violence", "women", "men", "court-support", "emotional-support"], languages: ["English", "Urdu", "Polish"],
    eligibility: "Adults aged 18 and over who live in Northshire, of any gender.", minimumAge: 18, verifiedDaysAgo: 12,
    contacts: [["Referrals coordinator", "ISVA team referrals", "isva@northshire-rapecrisis.example.org"]],
  }),
  service({
    key: "nrc-cyp-isva", organisation: "nrc", name: "Children and Young People's ISVA", areas: ["NSH"], place: "nrcCentre",
    description: "Specialist ISVAs for children and young people aged 5 to 17 who have experienced sexual abuse or exploitation, and for their parents and carers. Support through police interviews and court, including pre-trial visits.",
    url: "https://northshire-rapecrisis.example.org/young-people", email: "cyp@northshire-rapecrisis.example.org",
    phones: [["01632 960102", "Young people's team"]], terms: ["sexual-violence", "children", "young-people", "court-support"], minimumAge: 5, maximumAge: 17, verifiedDaysAgo: 20,
    eligibility: "Children and young people aged 5 to 17 in Northshire. Parents and carers can call for advice.", selfReferral: false,
  }),
  service({
    key: "nrc-counselling", organisation: "nrc", name: "Specialist Counselling for Survivors", areas: ["NSH"], place: "nrcCounselling",
    description: "Up to 20 sessions of specialist counselling for survivors of rape, sexual assault or childhood sexual abuse, with a trauma-trained counsellor. Pre-trial therapy is offered in line with CPS guidance.",
    url: "https://northshire-rapecrisis.example.org/counselling", email: "counselling@northshire-rapecrisis.example.org",
    phones: [["01632 960103", "Counselling enquiries"]], terms: ["sexual-violence", "counselling", "emotional-support"], minimumAge: 16, verifiedDaysAgo: 45,
    waitTime: "About 14 weeks from assessment to the first session", capacityNote: "Assessment within two weeks of referral; ISVA support is available while people wait.",
    schedules: [[WEEKDAYS, "09:00", "17:00", "Monday to Friday, 9am to 5pm."], ["TU,TH", "17:00", "20:00", "Evening sessions on Tuesday and Thursday."]],
  }),
  service({
    key: "nrc-helpline", organisation: "nrc", name: "Rape Crisis Helpline Northshire", areas: ["NSH"],
    description: "Confidential listening and information line for anyone affected by sexual violence, at any time in their life. You do not have to give your name.",
    url: "https://northshire-rapecrisis.example.org/helpline", email: "helpline@northshire-rapecrisis.example.org",
    phones: [["01632 960104", "Helpline"]], terms: ["sexual-violence", "emotional-support"], languages: ["English", "Urdu", "Punjabi"], verifiedDaysAgo: 8,
    schedules: [[EVERY_DAY, "10:00", "22:00", "Every day, 10am to 10pm."]], professionalReferral: false,
  }),
  service({
    key: "safesteps-idva", organisation: "safesteps", name: "Northshire IDVA Service", areas: ["NSH"], place: "safeStepsOffice",
    description: "Independent domestic violence advisers (IDVAs) work with people at high risk from a partner, ex-partner or family member: risk assessment, safety planning, MARAC, civil and criminal court support.",
    url: "https://safesteps-northshire.example.org/idva", email: "idva@safesteps-northshire.example.org",
    phones: [["01632 960111", "IDVA duty line"]], terms: ["domestic-abuse", "safety-planning", "court-support", "women", "men"], languages: ["English", "Polish", "Urdu"], verifiedDaysAgo: 15,
    eligibility: "People aged 16 and over living in Northshire who are at high risk of serious harm from domestic abuse.", minimumAge: 16,
    contacts: [["IDVA duty manager", "Duty manager", "idva@safesteps-northshire.example.org"]],
  }),
  service({
    key: "safesteps-refuge", organisation: "safesteps", name: "Safe Steps Refuge", areas: ["NSH"], place: "safeStepsRefuge",
    description: "Safe, confidential refuge accommodation for women and their children escaping domestic abuse, with support workers on site. Call the referral line: the address is never given out.",
    url: "https://safesteps-northshire.example.org/refuge", email: "refuge@safesteps-northshire.example.org",
    phones: [["01632 960112", "Refuge referral line (24 hours)"]], terms: ["domestic-abuse", "housing", "safety-planning", "women", "children"], languages: ["English", "Urdu", "Punjabi"], verifiedDaysAgo: 10,
    schedules: [[EVERY_DAY, "00:00", "23:59", "Referral line open 24 hours."]], eligibility: "Women, with or without children, fleeing domestic abuse.",
  }),
  service({
    key: "safesteps-outreach", organisation: "safesteps", name: "Domestic Abuse Outreach and Housing Support", areas: ["NSH"], place: "safeStepsOutreach",
    description: "Community outreach for people experiencing domestic abuse who are at standard or medium risk: safety planning, help with housing, benefits and protective orders.",
    url: "https://safesteps-northshire.example.org/outreach", email: "outreach@safesteps-northshire.example.org",
    phones: [["01632 960113", "Outreach team"]], terms: ["domestic-abuse", "housing", "practical-help", "safety-planning"], verifiedDaysAgo: 5,
    alert: "Not accepting referrals until 3 March", acceptingReferrals: false, capacityNote: "Waiting list closed while the team recruits; the IDVA service still takes high-risk referrals.",
  }),
  service({
    key: "vsn-support", organisation: "vsn", name: "Support After Crime", areas: ["NSH"], place: "vsnOffice",
    description: "Free support for anyone affected by crime such as burglary, robbery or assault: someone to talk to, help with home security, compensation claims and dealing with the police and courts.",
    url: "https://victimsupport-northshire.example.org/support", email: "support@victimsupport-northshire.example.org",
    phones: [["01632 960121", "Support line"]], terms: ["burglary", "emotional-support", "practical-help", "court-support"], languages: ["English", "Polish", "Welsh"], verifiedDaysAgo: 22,
    contacts: [["Support team", "Caseworker team", "support@victimsupport-northshire.example.org"]],
  }),
  service({
    key: "vsn-hate-crime", organisation: "vsn", name: "Northshire Hate Crime Support", areas: ["NSH"], place: "vsnCommunity",
    description: "Caseworkers who support victims of hate crime and incidents, help report them (including through third-party reporting), and work with landlords, schools and employers.",
    url: "https://victimsupport-northshire.example.org/hate-crime", email: "hatecrime@victimsupport-northshire.example.org",
    phones: [["01632 960122", "Hate crime caseworkers"]], terms: ["hate-crime", "emotional-support", "practical-help", "black-and-minoritised", "lgbtq"], languages: ["English", "Urdu", "Punjabi", "Arabic"], verifiedDaysAgo: 40,
  }),
  service({
    key: "vsn-scams", organisation: "vsn", name: "Scams and Fraud Support for Older People", areas: ["NSH"], place: "vsnLibrary",
    description: "Home visits and telephone support for older people who have been scammed or defrauded: getting money back where possible, blocking calls, and rebuilding confidence.",
    url: "https://victimsupport-northshire.example.org/scams", email: "scams@victimsupport-northshire.example.org",
    phones: [["01632 960123", "Scams support"]], terms: ["fraud", "older-people", "practical-help", "emotional-support"], minimumAge: 60, verifiedDaysAgo: 60,
    eligibility: "People aged 60 and over in Northshire, and their families.",
  }),
  service({
    key: "vsn-young-victims", organisation: "vsn", name: "Young Victims' Service", areas: ["NSH"], place: "vsnOffice",
    description: "Support for children and young people aged 5 to 17 affected by any crime, in school, at home or online, working with parents and carers.",
    url: "https://victimsupport-northshire.example.org/young-victims", email: "youngvictims@victimsupport-northshire.example.org",
    phones: [["01632 960124", "Young victims' team"]], terms: ["children", "young-people", "emotional-support", "court-support"], minimumAge: 5, maximumAge: 17, verifiedDaysAgo: 33,
  }),
  service({
    key: "north-sarc", organisation: "nsarc", name: "Northshire Sexual Assault Referral Centre (SARC)", areas: ["NSH"], place: "sarcNorth",
    description: "Crisis care after rape or sexual assault, 24 hours a day: medical care, emergency contraception, sexual health checks and a forensic medical examination, with or without reporting to the police.",
    url: "https://sarc.northshire-nhs.example.org", email: "sarc@northshire-nhs.example.org",
    phones: [["01632 960131", "SARC (24 hours)"]], terms: ["sexual-violence", "women", "men", "children", "young-people"], languages: ["English", "BSL"], verifiedDaysAgo: 18,
    schedules: [[EVERY_DAY, "00:00", "23:59", "Open 24 hours, every day."]],
  }),
  service({
    key: "north-stalking", organisation: "nstalk", name: "Stalking Advocacy Service", areas: ["NSH"], place: "stalkingNorth",
    description: "Independent stalking advocates who assess risk, build safety plans, gather evidence and support people through Stalking Protection Orders and prosecution.",
    url: "https://northshire-stalking.example.org/advocacy", email: "advocacy@northshire-stalking.example.org",
    phones: [["01632 960141", "Advocacy team"]], terms: ["stalking", "safety-planning", "court-support"], verifiedDaysAgo: 27,
  }),
  service({
    key: "sahara-voices", organisation: "sahara", name: "Sahara Voices: support for Black and minoritised women", areas: ["NSH"], place: "sahara",
    description: "By-and-for advocacy and counselling for Black and minoritised women affected by domestic abuse, forced marriage, so-called honour-based abuse and sexual violence, in their own languages.",
    url: "https://saharavoices.example.org/support", email: "support@saharavoices.example.org",
    phones: [["01632 960151", "Advice line"]], terms: ["domestic-abuse", "sexual-violence", "black-and-minoritised", "women", "counselling", "emotional-support"], languages: ["English", "Urdu", "Punjabi", "Bengali", "Somali"], verifiedDaysAgo: 14,
  }),
  service({
    key: "pride-anti-violence", organisation: "pride", name: "LGBT+ Anti-Violence Advocacy", areas: ["NSH"], place: "pride",
    description: "Advocates for LGBT+ people experiencing hate crime, domestic abuse or sexual violence, by and for the community.",
    url: "https://pridenorthshire.example.org/advocacy", email: "advocacy@pridenorthshire.example.org",
    phones: [["01632 960161", "Advocacy line"]], terms: ["lgbtq", "hate-crime", "domestic-abuse", "sexual-violence", "emotional-support"], verifiedDaysAgo: 50,
    schedules: [[WEEKDAYS, "10:00", "18:00", "Monday to Friday, 10am to 6pm."], ["WE", "18:00", "20:00", "Wednesday evening drop-in."]],
  }),
  service({
    key: "mens-line", organisation: "menline", name: "Men's Support Line", areas: ["NSH", "SSH"],
    description: "Confidential helpline for men experiencing domestic abuse or who have been sexually assaulted, with call-backs at a safe time.",
    url: "https://northshire-mensline.example.org", email: "support@northshire-mensline.example.org",
    phones: [["01632 960171", "Men's Support Line"]], terms: ["men", "domestic-abuse", "sexual-violence", "emotional-support"], languages: ["English", "Welsh"], verifiedDaysAgo: 25,
    schedules: [[WEEKDAYS, "09:00", "20:00", "Monday to Friday, 9am to 8pm."]], professionalReferral: false,
  }),
  service({
    key: "freedom-path", organisation: "freedom", name: "Modern Slavery Survivor Support", areas: ["NSH"], place: "freedom",
    description: "Safe-house referrals, outreach and advocacy for adult survivors of modern slavery and trafficking, including support through the National Referral Mechanism.",
    url: "https://freedompath.example.org/support", email: "help@freedompath.example.org",
    phones: [["01632 960181", "Referrals (24 hours)"]], terms: ["modern-slavery", "housing", "practical-help"], languages: ["English", "Polish", "Romanian", "Albanian", "Vietnamese"], minimumAge: 18, verifiedDaysAgo: 70,
  }),
  service({
    key: "families-after-homicide", organisation: "families", name: "Bereaved Families Support", areas: ["NSH", "SSH"], place: "families",
    description: "Caseworkers for families bereaved by homicide, from the first days through inquests, trials and parole, with trauma counselling and peer support.",
    url: "https://afterhomicide.example.org/support", email: "families@afterhomicide.example.org",
    phones: [["01632 960191", "Family caseworkers"]], terms: ["homicide-bereavement", "emotional-support", "court-support", "counselling"], languages: ["English", "Welsh"], verifiedDaysAgo: 35, selfReferral: true,
  }),
  service({
    key: "north-deaf", organisation: "ndeaf", name: "Deaf Victims' Advocacy (BSL)", areas: ["NSH"], place: "deafNorth",
    description: "Deaf advocates who support Deaf victims and witnesses in British Sign Language, and make sure interpreters are booked for police interviews and court.",
    url: "https://northshire-deaf.example.org/advocacy", email: "advocacy@northshire-deaf.example.org",
    phones: [["01632 960201", "Text relay and video call"]], terms: ["deaf", "court-support", "emotional-support"], languages: ["BSL", "English"], verifiedDaysAgo: 90,
  }),
  service({
    key: "eastgate-drop-in", organisation: "seacroft", name: "Eastgate Victims' Drop-in", areas: ["NSH"], place: "eastgate",
    description: "A weekly volunteer drop-in where anyone affected by crime can talk things through and get signposted.",
    url: "https://eastgate-community.example.org/drop-in", email: "office@eastgate-community.example.org",
    phones: [["01632 960211", "Community centre office"]], terms: ["emotional-support", "practical-help", "burglary"],
    schedules: [["TH", "13:00", "16:00", "Thursday afternoons."]],
    // About nine months since anyone checked: flagged as stale.
    verifiedDaysAgo: 274,
  }),
  // --- Southshire -----------------------------------------------------------------------
  service({
    key: "ss-isva", organisation: "ssisva", name: "Southshire ISVA Service", areas: ["SSH"], place: "ssIsva",
    description: "Independent sexual violence advisers for adults in Southshire who have experienced rape or sexual assault, recently or in the past, whether or not they report to the police.",
    url: "https://southshire-isva.example.org", email: "referrals@southshire-isva.example.org",
    phones: [["01632 960301", "ISVA referrals"]], terms: ["sexual-violence", "court-support", "emotional-support", "women", "men"], minimumAge: 18, verifiedDaysAgo: 11,
    contacts: [["ISVA team leader", "Team leader", "referrals@southshire-isva.example.org"]],
  }),
  service({
    key: "ss-young-isva", organisation: "ssisva", name: "Young People's ISVA (Southshire)", areas: ["SSH"], place: "ssIsva",
    description: "ISVAs for young people aged 13 to 17 who have experienced sexual violence or exploitation, working with families, schools and social care.",
    url: "https://southshire-isva.example.org/young-people", email: "youngpeople@southshire-isva.example.org",
    phones: [["01632 960302", "Young people's ISVA"]], terms: ["sexual-violence", "young-people", "court-support"], minimumAge: 13, maximumAge: 17, verifiedDaysAgo: 28,
  }),
  service({
    key: "ss-refuge", organisation: "ssrefuge", name: "Southshire Refuge", areas: ["SSH"], place: "ssRefuge",
    description: "Refuge accommodation for women and children escaping domestic abuse, with specialist children's workers. Referrals by phone only: the address is confidential.",
    url: "https://southshire-refuge.example.org", email: "referrals@southshire-refuge.example.org",
    phones: [["01632 960311", "Refuge referrals (24 hours)"]], terms: ["domestic-abuse", "housing", "women", "children"], languages: ["English", "Arabic", "Polish"], verifiedDaysAgo: 9,
    schedules: [[EVERY_DAY, "00:00", "23:59", "Referral line open 24 hours."]],
  }),
  service({
    key: "ss-idva", organisation: "ssda", name: "Southshire IDVA Service", areas: ["SSH"], place: "ssda",
    description: "Independent domestic violence advisers for people at high risk: safety planning, MARAC, and support through criminal and family courts.",
    url: "https://southshire-dap.example.org/idva", email: "idva@southshire-dap.example.org",
    phones: [["01632 960321", "IDVA referrals"]], terms: ["domestic-abuse", "safety-planning", "court-support"], languages: ["English", "Portuguese"], verifiedDaysAgo: 19, minimumAge: 16,
  }),
  service({
    key: "south-sarc", organisation: "sssarc", name: "Southshire Sexual Assault Referral Centre (SARC)", areas: ["SSH"], place: "sarcSouth",
    description: "Medical care, forensic examination and crisis support after rape or sexual assault, 24 hours a day, for people of all ages.",
    url: "https://sarc.southshire-nhs.example.org", email: "sarc@southshire-nhs.example.org",
    phones: [["01632 960331", "SARC (24 hours)"]], terms: ["sexual-violence", "women", "men", "children", "young-people"], verifiedDaysAgo: 16,
    schedules: [[EVERY_DAY, "00:00", "23:59", "Open 24 hours, every day."]],
  }),
  service({
    key: "south-stalking", organisation: "ssstalk", name: "Southshire Stalking Advocacy", areas: ["SSH"], place: "stalkingSouth",
    description: "Specialist advocates for people being stalked, including online, working closely with police stalking clinics.",
    url: "https://southshire-stalking.example.org", email: "help@southshire-stalking.example.org",
    phones: [["01632 960341", "Advocacy"]], terms: ["stalking", "safety-planning", "emotional-support"], verifiedDaysAgo: 48,
  }),
  service({
    key: "south-hate-crime", organisation: "sshate", name: "Southshire Hate Crime Support", areas: ["SSH"], place: "unity",
    description: "Casework and advocacy for victims of racist, religious, homophobic, transphobic and disability hate crime, with third-party reporting.",
    url: "https://southshire-hatecrime.example.org/support", email: "report@southshire-hatecrime.example.org",
    phones: [["01632 960351", "Report and support"]], terms: ["hate-crime", "black-and-minoritised", "emotional-support", "practical-help"], languages: ["English", "Arabic", "Polish", "Farsi"], verifiedDaysAgo: 37,
  }),
  service({
    key: "rainbow-southshire", organisation: "rainbow", name: "LGBT+ Domestic Abuse and Hate Crime Service", areas: ["SSH"], place: "rainbow",
    description: "Support for LGBT+ people affected by domestic abuse, sexual violence or hate crime, by and for the community.",
    url: "https://rainbowsouthshire.example.org/support", email: "support@rainbowsouthshire.example.org",
    phones: [["01632 960361", "Support line"]], terms: ["lgbtq", "domestic-abuse", "hate-crime", "emotional-support"], verifiedDaysAgo: 21,
  }),
  service({
    key: "agewell-scams", organisation: "agewell", name: "Scam Support for Older People (Southshire)", areas: ["SSH"], place: "agewell",
    description: "Friendly help for older people who have been targeted by scams or fraud: reporting, call blocking, and follow-up visits.",
    url: "https://southshire-agewell.example.org/scams", email: "scams@southshire-agewell.example.org",
    phones: [["01632 960371", "Scams helpline"]], terms: ["fraud", "older-people", "practical-help"], minimumAge: 65, verifiedDaysAgo: 55,
  }),
  service({
    key: "amani", organisation: "amani", name: "Amani: by-and-for support for Black and minoritised women", areas: ["SSH"], place: "amani",
    description: "Advocacy, groups and counselling for Black and minoritised women affected by violence and abuse, in community languages.",
    url: "https://amaniproject.example.org", email: "hello@amaniproject.example.org",
    phones: [["01632 960381", "Advice line"]], terms: ["black-and-minoritised", "women", "domestic-abuse", "sexual-violence", "counselling"], languages: ["English", "Arabic", "Farsi", "Urdu", "Tigrinya"], verifiedDaysAgo: 13,
  }),
  service({
    key: "lighthouse", organisation: "lighthouse", name: "Children and Young People Affected by Crime", areas: ["SSH"], place: "lighthouse",
    description: "Play-based and one-to-one support for children and young people aged 5 to 17 affected by crime, including domestic abuse at home, and help for their families.",
    url: "https://lighthouse-southshire.example.org", email: "team@lighthouse-southshire.example.org",
    phones: [["01632 960391", "Lighthouse team"]], terms: ["children", "young-people", "emotional-support", "domestic-abuse"], minimumAge: 5, maximumAge: 17, verifiedDaysAgo: 24,
  }),
  service({
    key: "south-counselling", organisation: "sscounsel", name: "Trauma Counselling after Crime", areas: ["SSH"], place: "counsellingSouth",
    description: "Free trauma-informed counselling for adults affected by violent or sexual crime, face to face or online.",
    url: "https://southshire-counselling.example.org", email: "intake@southshire-counselling.example.org",
    phones: [["01632 960401", "Intake"]], terms: ["counselling", "emotional-support", "sexual-violence"], minimumAge: 18, verifiedDaysAgo: 66,
    waitTime: "Around 10 weeks", capacityNote: "Urgent cases are prioritised after assessment.",
  }),
  service({
    key: "south-victims", organisation: "ssvictims", name: "Southshire Victims' Service", areas: ["SSH"], place: "ssVictims",
    description: "Practical and emotional support for anyone affected by crime in Southshire, including burglary, robbery and assault.",
    url: "https://southshire-victims.example.org", email: "help@southshire-victims.example.org",
    phones: [["01632 960411", "Support line"]], terms: ["burglary", "practical-help", "emotional-support"], verifiedDaysAgo: 29,
  }),
  service({
    key: "safe-pathway", organisation: "safepath", name: "Modern Slavery Safe Pathway", areas: ["SSH"], place: "safepath",
    description: "Advocacy and move-on support for survivors of modern slavery, with interpreters and help through the National Referral Mechanism.",
    url: "https://safepathway.example.org", email: "referrals@safepathway.example.org",
    phones: [["01632 960421", "Referrals"]], terms: ["modern-slavery", "practical-help", "housing"], languages: ["English", "Romanian", "Vietnamese", "Tigrinya"], verifiedDaysAgo: 42,
  }),
  service({
    key: "south-deaf", organisation: "ssdeaf", name: "Deaf Advocacy for Victims (Southshire)", areas: ["SSH"], place: "deafSouth",
    description: "BSL-using advocates for Deaf victims and witnesses, with video-call appointments.",
    url: "https://deafadvocacy-southshire.example.org", email: "bsl@deafadvocacy-southshire.example.org",
    phones: [["01632 960431", "Text and video relay"]], terms: ["deaf", "emotional-support", "court-support"], languages: ["BSL", "English"], verifiedDaysAgo: 75,
  }),
  service({
    key: "witness-companions", organisation: "sscourt", name: "Court Companions", areas: ["SSH"], place: "witness",
    description: "Trained volunteers who explain what happens at court, arrange pre-trial visits and sit with victims and witnesses on the day.",
    url: "https://witnesscompanions.example.org", email: "court@witnesscompanions.example.org",
    phones: [["01632 960441", "Court support"]], terms: ["court-support", "emotional-support"], verifiedDaysAgo: 31,
  }),
  service({
    key: "polish-advice", organisation: "polish", name: "Polish Victims' Advice", areas: ["SSH"], place: "polish",
    description: "Advice and advocacy in Polish for victims of crime, including hate crime and labour exploitation.",
    url: "https://polishadvice-southshire.example.org", email: "porady@polishadvice-southshire.example.org",
    phones: [["01632 960451", "Advice line (Polish and English)"]], terms: ["hate-crime", "modern-slavery", "practical-help"], languages: ["Polish", "English"], verifiedDaysAgo: 58,
    schedules: [["MO,WE,FR", "10:00", "16:00", "Monday, Wednesday and Friday, 10am to 4pm."]],
  }),
];

export const DEMO_DIRECTORY = { organisations: ORGANISATIONS, places: PLACES, services: SERVICES, termGroups: TERM_GROUPS };

const AREA_NAMES: Record<Area, string> = { NSH: "Northshire", SSH: "Southshire" };

/**
 * Writes the demo directory with the caller's transaction (the demo partnership's). Leaves a
 * directory that already has services alone, like the rest of the demo seed.
 */
export async function seedDemoDirectory(tx: Prisma.TransactionClient, now = new Date()): Promise<void> {
  if ((await tx.directoryService.count()) > 0) return;
  const members = new Map((await tx.organisation.findMany({ select: { id: true, name: true } })).map((o) => [o.name, o.id]));
  const areas = new Map((await tx.area.findMany()).map((a) => [a.code, a.id]));
  const verifier = await tx.user.findUnique({ where: { email: "directory@northshire-partnership.example.org" }, select: { id: true } });

  const taxonomyId = demoDirectoryId("taxonomy:victim-support-needs");
  await tx.taxonomy.create({
    data: { id: taxonomyId, name: "Victim support needs", description: "How the Northshire and Southshire partnership describes what a service helps with, who it is for and how to reach it.", version: "1.0" },
  });
  const termIds = new Map<string, string>();
  for (const group of TERM_GROUPS) {
    const groupId = demoDirectoryId(`term:${group.code}`);
    await tx.taxonomyTerm.create({ data: { id: groupId, taxonomyId, code: group.code, name: group.name, description: group.description } });
    await tx.taxonomyTerm.createMany({
      data: group.terms.map(([code, name, description]) => {
        termIds.set(code, demoDirectoryId(`term:${code}`));
        return { id: termIds.get(code)!, taxonomyId, code, name, description, parentId: groupId };
      }),
    });
  }

  await tx.directoryOrganization.createMany({
    data: Object.entries(ORGANISATIONS).map(([key, o]) => ({
      id: demoDirectoryId(`organisation:${key}`),
      name: o.name,
      description: o.description,
      email: o.email,
      website: o.website,
      hubOrganisationId: o.member ? (members.get(o.member) ?? null) : null,
    })),
  });

  // Each place belongs to the organisation of the first service there.
  const placeOwner = new Map<string, string>();
  for (const s of SERVICES) if (s.place && !placeOwner.has(s.place)) placeOwner.set(s.place, s.organisation);
  await tx.directoryLocation.createMany({
    data: Object.entries(PLACES).map(([key, p]) => ({
      id: demoDirectoryId(`location:${key}`),
      organizationId: placeOwner.has(key) ? demoDirectoryId(`organisation:${placeOwner.get(key)}`) : null,
      name: p.name,
      locationType: "physical",
      address1: p.address1,
      city: p.city,
      region: p.region,
      postalCode: p.postalCode,
      country: "GB",
      latitude: p.latitude,
      longitude: p.longitude,
      confidential: p.confidential ?? false,
    })),
  });
  await tx.directoryPhone.createMany({
    data: Object.entries(PLACES).flatMap(([key, p]) =>
      (p.phones ?? []).map(([number, description], i) => ({ id: demoDirectoryId(`location-phone:${key}:${i}`), locationId: demoDirectoryId(`location:${key}`), number, description })),
    ),
  });

  for (const s of SERVICES) {
    const id = demoDirectoryId(`service:${s.key}`);
    const selfReferral = s.selfReferral ?? true;
    const professionalReferral = s.professionalReferral ?? true;
    const terms: TermCode[] = [...s.terms, ...(selfReferral ? (["self-referral"] as const) : []), ...(professionalReferral ? (["professional-referral"] as const) : [])];
    await tx.directoryService.create({
      data: {
        id,
        organizationId: demoDirectoryId(`organisation:${s.organisation}`),
        name: s.name,
        description: s.description,
        url: s.url,
        email: s.email,
        status: "active",
        eligibilityDescription: s.eligibility ?? null,
        minimumAge: s.minimumAge ?? null,
        maximumAge: s.maximumAge ?? null,
        languages: s.languages,
        waitTime: s.waitTime ?? null,
        alert: s.alert ?? null,
        capacityNote: s.capacityNote ?? null,
        acceptingReferrals: s.acceptingReferrals ?? true,
        selfReferral,
        professionalReferral,
        lastVerifiedAt: new Date(now.getTime() - s.verifiedDaysAgo * DAY),
        lastVerifiedByUserId: verifier?.id ?? null,
        phones: { create: s.phones.map(([number, description], i) => ({ id: demoDirectoryId(`phone:${s.key}:${i}`), number, description })) },
        contacts: { create: (s.contacts ?? []).map(([name, title, email], i) => ({ id: demoDirectoryId(`contact:${s.key}:${i}`), name, title, email })) },
        schedules: { create: s.schedules.map(([byDay, opensAt, closesAt, description], i) => ({ id: demoDirectoryId(`schedule:${s.key}:${i}`), byDay, opensAt, closesAt, description: description ?? null })) },
        serviceAreas: { create: s.areas.map((code) => ({ id: demoDirectoryId(`area:${s.key}:${code}`), name: AREA_NAMES[code], areaId: areas.get(code) ?? null })) },
        attributes: { create: terms.map((code) => ({ id: demoDirectoryId(`attribute:${s.key}:${code}`), taxonomyTermId: termIds.get(code)! })) },
        serviceAtLocations: s.place ? { create: [{ id: demoDirectoryId(`service-at-location:${s.key}`), locationId: demoDirectoryId(`location:${s.place}`) }] } : undefined,
      },
    });
  }
}
