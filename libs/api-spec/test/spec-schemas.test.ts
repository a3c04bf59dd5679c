import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  ENV_KEY_PATTERN_SOURCE,
  ERROR_CODES,
  OPENAPI_SCHEMA_KEYWORDS,
  RESOURCE_NAME_PATTERN_SOURCE,
  apiJsonSchema,
  openapiDocument,
  schemaRef,
  type SchemaName,
} from '../src/index.js';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace object is what `import` yields.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function makeAjv() {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary([...OPENAPI_SCHEMA_KEYWORDS]);
  ajv.addSchema(apiJsonSchema());
  return ajv;
}

const ajv = makeAjv();
const schemaNames = Object.keys(openapiDocument.components.schemas) as SchemaName[];

function validator(name: SchemaName) {
  const validate = ajv.getSchema(schemaRef(name));
  if (!validate) throw new Error(`schema ${name} did not compile`);
  return validate;
}

function valid(name: SchemaName, value: unknown): boolean {
  return validator(name)(value) === true;
}

const now = '2026-11-24T06:00:00Z';

describe('component schemas', () => {
  it.each(schemaNames)('%s compiles with Ajv 2020 in strict mode', (name) => {
    expect(typeof validator(name)).toBe('function');
  });

  it('name patterns are the ones exported as constants', () => {
    const schemas = openapiDocument.components.schemas;
    expect(schemas.ResourceName['pattern']).toBe(RESOURCE_NAME_PATTERN_SOURCE);
    expect(schemas.ResourceName['maxLength']).toBe(63);
    expect(schemas.EnvKey['pattern']).toBe(ENV_KEY_PATTERN_SOURCE);
  });

  it('ErrorCode enum matches ERROR_CODES', () => {
    expect([...(openapiDocument.components.schemas.ErrorCode['enum'] as string[])].sort()).toEqual([...ERROR_CODES].sort());
  });
});

describe('resource names', () => {
  it('accepts RFC 1035 labels up to 63 characters', () => {
    expect(valid('NetworkCreate', { name: 'a' })).toBe(true);
    expect(valid('NetworkCreate', { name: 'staging-eu-2' })).toBe(true);
    expect(valid('NetworkCreate', { name: `a${'b'.repeat(62)}` })).toBe(true);
  });

  it.each([
    ['64 characters', `a${'b'.repeat(63)}`],
    ['uppercase', 'Web'],
    ['leading digit', '1web'],
    ['trailing hyphen', 'web-'],
    ['underscore', 'my_app'],
    ['empty', ''],
    ['dot', 'a.b'],
  ])('rejects a name with %s', (_label, name) => {
    expect(valid('NetworkCreate', { name })).toBe(false);
    expect(valid('AppCreate', { name })).toBe(false);
  });

  it('rejects unknown fields in request bodies', () => {
    expect(valid('NetworkCreate', { name: 'web', color: 'blue' })).toBe(false);
    expect(valid('AppUpdate', {})).toBe(false);
    expect(valid('AppUpdate', { health_check_path: '/healthz' })).toBe(true);
    expect(valid('AppUpdate', { health_check_path: 'healthz' })).toBe(false);
  });
});

describe('auth schemas', () => {
  it('TokenRequest is either a refresh or an exchange', () => {
    expect(valid('TokenRequest', { grant_type: 'refresh_token', refresh_token: 'mxr_abc' })).toBe(true);
    expect(valid('TokenRequest', { grant_type: 'token_exchange', subject_token: 'mxp_abc' })).toBe(true);
    expect(valid('TokenRequest', { grant_type: 'password', refresh_token: 'x' })).toBe(false);
    expect(valid('TokenRequest', { grant_type: 'refresh_token', subject_token: 'mxp_abc' })).toBe(false);
    expect(valid('TokenRequest', { grant_type: 'refresh_token' })).toBe(false);
  });

  it('DeviceAuthorization requires an ABCD-EFGH user code', () => {
    const base = {
      device_code: 'dc',
      verification_uri: 'http://127.0.0.1:4000/device',
      verification_uri_complete: 'http://127.0.0.1:4000/device?code=WDJB-MJHT',
      expires_in: 600,
      interval: 5,
    };
    expect(valid('DeviceAuthorization', { ...base, user_code: 'WDJB-MJHT' })).toBe(true);
    expect(valid('DeviceAuthorization', { ...base, user_code: 'wdjbmjht' })).toBe(false);
  });

  it('Me allows null expiry for API tokens', () => {
    const me = { id: 'usr_1', email: 'ada@example.com', name: null, created_at: now, auth: { type: 'api_token', scope: 'deploy', expires_at: null } };
    expect(valid('Me', me)).toBe(true);
    expect(valid('Me', { ...me, auth: { ...me.auth, scope: 'root' } })).toBe(false);
  });
});

