import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum } from './common.js';
import { assertType, type Equals } from './type-equality.js';

/** @internal */
export const DeploymentStateSchema = openEnum([
  'uploading',
  'queued',
  'building',
  'releasing',
  'running',
  'failed',
  'rolled_back',
  'cancelled',
]);
assertType<Equals<z.infer<typeof DeploymentStateSchema>, components['schemas']['DeploymentState']>>();
