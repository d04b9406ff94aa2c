/**
 * Monitoring an operator receives: the encrypted topic and its email subscription, every alarm
 * (metric, threshold, actions), the metric filters on the API's log events (which the API must
 * still write), the scheduled download-window check, and CloudFront's access logs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOG_ALARM_EVENTS, logAlarmPattern } from '../lib/constructs/monitoring';
import { REPO_DIR } from '../lib/paths';
import { WINDOW_METRIC } from '../lib/window-check/check';
import {
  BROWSER,
  distributionConfig,
  type Json,
  resources,
  resourcesById,
  SERVER,
  type Synth,
  synth,
} from './synth-helpers';

/** Every alarm, by name suffix, in each mode. */
export const ALARMS = {
  browser: ['CloudFrontServerErrorRate', 'DownloadWindowsIncomplete'],
  server: [
    'CloudFrontServerErrorRate',
    'DownloadWindowsIncomplete',
    'ApiServerErrorRate',
    'ApiErrors',
    'ApiThrottles',
    'ResendDeadLetters',
    'WebhookFailures',
    'LicenseEmailsNotSent',
  ],
};

let browser: Synth;
let server: Synth;
beforeAll(() => {
  browser = synth({ ...BROWSER, accessLogRetentionDays: '7' });
  server = synth(SERVER);
});

const alarmsByName = (s: Synth): Record<string, Json> =>
  Object.fromEntries(
    resources(s.template, 'AWS::CloudWatch::Alarm').map((a) => [
      String(a.Properties.AlarmName).replace(/^LocalMemoryStorefront-/, ''),
      a.Properties,
    ]),
  );
const topicId = (s: Synth): string => {
  const ids = Object.keys(resourcesById(s.template, 'AWS::SNS::Topic'));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};

describe('the alarm topic', () => {
  it('is KMS-encrypted with a rotating key CloudWatch may use, TLS only, mailed to operatorEmail', () => {
    for (const s of [browser, server]) {
      const id = topicId(s);
      const topic = resourcesById(s.template, 'AWS::SNS::Topic')[id];
      const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
      const key = resourcesById(s.template, 'AWS::KMS::Key')[keyId];
      expect(key.Properties.EnableKeyRotation).toBe(true);
      const cloudwatch = key.Properties.KeyPolicy.Statement.find(
        (st: Json) => st.Principal?.Service === 'cloudwatch.amazonaws.com',
      );
      expect(cloudwatch.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
      s.template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'ops@example.com',
        TopicArn: { Ref: id },
      });
      const policy = resources(s.template, 'AWS::SNS::TopicPolicy')[0];
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });
});

