import { bearer, connectionParams, createApiClients } from '../src/graphql/client';
import { graphqlHttpUrl, graphqlWsUrl } from '../src/config';
import { errorKey } from '../src/graphql/errors';
import { TimeframesQuery } from '../src/graphql/documents';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';

const realFetch = globalThis.fetch;
afterAll(() => {
  globalThis.fetch = realFetch;
});

const wsOptions: Array<Record<string, unknown>> = [];
jest.mock('graphql-ws', () => ({
  createClient: (options: Record<string, unknown>) => {
    wsOptions.push(options);
    return { subscribe: jest.fn(), dispose: jest.fn() };
  },
}));

test('URLs default to the local server, http and ws on /graphql', () => {
  expect(graphqlHttpUrl()).toBe('http://127.0.0.1:8000/graphql');
  expect(graphqlWsUrl()).toBe('ws://127.0.0.1:8000/graphql');
  expect(graphqlWsUrl('https://api.example.com')).toBe('wss://api.example.com/graphql');
});

test('EXPO_PUBLIC_API_URL overrides the server URL', () => {
  const before = process.env.EXPO_PUBLIC_API_URL;
  process.env.EXPO_PUBLIC_API_URL = 'https://co.example.com/';
  try {
    expect(graphqlHttpUrl()).toBe('https://co.example.com/graphql');
    expect(graphqlWsUrl()).toBe('wss://co.example.com/graphql');
  } finally {
    if (before === undefined) delete process.env.EXPO_PUBLIC_API_URL;
    else process.env.EXPO_PUBLIC_API_URL = before;
  }
});

test('a web build served by the API talks to its own origin', () => {
  const before = process.env.EXPO_PUBLIC_API_URL;
  process.env.EXPO_PUBLIC_API_URL = 'same-origin';
  Object.defineProperty(globalThis, 'location', {
    value: { origin: 'http://127.0.0.1:8765' },
    configurable: true,
  });
  try {
    expect(graphqlHttpUrl()).toBe('http://127.0.0.1:8765/graphql');
    expect(graphqlWsUrl()).toBe('ws://127.0.0.1:8765/graphql');
  } finally {
    delete (globalThis as { location?: unknown }).location;
    if (before === undefined) delete process.env.EXPO_PUBLIC_API_URL;
    else process.env.EXPO_PUBLIC_API_URL = before;
  }
});

function mockFetch(body: unknown = { data: { timeframes: ['1m'] } }) {
  const fetchMock = jest.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
  );
  (globalThis as { fetch: unknown }).fetch = fetchMock;
  return fetchMock;
}

function sentHeaders(fetchMock: jest.Mock): Record<string, string> {
  const init = fetchMock.mock.calls[0][1] as RequestInit;
  return Object.fromEntries(Object.entries(init.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
}

test('the token goes in the Authorization header and in connection_init', async () => {
  wsOptions.length = 0;
  const fetchMock = mockFetch();
  const { client } = createApiClients('abc');
  const res = await client.query(TimeframesQuery, {}).toPromise();
  expect(res.data?.timeframes).toEqual(['1m']);
  expect(fetchMock.mock.calls[0][0]).toBe('http://127.0.0.1:8000/graphql');
  expect((fetchMock.mock.calls[0][1] as RequestInit).method).toBe('POST');
  expect(sentHeaders(fetchMock).authorization).toBe('Bearer abc');
  expect(wsOptions).toHaveLength(1);
  expect(wsOptions[0].url).toBe('ws://127.0.0.1:8000/graphql');
  expect((wsOptions[0].connectionParams as () => unknown)()).toEqual({ authorization: 'Bearer abc' });
  const shouldRetry = wsOptions[0].shouldRetry as (e: unknown) => boolean;
  expect(shouldRetry({ code: 1006 })).toBe(true);
  expect(shouldRetry({ code: 4403 })).toBe(false);
});

test('without a session nothing is sent', async () => {
  wsOptions.length = 0;
  const fetchMock = mockFetch();
  const { client } = createApiClients(null);
  await client.query(TimeframesQuery, {}).toPromise();
  expect(sentHeaders(fetchMock).authorization).toBeUndefined();
  expect((wsOptions[0].connectionParams as () => unknown)()).toEqual({});
  expect(bearer(null)).toBeUndefined();
  expect(connectionParams('t')).toEqual({ authorization: 'Bearer t' });
});

test('errors map to messages by extensions.code', () => {
  const gql = (code?: string) =>
    new CombinedError({ graphQLErrors: [new GraphQLError('x', { extensions: code ? { code } : {} })] });
  expect(errorKey(undefined)).toBeNull();
  expect(errorKey(gql('UNAUTHENTICATED'))).toBe('errors.UNAUTHENTICATED');
  expect(errorKey(gql('UNAUTHENTICATED'), { UNAUTHENTICATED: 'login.wrongCredentials' })).toBe('login.wrongCredentials');
  expect(errorKey(gql('SOMETHING_NEW'))).toBe('errors.generic');
  expect(errorKey(gql())).toBe('errors.generic');
  expect(errorKey(new CombinedError({ networkError: new Error('down') }))).toBe('errors.network');
});

test('an UNAUTHENTICATED answer to a request with a token ends the session', async () => {
  mockFetch({ data: null, errors: [{ message: 'session expired', extensions: { code: 'UNAUTHENTICATED' } }] });
  const ended = jest.fn();
  const { client } = createApiClients('expired', ended);
  const res = await client.query(TimeframesQuery, {}).toPromise();
  expect(res.error?.graphQLErrors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect(ended).toHaveBeenCalledTimes(1);

  // Without a token (e.g. a failed login) there is no session to end.
  const anon = jest.fn();
  await createApiClients(null, anon).client.query(TimeframesQuery, {}).toPromise();
  expect(anon).not.toHaveBeenCalled();
});