describe('errors', () => {
  const error = {
    error: {
      code: 'validation_failed',
      message: 'name is invalid',
      details: { fields: [{ path: '/name', message: 'must match pattern' }] },
      request_id: 'req_1',
    },
  };

  it('validates the one error shape', () => {
    expect(valid('Error', error)).toBe(true);
    expect(valid('Error', { error: { code: 'not_found', message: 'No such network', request_id: 'req_2' } })).toBe(true);
  });

  it('rejects unknown codes and missing request ids', () => {
    expect(valid('Error', { error: { ...error.error, code: 'oops' } })).toBe(false);
    expect(valid('Error', { error: { code: 'not_found', message: 'x' } })).toBe(false);
  });
});

describe('responses', () => {
  const network = { id: 'net_1', name: 'staging', description: null, app_count: 2, created_at: now, updated_at: now };
  const app = {
    id: 'app_1',
    name: 'web',
    network: 'staging',
    hostname: 'web.staging.localhost',
    url: 'http://web.staging.localhost:4080',
    description: 'Front end',
    health_check_path: '/',
    status: 'running',
    current_release: 3,
    created_at: now,
    updated_at: now,
  };

  it('accept complete resources and pages', () => {
    expect(valid('Network', network)).toBe(true);
    expect(valid('NetworkPage', { data: [network], next_cursor: null })).toBe(true);
    expect(valid('App', app)).toBe(true);
    expect(valid('DashboardApp', { ...app, latest_deployment: null })).toBe(true);
  });

  it('reject incomplete resources (required lists are complete)', () => {
    const { app_count: _omitted, ...partial } = network;
    expect(valid('Network', partial)).toBe(false);
    expect(valid('NetworkPage', { data: [network] })).toBe(false);
    expect(valid('App', { ...app, status: 'sleeping' })).toBe(false);
    expect(valid('DashboardApp', app)).toBe(false);
  });

  it('Secret carries a sha256: digest and never a value field requirement', () => {
    const secret = { key: 'DATABASE_URL', digest: `sha256:${'a'.repeat(64)}`, created_at: now, updated_at: now };
    expect(valid('Secret', secret)).toBe(true);
    expect(valid('Secret', { ...secret, digest: 'a'.repeat(64) })).toBe(false);
  });
});

