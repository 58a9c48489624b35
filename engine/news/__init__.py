"""News for strategies: headlines, sentiment scoring, RSS parsing and a seeded sim stream."""
