import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
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

/**
 * urql over HTTP for queries/mutations and graphql-ws for subscriptions, both carrying the token.
 * `onSessionEnded` runs when the server answers UNAUTHENTICATED to a request made with a token
 * (expired or revoked session), so the app can drop it and go back to login.
 */
export function createApiClients(token: string | null, onSessionEnded?: () => void): ApiClients {
  const ws = createWsClient({
    url: graphqlWsUrl(),
    connectionParams: () => connectionParams(token),
    lazy: true,
    retryAttempts: Infinity,
    // Reconnect after network drops, but not when the server refused the session (4401/4403).
    shouldRetry: (e) => !(isCloseEvent(e) && (e.code === 4401 || e.code === 4403)),
  });
  const client = new Client({
    url: graphqlHttpUrl(),
    // POST always: the token never ends up in URLs or logs.
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError(error) {
          if (token && onSessionEnded && error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
            onSessionEnded();
          }
        },
      }),
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
    fetchOptions: (): RequestInit => {
      const authorization = bearer(token);
      const headers: Record<string, string> = authorization ? { authorization } : {};
      return { headers };
    },
  });
  return { client, ws };
}

function isCloseEvent(e: unknown): e is { code: number } {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number';
}
