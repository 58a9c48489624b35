import { graphql } from '../gql';

/** Home-screen widgets (settings: widget tokens) and the watchlist the watchlist widget shows. */

export const WidgetTokensQuery = graphql(`
  query WidgetTokens {
    widgetTokens {
      id
      label
      createdAt
      expiresAt
    }
  }
`);

export const CreateWidgetTokenMutation = graphql(`
  mutation CreateWidgetToken($label: String!) {
    createWidgetToken(label: $label) {
      token
      widgetToken {
        id
        label
        createdAt
        expiresAt
      }
    }
  }
`);

export const RevokeWidgetTokenMutation = graphql(`
  mutation RevokeWidgetToken($id: ID!) {
    revokeWidgetToken(id: $id)
  }
`);

export const WatchlistFieldsFragment = graphql(`
  fragment WatchlistFields on Watchlist {
    isDefault
    maxEntries
    entries {
      venue
      symbol
    }
  }
`);

export const WatchlistQuery = graphql(`
  query Watchlist {
    watchlist {
      ...WatchlistFields
    }
  }
`);

export const AddToWatchlistMutation = graphql(`
  mutation AddToWatchlist($venue: String!, $symbol: String!) {
    addToWatchlist(venue: $venue, symbol: $symbol) {
      ...WatchlistFields
    }
  }
`);

export const RemoveFromWatchlistMutation = graphql(`
  mutation RemoveFromWatchlist($venue: String!, $symbol: String!) {
    removeFromWatchlist(venue: $venue, symbol: $symbol) {
      ...WatchlistFields
    }
  }
`);
