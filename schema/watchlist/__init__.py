"""GraphQL for the watchlist: `watchlist`, `setWatchlist`, `addToWatchlist`,
`removeFromWatchlist`."""
