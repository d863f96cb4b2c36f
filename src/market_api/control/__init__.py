"""The integrator control plane: the request log, fault rules, the shared clock, reset, snapshots,
scenario files and limit counters, on the admin API and the CLI."""
