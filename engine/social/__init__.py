"""Social trading math: copy sizing, leaderboard metrics, fees and revenue share (pure)."""
