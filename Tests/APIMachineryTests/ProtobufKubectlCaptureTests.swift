import APIMachinery
import KubeModel
import Testing

/// A request body captured from kubectl v1.32.4 (typed `create` commands send
/// `application/vnd.kubernetes.protobuf`) and the JSON the same command prints
/// with `--dry-run=client -o json`, which the decoded body must equal.
struct KubectlCapture: Sendable, CustomTestStringConvertible {
    let command: String
    let hex: String
    let json: String

    init(_ command: String, hex: String, json: String) {
        self.command = command
        self.hex = hex
        self.json = json
    }

    var testDescription: String { command }

    var bytes: [UInt8] {
        let digits = Array(hex.unicodeScalars.filter { !$0.properties.isWhitespace })
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap { index in
            UInt8(String(String.UnicodeScalarView(digits[index...index + 1])), radix: 16)
        }
    }

    func check() throws {
        #expect(bytes.count * 2 == hex.unicodeScalars.filter { !$0.properties.isWhitespace }.count)
        #expect(try KubernetesProtobuf.decode(bytes) == protobufExpectedJSON(json))
    }
}

@Suite("Protobuf decoding: bodies captured from kubectl 1.32 (core, RBAC, services)")
struct ProtobufKubectlCaptureTests {
    @Test(arguments: Self.captures)
    func decodesLikeKubectlJSON(_ capture: KubectlCapture) throws {
        try capture.check()
    }

    static let captures: [KubectlCapture] = [
        KubectlCapture(
            "kubectl create configmap",
            hex: """
            6b3873000a0f0a0276311209436f6e6669674d617012350a1a0a0a6170702d636f6e66696712001a0022002a00320038
            00420012090a05656d7074791200120c0a046d6f6465120470726f641a002200
            """,
            json: #"""
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"app-config","creationTimestamp":null},
            "data":{"empty":"","mode":"prod"}}
            """#),
        KubectlCapture(
            "kubectl create secret generic",
            hex: """
            6b3873000a0c0a0276311206536563726574123d0a150a05637265647312001a0022002a00320038004200120e0a0462
            6c6f62120600ff1062696e12120a0870617373776f726412067333637233741a001a002200
            """,
            json: #"""
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"creds","creationTimestamp":null},
            "data":{"blob":"AP8QYmlu","password":"czNjcjN0"}}
            """#),
        KubectlCapture(
            "kubectl create serviceaccount",
            hex: """
            6b3873000a140a027631120e536572766963654163636f756e7412170a150a05726f626f7412001a0022002a00320038
            0042001a002200
            """,
            json: #"""
            {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"robot","creationTimestamp":null}}
            """#),
        KubectlCapture(
            "kubectl create namespace",
            hex: """
            6b3873000a0f0a02763112094e616d657370616365121b0a130a0364657612001a0022002a0032003800420012001a02
            0a001a002200
            """,
            json: #"""
            {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"dev","creationTimestamp":null},"spec":{},
            "status":{}}
            """#),
        KubectlCapture(
            "kubectl create role",
            hex: """
            6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f6c65123d0a1a0a0a
            706f642d72656164657212001a0022002a00320038004200121f0a036765740a046c69737412001a04706f64731a0a63
            6f6e6669676d6170731a002200
            """,
            json: #"""
            {"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"pod-reader",
            "creationTimestamp":null},"rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods",
            "configmaps"]}]}
            """#),
        KubectlCapture(
            "kubectl create clusterrole",
            hex: """
            6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c7573746572526f6c
            6512290a160a0672656164657212001a0022002a00320038004200120f0a036765742a082f6865616c74687a1a002200
            """,
            json: #"""
            {"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"reader",
            "creationTimestamp":null},"rules":[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}
            """#),
        KubectlCapture(
            "kubectl create rolebinding",
            hex: """
            6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f6c6542696e64696e
            671297010a160a0661646d696e7312001a0022002a00320038004200122a0a04557365721219726261632e617574686f
            72697a6174696f6e2e6b38732e696f1a05616c696365220012200a0e536572766963654163636f756e7412001a086465
            706c6f796572220263691a2f0a19726261632e617574686f72697a6174696f6e2e6b38732e696f120b436c7573746572
            526f6c651a0561646d696e1a002200
            """,
            json: #"""
            {"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"admins",
            "creationTimestamp":null},"subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io",
            "name":"alice"},{"kind":"ServiceAccount","name":"deployer","namespace":"ci"}],
            "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"}}
            """#),
        KubectlCapture(
            "kubectl create clusterrolebinding",
            hex: """
            6b3873000a320a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311212436c7573746572526f6c
            6542696e64696e6712710a130a0363726212001a0022002a00320038004200122a0a0547726f75701219726261632e61
            7574686f72697a6174696f6e2e6b38732e696f1a046465767322001a2e0a19726261632e617574686f72697a6174696f
            6e2e6b38732e696f120b436c7573746572526f6c651a04766965771a002200
            """,
            json: #"""
            {"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"crb",
            "creationTimestamp":null},"subjects":[{"kind":"Group","apiGroup":"rbac.authorization.k8s.io",
            "name":"devs"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole",
            "name":"view"}}
            """#),
        KubectlCapture(
            "kubectl create quota",
            hex: """
            6b3873000a130a027631120d5265736f7572636551756f7461123a0a110a017112001a0022002a003200380042001223
            0a0c0a04706f647312040a0231300a130a0c72657175657374732e63707512030a01321a001a002200
            """,
            json: #"""
            {"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"q","creationTimestamp":null},
            "spec":{"hard":{"pods":"10","requests.cpu":"2"}},"status":{}}
            """#),
        KubectlCapture(
            "kubectl create service clusterip",
            hex: """
            6b3873000a0d0a02763112075365727669636512750a250a066d792d73766312001a0022002a003200380042005a0d0a
            0361707012066d792d73766312480a1e0a09353637382d38303830120354435018ae2c2207080010903f1a002800120d
            0a0361707012066d792d7376631a002209436c757374657249503a00420052005a00600068001a020a001a002200
            """,
            json: #"""
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"my-svc","creationTimestamp":null,
            "labels":{"app":"my-svc"}},"spec":{"ports":[{"name":"5678-8080","protocol":"TCP","port":5678,
            "targetPort":8080}],"selector":{"app":"my-svc"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}
            """#),
        KubectlCapture(
            "kubectl create service nodeport",
            hex: """
            6b3873000a0d0a02763112075365727669636512670a1d0a026e7012001a0022002a003200380042005a090a03617070
            12026e7012420a1d0a0738302d38303830120354435018502207080010903f1a002880eb0112090a0361707012026e70
            1a0022084e6f6465506f72743a00420052005a00600068001a020a001a002200
            """,
            json: #"""
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"np","creationTimestamp":null,
            "labels":{"app":"np"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,
            "targetPort":8080,"nodePort":30080}],"selector":{"app":"np"},"type":"NodePort"},
            "status":{"loadBalancer":{}}}
            """#),
        KubectlCapture(
            "kubectl create service externalname",
            hex: """
            6b3873000a0d0a027631120753657276696365125a0a1f0a0365787412001a0022002a003200380042005a0a0a036170
            7012036578741233120a0a0361707012036578741a00220c45787465726e616c4e616d653a004200520b6578616d706c
            652e636f6d5a00600068001a020a001a002200
            """,
            json: #"""
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"ext","creationTimestamp":null,
            "labels":{"app":"ext"}},"spec":{"selector":{"app":"ext"},"type":"ExternalName",
            "externalName":"example.com"},"status":{"loadBalancer":{}}}
            """#),
    ]
}
