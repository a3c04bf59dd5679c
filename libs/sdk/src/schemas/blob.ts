import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** @internal */
export const BlobsMissingSchema = z.lazy(() => z.object({ missing: z.array(z.string()) }));
assertType<Equals<z.infer<typeof BlobsMissingSchema>, Schemas['BlobsMissing']>>();

/** @internal */
export const BlobStoredSchema = z.lazy(() => z.object({ digest: z.string(), size: z.int() }));
assertType<Equals<z.infer<typeof BlobStoredSchema>, Schemas['BlobStored']>>();

/** @internal */
export const BlobPackResultSchema = z.lazy(() => z.object({
  stored: z.array(z.string()),
  already_present: z.array(z.string()),
}));
assertType<Equals<z.infer<typeof BlobPackResultSchema>, Schemas['BlobPackResult']>>();
