/**
 * The Lambda entry's {@link Dispatch}: an asynchronous invocation (`InvocationType: 'Event'`) of
 * this same function (`AWS_LAMBDA_FUNCTION_NAME`) with the task as payload; Lambda queues it and
 * the handler runs it in its own invocation, after this one has answered.
 * @module
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { type Dispatch, taskPayload } from './tasks.js';

/**
 * Dispatch tasks by invoking `functionName` asynchronously.
 * @param client - a Lambda client (tests aim it at a loopback stand-in)
 * @param functionName - this function's name, from `AWS_LAMBDA_FUNCTION_NAME`
 */
export function lambdaDispatch(client: LambdaClient, functionName: string): Dispatch {
  return async (task) => {
    const out = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(taskPayload(task))),
      }),
    );
    if (out.StatusCode !== 202) {
      throw new Error(`Lambda did not queue the task (status ${String(out.StatusCode)})`);
    }
  };
}