describe('vars, secrets and config', () => {
  it('bulk set takes env keys and at least one entry', () => {
    expect(valid('VarsSet', { vars: { DATABASE_URL: 'postgres://x', _X1: '' } })).toBe(true);
    expect(valid('VarsSet', { vars: {} })).toBe(false);
    expect(valid('VarsSet', { vars: { database_url: 'x' } })).toBe(false);
    expect(valid('VarsSet', { vars: { '1ABC': 'x' } })).toBe(false);
    expect(valid('SecretsSet', { secrets: { API_KEY: 's3cr3t' } })).toBe(true);
    expect(valid('KeysUnset', { keys: ['A', 'B'] })).toBe(true);
    expect(valid('KeysUnset', { keys: ['A', 'A'] })).toBe(false);
    expect(valid('KeysUnset', { keys: [] })).toBe(false);
  });

  it('ConfigDocument is version 1 and closed', () => {
    const document = {
      version: 1,
      networks: [
        {
          name: 'staging',
          description: null,
          vars: { LOG_LEVEL: 'debug' },
          secrets: [{ key: 'DATABASE_URL', digest: `sha256:${'a'.repeat(64)}` }],
          apps: [{ name: 'web', health_check_path: '/healthz', vars: { WORKERS: '2' }, secrets: [{ key: 'API_KEY' }] }],
        },
      ],
    };
    expect(valid('ConfigDocument', document)).toBe(true);
    expect(valid('ConfigDocument', { ...document, version: 2 })).toBe(false);
    expect(valid('ConfigDocument', { ...document, networks: [{ name: 'staging', secrets: { DATABASE_URL: 'x' } }] })).toBe(false);
    // Secret entries are {key, digest?} objects: no bare keys, no values, digests in the sha256: form.
    expect(valid('ConfigDocument', { ...document, networks: [{ name: 'staging', secrets: ['DATABASE_URL'] }] })).toBe(false);
    expect(valid('ConfigDocument', { ...document, networks: [{ name: 'staging', secrets: [{ key: 'DATABASE_URL', value: 'x' }] }] })).toBe(false);
    expect(valid('ConfigDocument', { ...document, networks: [{ name: 'staging', secrets: [{ key: 'DATABASE_URL', digest: 'a'.repeat(64) }] }] })).toBe(false);
    expect(valid('ConfigApply', { document, plan_digest: `sha256:${'0'.repeat(64)}` })).toBe(true);
  });

  it('ConfigPlan and ConfigApply carry write-only secret values by scope', () => {
    const document = { version: 1, networks: [{ name: 'staging', secrets: [{ key: 'DATABASE_URL' }] }] };
    const secret_values = { staging: { DATABASE_URL: 'postgres://x' }, 'staging/web': { API_KEY: 'k' } };
    expect(valid('ConfigPlan', { document })).toBe(true);
    expect(valid('ConfigPlan', { document, secret_values })).toBe(true);
    expect(valid('ConfigApply', { document, secret_values, prune: false })).toBe(true);
    expect(valid('ConfigPlan', document)).toBe(false);
    expect(valid('ConfigPlan', { document, secret_values: { Staging: { A: 'x' } } })).toBe(false);
    expect(valid('ConfigPlan', { document, secret_values: { 'staging/web/extra': { A: 'x' } } })).toBe(false);
    expect(valid('ConfigPlan', { document, secret_values: { staging: { lower: 'x' } } })).toBe(false);
    expect(valid('ConfigApply', { document, secret_values: { staging: { A: 1 } } })).toBe(false);
    expect((openapiDocument.components.schemas as Record<string, { writeOnly?: boolean }>)['ConfigSecretValues']?.writeOnly).toBe(true);
  });

  it('EnvEntry carries a digest for secrets and null otherwise', () => {
    const entry = { key: 'API_KEY', source: 'secret', value: null, digest: `sha256:${'b'.repeat(64)}`, overridden: ['app'] };
    expect(valid('EnvEntry', entry)).toBe(true);
    expect(valid('EnvEntry', { key: 'PORT', source: 'platform', value: null, digest: null, overridden: [] })).toBe(true);
    expect(valid('EnvEntry', { ...entry, digest: 'nope' })).toBe(false);
    const { digest: _digest, ...withoutDigest } = entry;
    expect(valid('EnvEntry', withoutDigest)).toBe(false);
  });
});

describe('deployment manifests', () => {
  const entry = (path: string) => ({ path, sha256: 'f'.repeat(64), size: 10, mode: 420 });

  it.each(['index.js', 'src/app/main.ts', '.env.example', '..hidden', 'a/b..c/d', 'dir with space/file'])('accepts path %j', (path) => {
    expect(valid('ManifestEntry', entry(path))).toBe(true);
  });

  it.each(['', '/etc/passwd', '../up', 'a/../b', 'a/./b', './a', 'a//b', 'a/', '..', '.', 'a\\b', 'nul\u0000byte'])(
    'rejects path %j',
    (path) => {
      expect(valid('ManifestEntry', entry(path))).toBe(false);
    },
  );

  it('rejects bad digests and modes', () => {
    expect(valid('ManifestEntry', { ...entry('a'), sha256: 'F'.repeat(64) })).toBe(false);
    expect(valid('ManifestEntry', { ...entry('a'), mode: 512 })).toBe(false);
    expect(valid('DeploymentCreate', { manifest: [entry('a')], message: 'first' })).toBe(true);
    expect(valid('DeploymentCreate', { manifest: [] })).toBe(false);
  });
});
