/**
 * "Current or next download window missing", checked from AWS itself: an EventBridge schedule runs
 * a Lambda (Node.js 24) with download-ops' `verify` every 30 minutes, which writes the metric
 * `LocalMemory/Downloads WindowsComplete` (lib/window-check). A dropped or delayed GitHub cron
 * shows up here before customers see 403s.
 * @module
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { WINDOW_CHECK_ENTRY } from '../paths';
import { WINDOW_METRIC } from '../window-check/check';
import { functionLogsAndRole, NODE_FUNCTION_ENVIRONMENT, nodeFunctionDefaults } from './parts';

/** How often the check runs; the alarm's period holds two runs. */
export const WINDOW_CHECK_RATE = Duration.minutes(30);

/** Props of {@link WindowCheck}. */
export interface WindowCheckProps {
  readonly downloadsBucket: s3.IBucket;
  readonly downloadsPrefix: string;
  /** JSON with `DOWNLOAD_SECRET` (the API's secret in server mode). */
  readonly secret: secretsmanager.ISecret;
  /** The repository root: esbuild's project root and lockfile. */
  readonly projectRoot: string;
  readonly logRetentionDays: logs.RetentionDays;
}

/** The scheduled check and the metric it writes. */
export class WindowCheck extends Construct {
  readonly handler: nodejs.NodejsFunction;
  /** 1 when the current and next windows are complete; missing when the check did not run. */
  readonly metric: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: WindowCheckProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { logGroup, role } = functionLogsAndRole(
      this,
      props.logRetentionDays,
      'Local Memory download-window check',
    );
    // HEAD and GET of the release objects and the manifest; ListBucket so that a missing object
    // answers 404 (a window missing) rather than 403 (indistinguishable from a permission fault).
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadTheDownloads',
        actions: ['s3:GetObject'],
        resources: [props.downloadsBucket.arnForObjects(`${props.downloadsPrefix}/*`)],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'MissingIs404',
        actions: ['s3:ListBucket'],
        resources: [props.downloadsBucket.bucketArn],
      }),
    );
    this.handler = new nodejs.NodejsFunction(this, 'Handler', {
      ...nodeFunctionDefaults(props.projectRoot),
      entry: WINDOW_CHECK_ENTRY,
      handler: 'handler',
      memorySize: 256,
      timeout: Duration.minutes(2),
      logGroup,
      role,
      description: 'Local Memory: are the current and next download windows complete?',
      environment: {
        ...NODE_FUNCTION_ENVIRONMENT,
        STACK_NAME: stack.stackName,
        DOWNLOAD_SECRET_ARN: props.secret.secretArn,
        S3_BUCKET: props.downloadsBucket.bucketName,
        S3_PREFIX: props.downloadsPrefix,
        S3_REGION: stack.region,
      },
    });
    props.secret.grantRead(this.handler);
    new events.Rule(this, 'Schedule', {
      description: 'Local Memory: check the download windows',
      schedule: events.Schedule.rate(WINDOW_CHECK_RATE),
      // The next run is 30 minutes away; a retry would only repeat the same answer.
      targets: [new targets.LambdaFunction(this.handler, { retryAttempts: 0 })],
    });
    this.metric = new cloudwatch.Metric({
      namespace: WINDOW_METRIC.namespace,
      metricName: WINDOW_METRIC.name,
      dimensionsMap: { [WINDOW_METRIC.dimension]: stack.stackName },
      statistic: cloudwatch.Stats.MINIMUM,
      period: Duration.hours(1),
    });
  }
}
