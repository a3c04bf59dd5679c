import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { openapiDocument } from '@max/api-spec';
import { bindingLookups } from '../auth/binding-lookups.js';
import { bindingRule, enforceBindingOnBody, enforceBindingOnRequest } from '../auth/network-binding.js';
import type { Principal } from '../auth/principal.js';
import { requiredScope } from '../auth/route-scopes.js';
import { scopeAllows } from '../auth/scopes.js';
import type { Platform } from '../platform.js';
import type { IdempotencyScope } from '../services/idempotency.js';
import type { RouteDeps } from '../routes/deps.js';
import { BLOB_MEDIA_TYPES } from '../routes/blob-routes.js';
import { apiHandlers } from '../routes/index.js';
import { webRoutes } from '../routes/web-routes.js';
import { ApiError, forbidden, notFound, unauthenticated } from './api-error.js';
import { sendApiError, toApiError } from './error-reply.js';
import { createAjv, readOperations, type OperationId, type OperationInfo } from './openapi.js';
import { requestIdFor } from './request-id.js';
import { registerRateLimit, type RateLimiter } from './rate-limit.js';
import { formatRequestLine, type LogSink } from './request-log.js';
import type { RouteContext } from './route-types.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    idempotency: IdempotencyScope | null;
    idempotentReplay: boolean;
  }
}

export interface ServerOptions {
  platform: Platform;
  baseUrl(): string;
  log: LogSink;
  /** Per-token and per-IP limits (429 + Retry-After); absent: none. */
  rateLimiter?: RateLimiter;
}

/** JSON API bodies are small; anything bigger is a mistake or an attack. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Manifests list up to 100 000 entries (each a path of up to 4 KiB and a digest): these JSON bodies may be larger. */
const LARGE_JSON_BODY_LIMITS: Partial<Record<OperationId, number>> = {
  createDeployment: 64 * 1024 * 1024,
  findMissingBlobs: 8 * 1024 * 1024,
};

/** Operations whose body is raw bytes, read as a stream by the handler (never buffered by Fastify). */
const RAW_BODY_OPERATIONS: ReadonlyMap<string, OperationId> = new Map(
  Object.entries(BLOB_MEDIA_TYPES).map(([id, type]) => [type, id as OperationId]),
);

/**
 * Builds the Fastify app: every route of the OpenAPI document that has a handler, each validated
 * against the document's schemas, plus the device-approval web pages.
 */
export async function buildServer(options: ServerOptions): Promise<{ app: FastifyInstance; beginShutdown(): void }> {
  const { platform, log } = options;
  let shuttingDown = false;
  const app = Fastify({
    logger: false,
    genReqId: requestIdFor,
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // We answer 503 in our own error shape (hook below) instead of Fastify's.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  app.decorateRequest('principal', null);
  app.decorateRequest('idempotency', null);
  app.decorateRequest('idempotentReplay', false);

  // Raw uploads: the parser hands the request stream through untouched, and only on the operation that
  // declares that media type; everywhere else such a body is a 415 like any unknown type.
  const rawRouteUrls = new Map<string, string>();
  app.addContentTypeParser([...RAW_BODY_OPERATIONS.keys()], (request, _payload, done) => {
    const type = (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
    if (rawRouteUrls.get(type) !== request.routeOptions.url) {
      done(new ApiError(415, 'unsupported_media_type', 'Unsupported Content-Type; send application/json.'), undefined);
      return;
    }
    done(null, undefined);
  });

  const bodyAjv = createAjv(openapiDocument, 'body');
  const parameterAjv = createAjv(openapiDocument, 'parameters');
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : parameterAjv).compile(schema as object),
  );

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (shuttingDown && request.url !== '/healthz') {
      throw new ApiError(503, 'unavailable', 'max-local is shutting down.', { headers: { connection: 'close' } });
    }
  });
  if (options.rateLimiter) registerRateLimit(app, options.rateLimiter);
  app.addHook('onResponse', async (request, reply) => {
    log?.write(formatRequestLine(request, reply));
  });

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error as Error);
    if (apiError.status >= 500 && apiError.code === 'internal_error') {
      // Stack for the operator; the client gets only the request id. Bodies and headers stay out of logs.
      log?.write(`${new Date().toISOString()} error ${request.id}: ${(error as Error).stack ?? String(error)}\n`);
    }
    return sendApiError(request, reply, apiError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendApiError(request, reply, notFound(`No route for ${request.method} ${request.url.split('?', 1)[0] ?? ''}.`)),
  );

  const deps: RouteDeps = { platform, baseUrl: options.baseUrl };
  const handlers = apiHandlers(deps, () => shuttingDown);
  for (const operation of readOperations(openapiDocument).values()) {
    const handler = handlers[operation.id];
    // Operations the spec defines for later milestones have no handler yet: they answer 404.
    // Each handler is typed against its own operation in the route modules; here they are all the same.
    if (!handler) continue;
    for (const [type, id] of RAW_BODY_OPERATIONS) if (id === operation.id) rawRouteUrls.set(type, operation.url);
    registerOperation(app, platform, operation, handler as unknown as ErasedHandler);
  }

  await app.register(webRoutes(deps));
  return {
    app,
    beginShutdown: () => {
      shuttingDown = true;
    },
  };
}

