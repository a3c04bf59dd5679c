import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { assertType, type Equals } from './type-equality.js';

/** @internal */
export const DeviceAuthorizationSchema = z.lazy(() => z.object({
  device_code: z.string(),
  user_code: z.string(),
  verification_uri: z.string(),
  verification_uri_complete: z.string(),
  expires_in: z.int(),
  interval: z.int(),
}));
assertType<Equals<z.infer<typeof DeviceAuthorizationSchema>, components['schemas']['DeviceAuthorization']>>();
