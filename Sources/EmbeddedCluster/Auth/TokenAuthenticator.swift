import APIMachinery
import Crypto
import Foundation
import KubeModel

/// Bearer-token authentication: the admin token written into the kubeconfig,
/// and ServiceAccount tokens issued through TokenRequest or token Secrets.
///
/// Service-account tokens are random; only their SHA-256 is stored, with the
/// ServiceAccount (and optional bound object) they stand for. A token stops
/// working when it expires or when its ServiceAccount or bound object is
/// deleted (a new object with the same name has a new uid).
public struct TokenAuthenticator: Sendable {
    /// Internal, unserved resource holding issued token records.
    static let tokens = ResourceKey(group: "internal.sympozium.ai", resource: "tokens")
    static let serviceAccounts = ResourceKey(group: "", resource: "serviceaccounts")

    let store: ObjectStore
    let adminToken: String

    public init(store: ObjectStore, adminToken: String) {
        self.store = store
        self.adminToken = adminToken
    }

    public static let admin = RequestUser(
        name: "kubernetes-admin", uid: "", groups: ["system:masters", "system:authenticated"])

    /// The user a bearer token stands for, or nil when it is not valid.
    public func authenticate(token: String) async -> RequestUser? {
        if constantTimeEquals(token, adminToken) { return Self.admin }
        guard token.hasPrefix("sym-sa-") else { return nil }
        guard let record = await store.get(Self.tokens, ObjectKey(namespace: "", name: Self.hash(token))),
            let object = try? record.object()
        else { return nil }
        if let expires = object["expiration"]?.stringValue.flatMap(Time.init(rfc3339:)), expires.date < Date() {
            return nil
        }
        guard let namespace = object["namespace"]?.stringValue, let name = object["serviceAccount"]?.stringValue,
            let account = await store.get(Self.serviceAccounts, ObjectKey(namespace: namespace, name: name)),
            account.uid == object["serviceAccountUID"]?.stringValue
        else { return nil }
        if let bound = object["boundResource"]?.stringValue.flatMap(ResourceKey.init(storageName:)),
            let boundName = object["boundName"]?.stringValue
        {
            let boundObject = await store.get(bound, ObjectKey(namespace: namespace, name: boundName))
            guard boundObject?.uid == object["boundUID"]?.stringValue else { return nil }
        }
        return Self.serviceAccountUser(namespace: namespace, name: name, uid: account.uid)
    }

    public static func serviceAccountUser(namespace: String, name: String, uid: String = "") -> RequestUser {
        RequestUser.serviceAccount(namespace: namespace, name: name, uid: uid)
    }

    /// Issues a token for a ServiceAccount, optionally bound to another object.
    public func issue(
        namespace: String, serviceAccount: StoredObject, expirationSeconds: Int64,
        bound: (resource: ResourceKey, object: StoredObject)? = nil
    ) async throws -> (token: String, expiration: Time) {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        let token = "sym-sa-" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let expiration = Time(Date().addingTimeInterval(TimeInterval(expirationSeconds)))
        var record: JSONValue = [
            "metadata": ["name": .string(Self.hash(token))],
            "namespace": .string(namespace), "serviceAccount": .string(serviceAccount.key.name),
            "serviceAccountUID": .string(serviceAccount.uid), "expiration": .string(expiration.description),
        ]
        if let bound {
            record["boundResource"] = .string(bound.resource.storageName)
            record["boundName"] = .string(bound.object.key.name)
            record["boundUID"] = .string(bound.object.uid)
        }
        _ = try await store.create(Self.tokens, ObjectKey(namespace: "", name: Self.hash(token)), object: record, fields: [:])
        return (token, expiration)
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
