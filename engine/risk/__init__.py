"""Risk: hard limits for bots and accounts (limits.py), portfolio VaR (var.py)."""
