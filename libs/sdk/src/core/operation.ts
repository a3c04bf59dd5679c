import type { paths } from '@max/api-spec';
import type { ZodMiniType } from 'zod/mini';
import type { HttpCore, QueryValue } from './http-core.js';
import type { RequestOptions } from './request-options.js';

/**
 * Typing of API calls from the generated `paths`: a resource names a path and a method, and the compiler
 * checks the path parameters, query, JSON body and the response schema against the OpenAPI document.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Paths that define `M` (the generator marks the others `M?: never`, which does not match a required key). */
export type PathWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];

type OperationOf<P extends keyof paths, M extends Method> = paths[P] extends { [K in M]: infer Op } ? Op : never;

type PathParamsOf<Op> = Op extends { parameters: { path: infer X } } ? X : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? Exclude<Q, undefined> : never;
type BodyOf<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;

/** The JSON body of the operation's success response (`undefined` for 204). */
export type SuccessOf<Op> = Op extends { responses: infer R }
  ? 200 extends keyof R
    ? JsonOf<R[200]>
    : 201 extends keyof R
      ? JsonOf<R[201]>
      : undefined
  : never;

/** What a resource passes for one call; each part is required, optional or forbidden as the spec says. */
export type OperationCall<Op> = {
  /** Name for messages, e.g. `networks.get`. */
  operation: string;
  options?: RequestOptions | undefined;
  /** See `SendSpec.withoutToken`. */
  withoutToken?: boolean;
  responseSchema: [SuccessOf<Op>] extends [undefined] ? null : ZodMiniType<SuccessOf<Op>>;
} & ([PathParamsOf<Op>] extends [never] ? { params?: never } : { params: PathParamsOf<Op> }) &
  ([QueryOf<Op>] extends [never] ? { query?: never } : { query?: QueryOf<Op> }) &
  ([BodyOf<Op>] extends [never] ? { body?: never } : { body: BodyOf<Op> });

/**
 * Sends one API operation, typed by its path and method in the OpenAPI document.
 *
 * @internal
 */
export function callOperation<M extends Method, P extends PathWith<M>>(
  core: HttpCore,
  method: M,
  path: P,
  call: OperationCall<OperationOf<P, M>>,
): Promise<SuccessOf<OperationOf<P, M>>> {
  const params = (call.params ?? {}) as Record<string, string | number>;
  const expanded = path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${call.operation}`);
    return encodeURIComponent(String(value));
  });
  return core.send({
    operation: call.operation,
    method: method.toUpperCase() as Uppercase<M>,
    path: expanded,
    // The generated query types are plain object types of scalars, i.e. QueryValue records; TS cannot see that
    // through the conditional type, hence the cast.
    query: call.query as Record<string, QueryValue> | undefined,
    body: call.body,
    responseSchema: call.responseSchema as ZodMiniType<SuccessOf<OperationOf<P, M>>> | null,
    options: call.options,
    withoutToken: call.withoutToken,
  });
}
