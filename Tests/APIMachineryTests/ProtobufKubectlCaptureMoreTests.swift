import Testing

@Suite("Protobuf decoding: bodies captured from kubectl 1.32 (workloads, networking, auth)")
struct ProtobufKubectlCaptureMoreTests {
    @Test(arguments: Self.captures)
    func decodesLikeKubectlJSON(_ capture: KubectlCapture) throws {
        try capture.check()
    }

    static let captures: [KubectlCapture] = [
        KubectlCapture(
            "kubectl create deployment",
            hex: """
            6b3873000a150a07617070732f7631120a4465706c6f796d656e7412bd010a1f0a0377656212001a0022002a00320038
            0042005a0a0a036170701203776562128b010803120c0a0a0a0361707012037765621a710a1c0a0012001a0022002a00
            3200380042005a0a0a036170701203776562125112330a056e67696e78120a6e67696e783a312e32372a00320a0a0010
            00185022002a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a
            0100c2010022020a00280038001a0c0800100018002000280038001a002200
            """,
            json: #"""
            {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null,
            "labels":{"app":"web"}},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
            "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
            "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}],
            "resources":{}}]}},"strategy":{}},"status":{}}
            """#),
        KubectlCapture(
            "kubectl create job",
            hex: """
            6b3873000a0f0a0862617463682f763112034a6f62128a010a120a02706912001a0022002a00320038004200126a3268
            0a100a0012001a0022002a00320038004200125412310a02706912047065726c1a047065726c1a022d651a077072696e
            7420312a0042006a007200800100880100900100a201001a054e65766572320042004a0052005800600068008201008a
            01009a0100c201001a082000280030003a001a002200
            """,
            json: #"""
            {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"pi","creationTimestamp":null},
            "spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"pi",
            "image":"perl","command":["perl","-e","print 1"],"resources":{}}],"restartPolicy":"Never"}}},
            "status":{}}
            """#),
        KubectlCapture(
            "kubectl create cronjob",
            hex: """
            6b3873000a130a0862617463682f7631120743726f6e4a6f6212aa010a140a047469636b12001a0022002a0032003800
            4200128f010a0b2a2f35202a202a202a202a1a002a7e0a140a047469636b12001a0022002a0032003800420012663264
            0a100a0012001a0022002a00320038004200125012290a047469636b120762757379626f781a04646174652a0042006a
            007200800100880100900100a201001a094f6e4661696c757265320042004a0052005800600068008201008a01009a01
            00c201001a001a002200
            """,
            json: #"""
            {"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"tick","creationTimestamp":null},
            "spec":{"schedule":"*/5 * * * *","jobTemplate":{"metadata":{"name":"tick","creationTimestamp":null},
            "spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"tick",
            "image":"busybox","command":["date"],"resources":{}}],"restartPolicy":"OnFailure"}}}}},"status":{}}
            """#),
        KubectlCapture(
            "kubectl create ingress",
            hex: """
            6b3873000a1f0a146e6574776f726b696e672e6b38732e696f2f76311207496e677265737312710a1e0a0673696d706c
            6512001a0022002a0032003800420062060a0161120162124b12120a07666f6f2e636f6d12076d792d636572741a2e0a
            07666f6f2e636f6d12230a210a1f0a042f626172120f220d0a047376633112050a0010903f1a0650726566697822056e
            67696e781a020a001a002200
            """,
            json: #"""
            {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"simple",
            "creationTimestamp":null,"annotations":{"a":"b"}},"spec":{"ingressClassName":"nginx",
            "tls":[{"hosts":["foo.com"],"secretName":"my-cert"}],"rules":[{"host":"foo.com",
            "http":{"paths":[{"path":"/bar","pathType":"Prefix","backend":{"service":{"name":"svc1",
            "port":{"number":8080}}}}]}}]},"status":{"loadBalancer":{}}}
            """#),
        KubectlCapture(
            "kubectl create ingress --default-backend",
            hex: """
            6b3873000a1f0a146e6574776f726b696e672e6b38732e696f2f76311207496e677265737312590a140a0464666c7412
            001a0022002a00320038004200123d0a1222100a047376633212080a046874747010001a270a0012230a210a1f0a062f
            6578616374120e220c0a047376633312040a0010501a0545786163741a020a001a002200
            """,
            json: #"""
            {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"dflt",
            "creationTimestamp":null},"spec":{"defaultBackend":{"service":{"name":"svc2",
            "port":{"name":"http"}}},"rules":[{"http":{"paths":[{"path":"/exact","pathType":"Exact",
            "backend":{"service":{"name":"svc3","port":{"number":80}}}}]}}]},"status":{"loadBalancer":{}}}
            """#),
        KubectlCapture(
            "kubectl create pdb --min-available",
            hex: """
            6b3873000a200a09706f6c6963792f76311213506f6444697372757074696f6e427564676574123f0a160a066d792d70
            646212001a0022002a0032003800420012190a09080110001a03353025120c0a0a0a0361707012037765621a0a080018
            002000280030001a002200
            """,
            json: #"""
            {"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"my-pdb",
            "creationTimestamp":null},"spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}},
            "status":{"disruptionsAllowed":0,"currentHealthy":0,"desiredHealthy":0,"expectedPods":0}}
            """#),
        KubectlCapture(
            "kubectl create pdb --max-unavailable",
            hex: """
            6b3873000a200a09706f6c6963792f76311213506f6444697372757074696f6e42756467657412380a120a0270321200
            1a0022002a003200380042001216120c0a0a0a0361707012037765621a06080010011a001a0a08001800200028003000
            1a002200
            """,
            json: #"""
            {"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"p2",
            "creationTimestamp":null},"spec":{"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":1},
            "status":{"disruptionsAllowed":0,"currentHealthy":0,"desiredHealthy":0,"expectedPods":0}}
            """#),
        KubectlCapture(
            "kubectl create priorityclass",
            hex: """
            6b3873000a250a147363686564756c696e672e6b38732e696f2f7631120d5072696f72697479436c61737312260a140a
            046869676812001a0022002a0032003800420010e8071800220268692a054e657665721a002200
            """,
            json: #"""
            {"kind":"PriorityClass","apiVersion":"scheduling.k8s.io/v1","metadata":{"name":"high",
            "creationTimestamp":null},"value":1000,"description":"hi","preemptionPolicy":"Never"}
            """#),
        KubectlCapture(
            "kubectl create token",
            hex: """
            6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52657175657374123d
            0a100a0012001a0022002a0032003800420012230a1e68747470733a2f2f6b756265726e657465732e64656661756c74
            2e73766320901c1a040a0012001a002200
            """,
            json: #"""
            {"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1",
            "metadata":{"creationTimestamp":null},"spec":{"audiences":["https://kubernetes.default.svc"],
            "expirationSeconds":3600},"status":{"token":"","expirationTimestamp":null}}
            """#),
        KubectlCapture(
            "kubectl auth can-i",
            hex: """
            6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a65637441636365
            7373526576696577123f0a100a0012001a0022002a0032003800420012210a1f0a0764656661756c7412066372656174
            651a0022002a04706f647332003a001a08080012001a0020001a002200
            """,
            json: #"""
            {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
            "metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"namespace":"default",
            "verb":"create","resource":"pods"}},"status":{"allowed":false}}
            """#),
        KubectlCapture(
            "kubectl auth can-i --list",
            hex: """
            6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c665375626a65637452756c65
            7352657669657712230a100a0012001a0022002a0032003800420012090a0764656661756c741a04180022001a002200
            """,
            json: #"""
            {"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1",
            "metadata":{"creationTimestamp":null},"spec":{"namespace":"default"},"status":{"incomplete":false}}
            """#),
        KubectlCapture(
            "kubectl auth whoami",
            hex: """
            6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375626a656374526576
            696577121a0a100a0012001a0022002a0032003800420012060a040a0012001a002200
            """,
            json: #"""
            {"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1",
            "metadata":{"creationTimestamp":null},"status":{"userInfo":{}}}
            """#),
    ]
}
