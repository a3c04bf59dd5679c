export {
  githubSubject,
  startOidcIssuer,
  type ActionsIdTokenEnv,
  type ClaimOverrides,
  type GithubClaims,
  type IssuerAlgorithm,
  type IssuerRequest,
  type OidcIssuer,
  type OidcIssuerOptions,
  type SignOptions,
} from './oidc-issuer.js';
