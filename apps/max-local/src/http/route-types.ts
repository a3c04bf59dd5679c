import type { FastifyReply, FastifyRequest } from 'fastify';
import type { operations } from '@max/api-spec';
import type { Principal } from '../auth/principal.js';
import type { OperationId } from './openapi.js';

/**
 * Route handler types derived from the OpenAPI-generated `operations`: a handler for `createNetwork`
 * receives exactly the spec's request body and must return one of the spec's success responses,
 * so a drift between server and spec fails to compile.
 */
type Operation<O extends OperationId> = operations[O];

type Clean<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;

export type RequestBodyOf<O extends OperationId> =
  Operation<O> extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;
export type QueryOf<O extends OperationId> =
  Operation<O>['parameters'] extends { query?: infer Q } ? Clean<Q> : Record<string, never>;
export type PathParamsOf<O extends OperationId> =
  Operation<O>['parameters'] extends { path?: infer P } ? Clean<P> : Record<string, never>;

type SuccessStatus = 200 | 201 | 204;
type ResponseContent<R> = R extends { content: { 'application/json': infer C } } ? C : undefined;
type Responses<O extends OperationId> = Operation<O>['responses'];

/** One of the operation's documented success responses. */
export type RouteResult<O extends OperationId> = {
  [S in keyof Responses<O> & SuccessStatus]: { status: S; body: ResponseContent<Responses<O>[S]> };
}[keyof Responses<O> & SuccessStatus];

export interface RouteContext<O extends OperationId> {
  body: RequestBodyOf<O>;
  query: QueryOf<O>;
  params: PathParamsOf<O>;
  /** The authenticated caller. Only operations with bearer security may read it. */
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type RouteHandler<O extends OperationId> = (context: RouteContext<O>) => RouteResult<O> | Promise<RouteResult<O>>;

/** Handlers by operationId. */
export type RouteTable = { [O in OperationId]?: RouteHandler<O> };
