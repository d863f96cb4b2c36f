"""Asynchronous reports: jobs, their builders, the files they produce, and report status."""
