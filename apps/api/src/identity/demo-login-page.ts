// The pages of the demo sign-in service: choose a demo user, sign out, and "something went
// wrong". Server-rendered HTML with no JavaScript (bar the one line that finishes signing
// out), in the portal's calm, high-contrast style, so it works with any assistive technology.
import { createHash } from "node:crypto";

export interface DemoUserChoice {
  email: string;
  name: string;
  organisation: string;
  roles: string[];
}

export interface HtmlPage {
  html: string;
  headers: Record<string, string>;
}

const roleWords: Record<string, string> = {
  CASEWORKER: "Caseworker",
  VICTIM_LIAISON_OFFICER: "Victim liaison officer",
  PROSECUTOR: "Prosecutor",
  ADVOCATE: "Advocate (ISVA/IDVA)",
  ORGANISATION_ADMIN: "Organisation admin",
  PARTNERSHIP_AUDITOR: "Partnership auditor",
  CASEWORK_LEAD: "Casework lead",
  PARTNERSHIP_ADMIN: "Partnership administrator",
};

const listFormat = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

export const rolesInWords = (roles: readonly string[]) =>
  roles.length ? listFormat.format(roles.map((r) => roleWords[r] ?? r.toLowerCase().replaceAll("_", " "))) : "No role yet";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Sizes in rem so the page reflows at 200% zoom; colours and focus ring as in the portal.
const STYLE = `
:root{color-scheme:light;color:#0b0c0c;background:#fff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-size:1.125rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 1.5rem}
p{margin:0 0 1rem}
a{color:#1d4f5c}
:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px;box-shadow:0 0 0 7px #fd0}
[tabindex="-1"]:focus{outline:none;box-shadow:none}
.container{max-width:64rem;margin:0 auto;padding:0 1rem}
main.container{padding-top:2rem;padding-bottom:3rem}
.narrow{max-width:40rem}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip-path:inset(50%)!important;white-space:nowrap!important;border:0!important}
.skip-link{position:absolute;left:-9999em;top:0}
.skip-link:focus{position:static;display:block;padding:.75rem 1rem;background:#fd0;color:#0b0c0c}
.site-header{background:#1d4f5c;color:#fff;border-bottom:.5rem solid #00703c}
.site-header p{margin:0;padding:1rem 0;font-size:1.375rem;font-weight:700}
.warning{border:.3rem solid #1d70b8;padding:1rem;margin-bottom:1.5rem}
.warning p:last-child{margin:0}
.problem-summary{border:.3rem solid #b10e1e;padding:1rem;margin-bottom:1.5rem}
.problem-summary h2{font-size:1.25rem;margin:0 0 .5rem}
.problem-summary a{color:#b10e1e;font-weight:700}
.problem-message{color:#b10e1e;font-weight:700}
fieldset{border:0;padding:0;margin:0 0 1.5rem}
fieldset.with-problem{border-left:.3rem solid #b10e1e;padding-left:.9rem}
legend{font-size:1.5rem;font-weight:700;margin-bottom:.5rem;padding:0}
.hint{color:#484949;margin-bottom:1rem}
.choice{display:flex;align-items:flex-start;gap:.75rem;margin-bottom:.75rem}
.choice input{width:1.75rem;height:1.75rem;margin:.1rem 0 0;flex:none;accent-color:#0b0c0c}
.choice label{cursor:pointer}
.choice .detail{display:block;color:#484949;font-size:1rem}
.button{display:inline-block;min-height:2.75rem;padding:.5rem 1rem;border:2px solid transparent;border-radius:0;background:#00703c;color:#fff;font:inherit;font-weight:700;cursor:pointer;box-shadow:0 2px 0 #002d18;margin-bottom:1.5rem}
.button:hover{background:#005a30}
.button:focus-visible{box-shadow:0 0 0 7px #fd0}
details{margin-top:1rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95em;overflow-wrap:anywhere}
`;

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const STYLE_HASH = sha256(STYLE);

