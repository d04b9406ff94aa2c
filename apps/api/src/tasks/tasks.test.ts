import { describe, expect, it } from 'vitest';
import { isTaskPayload, parseTask, TASK_FIELD, type Task, taskPayload } from './tasks.js';

describe('task payloads (what the Lambda entry invokes itself with)', () => {
  const tasks: Task[] = [
    { kind: 'resend', email: 'jane@example.com', client: '192.0.2.1' },
    { kind: 'fulfil', sessionId: `cs_test_${'a'.repeat(58)}` },
    { kind: 'account-link', email: 'jane@example.com' },
  ];

  it('round-trips every kind through JSON', () => {
    for (const task of tasks) {
      const payload = JSON.parse(JSON.stringify(taskPayload(task))) as Record<string, unknown>;
      expect(isTaskPayload(payload)).toBe(true);
      expect(parseTask(payload)).toEqual(task);
    }
  });

  it('refuses a payload whose fields are wrong, naming the shapes it takes', () => {
    for (const bad of [
      { [TASK_FIELD]: 'account-link' },
      { [TASK_FIELD]: 'account-link', email: 'no-at-sign' },
      { [TASK_FIELD]: 'something-else', email: 'jane@example.com' },
    ]) {
      expect(() => parseTask(bad)).toThrow(/"account-link","email"/);
    }
  });
});
