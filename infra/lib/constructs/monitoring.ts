/**
 * Monitoring an operator receives: an encrypted SNS topic with the operator's email subscribed,
 * and CloudWatch alarms on it (alarm and recovery both notify). docs/operations.md lists each
 * alarm with what to do when it fires; the synth test asserts each one.
 * @module
 */
import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { Api } from './api';
import type { WindowCheck } from './window-check';

/**
 * The API's structured-log events (Powertools `message`, apps/api/src) each log alarm counts. A
 * test checks that the API still writes every one of them.
 */
export const LOG_ALARM_EVENTS = {
  /** Stripe's deliveries that could not be handled (Stripe retries them for up to 3 days). */
  WebhookFailures: {
    messages: ['webhook signature rejected', 'fulfilment ledger failed', 'unexpected error'],
  },
  /** A paid buyer whose license email did not go out (yet). */
  LicenseEmailsNotSent: {
    messages: [
      // A resend or a page fulfilment run after the answer (asynchronous invocation) failed.
      'background task failed',
      'fulfilment from the purchase page deferred',
      'fulfilment from the purchase page not dispatched',
      'paid purchase without an email address',
      // An earlier attempt may have sent it: never repeated blindly, needs a look.
      'license email outcome unknown',
    ],
    /** `request failed` with this code: the webhook's SMTP attempt failed (Stripe retries). */
    requestFailedCode: 'mail_unavailable',
  },
} as const;

/** The CloudWatch Logs filter pattern of one log alarm. */
export function logAlarmPattern(name: keyof typeof LOG_ALARM_EVENTS): string {
  const events = LOG_ALARM_EVENTS[name];
  const terms = events.messages.map((message) => `($.message = "${message}")`);
  if ('requestFailedCode' in events) {
    terms.push(`($.message = "request failed" && $.code = "${events.requestFailedCode}")`);
  }
  return `{ ${terms.join(' || ')} }`;
}

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  readonly operatorEmail: string;
  readonly distribution: cloudfront.Distribution;
  readonly windowCheck: WindowCheck;
  readonly api?: Api;
}

/** The topic and the alarms. */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // A customer-managed key: CloudWatch cannot publish to a topic under the AWS-managed SNS key.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Local Memory alarms topic',
      enableKeyRotation: true,
      // Only this stack's topic uses it; deletion waits the KMS pending window (30 days).
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.topic = new sns.Topic(this, 'Alarms', {
      displayName: 'Local Memory alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.operatorEmail));
    this.action = new actions.SnsAction(this.topic);
    const name = (suffix: string) => `${stack.stackName}-${suffix}`;

    // CloudFront publishes its metrics in us-east-1 only, per distribution (not per path); an
    // alarm must live in the metric's region.
    if (stack.region === 'us-east-1') {
      this.add('CloudFrontServerErrorRate', {
        alarmName: name('CloudFrontServerErrorRate'),
        alarmDescription:
          'More than 5% of all CloudFront responses were 5xx in 2 of the last 3 periods of 5 minutes (edge function errors, API 5xx, S3 faults). docs/operations.md#cloudfrontservererrorrate',
        // Both dimensions, as CloudFront publishes them (Region is always Global); a metric with
        // DistributionId alone matches nothing and the alarm would never fire.
        metric: new cloudwatch.Metric({
          namespace: 'AWS/CloudFront',
          metricName: '5xxErrorRate',
          dimensionsMap: { DistributionId: props.distribution.distributionId, Region: 'Global' },
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.AVERAGE,
        }),
        threshold: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    } else {
      Annotations.of(this).addWarningV2(
        'local-memory:cloudfront-alarm-region',
        `CloudFront metrics exist only in us-east-1; the stack is in ${stack.region}, so the CloudFront 5xx alarm is not created (docs/operations.md).`,
      );
    }

    this.add('DownloadWindowsIncomplete', {
      alarmName: name('DownloadWindowsIncomplete'),
      alarmDescription:
        'The scheduled check found the current or next download window incomplete, or did not run, within the last hour. docs/operations.md#downloadwindowsincomplete',
      metric: props.windowCheck.metric,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No data means the check itself did not run: that is an alarm too.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    const api = props.api;
    if (!api) return;
    const fn = api.handler;
    const requests = fn.metric('UrlRequestCount', {
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
    const errors5xx = fn.metric('Url5xxCount', { statistic: 'Sum', period: Duration.minutes(5) });
    this.add('ApiServerErrorRate', {
      alarmName: name('ApiServerErrorRate'),
      alarmDescription:
        'More than 5% of API requests (Function URL) answered 5xx in 2 of the last 3 periods of 5 minutes, counted only with at least 5 requests. docs/operations.md#apiservererrorrate',
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests >= 5, 100 * errors / requests, 0)',
        usingMetrics: { requests, errors: errors5xx },
        label: 'API 5xx %',
        period: Duration.minutes(5),
      }),
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.add('ApiErrors', {
      alarmName: name('ApiErrors'),
      alarmDescription:
        'The API Lambda failed an invocation (crash, timeout, failed start, failed asynchronous resend) in the last 5 minutes. docs/operations.md#apierrors',
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.add('ApiThrottles', {
      alarmName: name('ApiThrottles'),
      alarmDescription:
        'The API Lambda hit its reserved concurrency (requests answered 429 or resends delayed) in the last 5 minutes. docs/operations.md#apithrottles',
      metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.add('ResendDeadLetters', {
      alarmName: name('ResendDeadLetters'),
      alarmDescription:
        'An asynchronous resend failed every attempt and waits in the dead-letter queue. docs/operations.md#resenddeadletters',
      metric: api.asyncDeadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of ['WebhookFailures', 'LicenseEmailsNotSent'] as const) {
      const filter = new logs.MetricFilter(this, `${alarm}Filter`, {
        logGroup: api.logGroup,
        filterPattern: logs.FilterPattern.literal(logAlarmPattern(alarm)),
        metricNamespace: `LocalMemory/${stack.stackName}`,
        metricName: alarm,
        metricValue: '1',
      });
      this.add(alarm, {
        alarmName: name(alarm),
        alarmDescription: `${LOG_ALARM_EVENTS[alarm].messages.map((m) => `"${m}"`).join(', ')} in the API log within 5 minutes. docs/operations.md#${alarm.toLowerCase()}`,
        metric: filter.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
  }

  private add(id: string, props: cloudwatch.AlarmProps): void {
    const alarm = new cloudwatch.Alarm(this, id, props);
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
