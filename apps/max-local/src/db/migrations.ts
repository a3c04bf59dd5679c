/**
 * Numbered schema migrations. Append only: a shipped migration is never edited, because
 * existing data dirs have already applied it. Times are stored as integer epoch milliseconds
 * (exact, sortable, cheap to compare); the HTTP layer formats them as RFC 3339.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE users (
        id          TEXT PRIMARY KEY,
        email       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name        TEXT NOT NULL,
        event_seq   INTEGER NOT NULL DEFAULT 0,
        created_at  INTEGER NOT NULL
      );

      -- One row per login (device flow or token exchange); refresh tokens rotate inside it and a
      -- reused refresh token revokes the whole family.
      CREATE TABLE token_families (
        id            TEXT PRIMARY KEY,
        user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        scope         TEXT NOT NULL,
        origin        TEXT NOT NULL,
        api_token_id  TEXT,
        created_at    INTEGER NOT NULL,
        revoked_at    INTEGER
      );
      CREATE INDEX token_families_api_token ON token_families(api_token_id);

      CREATE TABLE access_tokens (
        id          TEXT PRIMARY KEY,
        family_id   TEXT NOT NULL REFERENCES token_families(id) ON DELETE CASCADE,
        token_hash  TEXT NOT NULL UNIQUE,
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        revoked_at  INTEGER
      );
      CREATE INDEX access_tokens_family ON access_tokens(family_id);

      CREATE TABLE refresh_tokens (
        id          TEXT PRIMARY KEY,
        family_id   TEXT NOT NULL REFERENCES token_families(id) ON DELETE CASCADE,
        token_hash  TEXT NOT NULL UNIQUE,
        created_at  INTEGER NOT NULL,
        used_at     INTEGER,
        revoked_at  INTEGER
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);

      CREATE TABLE api_tokens (
        id            TEXT PRIMARY KEY,
        user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name          TEXT NOT NULL,
        scope         TEXT NOT NULL,
        token_hash    TEXT NOT NULL UNIQUE,
        created_at    INTEGER NOT NULL,
        expires_at    INTEGER,
        last_used_at  INTEGER,
        revoked_at    INTEGER
      );
      CREATE INDEX api_tokens_user ON api_tokens(user_id, created_at);

      CREATE TABLE device_codes (
        id                TEXT PRIMARY KEY,
        device_code_hash  TEXT NOT NULL UNIQUE,
        user_code         TEXT NOT NULL UNIQUE,
        client_name       TEXT,
        scope             TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'consumed')),
        user_id           TEXT REFERENCES users(id) ON DELETE CASCADE,
        interval_seconds  INTEGER NOT NULL,
        created_at        INTEGER NOT NULL,
        expires_at        INTEGER NOT NULL,
        last_polled_at    INTEGER
      );

      CREATE TABLE admin_login_links (
        token_hash  TEXT PRIMARY KEY,
        user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        used_at     INTEGER
      );

      CREATE TABLE browser_sessions (
        id_hash     TEXT PRIMARY KEY,
        user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_token  TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL
      );

      CREATE TABLE networks (
        id           TEXT PRIMARY KEY,
        user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name         TEXT NOT NULL UNIQUE,
        description  TEXT,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      );
      CREATE INDEX networks_user_name ON networks(user_id, name);
      CREATE INDEX networks_user_created ON networks(user_id, created_at, id);

      CREATE TABLE apps (
        id                 TEXT PRIMARY KEY,
        network_id         TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
        name               TEXT NOT NULL,
        description        TEXT,
        health_check_path  TEXT NOT NULL,
        status             TEXT NOT NULL,
        current_release    INTEGER,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL,
        UNIQUE (network_id, name)
      );
      CREATE INDEX apps_network_created ON apps(network_id, created_at, id);

      CREATE TABLE events (
        id              TEXT PRIMARY KEY,
        user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        action          TEXT NOT NULL,
        actor_type      TEXT NOT NULL,
        actor_id        TEXT NOT NULL,
        actor_email     TEXT,
        target_type     TEXT NOT NULL,
        target_network  TEXT,
        target_app      TEXT,
        target_id       TEXT,
        details         TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        UNIQUE (user_id, seq)
      );

      CREATE TABLE idempotency_keys (
        user_id      TEXT NOT NULL,
        route        TEXT NOT NULL,
        key          TEXT NOT NULL,
        body_hash    TEXT NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('pending', 'done')),
        status_code  INTEGER,
        response     TEXT,
        created_at   INTEGER NOT NULL,
        PRIMARY KEY (user_id, route, key)
      );
      CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
    `,
  },
  {
    version: 2,
    name: 'vars-secrets-config-history',
    sql: `
      -- Vars and secrets live at network scope (app_id NULL) or app scope. One unique index over
      -- (network, app-or-empty, key) because NULLs are distinct in plain UNIQUE constraints.
      CREATE TABLE vars (
        network_id  TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
        app_id      TEXT REFERENCES apps(id) ON DELETE CASCADE,
        key         TEXT NOT NULL,
        value       TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX vars_scope_key ON vars(network_id, ifnull(app_id, ''), key);

      -- Every value a secret ever had, encrypted (AES-256-GCM; AAD binds scope, key and version id).
      -- Kept so that reverting a secret change restores the previous value without ever decrypting it.
      CREATE TABLE secret_versions (
        id          TEXT PRIMARY KEY,
        network_id  TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
        app_id      TEXT REFERENCES apps(id) ON DELETE CASCADE,
        key         TEXT NOT NULL,
        key_id      TEXT NOT NULL,
        iv          BLOB NOT NULL,
        ciphertext  BLOB NOT NULL,
        auth_tag    BLOB NOT NULL,
        digest      TEXT NOT NULL,
        created_at  INTEGER NOT NULL
      );
      CREATE INDEX secret_versions_scope ON secret_versions(network_id, app_id, key);
      CREATE INDEX secret_versions_key_id ON secret_versions(key_id);

      -- The current secrets: a pointer to the version in use (digest copied for cheap listing).
      CREATE TABLE secrets (
        network_id  TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
        app_id      TEXT REFERENCES apps(id) ON DELETE CASCADE,
        key         TEXT NOT NULL,
        version_id  TEXT NOT NULL REFERENCES secret_versions(id),
        digest      TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX secrets_scope_key ON secrets(network_id, ifnull(app_id, ''), key);

      -- What each revertible config event changed, key by key: before/after as JSON (NULL = absent)
      -- for vars, before/after version ids for secrets. No foreign keys to the scope: history
      -- outlives deleted apps (a revert then answers that the target is gone).
      CREATE TABLE config_changes (
        event_id        TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        kind            TEXT NOT NULL CHECK (kind IN ('var', 'secret')),
        network_id      TEXT NOT NULL,
        app_id          TEXT,
        key             TEXT NOT NULL,
        before_json     TEXT,
        after_json      TEXT,
        before_version  TEXT,
        after_version   TEXT,
        PRIMARY KEY (event_id, key)
      );

      -- Dashboard: counts by status from the index alone, whatever the number of apps.
      CREATE INDEX apps_network_status ON apps(network_id, status);
    `,
  },
  {
    version: 3,
    name: 'deployments-releases-logs',
    sql: `
      -- One upload + build of an app. The manifest is kept (JSON) because the build runs after the
      -- upload finishes, possibly after a restart; start/health come from the build plan and are what a
      -- rollback or a config release re-runs.
      CREATE TABLE deployments (
        id                 TEXT PRIMARY KEY,
        app_id             TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        user_id            TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        state              TEXT NOT NULL,
        message            TEXT,
        manifest           TEXT NOT NULL,
        file_count         INTEGER NOT NULL,
        total_size         INTEGER NOT NULL,
        missing_blobs      TEXT NOT NULL,
        release            INTEGER,
        failure            TEXT,
        start_command      TEXT,
        health_path        TEXT,
        health_timeout_ms  INTEGER,
        actor_type         TEXT NOT NULL,
        actor_id           TEXT NOT NULL,
        actor_email        TEXT,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL,
        finished_at        INTEGER
      );
      CREATE INDEX deployments_app_created ON deployments(app_id, created_at, id);
      CREATE INDEX deployments_user_state ON deployments(user_id, state);

      -- Releases: a deployment's code + a config snapshot (var values and secret VERSION IDS — never
      -- plaintext: the encrypted versions are kept forever in secret_versions).
      CREATE TABLE releases (
        app_id         TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        version        INTEGER NOT NULL,
        state          TEXT NOT NULL,
        reason         TEXT NOT NULL,
        deployment_id  TEXT NOT NULL,
        rollback_of    INTEGER,
        config         TEXT NOT NULL,
        config_digest  TEXT NOT NULL,
        description    TEXT NOT NULL,
        actor_type     TEXT NOT NULL,
        actor_id       TEXT NOT NULL,
        actor_email    TEXT,
        created_at     INTEGER NOT NULL,
        PRIMARY KEY (app_id, version)
      );

      -- Log streams ('app' per app id, 'build' per deployment id, 'network' per network id) with their
      -- own gap-free seq; lines are pruned to a bounded window per stream.
      CREATE TABLE log_streams (
        kind      TEXT NOT NULL,
        id        TEXT NOT NULL,
        last_seq  INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      );
      CREATE TABLE log_lines (
        kind    TEXT NOT NULL,
        id      TEXT NOT NULL,
        seq     INTEGER NOT NULL,
        ts      INTEGER NOT NULL,
        stream  TEXT NOT NULL,
        source  TEXT NOT NULL,
        line    TEXT NOT NULL,
        app     TEXT,
        PRIMARY KEY (kind, id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'deployment-rollback-settings',
    sql: `
      -- DeploymentCreate.rollback and .stabilization_seconds: chosen at create, used when the release step runs
      -- (possibly after a restart, for a deployment still uploading). NULL stabilization = platform default.
      ALTER TABLE deployments ADD COLUMN rollback INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE deployments ADD COLUMN stabilization_ms INTEGER;
    `,
  },
  {
    version: 5,
    name: 'oidc-trust-policies',
    sql: `
      -- Keyless CI login: ID tokens of an issuer are trusted for one repository (and optionally ref and environment)
      -- and minted into access tokens that act as the policy's owner, with its scope, on its network only.
      CREATE TABLE oidc_trust_policies (
        id                 TEXT PRIMARY KEY,
        user_id            TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        issuer             TEXT NOT NULL,
        audience           TEXT NOT NULL,
        repository         TEXT NOT NULL COLLATE NOCASE,
        ref                TEXT,
        environment        TEXT,
        network            TEXT NOT NULL,
        scope              TEXT NOT NULL,
        token_ttl_seconds  INTEGER NOT NULL,
        created_at         INTEGER NOT NULL,
        deleted_at         INTEGER
      );
      CREATE INDEX oidc_trust_policies_issuer ON oidc_trust_policies(issuer) WHERE deleted_at IS NULL;
      CREATE INDEX oidc_trust_policies_user ON oidc_trust_policies(user_id, created_at);

      -- A session minted from an ID token is bound to one network and remembers its policy (revoked with it).
      ALTER TABLE token_families ADD COLUMN network TEXT;
      ALTER TABLE token_families ADD COLUMN trust_policy_id TEXT;
      ALTER TABLE token_families ADD COLUMN oidc_issuer TEXT;
      ALTER TABLE token_families ADD COLUMN oidc_subject TEXT;
      CREATE INDEX token_families_trust_policy ON token_families(trust_policy_id) WHERE trust_policy_id IS NOT NULL;
    `,
  },
  {
    version: 6,
    name: 'remote-access',
    sql: `
      -- Shell sessions (PTYs) and command runs. Names are copied so records stay listable after their app or
      -- network is deleted; the leader's pid with its start time and the boot id let a later max-local kill exactly
      -- the processes a crashed one left behind. actor: the creator (JSON), for the audit events of the end.
      CREATE TABLE shell_sessions (
        id                      TEXT PRIMARY KEY,
        user_id                 TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        network_id              TEXT NOT NULL,
        network                 TEXT NOT NULL,
        app_id                  TEXT,
        app                     TEXT,
        command                 TEXT NOT NULL,
        term                    TEXT NOT NULL,
        cols                    INTEGER NOT NULL,
        rows                    INTEGER NOT NULL,
        state                   TEXT NOT NULL,
        exit_code               INTEGER,
        signal                  TEXT,
        pid                     INTEGER,
        pid_start_ticks         INTEGER,
        boot_id                 TEXT,
        output_bytes            INTEGER NOT NULL DEFAULT 0,
        detach_timeout_seconds  INTEGER NOT NULL,
        actor                   TEXT NOT NULL,
        created_at              INTEGER NOT NULL,
        ended_at                INTEGER
      );
      CREATE INDEX shell_sessions_user ON shell_sessions(user_id, created_at, id);
      CREATE INDEX shell_sessions_live ON shell_sessions(state) WHERE state = 'running';
      CREATE TABLE command_runs (
        id               TEXT PRIMARY KEY,
        user_id          TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        network_id       TEXT NOT NULL,
        network          TEXT NOT NULL,
        app_id           TEXT,
        app              TEXT,
        command          TEXT NOT NULL,
        state            TEXT NOT NULL,
        exit_code        INTEGER,
        signal           TEXT,
        error            TEXT,
        pid              INTEGER,
        pid_start_ticks  INTEGER,
        boot_id          TEXT,
        release          INTEGER,
        timeout_seconds  INTEGER NOT NULL,
        output_bytes     INTEGER NOT NULL DEFAULT 0,
        actor            TEXT NOT NULL,
        created_at       INTEGER NOT NULL,
        started_at       INTEGER,
        finished_at      INTEGER
      );
      CREATE INDEX command_runs_user ON command_runs(user_id, created_at, id);
      CREATE INDEX command_runs_live ON command_runs(state) WHERE state IN ('pending', 'running');
    `,
  },
  {
    version: 7,
    name: 'process-groups',
    sql: `
      -- Every process group max-local spawns (build steps, releases; shells and runs may use it too) while it
      -- lives, so that a later max-local can stop what a killed one left behind. The leader's start time (clock
      -- ticks since boot) and the boot id prove that a pid still names the recorded process; the id is also put in
      -- the group's environment (MAX_LOCAL_PROCESS_GROUP) to recognise members after the leader exited. The owner
      -- columns identify the max-local that spawned it, so a live one's groups are never touched.
      CREATE TABLE process_groups (
        id                 TEXT PRIMARY KEY,
        pgid               INTEGER NOT NULL,
        start_ticks        INTEGER NOT NULL,
        boot_id            TEXT NOT NULL,
        kind               TEXT NOT NULL,
        label              TEXT NOT NULL,
        owner_pid          INTEGER NOT NULL,
        owner_start_ticks  INTEGER NOT NULL,
        created_at         INTEGER NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'revocations',
    sql: `
      -- Every revocation of an access token or API token, appended in the revoking transaction, so that a server
      -- on this data dir notices revocations made by another process (max-local token revoke) and closes the
      -- sockets authenticated with them (ADR 0010). Pruned after a day; ids only, never token material.
      CREATE TABLE revocations (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        kind           TEXT NOT NULL,
        credential_id  TEXT NOT NULL,
        created_at     INTEGER NOT NULL
      );
      CREATE INDEX revocations_created ON revocations(created_at);
    `,
  },
];
