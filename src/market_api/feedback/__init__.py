"""Shop reviews (feedback about a store), their comment threads, and the updates feed."""
