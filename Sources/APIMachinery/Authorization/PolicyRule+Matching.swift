import KubeModel

/// `rbac.RuleAllows` and its helpers, with `*` wildcards.
extension PolicyRule {
    /// Whether this rule covers the request.
    public func allows(_ attributes: RequestAttributes) -> Bool {
        guard matchesVerb(attributes.verb) else { return false }
        guard attributes.isResourceRequest else { return matchesNonResourceURL(attributes.path) }
        return matchesAPIGroup(attributes.apiGroup)
            && matchesResource(attributes.combinedResource, subresource: attributes.subresource)
            && matchesResourceName(attributes.name)
    }

    public func matchesVerb(_ verb: String) -> Bool {
        verbs.contains { $0 == "*" || $0 == verb }
    }

    public func matchesAPIGroup(_ group: String) -> Bool {
        apiGroups.contains { $0 == "*" || $0 == group }
    }

    /// `combined` is `resource` or `resource/subresource`. A rule matches with
    /// `*`, the exact combined name, or `*/subresource`.
    public func matchesResource(_ combined: String, subresource: String) -> Bool {
        resources.contains { rule in
            if rule == "*" || rule == combined { return true }
            return !subresource.isEmpty && rule == "*/" + subresource
        }
    }

    /// An empty resourceNames list covers every name.
    public func matchesResourceName(_ name: String) -> Bool {
        resourceNames.isEmpty || resourceNames.contains(name)
    }

    /// Exact paths, `*`, or a prefix ending in `*` ("/apis/*").
    public func matchesNonResourceURL(_ path: String) -> Bool {
        nonResourceURLs.contains { rule in
            if rule == "*" || rule == path { return true }
            guard rule.hasSuffix("*") else { return false }
            var prefix = Substring(rule)
            while prefix.hasSuffix("*") { prefix = prefix.dropLast() }
            return path.hasPrefix(prefix)
        }
    }
}
