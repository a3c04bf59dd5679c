// DO NOT EDIT — generated from openapi/openapi.yaml by scripts/generate.mjs

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check that the platform process is up */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/device/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a device authorization (RFC 8628 style)
         * @description Returns a device code for the client to poll with and a user code for the person to confirm in a browser
         *     at `verification_uri`. Device-flow logins default to the `admin` scope.
         */
        post: operations["requestDeviceCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/device/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Poll a device authorization for its tokens
         * @description Answers 200 with tokens once the person approved the code. Until then it answers 400 with one of the
         *     device-flow codes: `authorization_pending` (keep polling at `interval`), `slow_down` (polled faster than
         *     `interval`; add 5 seconds to the interval), `expired_token` (start over), `access_denied` (the person
         *     declined).
         */
        post: operations["pollDeviceToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh a session or exchange an API token for a session
         * @description `grant_type: refresh_token` rotates the refresh token: the presented one is dead afterwards, and presenting
         *     a used refresh token again answers 401 `unauthenticated` and revokes the whole token family.
         *     `grant_type: token_exchange` turns an API token into a session for its user, with the API token's scope.
         */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a token (RFC 7009 style)
         * @description Always answers 204, for unknown tokens too, so the endpoint cannot be used to probe tokens. Revoking a
         *     refresh token also revokes the access tokens issued with it.
         */
        post: operations["revokeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your API tokens
         * @description The secret token values are never listed; they are shown once, at creation.
         */
        get: operations["listApiTokens"];
        put?: never;
        /**
         * Create an API token
         * @description Needs the `admin` scope. The response holds the token value; it is never shown again.
         */
        post: operations["createApiToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{token_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The API token's id. */
                token_id: components["parameters"]["TokenId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete (revoke) an API token
         * @description Needs the `admin` scope. Sessions obtained by exchanging this token are revoked too.
         */
        delete: operations["deleteApiToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a CI provider's OIDC ID token for a short-lived, network-bound access token
         * @description Keyless login for CI (docs/oidc.md). The caller presents an ID token (for example GitHub Actions'
         *     `core.getIDToken('max')`); the platform verifies it against the issuer's published keys (discovery document
         *     and JWKS, fetched only for issuers named in a trust policy), checks `iss`, `aud` (`max` by default), `exp`,
         *     `nbf` and `iat` with a small clock skew, and matches its claims to a trust policy. The answer is an access
         *     token (no refresh token) with the policy's scope, bound to the policy's network, that expires within an
         *     hour; present a fresh ID token to get another. Every exchange, granted or refused, is an audit event.
         *     Refusals are 401 `invalid_id_token` (`details.reason` says why) or 403 `no_matching_trust_policy`.
         */
        post: operations["exchangeOidcToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oidc/trust-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your OIDC trust policies
         * @description Needs the `admin` scope. Newest first.
         */
        get: operations["listTrustPolicies"];
        put?: never;
        /**
         * Trust ID tokens of an issuer for one repository (and optionally ref and environment)
         * @description Needs the `admin` scope. The network must be yours. Tokens minted through this policy act as you, with the
         *     policy's scope (`read` or `deploy`), and only on the policy's network.
         */
        post: operations["createTrustPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oidc/trust-policies/{policy_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The trust policy's id. */
                policy_id: components["parameters"]["TrustPolicyId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a trust policy
         * @description Needs the `admin` scope. Access tokens minted through the policy are revoked at once.
         */
        delete: operations["deleteTrustPolicy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who am I
         * @description The authenticated user and the kind, scope and expiry of the credential that made the request.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List networks */
        get: operations["listNetworks"];
        put?: never;
        /**
         * Create a network
         * @description Answers 409 `conflict` when any user already has a network with this name.
         */
        post: operations["createNetwork"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        /** Get a network */
        get: operations["getNetwork"];
        put?: never;
        post?: never;
        /**
         * Delete a network
         * @description Needs the `admin` scope. A network that still has apps is only deleted with `force=true` (which deletes
         *     its apps too); otherwise the answer is 409 `network_not_empty`.
         */
        delete: operations["deleteNetwork"];
        options?: never;
        head?: never;
        /** Update a network */
        patch: operations["updateNetwork"];
        trace?: never;
    };
    "/api/v1/networks/{network}/vars": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        /**
         * List a network's vars
         * @description Sorted by key. Network vars are inherited by every app of the network.
         */
        get: operations["listNetworkVars"];
        put?: never;
        /**
         * Set vars of a network (bulk, atomic)
         * @description Creates or overwrites every given key in one transaction: either all are set or none. Every deployed app
         *     of the network gets a new release with the new config; `releases` lists them.
         */
        post: operations["setNetworkVars"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/vars/unset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unset vars of a network (bulk, atomic)
         * @description Removes every given key in one transaction. Keys that are not set are ignored, so retries are harmless.
         */
        post: operations["unsetNetworkVars"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/vars/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The var or secret key. */
                key: components["parameters"]["EnvKeyPath"];
            };
            cookie?: never;
        };
        /** Get one var of a network */
        get: operations["getNetworkVar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        /**
         * List a network's secrets (never their values)
         * @description Sorted by key. Each secret shows its key, a digest of its value and timestamps.
         */
        get: operations["listNetworkSecrets"];
        put?: never;
        /**
         * Set secrets of a network (bulk, atomic)
         * @description Creates or overwrites every given key in one transaction. Values are encrypted at rest and never returned.
         *     Every deployed app of the network gets a new release.
         */
        post: operations["setNetworkSecrets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/secrets/unset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unset secrets of a network (bulk, atomic)
         * @description Removes every given key in one transaction. Keys that are not set are ignored.
         */
        post: operations["unsetNetworkSecrets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/secrets/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The var or secret key. */
                key: components["parameters"]["EnvKeyPath"];
            };
            cookie?: never;
        };
        /** Get one secret of a network (never its value) */
        get: operations["getNetworkSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the apps of every network
         * @description The caller's apps across all their networks in one list: ordered by network name, then by `sort` within
         *     each network. Pages may hold up to 5,000 apps, so an overview of every app is one request whatever the
         *     number of networks. A network-bound credential (OIDC) sees only its network.
         */
        get: operations["listAllApps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        /** List the apps of a network */
        get: operations["listApps"];
        put?: never;
        /**
         * Create an app in a network
         * @description Answers 409 `conflict` when the network already has an app with this name.
         */
        post: operations["createApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        /** Get an app */
        get: operations["getApp"];
        put?: never;
        post?: never;
        /**
         * Delete an app
         * @description Stops the app's processes and deletes its deployments, releases, vars and secrets.
         */
        delete: operations["deleteApp"];
        options?: never;
        head?: never;
        /** Update an app */
        patch: operations["updateApp"];
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/vars": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        /**
         * List an app's vars
         * @description Sorted by key. App vars override network vars with the same key.
         */
        get: operations["listAppVars"];
        put?: never;
        /**
         * Set vars of an app (bulk, atomic)
         * @description Creates or overwrites every given key in one transaction: either all are set or none. When the app
         *     has been deployed it gets a new release with the new config; `releases` lists it.
         */
        post: operations["setAppVars"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/vars/unset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unset vars of an app (bulk, atomic)
         * @description Removes every given key in one transaction. Keys that are not set are ignored, so retries are harmless.
         */
        post: operations["unsetAppVars"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/vars/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
                /** @description The var or secret key. */
                key: components["parameters"]["EnvKeyPath"];
            };
            cookie?: never;
        };
        /** Get one var of an app */
        get: operations["getAppVar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        /**
         * List an app's secrets (never their values)
         * @description Sorted by key. Each secret shows its key, a digest of its value and timestamps.
         */
        get: operations["listAppSecrets"];
        put?: never;
        /**
         * Set secrets of an app (bulk, atomic)
         * @description Creates or overwrites every given key in one transaction. Values are encrypted at rest and never returned.
         *     When the app has been deployed it gets a new release.
         */
        post: operations["setAppSecrets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/secrets/unset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unset secrets of an app (bulk, atomic)
         * @description Removes every given key in one transaction. Keys that are not set are ignored.
         */
        post: operations["unsetAppSecrets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/secrets/copy": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Copy secrets from another scope to an app (server-side, atomic)
         * @description Sets on this app the secrets of another scope (a network, or an app of any network the caller owns) — all
         *     of them, or the listed `keys` — in one transaction, as if each value had been set again. The values never
         *     leave the platform: a CI runner that makes a preview app from a base app re-references the base app's
         *     secrets without ever holding them. A key whose value is already the same (same digest) is not a change,
         *     so a repeated copy is a no-op. When the app has been deployed it gets a new release.
         */
        post: operations["copyAppSecrets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/secrets/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
                /** @description The var or secret key. */
                key: components["parameters"]["EnvKeyPath"];
            };
            cookie?: never;
        };
        /** Get one secret of an app (never its value) */
        get: operations["getAppSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/env": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        /**
         * Get the effective environment of an app
         * @description What the app's process sees: network vars, overridden by app vars, overridden by secrets (app secrets over
         *     network secrets), overridden by platform vars (`PORT`, `MAX_APP`, `MAX_NETWORK`, `MAX_HOSTNAME`,
         *     `MAX_RELEASE`). Each entry names the source that won and the sources it overrode. Secret values are null
         *     (their `digest` identifies the value), and so are platform values fixed only when a process starts.
         */
        get: operations["getAppEnv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        /**
         * List an app's deployments
         * @description Newest first.
         */
        get: operations["listDeployments"];
        put?: never;
        /**
         * Start a deployment from a manifest of content-addressed files
         * @description The manifest lists every file of the source tree by SHA-256 and size. An entry whose `size` differs from
         *     the size of the stored blob it names is refused with 422 `validation_failed` (`/manifest/<index>/size`), so
         *     `total_size` is the size of what is built. When the platform already holds every blob, the deployment starts
         *     in state `queued`. Otherwise it starts in `uploading` with `missing_blobs` listing what
         *     to upload (`PUT /api/v1/blobs/{digest}` or `POST /api/v1/blobs/packs`); then call
         *     `POST /api/v1/deployments/{deployment_id}/finalize`. Progress streams on the `deployment:<id>` channel and
         *     build output on `logs:build:<id>`.
         */
        post: operations["createDeployment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/releases": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        /**
         * List an app's releases
         * @description Newest (highest version) first.
         */
        get: operations["listReleases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/releases/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll back to an earlier release
         * @description Makes a new release (the next version) with the code and config snapshot of release `to`, or of the release
         *     before the current one when `to` is omitted. The app's stored vars and secrets are set back to that
         *     snapshot in the same transaction (secrets by their stored encrypted version), so the app's vars, secrets,
         *     effective env and config export show what the new release runs with; network-scope vars and secrets are
         *     shared by the network's apps and stay as they are (the release runs with their current values). The whole
         *     rollback is one `release.rolled_back` event whose details list the restored keys (`config_changes`, secret
         *     digests only) and the network keys that differ from the snapshot (`network_kept`). The new release starts
         *     in `pending` and becomes `active` once healthy; if it fails its health checks the current release keeps
         *     serving. Answers 409 `invalid_state` when there is nothing to roll back to.
         */
        post: operations["rollbackRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/releases/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
                /** @description The release version (1, 2, …). */
                version: number;
            };
            cookie?: never;
        };
        /** Get a release */
        get: operations["getRelease"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        /**
         * Read an app's runtime log history
         * @description Lines in ascending `seq` order. Page forward with `after_seq` = the last `seq` received while `has_more` is
         *     true; follow live with the `logs:app:<network>/<app>` channel, joining with the same `after_seq`.
         */
        get: operations["listAppLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a one-off command in an app's environment
         * @description Starts the command in the app's current release directory with its effective environment (plus `env`).
         *     Stream stdin/stdout/stderr and the exit status on the `exec:<run>` channel.
         */
        post: operations["createAppRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/apps/{app}/shells": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open an interactive shell (PTY) in an app's environment
         * @description Starts a PTY session in the app's current release directory with its effective environment. Attach with the
         *     `shell:<session>` channel. The session outlives dropped connections: it ends when its process exits, when it
         *     is deleted, or after `detach_timeout_seconds` with nobody attached.
         */
        post: operations["createAppShell"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        /**
         * Read a network's merged log history
         * @description The runtime logs of every app of the network, merged into one stream with its own `seq`; each line names its
         *     `app`. Follow live with the `logs:network:<network>` channel.
         */
        get: operations["listNetworkLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a one-off command in a network's environment
         * @description Like an app run, but in a scratch directory with the network's vars and secrets and the platform vars that
         *     apply to a network (`MAX_NETWORK`). Useful for maintenance that concerns no single app.
         */
        post: operations["createNetworkRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/networks/{network}/shells": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open an interactive shell (PTY) in a network's environment
         * @description Like an app shell, in a scratch directory with the network's environment.
         */
        post: operations["createNetworkShell"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments/{deployment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The deployment's id. */
                deployment_id: components["parameters"]["DeploymentId"];
            };
            cookie?: never;
        };
        /** Get a deployment */
        get: operations["getDeployment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments/{deployment_id}/finalize": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The deployment's id. */
                deployment_id: components["parameters"]["DeploymentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish uploading and queue the build
         * @description Moves an `uploading` deployment to `queued` once every blob of its manifest is present. Answers 409
         *     `blobs_missing` (with `details.missing`, the digests still absent) otherwise, and 422 `validation_failed`
         *     (`details.fields[].path` = `/manifest/<index>/size`) when an uploaded blob's size is not the size its
         *     manifest entry gives — the deployment is then `cancelled`, as its manifest can never build as described. On
         *     a deployment that is already past `uploading` it changes nothing and returns the deployment, so retries are
         *     harmless.
         */
        post: operations["finalizeDeployment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments/{deployment_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The deployment's id. */
                deployment_id: components["parameters"]["DeploymentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a deployment that has not finished
         * @description Stops an `uploading`, `queued`, `building` or `releasing` deployment; it ends in `cancelled` and the current
         *     release keeps serving. Cancelling a `cancelled` deployment returns it unchanged; any other finished state
         *     answers 409 `invalid_state`.
         */
        post: operations["cancelDeployment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments/{deployment_id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The deployment's id. */
                deployment_id: components["parameters"]["DeploymentId"];
            };
            cookie?: never;
        };
        /**
         * Read a deployment's build log
         * @description Follow live with the `logs:build:<deployment_id>` channel.
         */
        get: operations["listBuildLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blobs/missing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask which blobs the platform lacks
         * @description Send the digests of a manifest; the answer lists the ones the platform does not hold, in request order, so
         *     only those are uploaded. Blobs are shared across deployments of the same user.
         */
        post: operations["findMissingBlobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blobs/packs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload many small blobs at once as a tar.gz pack
         * @description The body is a gzip-compressed tar archive of regular files, each named by the SHA-256 hex digest of its
         *     contents (no directories, no links). The platform verifies every digest and stores the pack atomically:
         *     one mismatch answers 422 `digest_mismatch` and stores nothing. Clients split large uploads into several
         *     packs of at most 64 MiB each; a larger body answers 413 `payload_too_large`.
         */
        post: operations["uploadBlobPack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blobs/{digest}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SHA-256 of the blob's bytes, lowercase hex. */
                digest: components["schemas"]["BlobDigest"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Upload one blob
         * @description The body is the raw bytes (at most 256 MiB). The platform hashes them and answers 422 `digest_mismatch`
         *     when the hash differs from the path. Uploading a blob that is already stored is harmless (200).
         */
        put: operations["uploadBlob"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's command runs
         * @description Newest first. Only the caller's own command runs are listed. Runs are kept after they end (output only while buffered).
         */
        get: operations["listRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The command run's id. */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        /** Get a command run */
        get: operations["getRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{run_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The command run's id. */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a command run
         * @description Sends SIGTERM to the run's process group, then SIGKILL after 10 seconds. The run ends in `cancelled` (with
         *     `signal` set to the signal that ended it). Cancelling a finished run returns it unchanged.
         */
        post: operations["cancelRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shells": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's shell sessions
         * @description Newest first. Only the caller's own shell sessions are listed. Ended sessions stay listed (state `exited`).
         */
        get: operations["listShells"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shells/{shell_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The shell session's id. */
                shell_id: components["parameters"]["ShellId"];
            };
            cookie?: never;
        };
        /** Get a shell session */
        get: operations["getShell"];
        put?: never;
        post?: never;
        /**
         * End a shell session
         * @description Hangs up the PTY (SIGHUP to the session's processes, then SIGKILL after 5 seconds) and detaches every client:
         *     each attached channel gets the remaining output, `exit`, then `phx_close`. Deleting an exited session is a
         *     no-op (204); its record stays readable.
         */
        delete: operations["deleteShell"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything for an overview screen, in one response
         * @description The caller's networks, their apps with status, current release and latest deployment, the most recent
         *     events and counts. Capped at 500 apps; `truncated` says when more exist.
         */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export configuration as a document
         * @description Networks, apps, vars and secrets — each secret as its key and the digest of its value, never the value — as
         *     a `ConfigDocument` that `plan` and `apply` accept. Every field is written out, so the document is complete.
         */
        get: operations["exportConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Compute the changes that would make the platform match a document
         * @description Changes nothing. The plan covers only the networks named in the document (missing ones are created;
         *     networks not named are never touched). Within them, vars and secret keys not in the document are deleted,
         *     and apps not in the document are deleted only with `prune=true`. Secret values never travel in documents;
         *     secrets are compared by digest. A listed secret whose live digest differs from the document's is an
         *     `update`; one that is not set is a `create`. Either needs a value in `secret_values` — without one it is
         *     also a blocker (`secret_changed`, `secret_missing`). `digest` identifies the plan (including the digests
         *     of the supplied values); pass it, with the same `secret_values`, to `apply` to apply exactly this plan.
         */
        post: operations["planConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a document, atomically
         * @description Recomputes the plan and applies all of it in one transaction, or nothing. With `plan_digest`, answers 409
         *     `plan_stale` when the platform changed since that plan was made (plan again and review). A plan with
         *     blockers answers 409 `plan_blocked` (with `details.blockers`). Secret values in `secret_values` are set in
         *     the same transaction (encrypted at rest; events record their digests only). Every app whose effective
         *     config changed gets exactly one new release with its final config, however many of its scopes and keys the
         *     document changed (network vars, app vars, secrets); `releases` lists them.
         */
        post: operations["applyConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit events
         * @description Newest first. Only events about the caller's own resources are visible.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{event_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's id. */
                event_id: components["parameters"]["EventId"];
            };
            cookie?: never;
        };
        /** Get an audit event */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{event_id}/revert": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's id. */
                event_id: components["parameters"]["EventId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Undo the change an event recorded
         * @description Applies the inverse of the event's change as a new change (with its own event), for events whose
         *     `revertible` is true: var and secret changes, network and app updates, releases (by rolling back).
         *     Answers 409 `not_revertible` for other events, and 409 `conflict` when the target changed again since.
         */
        post: operations["revertEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Stable, machine-readable error codes. Clients branch on these, never on messages. A client that meets a
         *     code it does not know treats the error by its HTTP status.
         * @enum {string}
         */
        ErrorCode: "bad_request" | "validation_failed" | "unauthenticated" | "token_expired" | "forbidden" | "not_found" | "conflict" | "network_not_empty" | "idempotency_key_reused" | "rate_limited" | "internal_error" | "unavailable" | "authorization_pending" | "slow_down" | "expired_token" | "access_denied" | "payload_too_large" | "unsupported_media_type" | "digest_mismatch" | "blobs_missing" | "invalid_state" | "plan_stale" | "plan_blocked" | "not_revertible" | "session_limit" | "invalid_id_token" | "no_matching_trust_policy";
        /** @description The body of every error response. */
        Error: {
            error: {
                code: components["schemas"]["ErrorCode"];
                /** @description A sentence for people; may change at any time. */
                message: string;
                /**
                 * @description Structured context. For `validation_failed`: `{"fields": [{"path": "/name", "message": "…"}]}`
                 *     (JSON Pointers into the request body, or `/query/<name>` and `/path/<name>` for parameters).
                 */
                details?: {
                    fields?: components["schemas"]["FieldError"][];
                } & {
                    [key: string]: unknown;
                };
                /** @description The same value as the `x-request-id` response header. */
                request_id: string;
            };
        };
        FieldError: {
            /** @description JSON Pointer to the offending input. */
            path: string;
            message: string;
        };
        /**
         * @description An RFC 1035 label, used for network and app names (they become DNS labels).
         * @example web
         * @example staging-eu
         */
        ResourceName: string;
        /**
         * @description An environment variable name.
         * @example DATABASE_URL
         */
        EnvKey: string;
        /**
         * @description What a credential may do. `read`: GET requests only. `deploy`: everything except deleting networks and
         *     managing API tokens. `admin`: everything.
         * @enum {string}
         */
        Scope: "read" | "deploy" | "admin";
        /**
         * @default name
         * @enum {string}
         */
        ListSort: "name" | "-name" | "created_at" | "-created_at";
        /** @description Free text for people. */
        Description: string | null;
        /**
         * @description The HTTP path the platform probes to decide that a release is healthy.
         * @example /healthz
         */
        HealthCheckPath: string;
        Health: {
            /** @enum {string} */
            status: "ok";
            /** @description The server's version. */
            version?: string;
        };
        DeviceCodeRequest: {
            /** @description Shown to the person on the approval page, for example "rig on laptop". */
            client_name?: string;
            scope?: components["schemas"]["Scope"];
        };
        DeviceAuthorization: {
            /** @description Secret the client polls with; never shown to the person. */
            device_code: string;
            /**
             * @description Short code the person compares in the browser.
             * @example WDJB-MJHT
             */
            user_code: string;
            /** Format: uri */
            verification_uri: string;
            /**
             * Format: uri
             * @description `verification_uri` with the user code filled in.
             */
            verification_uri_complete: string;
            /** @description Seconds until the device code expires. */
            expires_in: number;
            /** @description Minimum seconds between polls. */
            interval: number;
        };
        DeviceTokenRequest: {
            device_code: string;
        };
        RefreshTokenRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            grant_type: "refresh_token";
            refresh_token: string;
        };
        TokenExchangeRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            grant_type: "token_exchange";
            /** @description An API token (`mxp_…`). */
            subject_token: string;
        };
        TokenRequest: components["schemas"]["RefreshTokenRequest"] | components["schemas"]["TokenExchangeRequest"];
        TokenResponse: {
            /** @description Bearer token (`mxa_…`). */
            access_token: string;
            /** @description Single-use refresh token (`mxr_…`); each refresh returns a new one. */
            refresh_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /** @description Seconds until the access token expires. */
            expires_in: number;
            scope: components["schemas"]["Scope"];
        };
        RevokeRequest: {
            token: string;
            /**
             * @description Optional hint, as in RFC 7009; the server finds the token either way.
             * @enum {string}
             */
            token_type_hint?: "access_token" | "refresh_token" | "api_token";
        };
        ApiToken: {
            id: string;
            name: string;
            scope: components["schemas"]["Scope"];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            last_used_at: string | null;
        };
        ApiTokenCreate: {
            /** @description A label for people, for example "ci-deploy". */
            name: string;
            scope: components["schemas"]["Scope"];
            /** @description Lifetime in seconds; omitted or null means the token does not expire. */
            expires_in?: number | null;
        };
        /** @description An API token as returned once, at creation, with its secret value. */
        ApiTokenCreated: {
            id: string;
            name: string;
            scope: components["schemas"]["Scope"];
            /** @description The secret (`mxp_…`). Store it now; it is never shown again. */
            token: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            last_used_at: string | null;
        };
        ApiTokenPage: {
            data: components["schemas"]["ApiToken"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        TrustPolicyPage: {
            data: components["schemas"]["TrustPolicy"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        /**
         * @description The scope of tokens minted through a trust policy (`admin` is never granted to CI).
         * @enum {string}
         */
        TrustPolicyScope: "read" | "deploy";
        TrustPolicy: {
            id: string;
            /** @description The `iss` an ID token must carry, exactly (e.g. `https://token.actions.githubusercontent.com`). */
            issuer: string;
            /** @description The `aud` an ID token must carry (default `max`). */
            audience: string;
            /** @description The `repository` claim (`owner/name`), compared case-insensitively. */
            repository: string;
            /** @description The `ref` claim, exactly, or with one trailing `*` as a prefix match; null = any ref. */
            ref: string | null;
            /** @description The `environment` claim, exactly; null = any (or no) environment. */
            environment: string | null;
            network: components["schemas"]["ResourceName"];
            scope: components["schemas"]["TrustPolicyScope"];
            /** @description Lifetime of the access tokens minted through this policy. */
            token_ttl_seconds: number;
            /** Format: date-time */
            created_at: string;
        };
        TrustPolicyCreate: {
            /**
             * @description The issuer URL: `https://…`; `http://` only for loopback hosts (127.0.0.0/8, `[::1]`, `localhost`), for
             *     tests and local issuers. No query or fragment.
             */
            issuer: string;
            /** @description The `aud` ID tokens must carry; default `max`. */
            audience?: string;
            /** @description `owner/name` */
            repository: string;
            /** @description For example `refs/heads/main`, or `refs/tags/v*` (one trailing `*`). Omit for any ref. */
            ref?: string | null;
            /** @description A deployment environment name (GitHub's `environment` claim). Omit for any. */
            environment?: string | null;
            network: components["schemas"]["ResourceName"];
            scope: components["schemas"]["TrustPolicyScope"];
            /** @description Lifetime of minted access tokens; default 900 (15 minutes), at most 3600. */
            token_ttl_seconds?: number;
        };
        OidcTokenRequest: {
            /** @description The compact JWT the CI provider issued. Write-only; never logged or stored. */
            id_token: string;
        };
        OidcTokenResponse: {
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /** @description Seconds until the access token expires (at most 3600). There is no refresh token. */
            expires_in: number;
            scope: components["schemas"]["TrustPolicyScope"];
            network: components["schemas"]["ResourceName"];
            trust_policy_id: string;
        };
        /** @description Pass as `cursor` to get the next page; null on the last page. */
        NextCursor: string | null;
        Me: {
            id: string;
            /** Format: email */
            email: string;
            name: string | null;
            /** Format: date-time */
            created_at: string;
            /** @description The credential that made this request. */
            auth: {
                /** @enum {string} */
                type: "access_token" | "api_token";
                scope: components["schemas"]["Scope"];
                /** Format: date-time */
                expires_at: string | null;
                /**
                 * @description The only network this credential may touch (an OIDC-minted token is bound to its trust policy's
                 *     network); null or absent when the credential reaches all of the user's networks.
                 */
                network?: string | null;
                /** @description Present when the access token was minted from an OIDC ID token. */
                oidc?: {
                    trust_policy_id: string;
                    issuer: string;
                    subject: string;
                } | null;
            };
        };
        Network: {
            id: string;
            name: components["schemas"]["ResourceName"];
            description: components["schemas"]["Description"];
            app_count: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        NetworkCreate: {
            name: components["schemas"]["ResourceName"];
            description?: components["schemas"]["Description"];
        };
        NetworkUpdate: {
            description?: components["schemas"]["Description"];
        };
        NetworkPage: {
            data: components["schemas"]["Network"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        /**
         * @description `created`: never deployed. `deploying`: a deployment is in progress. `running`: the current release is
         *     serving. `crashed`: the current release's process exited and is being restarted with backoff.
         *     `stopped`: deliberately not running.
         * @enum {string}
         */
        AppStatus: "created" | "deploying" | "running" | "crashed" | "stopped";
        App: {
            id: string;
            name: components["schemas"]["ResourceName"];
            network: components["schemas"]["ResourceName"];
            /**
             * @description `<app>.<network>.<domain>`
             * @example web.staging.localhost
             */
            hostname: string;
            /**
             * Format: uri
             * @description Where the app answers, through the platform's router.
             * @example http://web.staging.localhost:4080
             */
            url: string;
            description: components["schemas"]["Description"];
            health_check_path: components["schemas"]["HealthCheckPath"];
            status: components["schemas"]["AppStatus"];
            /** @description The version of the release now serving, or null before the first release. */
            current_release: number | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        AppCreate: {
            name: components["schemas"]["ResourceName"];
            description?: components["schemas"]["Description"];
            health_check_path?: components["schemas"]["HealthCheckPath"];
        };
        AppUpdate: {
            description?: components["schemas"]["Description"];
            health_check_path?: components["schemas"]["HealthCheckPath"];
        };
        AppPage: {
            data: components["schemas"]["App"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        /** @description Who did it. */
        Actor: {
            /** @enum {string} */
            type: "user" | "api_token" | "system";
            /** @description The user's or API token's id; `system` for the platform itself. */
            id: string;
            /** @description The acting user's email (for API tokens, the token owner's); null for the platform. */
            email: string | null;
        };
        /** @description What it was done to. `network`, `app` and `id` are present when they apply. */
        EventTarget: {
            /** @enum {string} */
            type: "user" | "network" | "app" | "api_token" | "var" | "secret" | "deployment" | "release" | "run" | "shell" | "config" | "trust_policy" | "oidc_issuer";
            network?: components["schemas"]["ResourceName"];
            app?: components["schemas"]["ResourceName"];
            id?: string;
        };
        Event: {
            id: string;
            /** @description Monotonic per user; the `events:<user>` channel resumes from it. */
            seq: number;
            /** @description `<resource>.<verb>`, for example `network.created`, `app.updated`, `api_token.created`, `auth.login`. */
            action: string;
            actor: components["schemas"]["Actor"];
            target: components["schemas"]["EventTarget"];
            /** @description Action-specific facts, redacted (never a token or secret value). */
            details: Record<string, unknown>;
            /** @description Whether `POST /api/v1/events/{event_id}/revert` can undo this change. */
            revertible?: boolean;
            /** Format: date-time */
            created_at: string;
        };
        EventPage: {
            data: components["schemas"]["Event"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        /** @description A release made as a side effect of a change. */
        ReleaseRef: {
            network: components["schemas"]["ResourceName"];
            app: components["schemas"]["ResourceName"];
            version: number;
        };
        /** @description A var or secret value. */
        EnvValue: string;
        /** @description Keys to values. */
        EnvMap: {
            [key: string]: components["schemas"]["EnvValue"];
        };
        Var: {
            key: components["schemas"]["EnvKey"];
            value: components["schemas"]["EnvValue"];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        VarPage: {
            data: components["schemas"]["Var"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        VarsSet: {
            vars: components["schemas"]["EnvMap"];
        };
        VarsSetResult: {
            /** @description The vars that were set, as now stored. */
            data: components["schemas"]["Var"][];
            releases: components["schemas"]["ReleaseRef"][];
        };
        KeysUnset: {
            keys: components["schemas"]["EnvKey"][];
        };
        KeysUnsetResult: {
            /** @description The keys that existed and were removed; requested keys that were not set are absent. */
            unset: components["schemas"]["EnvKey"][];
            releases: components["schemas"]["ReleaseRef"][];
        };
        /** @description `sha256:` and a lowercase hex SHA-256. */
        Sha256Digest: string;
        /** @description A secret as the API shows it; the value is never returned. */
        Secret: {
            key: components["schemas"]["EnvKey"];
            /** @description SHA-256 of the value, so a client can tell whether a local value matches without reading the secret. */
            digest: components["schemas"]["Sha256Digest"];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        SecretPage: {
            data: components["schemas"]["Secret"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        SecretsSet: {
            secrets: components["schemas"]["EnvMap"];
        };
        SecretsCopy: {
            /** @description The scope to copy from; without `app`, the network's own secrets. */
            from: {
                network: components["schemas"]["ResourceName"];
                app?: components["schemas"]["ResourceName"];
            };
            /** @description Only these keys (each must be set on the source). Absent means every secret of the source. */
            keys?: components["schemas"]["EnvKey"][];
        };
        SecretsSetResult: {
            /** @description The secrets that were set, without values. */
            data: components["schemas"]["Secret"][];
            releases: components["schemas"]["ReleaseRef"][];
        };
        /**
         * @description Where a value comes from, lowest precedence first: `network` vars, `app` vars, `secret`s (app secrets over
         *     network secrets), `platform` vars.
         * @enum {string}
         */
        EnvSource: "network" | "app" | "secret" | "platform";
        EnvEntry: {
            key: components["schemas"]["EnvKey"];
            source: components["schemas"]["EnvSource"];
            /**
             * @description The value the process sees. Null in exactly two cases: `source` is `secret` (values are never returned;
             *     see `digest`), or `source` is `platform` and the value is fixed only when a process starts (`PORT`
             *     while the app has no running process, `MAX_RELEASE` before its first release).
             */
            value: string | null;
            /** @description When `source` is `secret`, the digest of the winning secret's value (as `Secret.digest`); null otherwise. */
            digest: components["schemas"]["Sha256Digest"] | null;
            /** @description Lower-precedence sources that also define this key, lowest first. */
            overridden: components["schemas"]["EnvSource"][];
        };
        AppEnv: {
            data: components["schemas"]["EnvEntry"][];
        };
        /** @description Lowercase hex SHA-256 of a blob's bytes. */
        BlobDigest: string;
        BlobsMissingRequest: {
            digests: components["schemas"]["BlobDigest"][];
        };
        BlobsMissing: {
            missing: components["schemas"]["BlobDigest"][];
        };
        BlobStored: {
            digest: components["schemas"]["BlobDigest"];
            /** @description Bytes. */
            size: number;
        };
        BlobPackResult: {
            /** @description Blobs of the pack that were new. */
            stored: components["schemas"]["BlobDigest"][];
            /** @description Blobs of the pack the platform already held. */
            already_present: components["schemas"]["BlobDigest"][];
        };
        /**
         * @description One entry of the source tree: a regular file, or a symbolic link kept as a link. For a link, `target` is
         *     the link text (relative, resolving inside the tree; the platform refuses anything else), and `sha256`
         *     and `size` describe that text.
         */
        ManifestEntry: {
            /**
             * @description What the entry is. Absent means `file`.
             * @default file
             * @enum {string}
             */
            type: "file" | "symlink";
            /** @description The link text of a `symlink` entry (required for links, absent for files). */
            target?: string;
            /**
             * @description Relative POSIX path inside the tree: no leading `/`, no `.` or `..` segments, no backslashes, no empty
             *     segments. The platform rejects anything else rather than trusting it.
             * @example src/index.js
             */
            path: string;
            sha256: components["schemas"]["BlobDigest"];
            /** @description Bytes. */
            size: number;
            /** @description Unix permission bits, for example 420 (0644) or 493 (0755); only the executable bits are kept. Links record 511 (0777). */
            mode: number;
        };
        DeploymentCreate: {
            manifest: components["schemas"]["ManifestEntry"][];
            /** @description Why this deployment, for people (for example a commit subject). */
            message?: string | null;
            /**
             * @description Whether the platform switches back to the previous release when the new one crashes during its
             *     stabilization window (the deployment then ends `rolled_back`). Absent means `true`. With `false` a
             *     crash leaves the new release serving (restarted with backoff) and the deployment ends `failed`. A
             *     release that never became healthy never takes traffic either way.
             */
            rollback?: boolean;
            /**
             * @description How long the platform watches the new release after traffic switched to it before the deployment is
             *     `running`; the previous release keeps running until then, so a rollback is instant. 0 ends the
             *     deployment at the switch. Default: the platform's (10 on max-local).
             */
            stabilization_seconds?: number;
        };
        /**
         * @description `uploading` → `queued` → `building` → `releasing` → `running`; or `failed` (build or start failed, or the
         *     health check never passed: the previous release keeps serving; or, with `rollback: false`, the new release
         *     crashed during its stabilization window and stays in place), `rolled_back` (the new release crashed during
         *     its stabilization window and the platform switched back to the previous one), `cancelled`. A deployment is
         *     `releasing` until its stabilization window ends.
         * @enum {string}
         */
        DeploymentState: "uploading" | "queued" | "building" | "releasing" | "running" | "failed" | "rolled_back" | "cancelled";
        /** @description Why a deployment ended in `failed` or `rolled_back`. */
        DeploymentFailure: {
            /** @enum {string} */
            stage: "upload" | "build" | "release";
            /**
             * @description `crashed_after_release`: the new release's process exited during the stabilization window, after traffic switched to it.
             * @enum {string}
             */
            reason: "build_failed" | "start_failed" | "health_check_failed" | "crashed_after_release" | "timed_out" | "internal_error";
            message: string;
        };
        Deployment: {
            id: string;
            network: components["schemas"]["ResourceName"];
            app: components["schemas"]["ResourceName"];
            state: components["schemas"]["DeploymentState"];
            message: string | null;
            file_count: number;
            /** @description Bytes, summed over the manifest. */
            total_size: number;
            /** @description Blobs still to upload; empty unless `uploading`. */
            missing_blobs: components["schemas"]["BlobDigest"][];
            /** @description The release version this deployment made, once it got that far. */
            release: number | null;
            failure: components["schemas"]["DeploymentFailure"] | null;
            created_by: components["schemas"]["Actor"];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: date-time
             * @description When it reached a final state.
             */
            finished_at: string | null;
        };
        DeploymentPage: {
            data: components["schemas"]["Deployment"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        /**
         * @description `pending`: starting and being health-checked. `active`: serving (exactly one per app). `superseded`: served
         *     before. `failed`: never became healthy, or crashed during its stabilization window and was rolled back;
         *     the release before it serves.
         * @enum {string}
         */
        ReleaseState: "pending" | "active" | "superseded" | "failed";
        Release: {
            version: number;
            network: components["schemas"]["ResourceName"];
            app: components["schemas"]["ResourceName"];
            state: components["schemas"]["ReleaseState"];
            /**
             * @description What made it.
             * @enum {string}
             */
            reason: "deploy" | "config" | "rollback";
            /** @description The deployment whose code this release runs. */
            deployment_id: string;
            /** @description For rollbacks, the version whose code and config were restored. */
            rollback_of: number | null;
            /** @description Digest of the config snapshot (vars and secret digests), to compare releases. */
            config_digest: components["schemas"]["Sha256Digest"];
            /** @description A one-line summary for people, for example "Deploy abc123" or "Set DATABASE_URL". */
            description: string;
            created_by: components["schemas"]["Actor"];
            /** Format: date-time */
            created_at: string;
        };
        ReleasePage: {
            data: components["schemas"]["Release"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        RollbackRequest: {
            /** @description The version to restore; the one before the current release when omitted. */
            to?: number;
        };
        /** @enum {string} */
        LogStream: "stdout" | "stderr";
        /**
         * @description `app`: the app's process. `build`: build commands. `platform`: Max itself (starts, health checks, restarts).
         * @enum {string}
         */
        LogSource: "app" | "build" | "platform";
        LogLine: {
            /** @description Monotonic within its log stream (app, build or network); never reused. */
            seq: number;
            /** Format: date-time */
            ts: string;
            stream: components["schemas"]["LogStream"];
            source: components["schemas"]["LogSource"];
            /** @description One line without its newline; longer lines are split at 16 KiB. */
            line: string;
            /** @description The app that wrote the line; only in network streams. */
            app?: components["schemas"]["ResourceName"];
        };
        LogPage: {
            data: components["schemas"]["LogLine"][];
            /** @description More lines match; ask again with `after_seq` = the last `seq` of `data`. */
            has_more: boolean;
            /**
             * @description The oldest `seq` still retained in this stream (null when empty). When `after_seq + 1 < earliest_seq`,
             *     lines were dropped by retention; report the gap.
             */
            earliest_seq: number | null;
            /** @description The newest `seq` in this stream so far (null when empty). */
            latest_seq: number | null;
        };
        /** @description Program and arguments, passed to the OS without a shell (use `["sh", "-c", "…"]` for one). */
        Command: string[];
        RunCreate: {
            command: components["schemas"]["Command"];
            /** @description Extra environment for this run only; overrides the effective environment except platform vars. */
            env?: components["schemas"]["EnvMap"];
            /**
             * @description After this long the run's process group is killed (SIGKILL) and the run ends in `timed_out`.
             * @default 3600
             */
            timeout_seconds: number;
        };
        /**
         * @description `pending` → `running` → `exited` (see `exit_code`), or `failed` (could not start), `timed_out`, `cancelled`.
         *     A run that could not start is `failed` with the reason in `error` and an `exit_code` as a POSIX shell
         *     would report it: 127 when the program was not found (`error`: `<program>: command not found`), 126 when it
         *     is not executable (`<program>: Permission denied`). The same message, with a newline, is the run's stderr
         *     output, so a client that just relays stderr and exits with `exit_code` behaves like `sh -c`.
         * @enum {string}
         */
        RunState: "pending" | "running" | "exited" | "failed" | "timed_out" | "cancelled";
        Run: {
            id: string;
            network: components["schemas"]["ResourceName"];
            /** @description Null for network runs. */
            app: components["schemas"]["ResourceName"] | null;
            command: components["schemas"]["Command"];
            state: components["schemas"]["RunState"];
            /**
             * @description The process's exit code once `exited` (null when a signal ended it); 127 or 126 for a `failed` run (see
             *     `RunState`); null while running and for `timed_out`/`cancelled` runs that a signal ended.
             */
            exit_code: number | null;
            /** @description The signal that ended the process, if one did (for example `SIGKILL`). */
            signal: string | null;
            /** @description Why the run `failed` to start. */
            error: string | null;
            /**
             * @description Process id of the run's process (the leader of its own process group) on the platform host; null
             *     before it started and for `failed` runs.
             */
            pid: number | null;
            /** @description How many channel clients are joined to `exec:<run>` right now. */
            attached_clients: number;
            /** @description The release whose code the run used; null for network runs. */
            release: number | null;
            timeout_seconds: number;
            /** @description Bytes of output so far (stdout and stderr); the end offset for `output_offset` in `exec:<run>`. */
            output_bytes: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            started_at: string | null;
            /** Format: date-time */
            finished_at: string | null;
        };
        ShellCreate: {
            cols: number;
            rows: number;
            /**
             * @description What to run in the PTY (looked up in the session's `PATH`; 422 when it is not found). When omitted, the
             *     platform's shell: max-local uses its own `$SHELL`, else `bash`, else `sh`.
             */
            command?: components["schemas"]["Command"];
            /**
             * @description The session ends (its processes are killed) after this long with no client attached. Default: the
             *     platform's (max-local: 300, configurable).
             */
            detach_timeout_seconds?: number;
            /**
             * @description Value of `TERM` in the session.
             * @default xterm-256color
             */
            term: string;
        };
        /**
         * @description `running` while the process lives; `exited` afterwards (output stays replayable for a while).
         * @enum {string}
         */
        ShellState: "running" | "exited";
        ShellSession: {
            id: string;
            network: components["schemas"]["ResourceName"];
            /** @description Null for network shells. */
            app: components["schemas"]["ResourceName"] | null;
            command: components["schemas"]["Command"];
            /** @description Value of `TERM` in the session. */
            term: string;
            cols: number;
            rows: number;
            state: components["schemas"]["ShellState"];
            exit_code: number | null;
            signal: string | null;
            /**
             * @description Process id of the session's first process (the PTY's session leader) on the platform host. Stays the same
             *     across reattaches; kept after the session ended.
             */
            pid: number;
            /** @description How many channel clients are joined to `shell:<session>` right now. */
            attached_clients: number;
            /** @description Bytes of PTY output so far; the end offset for `output_offset` in `shell:<session>`. */
            output_bytes: number;
            /** @description The session ends after this long with no client attached. */
            detach_timeout_seconds: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            ended_at: string | null;
        };
        ShellSessionPage: {
            data: components["schemas"]["ShellSession"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        RunPage: {
            data: components["schemas"]["Run"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        DeploymentSummary: {
            id: string;
            state: components["schemas"]["DeploymentState"];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            finished_at: string | null;
        };
        /** @description An app with its latest deployment. */
        DashboardApp: components["schemas"]["App"] & {
            latest_deployment: components["schemas"]["DeploymentSummary"] | null;
        };
        Dashboard: {
            networks: components["schemas"]["Network"][];
            apps: components["schemas"]["DashboardApp"][];
            /** @description Newest first. */
            recent_events: components["schemas"]["Event"][];
            counts: {
                networks: number;
                apps: number;
                apps_by_status: {
                    created: number;
                    deploying: number;
                    running: number;
                    crashed: number;
                    stopped: number;
                };
                deployments_in_progress: number;
            };
            /** @description True when `apps` was capped and more exist (use the list endpoints). */
            truncated: boolean;
            /** Format: date-time */
            generated_at: string;
        };
        ConfigApp: {
            name: components["schemas"]["ResourceName"];
            description?: components["schemas"]["Description"];
            health_check_path?: components["schemas"]["HealthCheckPath"];
            vars?: components["schemas"]["EnvMap"];
            secrets?: components["schemas"]["ConfigSecretList"];
        };
        /**
         * @description A secret the scope must have. Values never travel in documents: with `digest`, the live value must have
         *     this digest (a different one is an update, which needs the value in `secret_values`); without it, any
         *     value will do as long as the secret is set. `export` always writes the digest.
         */
        ConfigSecret: {
            key: components["schemas"]["EnvKey"];
            digest?: components["schemas"]["Sha256Digest"];
        };
        /** @description The secrets of a scope, each key at most once; keys not listed are deleted. */
        ConfigSecretList: components["schemas"]["ConfigSecret"][];
        /**
         * @description Secret values to set in the same transaction, by scope: `<network>` for network secrets,
         *     `<network>/<app>` for app secrets, each mapping KEY to value. Write-only: values are never returned,
         *     recorded in events (digests are) or logged. Every key must be listed in the document's `secrets` of that
         *     scope, and when the document gives a digest the value must have it (422 `validation_failed` naming the
         *     key, never the value). A value equal to the live one changes nothing.
         */
        ConfigSecretValues: {
            [key: string]: components["schemas"]["EnvMap"];
        };
        ConfigNetwork: {
            name: components["schemas"]["ResourceName"];
            description?: components["schemas"]["Description"];
            vars?: components["schemas"]["EnvMap"];
            secrets?: components["schemas"]["ConfigSecretList"];
            apps?: components["schemas"]["ConfigApp"][];
        };
        /**
         * @description Declarative configuration. Omitted fields mean their empty value (no description, default health check path,
         *     no vars, no secrets, no apps), so a document states the whole configuration of each network it names.
         */
        ConfigDocument: {
            /** @constant */
            version: 1;
            networks: components["schemas"]["ConfigNetwork"][];
        };
        /**
         * @description One changed field. Secret values are never shown: a secret change has one field, `digest`, with the live
         *     digest before and the document's (or the supplied value's) after; null when unknown or absent.
         */
        PlanField: {
            name: string;
            before: string | null;
            after: string | null;
        };
        PlanChange: {
            /** @enum {string} */
            action: "create" | "update" | "delete";
            /** @enum {string} */
            resource: "network" | "app" | "var" | "secret";
            network: components["schemas"]["ResourceName"];
            app: components["schemas"]["ResourceName"] | null;
            /** @description The var or secret key, for those resources. */
            key: components["schemas"]["EnvKey"] | null;
            fields: components["schemas"]["PlanField"][];
        };
        /** @description Something the plan cannot do; `apply` refuses while any remain. */
        PlanBlocker: {
            /**
             * @description `secret_missing`: the document names a secret that is not set, and `secret_values` has no value for it.
             *     `secret_changed`: the secret's value differs from the document (its digest does not match), and
             *     `secret_values` has no value for it. `name_taken`: another user owns a network with this name.
             * @enum {string}
             */
            reason: "secret_missing" | "secret_changed" | "name_taken";
            network: components["schemas"]["ResourceName"];
            app: components["schemas"]["ResourceName"] | null;
            key: components["schemas"]["EnvKey"] | null;
            message: string;
        };
        Plan: {
            /** @description Identifies this plan against the current platform state; `apply` with `plan_digest` checks it. */
            digest: components["schemas"]["Sha256Digest"];
            /** @description Ordered as they would be applied. */
            changes: components["schemas"]["PlanChange"][];
            blockers: components["schemas"]["PlanBlocker"][];
            summary: {
                create: number;
                update: number;
                delete: number;
            };
        };
        ConfigPlan: {
            document: components["schemas"]["ConfigDocument"];
            secret_values?: components["schemas"]["ConfigSecretValues"];
        };
        ConfigApply: {
            document: components["schemas"]["ConfigDocument"];
            secret_values?: components["schemas"]["ConfigSecretValues"];
            /** @description Apply only if the fresh plan has this digest (what you reviewed is what gets applied). */
            plan_digest?: components["schemas"]["Sha256Digest"];
            /**
             * @description As the `prune` parameter of `plan`.
             * @default false
             */
            prune: boolean;
        };
        ConfigApplyResult: {
            plan: components["schemas"]["Plan"];
            releases: components["schemas"]["ReleaseRef"][];
        };
        EventRevertResult: {
            /** @description The new event recording the revert (its `details.reverts` is the reverted event's id). */
            event: components["schemas"]["Event"];
            releases: components["schemas"]["ReleaseRef"][];
        };
    };
    responses: {
        /** @description The request could not be parsed (code `bad_request`). */
        BadRequest: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request was well-formed but invalid (code `validation_failed`, with `details.fields`). */
        ValidationFailed: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No valid credential (code `unauthenticated`), or the access token expired (code `token_expired`). */
        Unauthenticated: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The credential's scope is too small for this operation (code `forbidden`). */
        Forbidden: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The resource does not exist or belongs to someone else (code `not_found`). */
        NotFound: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description The request conflicts with the current state: code `conflict` (name taken), `network_not_empty`,
         *     `idempotency_key_reused`, or another 409 code of `ErrorCode`.
         */
        Conflict: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description Code `session_limit`: the caller already has as many live shell sessions (for shell creates) or live
         *     command runs (for run creates) as the platform allows per user (max-local: 10 of each by default). Nothing
         *     was started; `details` says `{kind: "shell" | "run", limit, live}`. End one (`DELETE /api/v1/shells/{id}`,
         *     `POST /api/v1/runs/{id}/cancel`) or wait for one to finish, then retry. Requests can also be refused with
         *     `rate_limited` and `Retry-After`, as everywhere.
         */
        LiveLimitReached: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests (code `rate_limited`); wait `Retry-After` seconds. */
        RateLimited: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description The device authorization is not (yet) approved: code `authorization_pending`, `slow_down`,
         *     `expired_token` or `access_denied`; or the body was unparsable (`bad_request`).
         */
        DeviceFlowError: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description The ID token was refused (code `invalid_id_token`); `details.reason` says why: `malformed`,
         *     `alg_not_allowed` (`none`, HMAC and unknown algorithms are never accepted), `unknown_issuer` (no trust policy
         *     names the token's `iss`), `unknown_key`, `bad_signature`, `wrong_audience`,
         *     `expired`, `not_yet_valid` or `missing_claim`.
         */
        InvalidIdToken: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description The ID token's issuer could not be asked for its keys (code `unavailable`, `details.reason`
         *     `issuer_unreachable`: timeout, connection or HTTP error; `issuer_misconfigured`: the discovery document names
         *     another issuer, has no acceptable `jwks_uri`, or the JWKS is not a key set), or the platform is starting or
         *     shutting down. Retry later; the platform keeps serving cached keys while an issuer is briefly down.
         */
        IssuerUnavailable: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description The ID token is valid, but no trust policy of its issuer matches its claims (code
         *     `no_matching_trust_policy`). `details` echoes the claims that were matched (`repository`, `ref`,
         *     `environment`), never the policies.
         */
        NoMatchingTrustPolicy: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The platform is starting or shutting down (code `unavailable`). */
        Unavailable: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Any other error, with the same `Error` shape (for example 500 `internal_error`). */
        UnexpectedError: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is larger than this operation accepts (code `payload_too_large`). */
        PayloadTooLarge: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body's Content-Type is not one this operation accepts (code `unsupported_media_type`). */
        UnsupportedMediaType: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /**
         * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
         *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
         *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
         *     authentication accept the header and ignore it.
         */
        IdempotencyKey: string;
        /** @description Page size. */
        Limit: number;
        /** @description Opaque cursor from the previous page's `next_cursor`. */
        Cursor: string;
        /** @description Only items whose name contains this substring. */
        NameQuery: string;
        /** @description Sort order; a leading `-` sorts descending. */
        Sort: components["schemas"]["ListSort"];
        /** @description Only items at or after this time. */
        Since: string;
        /** @description Only items before this time. */
        Until: string;
        /** @description The network's name. */
        NetworkName: components["schemas"]["ResourceName"];
        /** @description The app's name within the network. */
        AppName: components["schemas"]["ResourceName"];
        /** @description The trust policy's id. */
        TrustPolicyId: string;
        /** @description The API token's id. */
        TokenId: string;
        /** @description The var or secret key. */
        EnvKeyPath: components["schemas"]["EnvKey"];
        /** @description The deployment's id. */
        DeploymentId: string;
        /** @description The command run's id. */
        RunId: string;
        /** @description The shell session's id. */
        ShellId: string;
        /** @description The event's id. */
        EventId: string;
        /** @description Only lines with a `seq` greater than this (exclusive); the resume cursor of log streams. */
        AfterSeq: number;
        /** @description Only lines of this output stream. */
        LogStreamFilter: components["schemas"]["LogStream"];
        /** @description Most lines to return. */
        LogLimit: number;
        /** @description Return the newest `limit` matching lines instead of the oldest (still in ascending order). */
        LogTail: boolean;
        /** @description Also delete apps of the document's networks that the document does not list. */
        Prune: boolean;
    };
    requestBodies: never;
    headers: {
        /** @description Identifies the request in server logs; error bodies repeat it as `error.request_id`. */
        RequestId: string;
        /** @description Present and `true` when this response is a stored replay for a repeated `Idempotency-Key`. */
        IdempotentReplayed: "true";
        /** @description Seconds to wait before retrying. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is serving requests. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            429: components["responses"]["RateLimited"];
            503: components["responses"]["Unavailable"];
        };
    };
    requestDeviceCode: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeviceCodeRequest"];
            };
        };
        responses: {
            /** @description A new device authorization. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceAuthorization"];
                };
            };
            400: components["responses"]["BadRequest"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    pollDeviceToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeviceTokenRequest"];
            };
        };
        responses: {
            /** @description The authorization was approved; here are the tokens. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["DeviceFlowError"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description A fresh access token and refresh token. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeRequest"];
            };
        };
        responses: {
            /** @description Revoked, or there was nothing to revoke. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listApiTokens: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of API tokens, newest first. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createApiToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiTokenCreate"];
            };
        };
        responses: {
            /** @description The new API token, with its secret value. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The API token's id. */
                token_id: components["parameters"]["TokenId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token is revoked. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    exchangeOidcToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OidcTokenRequest"];
            };
        };
        responses: {
            /** @description A short-lived access token bound to the matching trust policy's network and scope. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OidcTokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["InvalidIdToken"];
            403: components["responses"]["NoMatchingTrustPolicy"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["IssuerUnavailable"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listTrustPolicies: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of trust policies. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrustPolicyPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createTrustPolicy: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrustPolicyCreate"];
            };
        };
        responses: {
            /** @description The new trust policy. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrustPolicy"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteTrustPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The trust policy's id. */
                policy_id: components["parameters"]["TrustPolicyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The policy is deleted and its tokens revoked. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current user. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listNetworks: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only items whose name contains this substring. */
                q?: components["parameters"]["NameQuery"];
                /** @description Sort order; a leading `-` sorts descending. */
                sort?: components["parameters"]["Sort"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of networks. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NetworkPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createNetwork: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NetworkCreate"];
            };
        };
        responses: {
            /** @description The new network. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Network"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getNetwork: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The network. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Network"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteNetwork: {
        parameters: {
            query?: {
                /** @description Delete the network's apps along with it. */
                force?: boolean;
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The network is gone. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateNetwork: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NetworkUpdate"];
            };
        };
        responses: {
            /** @description The updated network. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Network"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listNetworkVars: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of vars. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VarPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    setNetworkVars: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VarsSet"];
            };
        };
        responses: {
            /** @description The vars as now stored, and the releases the change made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VarsSetResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    unsetNetworkVars: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KeysUnset"];
            };
        };
        responses: {
            /** @description The keys that were removed, and the releases the change made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeysUnsetResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getNetworkVar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The var or secret key. */
                key: components["parameters"]["EnvKeyPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The var. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Var"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listNetworkSecrets: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of secrets. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    setNetworkSecrets: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SecretsSet"];
            };
        };
        responses: {
            /** @description The secrets as now stored (without values), and the releases the change made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretsSetResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    unsetNetworkSecrets: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KeysUnset"];
            };
        };
        responses: {
            /** @description The keys that were removed, and the releases the change made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeysUnsetResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getNetworkSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The var or secret key. */
                key: components["parameters"]["EnvKeyPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The secret's key, digest and timestamps. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Secret"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listAllApps: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only the apps of this network (404 when the caller has no such network). */
                network?: components["schemas"]["ResourceName"];
                /** @description Only items whose name contains this substring. */
                q?: components["parameters"]["NameQuery"];
                /** @description Sort order; a leading `-` sorts descending. */
                sort?: components["parameters"]["Sort"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of apps. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listApps: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only items whose name contains this substring. */
                q?: components["parameters"]["NameQuery"];
                /** @description Sort order; a leading `-` sorts descending. */
                sort?: components["parameters"]["Sort"];
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of apps. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createApp: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppCreate"];
            };
        };
        responses: {
            /** @description The new app. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The app. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The app is gone. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppUpdate"];
            };
        };
        responses: {
            /** @description The updated app. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listAppVars: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of vars. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VarPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    setAppVars: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VarsSet"];
            };
        };
        responses: {
            /** @description The vars as now stored, and the releases the change made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VarsSetResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    unsetAppVars: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KeysUnset"];
            };
        };
        responses: {
            /** @description The keys that were removed, and the releases the change made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeysUnsetResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getAppVar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
                /** @description The var or secret key. */
                key: components["parameters"]["EnvKeyPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The var. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Var"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listAppSecrets: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of secrets. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    setAppSecrets: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SecretsSet"];
            };
        };
        responses: {
            /** @description The secrets as now stored (without values), and the releases the change made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretsSetResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    unsetAppSecrets: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KeysUnset"];
            };
        };
        responses: {
            /** @description The keys that were removed, and the releases the change made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeysUnsetResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    copyAppSecrets: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SecretsCopy"];
            };
        };
        responses: {
            /** @description The copied secrets as now stored on the app (without values), and the releases the change made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretsSetResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getAppSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
                /** @description The var or secret key. */
                key: components["parameters"]["EnvKeyPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The secret's key, digest and timestamps. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Secret"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getAppEnv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The effective environment, sorted by key. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppEnv"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listDeployments: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only deployments in this state. */
                state?: components["schemas"]["DeploymentState"];
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deployments. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createDeployment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeploymentCreate"];
            };
        };
        responses: {
            /** @description The new deployment. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listReleases: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of releases. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleasePage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    rollbackRelease: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RollbackRequest"];
            };
        };
        responses: {
            /** @description The new release. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Release"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getRelease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
                /** @description The release version (1, 2, …). */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The release. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Release"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listAppLogs: {
        parameters: {
            query?: {
                /** @description Only lines with a `seq` greater than this (exclusive); the resume cursor of log streams. */
                after_seq?: components["parameters"]["AfterSeq"];
                /** @description Only items at or after this time. */
                since?: components["parameters"]["Since"];
                /** @description Only items before this time. */
                until?: components["parameters"]["Until"];
                /** @description Only lines of this output stream. */
                stream?: components["parameters"]["LogStreamFilter"];
                /** @description Most lines to return. */
                limit?: components["parameters"]["LogLimit"];
                /** @description Return the newest `limit` matching lines instead of the oldest (still in ascending order). */
                tail?: components["parameters"]["LogTail"];
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of log lines. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createAppRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunCreate"];
            };
        };
        responses: {
            /** @description The run, usually already `running`. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["LiveLimitReached"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createAppShell: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
                /** @description The app's name within the network. */
                app: components["parameters"]["AppName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShellCreate"];
            };
        };
        responses: {
            /** @description The new shell session. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShellSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["LiveLimitReached"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listNetworkLogs: {
        parameters: {
            query?: {
                /** @description Only lines with a `seq` greater than this (exclusive); the resume cursor of log streams. */
                after_seq?: components["parameters"]["AfterSeq"];
                /** @description Only items at or after this time. */
                since?: components["parameters"]["Since"];
                /** @description Only items before this time. */
                until?: components["parameters"]["Until"];
                /** @description Only lines of this output stream. */
                stream?: components["parameters"]["LogStreamFilter"];
                /** @description Most lines to return. */
                limit?: components["parameters"]["LogLimit"];
                /** @description Return the newest `limit` matching lines instead of the oldest (still in ascending order). */
                tail?: components["parameters"]["LogTail"];
            };
            header?: never;
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of log lines. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createNetworkRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunCreate"];
            };
        };
        responses: {
            /** @description The run. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["LiveLimitReached"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createNetworkShell: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The network's name. */
                network: components["parameters"]["NetworkName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShellCreate"];
            };
        };
        responses: {
            /** @description The new shell session. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShellSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["LiveLimitReached"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getDeployment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The deployment's id. */
                deployment_id: components["parameters"]["DeploymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deployment. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    finalizeDeployment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The deployment's id. */
                deployment_id: components["parameters"]["DeploymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deployment, now `queued` (or further along). */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    cancelDeployment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The deployment's id. */
                deployment_id: components["parameters"]["DeploymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deployment, now `cancelled`. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listBuildLogs: {
        parameters: {
            query?: {
                /** @description Only lines with a `seq` greater than this (exclusive); the resume cursor of log streams. */
                after_seq?: components["parameters"]["AfterSeq"];
                /** @description Only items at or after this time. */
                since?: components["parameters"]["Since"];
                /** @description Only items before this time. */
                until?: components["parameters"]["Until"];
                /** @description Only lines of this output stream. */
                stream?: components["parameters"]["LogStreamFilter"];
                /** @description Most lines to return. */
                limit?: components["parameters"]["LogLimit"];
                /** @description Return the newest `limit` matching lines instead of the oldest (still in ascending order). */
                tail?: components["parameters"]["LogTail"];
            };
            header?: never;
            path: {
                /** @description The deployment's id. */
                deployment_id: components["parameters"]["DeploymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of log lines. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    findMissingBlobs: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BlobsMissingRequest"];
            };
        };
        responses: {
            /** @description The digests to upload. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlobsMissing"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    uploadBlobPack: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/gzip": unknown;
            };
        };
        responses: {
            /** @description What the pack contained. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlobPackResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    uploadBlob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SHA-256 of the blob's bytes, lowercase hex. */
                digest: components["schemas"]["BlobDigest"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": unknown;
            };
        };
        responses: {
            /** @description The blob was already stored. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlobStored"];
                };
            };
            /** @description The blob is stored. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlobStored"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listRuns: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only command runs in this network (app and network ones). */
                network?: components["schemas"]["ResourceName"];
                /** @description Only command runs of this app (requires `network`). */
                app?: components["schemas"]["ResourceName"];
                /** @description Only command runs in this state. */
                state?: components["schemas"]["RunState"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of command runs. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The command run's id. */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    cancelRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The command run's id. */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run (it may still be `running` for up to 10 seconds while it stops). */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listShells: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only shell sessions in this network (app and network ones). */
                network?: components["schemas"]["ResourceName"];
                /** @description Only shell sessions of this app (requires `network`). */
                app?: components["schemas"]["ResourceName"];
                /** @description Only shell sessions in this state. */
                state?: components["schemas"]["ShellState"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of shell sessions. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShellSessionPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getShell: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The shell session's id. */
                shell_id: components["parameters"]["ShellId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The shell session. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShellSession"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteShell: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The shell session's id. */
                shell_id: components["parameters"]["ShellId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session is ending. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getDashboard: {
        parameters: {
            query?: {
                /** @description How many recent events to include. */
                events?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    exportConfig: {
        parameters: {
            query?: {
                /** @description Export only this network; all of the caller's networks otherwise. */
                network?: components["schemas"]["ResourceName"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The configuration document. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigDocument"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    planConfig: {
        parameters: {
            query?: {
                /** @description Also delete apps of the document's networks that the document does not list. */
                prune?: components["parameters"]["Prune"];
            };
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfigPlan"];
            };
        };
        responses: {
            /** @description The plan. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    applyConfig: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfigApply"];
            };
        };
        responses: {
            /** @description The plan that was applied, and the releases it made. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigApplyResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from the previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only events about this network and its apps. */
                network?: components["schemas"]["ResourceName"];
                /** @description Only events about this app (combine with `network`). */
                app?: components["schemas"]["ResourceName"];
                /** @description Only events by this actor id. */
                actor?: string;
                /** @description Only events with this action (for example `app.updated`), or with this prefix when it ends in `.` (for example `app.`). */
                action?: string;
                /** @description Only items at or after this time. */
                since?: components["parameters"]["Since"];
                /** @description Only items before this time. */
                until?: components["parameters"]["Until"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's id. */
                event_id: components["parameters"]["EventId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    revertEvent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry. The same key with the same user, route and body replays the stored response
                 *     (with header `idempotent-replayed: true`); the same key with a different body answers 409
                 *     `idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no
                 *     authentication accept the header and ignore it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The event's id. */
                event_id: components["parameters"]["EventId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event that records the revert, and any releases it made. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventRevertResult"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            default: components["responses"]["UnexpectedError"];
        };
    };
}
