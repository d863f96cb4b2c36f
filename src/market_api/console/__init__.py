"""The web console: server-rendered pages under /console for the request log, the data, the quality
index and the control plane, behind the admin token."""