/** A route handler with its operation's types erased, as the registration loop sees it. */
type ErasedHandler = (
  context: RouteContext<OperationId>,
) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;

function registerOperation(
  app: FastifyInstance,
  platform: Platform,
  operation: OperationInfo,
  handler: ErasedHandler,
): void {
  const scope = requiredScope(operation.id, operation.method);
  const binding = bindingRule(operation.id, operation.url);
  const lookups = bindingLookups(platform);
  // A pack is a stream that cannot be hashed up front; it is idempotent by nature (content-addressed).
  const usesIdempotency = operation.method === 'post' && operation.requiresAuth && operation.id !== 'uploadBlobPack';
  const bodyLimit = LARGE_JSON_BODY_LIMITS[operation.id];
  app.route({
    method: operation.method.toUpperCase() as 'GET',
    url: operation.url,
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
    schema: operation.schema,
    // Authentication runs before body validation: an anonymous caller learns nothing about inputs.
    onRequest: operation.requiresAuth
      ? async (request) => {
          request.principal = authenticate(platform, request);
          if (!scopeAllows(request.principal.scope, scope)) {
            throw forbidden(
              `${operation.id} needs the "${scope}" scope; this token has "${request.principal.scope}".`,
            );
          }
          enforceBindingOnRequest(binding, request.principal, request, lookups);
        }
      : undefined,
    preHandler:
      usesIdempotency || binding.kind === 'body'
        ? async (request, reply) => {
            if (request.principal) enforceBindingOnBody(binding, request.principal, request.body);
            if (usesIdempotency) await idempotencyPreHandler(platform, request, reply);
          }
        : undefined,
    onSend: usesIdempotency
      ? async (request, reply, payload) => {
          const reservation = request.idempotency;
          if (reservation && !request.idempotentReplay) {
            if (reply.statusCode < 300) {
              platform.idempotency.complete(reservation, reply.statusCode, typeof payload === 'string' ? payload : null);
            } else {
              // Errors are not stored: the retry the key exists for should get a real second attempt.
              platform.idempotency.abandon(reservation);
            }
          }
          return payload;
        }
      : undefined,
    handler: async (request, reply) => {
      const context = {
        body: request.body,
        query: request.query,
        params: request.params,
        request,
        reply,
        get principal(): Principal {
          if (!request.principal) throw new Error(`${operation.id} read the principal but has no bearer security`);
          return request.principal;
        },
      } as RouteContext<OperationId>;
      const result = await handler(context);
      reply.code(result.status);
      if (result.status === 204) return reply.send();
      return reply.type('application/json; charset=utf-8').send(result.body);
    },
  });
}

function authenticate(platform: Platform, request: FastifyRequest): Principal {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,512})[ ]*$/i.exec(header);
  try {
    if (!match?.[1]) {
      throw unauthenticated(
        header === undefined
          ? 'Authentication required: send "Authorization: Bearer <token>".'
          : 'The Authorization header must be "Bearer <token>".',
      );
    }
    return platform.tokens.authenticate(match[1]);
  } catch (error) {
    if (error instanceof ApiError) {
      // RFC 6750 §3: the challenge names an error only when a token was actually presented.
      const challenge = header === undefined ? 'Bearer realm="max"' : 'Bearer realm="max", error="invalid_token"';
      throw new ApiError(error.status, error.code, error.message, { headers: { 'www-authenticate': challenge } });
    }
    throw error;
  }
}

async function idempotencyPreHandler(platform: Platform, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const key = request.headers['idempotency-key'];
  const principal = request.principal;
  if (typeof key !== 'string' || !principal) return;
  const reservation: IdempotencyScope = {
    userId: principal.user.id,
    route: `${request.method} ${request.url.split('?', 1)[0] ?? ''}`,
    key,
  };
  const outcome = platform.idempotency.begin(reservation, request.body);
  if (outcome.kind === 'replay') {
    request.idempotentReplay = true;
    reply.code(outcome.statusCode).header('idempotent-replayed', 'true');
    if (outcome.body === null) {
      await reply.send();
    } else {
      await reply.type('application/json; charset=utf-8').send(outcome.body);
    }
    return;
  }
  request.idempotency = reservation;
}
