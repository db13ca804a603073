// Kubernetes-compatible API server for embedded mode.
