"""GraphQL face of the ML signals (thin over api/services/signals.py)."""
