"""The thin platform every domain stands on: config, database, auth, errors, limits."""
