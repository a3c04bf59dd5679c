import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { assertType, type Equals } from './type-equality.js';

type SpecError = components['schemas']['Error'];

/** @internal */
export const FieldErrorSchema = z.lazy(() => z.object({ path: z.string(), message: z.string() }));
assertType<Equals<z.infer<typeof FieldErrorSchema>, components['schemas']['FieldError']>>();

/**
 * The one error shape of the Max API: `{ error: { code, message, details?, request_id } }`.
 *
 * `code` is read as any string, not the spec's closed `ErrorCode` enum: the spec tells clients to handle codes
 * they do not know by HTTP status, so a newer server's new code must not turn into a malformed response.
 *
 * @internal
 */
export const ErrorBodySchema = z.lazy(() => z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.looseObject({ fields: z.optional(z.array(FieldErrorSchema)) })),
    request_id: z.string(),
  }),
}));

/** Flattens an intersection into one object type, so it can be compared with `Equals`. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type SpecErrorFields = SpecError['error'];

/**
 * The spec's error body with `code` widened to `string` (the one deliberate difference, see above); `details`
 * is flattened because the generator writes it as an intersection (same members, different spelling).
 */
type SpecErrorWithOpenCode = {
  error: Simplify<
    Omit<SpecErrorFields, 'code' | 'details'> & {
      code: string;
      details?: Simplify<NonNullable<SpecErrorFields['details']>>;
    }
  >;
};
assertType<Equals<z.infer<typeof ErrorBodySchema>, SpecErrorWithOpenCode>>();
