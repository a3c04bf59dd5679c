import type { Schemas } from '@max/api-spec';
import { toRfc3339, toRfc3339OrNull } from '../clock.js';
import type { PlatformSettings } from '../services/context.js';
import type { Dashboard } from '../services/dashboard.js';
import type { SecretInfo } from '../services/secrets.js';
import type { VarRecord } from '../services/vars.js';
import { toWireApp, toWireEvent, toWireNetwork } from './wire.js';

/** Vars, secrets and the dashboard → wire shapes. Secrets have no value field to fill, by type. */

export const toWireVar = (v: VarRecord): Schemas['Var'] => ({
  key: v.key,
  value: v.value,
  created_at: toRfc3339(v.createdAt),
  updated_at: toRfc3339(v.updatedAt),
});

export const toWireSecret = (s: SecretInfo): Schemas['Secret'] => ({
  key: s.key,
  digest: s.digest,
  created_at: toRfc3339(s.createdAt),
  updated_at: toRfc3339(s.updatedAt),
});

export function toWireDashboard(dashboard: Dashboard, settings: PlatformSettings): Schemas['Dashboard'] {
  return {
    networks: dashboard.networks.map(toWireNetwork),
    apps: dashboard.apps.map((app) => ({
      ...toWireApp(app, settings),
      latest_deployment: app.latestDeployment
        ? {
            id: app.latestDeployment.id,
            state: app.latestDeployment.state as Schemas['DeploymentState'],
            created_at: toRfc3339(app.latestDeployment.createdAt),
            finished_at: toRfc3339OrNull(app.latestDeployment.finishedAt),
          }
        : null,
    })),
    recent_events: dashboard.recentEvents.map(toWireEvent),
    counts: {
      networks: dashboard.counts.networks,
      apps: dashboard.counts.apps,
      apps_by_status: dashboard.counts.appsByStatus,
      deployments_in_progress: dashboard.counts.deploymentsInProgress,
    },
    truncated: dashboard.truncated,
    generated_at: toRfc3339(dashboard.generatedAt),
  };
}
