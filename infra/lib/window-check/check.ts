/**
 * The download-window check the scheduled Lambda runs: download-ops' own `verify` over the current
 * and next windows (the same call as `ops verify`), reported as one CloudWatch metric in embedded
 * metric format, so an alarm fires when a window is missing, wrong or not checked at all.
 * @module
 */
import { type OperationContext, verify } from '@local-memory/download-ops';

/** The metric's namespace and name; the alarm in constructs/monitoring.ts reads the same. */
export const WINDOW_METRIC = {
  namespace: 'LocalMemory/Downloads',
  name: 'WindowsComplete',
  dimension: 'Stack',
} as const;

/** What one check found. */
export interface WindowCheckResult {
  /** 1 when every platform's object is present and right in the current and next window. */
  readonly complete: 0 | 1;
  readonly windows: readonly number[];
  /** One line per problem, without the secret (keys hold download hashes: platform and window only). */
  readonly problems: readonly string[];
}

/** Thrown after the metric is written, so the invocation also counts as failed. */
export class WindowCheckError extends Error {
  override readonly name = 'WindowCheckError';
  readonly code = 'WINDOWS_INCOMPLETE';
  constructor(
    readonly result: WindowCheckResult,
    options?: { cause?: unknown },
  ) {
    super(`Download windows incomplete:\n- ${result.problems.join('\n- ')}`, options);
  }
}

/**
 * Verify the current and next windows.
 * @param ctx - store, secret, prefix and `now` (Unix seconds)
 * @returns `complete: 1` or the problems; a failure to read the store is a problem too
 */
export async function checkWindows(ctx: OperationContext): Promise<WindowCheckResult> {
  try {
    const result = await verify(ctx);
    return {
      complete: result.ok ? 1 : 0,
      windows: result.windows,
      problems: result.problems.map((p) => `window ${p.timeWindow} ${p.platform}: ${p.problem}`),
    };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    return {
      complete: 0,
      windows: [],
      problems: [`verify failed${typeof code === 'string' ? ` (${code})` : ''}: ${message}`],
    };
  }
}

/**
 * One line of CloudWatch embedded metric format: CloudWatch Logs turns it into the metric
 * {@link WINDOW_METRIC} with the stack as its dimension.
 * @param stackName - the dimension's value
 * @param result - what {@link checkWindows} found
 * @param nowMs - the metric's timestamp
 */
export function metricLine(stackName: string, result: WindowCheckResult, nowMs: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: nowMs,
      CloudWatchMetrics: [
        {
          Namespace: WINDOW_METRIC.namespace,
          Dimensions: [[WINDOW_METRIC.dimension]],
          Metrics: [{ Name: WINDOW_METRIC.name, Unit: 'Count' }],
        },
      ],
    },
    [WINDOW_METRIC.dimension]: stackName,
    [WINDOW_METRIC.name]: result.complete,
    windows: result.windows,
    problems: result.problems,
  });
}
