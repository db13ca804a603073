#!/bin/sh
# A kubeconfig exec credential plugin for tests: prints an ExecCredential
# with the token read from $PLUGIN_TOKEN_FILE; checks its arguments and
# that the client passed KUBERNETES_EXEC_INFO.
[ "$1" = "--audience" ] && [ "$2" = "sympozium" ] || { echo "unexpected arguments: $*" >&2; exit 2; }
case "$KUBERNETES_EXEC_INFO" in *ExecCredential*) ;; *) echo "KUBERNETES_EXEC_INFO missing" >&2; exit 3;; esac
token=$(cat "$PLUGIN_TOKEN_FILE") || exit 4
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}\n' "$token"