function page(options: { title: string; body: string; script?: string; formTargets?: string[] }): HtmlPage {
  const scriptSrc = options.script ? `; script-src ${sha256(options.script)}` : "";
  // form-action must also allow where the form's redirects end up: the portal's address.
  const formAction = ["'self'", ...(options.formTargets ?? [])].join(" ");
  return {
    html: `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)} – Victims' Partnership Hub (demo)</title>
<style>${STYLE}</style>
${options.script ? `<script>${options.script}</script>` : ""}
</head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="site-header"><div class="container"><p>Victims' Partnership Hub</p></div></header>
<main id="main-content" class="container" tabindex="-1"><div class="narrow">
${options.body}
</div></main>
</body>
</html>`,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "no-referrer",
      "Content-Security-Policy": `default-src 'none'; style-src ${STYLE_HASH}${scriptSrc}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    },
  };
}

export const DEMO_LOGIN_HEADING = "Sign in to the Victims' Partnership Hub (demo)";

export function demoLoginPage(options: {
  action: string;
  cancelUrl: string;
  users: DemoUserChoice[];
  chosenEmail?: string;
  problem?: string;
  formTargets: string[];
}): HtmlPage {
  const { users, problem } = options;
  const choices = users
    .map((user, i) => {
      const id = i === 0 ? "user" : `user-${i + 1}`;
      const checked = user.email === options.chosenEmail ? " checked" : "";
      return `<div class="choice"><input type="radio" id="${id}" name="email" value="${escapeHtml(user.email)}"${checked}>
<label for="${id}"><strong>${escapeHtml(user.name)}</strong><span class="detail">${escapeHtml(user.organisation)}: ${escapeHtml(rolesInWords(user.roles))}</span></label></div>`;
    })
    .join("\n");
  const summary = problem
    ? `<div class="problem-summary" role="alert" aria-labelledby="problem-title">
<h2 id="problem-title">There is a problem</h2>
<p><a href="#user">${escapeHtml(problem)}</a></p></div>`
    : "";
  const form = users.length
    ? `<form method="post" action="${escapeHtml(options.action)}" novalidate>
<fieldset${problem ? ' class="with-problem"' : ""} aria-describedby="choose-hint${problem ? " choose-problem" : ""}">
<legend>Who do you want to sign in as?</legend>
<p id="choose-hint" class="hint">Each person belongs to a different organisation. The cases you see depend on the person's organisation and role.</p>
${problem ? `<p id="choose-problem" class="problem-message"><span class="visually-hidden">Error: </span>${escapeHtml(problem)}</p>` : ""}
${choices}
</fieldset>
<button type="submit" class="button">Sign in</button>
</form>`
    : `<p>There are no demo users in this hub's database yet. Load them with <code>npm run hub -- seed-demo</code> and try again.</p>`;
  return page({
    title: problem ? `Error: ${DEMO_LOGIN_HEADING}` : DEMO_LOGIN_HEADING,
    formTargets: options.formTargets,
    body: `${summary}
<h1>${DEMO_LOGIN_HEADING}</h1>
<div class="warning">
<p><strong>This is a demonstration only.</strong> Everyone listed here is made up, and anyone can sign in as any of them without a password.</p>
<p>A real hub signs you in through your own organisation's account instead.</p>
</div>
${form}
<p><a href="${escapeHtml(options.cancelUrl)}">Cancel and go back to the hub</a></p>`,
  });
}

/** Shown by the sign-out step. With `finishAutomatically`, the page submits itself. */
export function demoSignOutPage(options: { form: string; finishAutomatically: boolean; hubUrl: string; formTargets: string[] }): HtmlPage {
  // The form comes from oidc-provider: it carries the session's own anti-forgery secret.
  const form = options.form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>');
  const script = options.finishAutomatically ? "document.addEventListener('DOMContentLoaded',function(){document.forms[0].submit()})" : undefined;
  return page({
    title: "Sign out",
    script,
    formTargets: options.formTargets,
    body: `<h1>Sign out of the demo</h1>
<p>${options.finishAutomatically ? "Signing you out…" : "Sign out so the next person at this computer has to choose who they are again."}</p>
${form}
<button type="submit" class="button" form="op.logoutForm">Sign out</button>
<p><a href="${escapeHtml(options.hubUrl)}">Go back to the hub</a></p>`,
  });
}

export function demoSignedOutPage(hubUrl: string): HtmlPage {
  return page({
    title: "You have signed out",
    body: `<h1>You have signed out</h1>
<p><a href="${escapeHtml(hubUrl)}">Go back to the hub</a></p>`,
  });
}

/** Something stopped sign-in. `technical` is the OAuth error code, for whoever helps them. */
export function signInProblemPage(options: { hubUrl: string; message?: string; technical?: string }): HtmlPage {
  return page({
    title: "Sorry, we could not sign you in",
    body: `<h1>Sorry, we could not sign you in</h1>
<p>${escapeHtml(options.message ?? "Something went wrong while signing you in. Nothing was changed.")}</p>
<p><a href="${escapeHtml(options.hubUrl)}">Go back to the hub and sign in again</a></p>
${options.technical ? `<details><summary>Technical details</summary><p><code>${escapeHtml(options.technical)}</code></p></details>` : ""}`,
  });
}
