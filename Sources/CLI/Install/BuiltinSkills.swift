/// The skill packs `sympozium install` puts in sympozium-system, usable from
/// every namespace. Written for this project.
enum BuiltinSkills {
    /// `skillImage("k8s-ops")` is the sidecar image shipped for a pack (kubectl and the tool executor).
    static func yaml(namespace: String, skillImage: (String) -> String) -> String {
        """
        apiVersion: sympozium.ai/v1alpha1
        kind: SkillPack
        metadata:
          name: k8s-ops
          namespace: \(namespace)
          labels: {sympozium.ai/builtin: "true", sympozium.ai/category: kubernetes}
        spec:
          category: kubernetes
          version: "0.1.0"
          source: builtin
          skills:
          - name: investigate
            description: Find out what is wrong with a workload before changing anything
            content: |
              # Investigate before you act

              kubectl in the skill sidecar uses this run's own short-lived credentials;
              run commands with the execute_command tool.

              1. Scope: `kubectl get pods -A --field-selector=status.phase!=Running` and
                 `kubectl get events -A --sort-by=.lastTimestamp | tail -30`.
              2. For one workload: `kubectl describe` it, then `kubectl logs --previous`
                 for containers that restarted.
              3. Say what you found and what you suspect, with the evidence, before
                 proposing a change.
          - name: change-safely
            description: Make changes that can be undone
            content: |
              # Change safely

              - Prefer `kubectl scale`, `kubectl rollout restart` and `kubectl rollout undo`
                over editing objects by hand.
              - Show the exact command before you run it; never delete a namespace,
                a PersistentVolumeClaim or a CRD.
              - After a change, watch `kubectl rollout status` until it settles and report it.
          sidecar:
            image: \(skillImage("k8s-ops"))
            mountWorkspace: true
            resources: {cpu: 100m, memory: 128Mi}
            rbac:
            - {apiGroups: ["", apps, batch], resources: [pods, pods/log, services, configmaps, events, deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs], verbs: [get, list, watch]}
            - {apiGroups: [apps], resources: [deployments, deployments/scale, statefulsets, statefulsets/scale], verbs: [patch, update]}
            clusterRBAC:
            - {apiGroups: [""], resources: [nodes, namespaces, events], verbs: [get, list, watch]}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SkillPack
        metadata:
          name: incident-response
          namespace: \(namespace)
          labels: {sympozium.ai/builtin: "true", sympozium.ai/category: sre}
        spec:
          category: sre
          version: "0.1.0"
          source: builtin
          skills:
          - name: triage
            description: A structured first pass over an incident
            content: |
              # Incident triage

              Answer, in this order and briefly:
              - **Impact**: who or what is affected, since when.
              - **Signals**: the alerts, events and logs that show it.
              - **Recent change**: deployments, config or scaling in the last hours.
              - **Likely cause** and your confidence in it.
              - **Next step**: one safe action, or what to ask a human.
          sidecar:
            image: \(skillImage("incident-response"))
            rbac:
            - {apiGroups: ["", apps], resources: [pods, pods/log, events, deployments, replicasets], verbs: [get, list, watch]}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SkillPack
        metadata:
          name: code-review
          namespace: \(namespace)
          labels: {sympozium.ai/builtin: "true", sympozium.ai/category: development}
        spec:
          category: development
          version: "0.1.0"
          source: builtin
          skills:
          - name: review
            description: How to review a change
            content: |
              # Reviewing a change

              Read the whole change first. Then report, most important first:
              correctness bugs, security problems (input handling, secrets, permissions),
              missing tests for new behaviour, and only then naming and style.
              Quote the lines you mean and suggest the fix.
        """
    }
}
