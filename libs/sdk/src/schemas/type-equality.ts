/**
 * Compile-time equality of two types (identical in both directions, optionality and nullability included).
 * Used to pin every zod schema to the type generated from the OpenAPI document: if either side changes,
 * `tsc` fails, so a schema can never drift silently from the spec.
 *
 * @internal
 */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * Compiles only when `T` is `true`; pair with {@link Equals}. Runtime no-op.
 *
 * @internal
 */
export function assertType<T extends true>(..._proof: T extends true ? [] : [never]): void {
  // Intentionally empty: the check happens in the type parameter constraint.
}

/**
 * Flattens an intersection into one object type, so it can be compared with {@link Equals}: the generator
 * writes `allOf` as `A & B`, which has the same members as the schema's flat object but is not "identical".
 *
 * @internal
 */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};
