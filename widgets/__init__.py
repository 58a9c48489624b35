"""Home-screen widget snapshots: compact, versioned payloads and their JSON Schemas."""
