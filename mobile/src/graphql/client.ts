import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { graphqlHttpUrl, graphqlWsUrl } from '../config';

export interface ApiClients {
  client: Client;
  ws: WsClient;
}

/** Authorization header value for a session token. */
export function bearer(token: string | null): string | undefined {
  return token ? `Bearer ${token}` : undefined;
}

/** Payload of graphql-transport-ws `connection_init`: the server authenticates the socket from it. */
export function connectionParams(token: string | null): Record<string, string> {
  const value = bearer(token);
  return value ? { authorization: value } : {};
}

/** urql over HTTP for queries/mutations and graphql-ws for subscriptions, both carrying the token. */
export function createApiClients(token: string | null): ApiClients {
  const ws = createWsClient({
    url: graphqlWsUrl(),
    connectionParams: () => connectionParams(token),
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  const client = new Client({
    url: graphqlHttpUrl(),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
    fetchOptions: () => {
      const authorization = bearer(token);
      return { headers: authorization ? { authorization } : {} };
    },
  });
  return { client, ws };
}
