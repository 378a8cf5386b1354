import { useQuery } from "@apollo/client/react";
import { roleInWords } from "../../app/roles";
import { listInWords } from "../../app/words";
import { graphql } from "../../generated/graphql";

// Typed from the schema by GraphQL Code Generator (`npm run generate`): `graphql()` returns
// a TypedDocumentNode, so `data` below is checked against schema/schema.graphql and no
// hand-written result type can drift from it. Every operation in the portal is written so.
export const VIEWER_QUERY = graphql(`
  query Viewer {
    viewer {
      id
      name
      email
      roles
      organisation {
        id
        name
        kind
      }
    }
  }
`);

function rolesInWords(roles: readonly string[]): string {
  if (roles.length === 0) return "You have no roles yet. Ask your organisation admin to add one.";
  const label = roles.length === 1 ? "Your role" : "Your roles";
  return `${label}: ${listInWords(roles.map(roleInWords))}`;
}

type SignedInAsProps = { onSignOut: () => void };

/** Who is signed in, shown in the page header, with the way to sign out. */
export function SignedInAs({ onSignOut }: SignedInAsProps) {
  const { data, error, refetch } = useQuery(VIEWER_QUERY);
  const viewer = data?.viewer;

  return (
    <div className="signed-in-as">
      {viewer ? (
        <div>
          <p>
            Signed in as <strong>{viewer.name}</strong>, {viewer.organisation.name}
          </p>
          <p className="roles">{rolesInWords(viewer.roles)}</p>
        </div>
      ) : error ? (
        <div role="alert">
          <p>We could not check who you are signed in as. Check your connection and try again.</p>
          {/* The error stays on screen if the retry fails too, so the promise needs no handling. */}
          <button type="button" className="button button-on-dark" onClick={() => refetch().catch(() => {})}>
            Retry<span className="visually-hidden"> checking your details</span>
          </button>
        </div>
      ) : (
        <p>Checking your details…</p>
      )}
      <button type="button" className="button button-on-dark" onClick={onSignOut}>
        Sign out
      </button>
    </div>
  );
}
