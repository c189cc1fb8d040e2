"""The reporting service's edges: the app and its assembly, HTTP routes, the dashboard, CLI."""
