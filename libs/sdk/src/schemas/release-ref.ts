import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { assertType, type Equals } from './type-equality.js';

/** A release made as a side effect of a change (vars, secrets, config apply, revert). @internal */
export const ReleaseRefSchema = z.lazy(() => z.object({
  network: z.string(),
  app: z.string(),
  version: z.int(),
}));
assertType<Equals<z.infer<typeof ReleaseRefSchema>, components['schemas']['ReleaseRef']>>();
