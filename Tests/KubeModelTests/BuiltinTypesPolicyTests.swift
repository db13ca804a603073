import Foundation
import KubeModel
import Testing

@Suite("Built-in RBAC, networking, coordination and review types")
struct BuiltinTypesPolicyTests {
    @Test func decodesAndRoundTripsAClusterRole() throws {
        let role = try BuiltinFixture.roundTrip(
            ClusterRole.self,
            #"""
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRole",
              "metadata": {"labels": {"app.kubernetes.io/part-of": "sympozium"}, "name": "sympozium-agent"},
              "rules": [
                {"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list", "watch"]},
                {"apiGroups": ["sympozium.ai"], "resourceNames": ["default"], "resources": ["sympoziumpolicies"], "verbs": ["get"]},
                {"nonResourceURLs": ["/healthz", "/metrics"], "verbs": ["get"]}
              ]
            }
            """#)
        #expect(role.rules.count == 3)
        #expect(role.rules[0].apiGroups == [""])
        #expect(role.rules[1].resourceNames == ["default"])
        #expect(role.rules[2].nonResourceURLs == ["/healthz", "/metrics"])
        #expect(role.aggregationRule == nil)

        let aggregated = try BuiltinFixture.roundTrip(
            ClusterRole.self,
            #"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"sympozium-view"},
             "aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"sympozium.ai/aggregate-to-view":"true"}}]}}
            """#)
        #expect(aggregated.rules.isEmpty)
        let selector = aggregated.aggregationRule?.clusterRoleSelectors.first
        #expect(selector?.matchLabels["sympozium.ai/aggregate-to-view"] == "true")
    }

    @Test func decodesAndRoundTripsBindings() throws {
        let binding = try BuiltinFixture.roundTrip(
            RoleBinding.self,
            #"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding",
             "metadata":{"name":"agent","namespace":"default"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"sympozium-agent"},
             "subjects":[{"kind":"ServiceAccount","name":"agent","namespace":"default"},
                         {"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"devs"}]}
            """#)
        #expect(binding.roleRef == RoleRef(kind: "ClusterRole", name: "sympozium-agent"))
        #expect(binding.subjects == [.serviceAccount("agent", namespace: "default"), .group("devs")])

        let clusterBinding = ClusterRoleBinding(
            metadata: ObjectMeta(name: "b"), subjects: [.user("alice")],
            roleRef: RoleRef(kind: "ClusterRole", name: "view"))
        let json = try BuiltinFixture.json(clusterBinding)
        #expect(json["subjects"] == [["apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "alice"]])
    }

    @Test func decodesAndRoundTripsANetworkPolicy() throws {
        let policy = try BuiltinFixture.roundTrip(
            NetworkPolicy.self,
            #"""
            {
              "apiVersion": "networking.k8s.io/v1",
              "kind": "NetworkPolicy",
              "metadata": {"name": "agent-egress", "namespace": "default"},
              "spec": {
                "egress": [
                  {
                    "ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}],
                    "to": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                            "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}]
                  },
                  {
                    "ports": [{"endPort": 32768, "port": 32000, "protocol": "TCP"}, {"port": "https"}],
                    "to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": ["10.0.0.0/8", "169.254.169.254/32"]}}]
                  }
                ],
                "ingress": [{}],
                "podSelector": {"matchLabels": {"sympozium.ai/component": "agent"}},
                "policyTypes": ["Ingress", "Egress"]
              }
            }
            """#)
        #expect(policy.spec.podSelector.matchLabels == ["sympozium.ai/component": "agent"])
        #expect(policy.spec.policyTypes == [.ingress, .egress])
        #expect(policy.spec.ingress == [NetworkPolicyIngressRule()])
        #expect(policy.spec.egress.count == 2)
        #expect(policy.spec.egress[0].to.first?.podSelector?.matchLabels["k8s-app"] == "kube-dns")
        #expect(policy.spec.egress[0].ports.first?.protocol == .udp)
        #expect(policy.spec.egress[1].ports[0].endPort == 32768)
        #expect(policy.spec.egress[1].ports[1].port == .string("https"))
        #expect(policy.spec.egress[1].to.first?.ipBlock?.except.count == 2)

        let denyAll = NetworkPolicy(
            metadata: ObjectMeta(name: "deny"), spec: NetworkPolicySpec(policyTypes: [.ingress, .egress]))
        let json = try BuiltinFixture.json(denyAll)
        #expect(json["spec"] == ["podSelector": [:], "policyTypes": ["Ingress", "Egress"]])
        let empty = try BuiltinFixture.decode(NetworkPolicy.self, #"{"metadata":{"name":"x"},"spec":{}}"#)
        #expect(empty.spec == NetworkPolicySpec())
    }

    @Test func decodesAndRoundTripsALease() throws {
        let lease = try BuiltinFixture.roundTrip(
            Lease.self,
            #"""
            {
              "apiVersion": "coordination.k8s.io/v1",
              "kind": "Lease",
              "metadata": {"name": "sympozium-controller-leader", "namespace": "sympozium-system", "resourceVersion": "4711"},
              "spec": {
                "acquireTime": "2024-05-01T10:00:00.000000Z",
                "holderIdentity": "sympozium-controller-7d9f-abcde_5b1c",
                "leaseDurationSeconds": 15,
                "leaseTransitions": 3,
                "renewTime": "2024-05-01T10:05:30.500000Z"
              }
            }
            """#)
        #expect(lease.spec.holderIdentity == "sympozium-controller-7d9f-abcde_5b1c")
        #expect(lease.spec.leaseDurationSeconds == 15)
        #expect(lease.spec.leaseTransitions == 3)
        #expect(lease.spec.renewTime == MicroTime(Date(timeIntervalSince1970: 1_714_557_930.5)))
        let json = try BuiltinFixture.json(Lease(metadata: ObjectMeta(name: "l")))
        #expect(json["spec"] == .object([:]))
    }

    @Test func decodesAnAdmissionReviewAndAnswersIt() throws {
        let review = try BuiltinFixture.roundTrip(
            AdmissionReview.self,
            #"""
            {
              "apiVersion": "admission.k8s.io/v1",
              "kind": "AdmissionReview",
              "request": {
                "dryRun": false,
                "kind": {"group": "", "kind": "Pod", "version": "v1"},
                "name": "run-abc-x7k2p",
                "namespace": "default",
                "object": {
                  "apiVersion": "v1",
                  "kind": "Pod",
                  "metadata": {"name": "run-abc-x7k2p", "namespace": "default"},
                  "spec": {"containers": [{"image": "busybox", "name": "agent"}]}
                },
                "oldObject": null,
                "operation": "CREATE",
                "options": {"apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions"},
                "requestKind": {"group": "", "kind": "Pod", "version": "v1"},
                "requestResource": {"group": "", "resource": "pods", "version": "v1"},
                "resource": {"group": "", "resource": "pods", "version": "v1"},
                "uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
                "userInfo": {
                  "extra": {"authentication.kubernetes.io/pod-name": ["job-controller-abc"]},
                  "groups": ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"],
                  "uid": "b3d4",
                  "username": "system:serviceaccount:kube-system:job-controller"
                }
              }
            }
            """#)
        let request = try #require(review.request)
        #expect(request.kind == GroupVersionKind(group: "", version: "v1", kind: "Pod"))
        #expect(request.resource == GroupVersionResource(group: "", version: "v1", resource: "pods"))
        #expect(request.operation == .create)
        #expect(request.oldObject == nil)
        #expect(request.userInfo.groups.contains("system:authenticated"))
        #expect(request.userInfo.extra["authentication.kubernetes.io/pod-name"] == ["job-controller-abc"])
        let pod = try #require(try request.object?.decode(as: Pod.self))
        #expect(pod.spec.containers.first?.image == "busybox")

        var response = AdmissionResponse.allow(uid: request.uid)
        response.setJSONPatch(Data(#"[{"op":"add","path":"/metadata/labels","value":{"a":"b"}}]"#.utf8))
        let answer = AdmissionReview(response: response)
        let json = try BuiltinFixture.json(answer)
        #expect(BuiltinFixture.keys(json) == ["apiVersion", "kind", "response"])
        #expect(BuiltinFixture.keys(json["response"]) == ["uid", "allowed", "patch", "patchType"])
        #expect(json["response"]?["patchType"] == "JSONPatch")
        let decoded = try JSONDecoder().decode(AdmissionReview.self, from: BuiltinFixture.encode(answer))
        #expect(decoded == answer)
        let patch = decoded.response?.decodedPatch.map { String(decoding: $0, as: UTF8.self) }
        #expect(patch?.hasPrefix(#"[{"op":"add""#) == true)

        let denial = AdmissionResponse.deny(uid: "u", message: "image not allowed")
        #expect(denial.allowed == false)
        #expect(denial.result?.code == 403)
        #expect(denial.result?.reason == .forbidden)
    }

    @Test func decodesReviewsAndTokens() throws {
        let tokenReview = try BuiltinFixture.roundTrip(
            TokenReview.self,
            #"""
            {"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","metadata":{"creationTimestamp":null},
             "spec":{"token":"eyJhbGciOi"},
             "status":{"audiences":["https://kubernetes.default.svc"],"authenticated":true,
               "user":{"groups":["system:serviceaccounts"],"uid":"9a1b","username":"system:serviceaccount:default:agent"}}}
            """#)
        #expect(tokenReview.status?.authenticated == true)
        #expect(tokenReview.status?.user?.username == "system:serviceaccount:default:agent")

        let tokenRequest = try BuiltinFixture.roundTrip(
            TokenRequest.self,
            #"""
            {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest",
             "metadata":{"name":"agent","namespace":"default"},
             "spec":{"audiences":["sympozium"],"boundObjectRef":{"apiVersion":"v1","kind":"Pod","name":"p","uid":"u"},
               "expirationSeconds":3600},
             "status":{"expirationTimestamp":"2024-05-01T11:00:00Z","token":"eyJ"}}
            """#)
        #expect(tokenRequest.spec.boundObjectRef?.kind == "Pod")
        #expect(tokenRequest.status?.expirationTimestamp == Time(rfc3339: "2024-05-01T11:00:00Z"))

        let access = try BuiltinFixture.roundTrip(
            SelfSubjectAccessReview.self,
            #"""
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},
             "spec":{"resourceAttributes":{"group":"sympozium.ai","namespace":"default","resource":"agentruns","verb":"create"}},
             "status":{"allowed":false,"denied":true,"reason":"RBAC: denied"}}
            """#)
        #expect(access.spec.resourceAttributes?.resource == "agentruns")
        #expect(access.status?.allowed == false)
        #expect(access.status?.denied == true)

        let subject = try BuiltinFixture.roundTrip(
            SubjectAccessReview.self,
            #"""
            {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","metadata":{},
             "spec":{"nonResourceAttributes":{"path":"/metrics","verb":"get"},"user":"alice","groups":["devs"],
               "extra":{"scopes":["a","b"]},"uid":"1"},
             "status":{"allowed":true}}
            """#)
        #expect(subject.spec.extra["scopes"] == ["a", "b"])
        #expect(subject.status?.allowed == true)
    }

    @Test func decodesDiscoveryDocuments() throws {
        let resources = try BuiltinFixture.roundTrip(
            APIResourceList.self,
            #"""
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"batch/v1","resources":[
              {"name":"jobs","singularName":"job","namespaced":true,"kind":"Job",
               "verbs":["create","delete","deletecollection","get","list","patch","update","watch"],
               "categories":["all"],"storageVersionHash":"mudhfqk/qZY="},
              {"name":"jobs/status","singularName":"","namespaced":true,"kind":"Job","verbs":["get","patch","update"]}]}
            """#)
        #expect(resources.resources.count == 2)
        #expect(resources.resources[0].categories == ["all"])
        #expect(resources.resources[1].isSubresource)

        let groups = try BuiltinFixture.roundTrip(
            APIGroupList.self,
            #"""
            {"kind":"APIGroupList","apiVersion":"v1","groups":[
              {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],
               "preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}
            """#)
        #expect(groups.groups.first?.preferredVersion?.version == "v1")

        let versions = try BuiltinFixture.roundTrip(
            APIVersions.self,
            #"""
            {"kind":"APIVersions","versions":["v1"],
             "serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"172.18.0.2:6443"}]}
            """#)
        #expect(versions.versions == ["v1"])

        let table = try BuiltinFixture.roundTrip(
            Table.self,
            #"""
            {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"100"},
             "columnDefinitions":[
               {"name":"Name","type":"string","format":"name","description":"Name must be unique.","priority":0},
               {"name":"Age","type":"string","format":"","description":"CreationTimestamp","priority":0},
               {"name":"IP","type":"string","format":"","description":"Pod IP","priority":1}],
             "rows":[{"cells":["run-abc-x7k2p","5m",null],
                      "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                                "metadata":{"name":"run-abc-x7k2p","namespace":"default"}}}]}
            """#)
        #expect(table.columnDefinitions.map(\.name) == ["Name", "Age", "IP"])
        #expect(table.rows.first?.cells == ["run-abc-x7k2p", "5m", .null])
        #expect(table.metadata.resourceVersion == "100")
    }
}
