import type { ReactElement } from 'react';
import { render } from '@testing-library/react-native';
import { Provider, type Client, type GraphQLRequest } from 'urql';
import { CombinedError } from '@urql/core';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { concat, fromValue, never, pipe, take, toPromise, type Source } from 'wonka';
import { AuthProvider } from '../src/auth/AuthContext';

export type Handler = (variables: Record<string, unknown>) => Source<unknown>;

export function operationName(query: DocumentNode): string {
  for (const def of query.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION && def.name) return def.name.value;
  }
  throw new Error('no operation name');
}

/** A urql Client stand-in: each operation name maps to a wonka source (fromValue, never, ...). */
export function mockClient(handlers: Record<string, Handler>) {
  const run = jest.fn((request: GraphQLRequest) => {
    const name = operationName(request.query);
    const handler = handlers[name];
    if (!handler) throw new Error(`unexpected operation ${name}`);
    return handler((request.variables ?? {}) as Record<string, unknown>);
  });
  const client = {
    executeQuery: run,
    executeMutation: run,
    executeSubscription: run,
    // client.query(...).toPromise(): the first result of the operation.
    query: (query: DocumentNode, variables: Record<string, unknown>) => ({
      toPromise: () => pipe(run({ query, variables } as unknown as GraphQLRequest), take(1), toPromise),
    }),
  } as unknown as Client;
  return { client, run };
}

/** Emits once and stays open like a real urql operation (a completed source would reset `error`). */
export const once = (result: unknown): Source<unknown> => concat([fromValue(result), never]);
export const data = (value: unknown): Handler => () => once({ data: value });
export const pending = (): Handler => () => never;
export const gqlError = (code: string, message = code, extensions: Record<string, unknown> = {}): Handler => () =>
  once({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code, ...extensions } })] }) });
export const networkError = (): Handler => () =>
  once({ error: new CombinedError({ networkError: new Error('Network request failed') }) });

export function calls(run: jest.Mock, name: string) {
  return run.mock.calls.filter(([req]) => operationName((req as GraphQLRequest).query) === name);
}

export function renderWith(ui: ReactElement, client: Client, token: string | null = 'tok') {
  return render(
    <AuthProvider initialToken={token}>
      <Provider value={client}>{ui}</Provider>
    </AuthProvider>,
  );
}