describe('alarms', () => {
  it('has exactly the documented alarms in each mode, each notifying on alarm and on recovery', () => {
    for (const [mode, s] of [
      ['browser', browser],
      ['server', server],
    ] as const) {
      const alarms = alarmsByName(s);
      expect(Object.keys(alarms).sort(), mode).toEqual([...ALARMS[mode]].sort());
      for (const alarm of Object.values(alarms)) {
        expect(alarm.AlarmActions).toEqual([{ Ref: topicId(s) }]);
        expect(alarm.OKActions).toEqual([{ Ref: topicId(s) }]);
        expect(alarm.AlarmDescription).toMatch(/docs\/operations\.md#/);
      }
    }
  });

  it('watches the distribution-wide CloudFront 5xx rate (> 5 %, 2 of 3 five-minute periods)', () => {
    const alarm = alarmsByName(server).CloudFrontServerErrorRate;
    expect(alarm).toEqual(
      expect.objectContaining({
        Namespace: 'AWS/CloudFront',
        MetricName: '5xxErrorRate',
        Statistic: 'Average',
        Period: 300,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
      }),
    );
    // CloudFront publishes with both dimensions; an alarm with one would match nothing.
    expect(alarm.Dimensions).toHaveLength(2);
    expect(alarm.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'DistributionId', Value: { Ref: expect.stringMatching(/^SiteDistribution/) } },
        { Name: 'Region', Value: 'Global' },
      ]),
    );
  });

  it('alarms when a download window is incomplete or the check did not run within the hour', () => {
    const alarm = alarmsByName(browser).DownloadWindowsIncomplete;
    expect(alarm).toEqual(
      expect.objectContaining({
        Namespace: WINDOW_METRIC.namespace,
        MetricName: WINDOW_METRIC.name,
        Dimensions: [{ Name: WINDOW_METRIC.dimension, Value: 'LocalMemoryStorefront' }],
        Statistic: 'Minimum',
        Period: 3600,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      }),
    );
  });

  it('watches the API: 5xx rate, errors, throttles and the resend dead-letter queue', () => {
    const alarms = alarmsByName(server);
    const rate = alarms.ApiServerErrorRate;
    expect(rate.Threshold).toBe(5);
    expect(rate.Metrics[0].Expression).toBe('IF(requests >= 5, 100 * errors / requests, 0)');
    expect(rate.Metrics.slice(1).map((m: Json) => m.MetricStat.Metric.MetricName)).toEqual([
      'UrlRequestCount',
      'Url5xxCount',
    ]);
    for (const [name, metric] of [
      ['ApiErrors', 'Errors'],
      ['ApiThrottles', 'Throttles'],
    ] as const) {
      expect(alarms[name]).toEqual(
        expect.objectContaining({
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Statistic: 'Sum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      );
      expect(alarms[name].Dimensions).toEqual([
        { Name: 'FunctionName', Value: { Ref: expect.stringMatching(/^ApiHandler/) } },
      ]);
    }
    const dlq = alarms.ResendDeadLetters;
    expect(dlq).toEqual(
      expect.objectContaining({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 1,
      }),
    );
    expect(dlq.Dimensions[0].Value['Fn::GetAtt'][0]).toMatch(/^ApiAsyncDeadLetters/);
  });

  it('counts the API log events of failed webhooks and unsent license emails', () => {
    const filters = resources(server.template, 'AWS::Logs::MetricFilter');
    expect(filters).toHaveLength(2);
    const alarms = alarmsByName(server);
    for (const name of ['WebhookFailures', 'LicenseEmailsNotSent'] as const) {
      const filter = filters.find((f) => f.Properties.MetricTransformations[0].MetricName === name);
      expect(filter.Properties.FilterPattern).toBe(logAlarmPattern(name));
      expect(filter.Properties.LogGroupName.Ref).toMatch(/^ApiLogs/);
      expect(alarms[name]).toEqual(
        expect.objectContaining({
          Namespace: 'LocalMemory/LocalMemoryStorefront',
          MetricName: name,
          Threshold: 1,
        }),
      );
    }
    expect(logAlarmPattern('LicenseEmailsNotSent')).toBe(
      '{ ($.message = "background task failed") || ($.message = "fulfilment from the purchase page deferred") || ($.message = "fulfilment from the purchase page not dispatched") || ($.message = "paid purchase without an email address") || ($.message = "license email outcome unknown") || ($.message = "request failed" && $.code = "mail_unavailable") }',
    );
  });

  it('filters on log events the API really writes (apps/api/src)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
        return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
      });
    const code = sources(join(REPO_DIR, 'apps', 'api', 'src'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const messages = [
      ...Object.values(LOG_ALARM_EVENTS).flatMap((e) => e.messages),
      'request failed',
    ];
    for (const message of messages) {
      expect(code, message).toMatch(new RegExp(`\\.(warn|error)\\(\\s*'${message}'`));
    }
    expect(code).toContain(`${LOG_ALARM_EVENTS.LicenseEmailsNotSent.requestFailedCode}:`);
  });

  it('skips the CloudFront alarm (with a warning) when the stack is not in us-east-1', () => {
    const elsewhere = synth(BROWSER, 'eu-west-1');
    expect(Object.keys(alarmsByName(elsewhere))).toEqual(['DownloadWindowsIncomplete']);
    const warnings = elsewhere.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === 'aws:cdk:warning')
      .map((m) => String(m.data));
    expect(warnings.some((w) => /CloudFront metrics exist only in us-east-1/.test(w))).toBe(true);
  });
});

describe('the download-window check', () => {
  it('runs on Node.js 24 every 30 minutes with the bucket, prefix and secret it needs', () => {
    const functions = Object.entries(resourcesById(browser.template, 'AWS::Lambda::Function'));
    const [fnId, fn] = functions.find(([id]) => id.startsWith('WindowCheckHandler')) as [
      string,
      Json,
    ];
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    expect(fn.Properties.Environment.Variables).toEqual(
      expect.objectContaining({
        STACK_NAME: 'LocalMemoryStorefront',
        S3_PREFIX: 'downloads',
        S3_BUCKET: { Ref: expect.stringMatching(/^DownloadsBucket/) },
        DOWNLOAD_SECRET_ARN: { Ref: expect.stringMatching(/^DownloadSecret/) },
      }),
    );
    const rules = resources(browser.template, 'AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties).toEqual(
      expect.objectContaining({ ScheduleExpression: 'rate(30 minutes)', State: 'ENABLED' }),
    );
    expect(rules[0].Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0 },
      }),
    ]);
    // Server mode: the API's secret holds DOWNLOAD_SECRET already.
    const serverCheck = resources(server.template, 'AWS::Lambda::Function').find((f) =>
      String(f.Properties.Description).includes('download windows'),
    );
    expect(serverCheck.Properties.Environment.Variables.DOWNLOAD_SECRET_ARN.Ref).toMatch(
      /^ApiSecrets/,
    );
  });

  it('may read the downloads and list the bucket (404 for a missing window), nothing else', () => {
    const statements = resources(browser.template, 'AWS::IAM::Policy')
      .filter((p) => p.Properties.Roles.some((r: Json) => r.Ref.startsWith('WindowCheckRole')))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((s: Json) => [s.Action].flat()).sort();
    expect(actions).toEqual(
      [
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:GetObject',
        's3:ListBucket',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ].sort(),
    );
  });
});

describe('access logs', () => {
  it('sends CloudFront standard logs to a private bucket that expires them after the retention', () => {
    for (const [s, days] of [
      [browser, 7],
      [server, 30],
    ] as const) {
      const logging = distributionConfig(s.template).Logging;
      expect(logging.Prefix).toBe('cloudfront/');
      const bucketId = logging.Bucket['Fn::GetAtt'][0];
      const bucket = resourcesById(s.template, 'AWS::S3::Bucket')[bucketId];
      expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(
        expect.objectContaining({ ExpirationInDays: days, Status: 'Enabled' }),
      );
      expect(bucket.Properties.PublicAccessBlockConfiguration.BlockPublicPolicy).toBe(true);
    }
  });
});
