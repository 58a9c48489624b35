"""Home-screen widgets: snapshots (readable with a widget token) and widget token management."""
