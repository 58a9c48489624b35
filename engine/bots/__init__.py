"""Bots: what a bot is apart from its strategy — templates, its own ledger, order ids, lifecycle."""
