"""Exercises the embedded API server with the official Kubernetes Python client."""
import sys
import threading

from kubernetes import client, config, watch

GROUP, VERSION, PLURAL, NS = "sympozium.ai", "v1alpha1", "skillpacks", "default"


def main() -> int:
    config.load_kube_config()
    api = client.CustomObjectsApi()
    core = client.CoreV1Api()
    assert any(ns.metadata.name == "default" for ns in core.list_namespace().items)

    seen = []
    start = api.list_namespaced_custom_object(GROUP, VERSION, NS, PLURAL)
    version = start["metadata"]["resourceVersion"]

    def follow():
        stream = watch.Watch()
        for event in stream.stream(api.list_namespaced_custom_object, GROUP, VERSION, NS, PLURAL,
                                   resource_version=version, timeout_seconds=10):
            seen.append((event["type"], event["object"]["metadata"]["name"]))
            if len(seen) >= 2:
                stream.stop()

    watcher = threading.Thread(target=follow)
    watcher.start()

    body = {
        "apiVersion": f"{GROUP}/{VERSION}", "kind": "SkillPack",
        "metadata": {"name": "from-python"},
        "spec": {"skills": [{"name": "hello", "content": "# Hello"}]},
    }
    created = api.create_namespaced_custom_object(GROUP, VERSION, NS, PLURAL, body)
    assert created["metadata"]["uid"], created
    patched = api.patch_namespaced_custom_object(GROUP, VERSION, NS, PLURAL, "from-python",
                                                 {"spec": {"category": "testing"}})
    assert patched["spec"]["category"] == "testing", patched
    listed = api.list_namespaced_custom_object(GROUP, VERSION, NS, PLURAL)
    assert [item["metadata"]["name"] for item in listed["items"]] == ["from-python"], listed
    watcher.join(timeout=15)
    assert ("ADDED", "from-python") in seen and ("MODIFIED", "from-python") in seen, seen
    print("python client: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
