"""GraphQL for bots: templates, bots, risk, lifecycle mutations, the kill switch, updates."""
