/** Messages between the bus and a function isolate (a child process), over the IPC channel. */

export interface InitMessage {
  type: 'init';
  modulePath: string;
  handler: string;
}

/** What the handler receives as its second argument, Lambda-style. */
export interface InvocationContext {
  awsRequestId: string;
  functionName: string;
  invokedFunctionArn: string;
  ruleArn: string;
  ruleName: string;
  attempt: number;
  /** Epoch ms after which the invocation is abandoned. */
  deadlineMs: number;
}

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  event: unknown;
  context: InvocationContext;
}

export type ParentMessage = InitMessage | InvokeMessage;

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'init-error'; code: 'NO_RESOURCE' | 'INVALID_PARAMETER'; message: string }
  | { type: 'result'; id: number; ok: true }
  | { type: 'result'; id: number; ok: false; error: { name: string; message: string } }
  | { type: 'crash'; message: string };
