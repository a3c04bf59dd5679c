// @max/rig-sdk — the typed client for the Max API v1. Public surface only; everything else is internal.

export { MaxClient, type MaxClientOptions } from './client.js';
export { SDK_VERSION } from './version.js';

export type { RequestOptions } from './core/request-options.js';
export type { RetryOptions } from './core/retry-policy.js';
export type { TokenProvider, TokenProviderContext } from './core/token-provider.js';
export type { TraceEvent, TraceHandler } from './core/trace-event.js';
export { Paginated, type Page } from './core/paginated.js';
export { redactSecrets, redactUrl } from './core/redact.js';
export { safeParseFast } from './core/fast-parse.js';

export { MaxError, isMaxError, type MaxErrorInit, type MaxErrorJSON, type MaxErrorRequest } from './errors/max-error.js';
export {
  MaxAbortError,
  MaxApiError,
  MaxAuthenticationError,
  MaxConflictError,
  MaxConnectionError,
  MaxNotFoundError,
  MaxPermissionError,
  MaxRateLimitError,
  MaxTimeoutError,
  MaxValidationError,
} from './errors/error-classes.js';

export type { AuthResource, DevicePollProgress, OidcTokenProviderOptions, WaitForDeviceTokenOptions } from './resources/auth.js';
export type { ApiTokenListParams, ApiTokensResource } from './resources/api-tokens.js';
export type { TrustPoliciesResource } from './resources/trust-policies.js';
export type { AllAppsListParams, AppListParams, AppsResource } from './resources/apps.js';
export type { ConfigApplyParams, ConfigExportParams, ConfigPlanParams, ConfigResource } from './resources/config.js';
export type { DashboardParams, DashboardResource } from './resources/dashboard.js';
export type { EnvListParams, EnvScope } from './resources/env-scope.js';
export type { EventListParams, EventStreamItem, EventStreamParams, EventsResource } from './resources/events.js';
export type { EventFollowItem, EventFollowParams } from './resources/event-follow.js';
export type { BlobsResource, UploadBody, UploadOptions } from './resources/blobs.js';
export type { DeploymentListParams, DeploymentsResource } from './resources/deployments.js';
export type { ReleaseListParams, ReleasesResource } from './resources/releases.js';
export type { LogHistory, LogListParams, LogStreamParams, LogsResource } from './resources/logs.js';
export type { LogStreamItem } from './realtime/log-stream.js';
export { MAX_LOG_TAIL, type LogReadItem, type LogReadOptions } from './resources/log-read.js';
export type { DeploymentWatchItem, DeploymentWatchOptions } from './resources/deployment-watch.js';
export type { LogTarget } from './resources/log-target.js';
export type { MeResource } from './resources/me.js';
export type { NetworkDeleteParams, NetworkListParams, NetworksResource } from './resources/networks.js';
export type { SecretsResource } from './resources/secrets.js';
export type { ShellListParams, ShellsResource } from './resources/shells.js';
export type { RunListParams, RunsResource } from './resources/runs.js';
export type { ExecTarget } from './resources/exec-target.js';
export type { AttachConnectionState, OutputGap } from './realtime/byte-stream.js';
export type { ShellAttachment, ShellAttachOptions, ShellEnd, ShellOutputItem } from './realtime/shell-attach.js';
export type { RunAttachment, RunAttachOptions, RunEnd, RunOutputItem, RunSignal } from './realtime/run-attach.js';
export type { VarsResource } from './resources/vars.js';

export type {
  Actor,
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  App,
  AppCreate,
  AppEnv,
  AppStatus,
  AppUpdate,
  BlobPackResult,
  BlobsMissing,
  BlobStored,
  ConfigApp,
  ConfigApplyResult,
  ConfigDocument,
  ConfigNetwork,
  ConfigSecret,
  ConfigSecretValues,
  Dashboard,
  DashboardApp,
  Deployment,
  DeploymentCreate,
  DeploymentFailure,
  DeploymentManifestEntry,
  DeploymentState,
  DeploymentSummary,
  DeviceAuthorization,
  DeviceCodeRequest,
  EnvEntry,
  EnvMap,
  EnvSource,
  ErrorBody,
  ErrorCode,
  Event,
  EventRevertResult,
  EventTarget,
  FieldError,
  KeysUnsetResult,
  ListSort,
  LogLine,
  LogPage,
  LogSource,
  LogStream,
  Me,
  Network,
  NetworkCreate,
  NetworkUpdate,
  Plan,
  PlanBlocker,
  PlanChange,
  PlanField,
  Release,
  ReleaseRef,
  ReleaseState,
  Run,
  RunCreate,
  RunState,
  RollbackRequest,
  Scope,
  Secret,
  ShellCreate,
  ShellSession,
  ShellState,
  SecretsSetResult,
  TokenResponse,
  OidcTokenResponse,
  TrustPolicy,
  TrustPolicyCreate,
  Var,
  VarsSetResult,
} from './types.js';
export { parseEnvFile, EnvFileError, type EnvFileEntry } from './dotenv/parse-env-file.js';

// Workflows shared by rig and the GitHub Action: app references, waiting for and classifying outcomes, failure
// descriptions with their log tail, config plan/apply, the effective environment as it may be shown.
export { MaxAppRefError, formatAppRef, parseAppRef, type AppRef } from './workflows/app-ref.js';
export { classifyDeployment, classifyRelease, outcomeExitCode, type DeployOutcome } from './workflows/deploy-outcome.js';
export { waitForRelease, type ReleaseWaitClient, type WaitForReleaseOptions } from './workflows/wait-for-release.js';
export {
  describeDeployFailure,
  readFailureLog,
  type DeployFailureDescription,
  type DeployOutcomeFacts,
  type FailureLogClient,
} from './workflows/deploy-failure.js';
export { formatBytes, formatDuration } from './workflows/format-units.js';
export {
  MaxConfigDocumentError,
  applyPlan,
  formatPlan,
  parseConfigDocument,
  planDocument,
  secretValuesFor,
  type ConfigPlanClient,
  type DocumentPlan,
} from './workflows/config-plan.js';
export { toEffectiveEnvEntry, type EffectiveEnvEntry } from './workflows/effective-env.js';
export { copyAppConfig, type ConfigCopyClient, type ConfigCopyResult } from './workflows/copy-app-config.js';
