// How big a GraphQL document may be (GraphQL Armor), whether the schema may be introspected,
// and no "Did you mean ...?" hints. Every refusal is a plain message that names no part of
// the schema, so a refused query teaches an attacker nothing.
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { getNamedType, GraphQLError, isIntrospectionType, type ValidationContext, type ASTVisitor } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Characters in the document's text, checked before it is parsed (tokens alone let a few huge strings or comments through). */
  maxDocumentLength: number;
  /** GraphQL Armor's cost: objects 2, scalars 1, x1.5 per level, x`first` when it is a literal. */
  maxCost: number;
}

// The portal's and the tests' operations reach depth 6 and cost about 60; one page of 100
// cases with every field written as a literal `first: 100` costs about 12,700. (A `first`
// sent as a variable is not counted, but the API itself caps pages at 100.)
// The portal's longest operation is a few thousand characters.
export const DEFAULT_MAX_DOCUMENT_LENGTH = 20_000;
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2000,
  maxDocumentLength: DEFAULT_MAX_DOCUMENT_LENGTH,
  maxCost: 15_000,
};

/** What a developer is told when a document is over the length limit (here, and when registering one). */
export const tooLongMessage = (length: number, max: number) =>
  `This query is too long: ${length.toLocaleString("en-GB")} characters, and the hub takes at most ${max.toLocaleString("en-GB")}. Split it into several queries, or send less text in it (pass values as variables).`;

/** Refuses a document's text over the length limit before anything parses it. */
export function maxDocumentLengthPlugin(maxDocumentLength: number): Plugin {
  return {
    onParams({ params }) {
      if (typeof params.query !== "string" || params.query.length <= maxDocumentLength) return;
      throw createGraphQLError(tooLongMessage(params.query.length, maxDocumentLength), {
        extensions: { code: "QUERY_TOO_LONG", http: { status: 400 }, maxDocumentLength },
      });
    },
  };
}

const CODE = "QUERY_TOO_COMPLEX";

const refuse = (message: string) => ({
  exposeLimits: false,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null) => context?.reportError(new GraphQLError(message, { extensions: { code: CODE } }))],
});

export function queryLimitPlugins(limits: QueryLimits): Plugin[] {
  const rules = [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      // Development tools' standard introspection query nests ofType deeper than 10; in
      // production introspection is refused outright.
      ignoreIntrospection: true,
      ...refuse(`This query nests fields more than ${limits.maxDepth} levels deep. Ask for fewer nested fields.`),
    }),
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...refuse(`This query uses more than ${limits.maxAliases} aliases. Split it into several queries.`) }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      ...refuse(`This query uses more than ${limits.maxDirectives} directives. Remove some, or split it into several queries.`),
    }),
    costLimitRule({
      maxCost: limits.maxCost,
      ignoreIntrospection: true,
      ...refuse("This query asks for too much at once. Ask for fewer fields or smaller pages, or split it into several queries."),
    }),
  ];
  const tokens = maxTokensPlugin({
    n: limits.maxTokens,
    exposeLimits: false,
    propagateOnRejection: false,
    // Parsing has no validation context: stop the parse with our own plain error.
    onReject: [
      () => {
        throw new GraphQLError(`This query is too long (more than ${limits.maxTokens} tokens). Split it into several queries.`, {
          extensions: { code: CODE },
        });
      },
    ],
  }) as Plugin;
  return [tokens, { onValidate: ({ addValidationRule }) => rules.forEach(addValidationRule) }];
}

/** Refuses __schema and __type (not __typename), with a message that points somewhere useful. */
function noIntrospectionRule(context: ValidationContext): ASTVisitor {
  let reported = false; // once per document is enough
  return {
    Field(node) {
      const type = getNamedType(context.getType());
      if (!reported && type && isIntrospectionType(type)) {
        reported = true;
        context.reportError(
          new GraphQLError("This hub does not answer questions about its schema. Ask the partnership for the published schema.", {
            nodes: node,
            extensions: { code: "INTROSPECTION_DISABLED" },
          }),
        );
      }
    },
  };
}

export function noIntrospectionPlugin(): Plugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(noIntrospectionRule) };
}

// graphql-js suggests names in validation errors ("Did you mean "name"?") and in variable
// errors ("Did you mean the enum value "TRIAL"?"). Armor's own plugin misses the second
// form and errors outside validation, so strip every one from the final result instead.
const SUGGESTION = /\s*Did you mean[^?]*\?/g;

export function hideSuggestionsPlugin(): Plugin {
  return {
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in result) return;
      for (const one of Array.isArray(result) ? result : [result]) {
        for (const error of one.errors ?? []) {
          const plain = error.message.replace(SUGGESTION, "");
          if (plain !== error.message) (error as { message: string }).message = plain;
        }
      }
    },
  };
}
