"""Partner API clients generated from the official contract documents (scripts/generate-clients)."""
