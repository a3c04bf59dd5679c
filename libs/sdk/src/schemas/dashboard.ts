import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { AppSchema } from './app.js';
import { TimestampSchema } from './common.js';
import { DeploymentStateSchema } from './deployment-state.js';
import { EventSchema } from './event.js';
import { NetworkSchema } from './network.js';
import { assertType, type Equals, type Simplify } from './type-equality.js';

type Schemas = components['schemas'];

/** @internal */
export const DeploymentSummarySchema = z.lazy(() => z.object({
  id: z.string(),
  state: DeploymentStateSchema,
  created_at: TimestampSchema,
  finished_at: z.nullable(TimestampSchema),
}));
assertType<Equals<z.infer<typeof DeploymentSummarySchema>, Schemas['DeploymentSummary']>>();

/** @internal */
export const DashboardAppSchema = z.lazy(() => z.extend(AppSchema._zod.innerType, { latest_deployment: z.nullable(DeploymentSummarySchema) }));
// The generator writes `allOf` as an intersection (`App & {…}`): same members, different spelling.
assertType<Equals<z.infer<typeof DashboardAppSchema>, Simplify<Schemas['DashboardApp']>>>();

/** @internal */
export const DashboardSchema = z.lazy(() => z.object({
  networks: z.array(NetworkSchema),
  apps: z.array(DashboardAppSchema),
  recent_events: z.array(EventSchema),
  counts: z.object({
    networks: z.int(),
    apps: z.int(),
    apps_by_status: z.object({
      created: z.int(),
      deploying: z.int(),
      running: z.int(),
      crashed: z.int(),
      stopped: z.int(),
    }),
    deployments_in_progress: z.int(),
  }),
  truncated: z.boolean(),
  generated_at: TimestampSchema,
}));

/** The spec's dashboard with its `allOf` apps flattened (see `DashboardAppSchema`). */
type SpecDashboard = Simplify<Omit<Schemas['Dashboard'], 'apps'> & { apps: Simplify<Schemas['DashboardApp']>[] }>;
assertType<Equals<z.infer<typeof DashboardSchema>, SpecDashboard>>();
