import APIMachinery
import Foundation
import Hummingbird
import KubeModel

/// Create-only review kinds: SelfSubjectAccessReview, SubjectAccessReview, TokenReview.
struct Reviews: Sendable {
    let authorizer: AuthorizerCache
    let authenticator: TokenAuthenticator

    func handle(_ type: ResourceType, body: JSONValue, user: RequestUser) async throws -> Response {
        switch type.kind {
        case "SelfSubjectAccessReview":
            var review = try ObjectValidation.decode(SelfSubjectAccessReview.self, body, type: type)
            review.status = await decide(for: user, resource: review.spec.resourceAttributes, nonResource: review.spec.nonResourceAttributes)
            review.fillTypeMeta()
            return Responses.encodable(review, status: .created)
        case "SubjectAccessReview":
            var review = try ObjectValidation.decode(SubjectAccessReview.self, body, type: type)
            let subject = RequestUser(name: review.spec.user ?? "", uid: review.spec.uid ?? "", groups: review.spec.groups)
            review.status = await decide(for: subject, resource: review.spec.resourceAttributes, nonResource: review.spec.nonResourceAttributes)
            review.fillTypeMeta()
            return Responses.encodable(review, status: .created)
        case "TokenReview":
            var review = try ObjectValidation.decode(TokenReview.self, body, type: type)
            if let token = review.spec.token, let reviewed = await authenticator.authenticate(token: token) {
                review.status = TokenReviewStatus(
                    authenticated: true, user: UserInfo(username: reviewed.name, uid: reviewed.uid, groups: reviewed.groups))
            } else {
                review.status = TokenReviewStatus(authenticated: false, error: "invalid bearer token")
            }
            review.fillTypeMeta()
            return Responses.encodable(review, status: .created)
        default:
            throw APIError.methodNotAllowed("\(type.kind) is not supported")
        }
    }

    private func decide(
        for user: RequestUser, resource: ResourceAttributes?, nonResource: NonResourceAttributes?
    ) async -> SubjectAccessReviewStatus {
        let attributes: RequestAttributes
        if let resource {
            attributes = RequestAttributes(
                user: user, verb: resource.verb ?? "", apiGroup: resource.group ?? "", apiVersion: resource.version ?? "",
                resource: resource.resource ?? "", subresource: resource.subresource ?? "",
                namespace: resource.namespace ?? "", name: resource.name ?? "")
        } else {
            attributes = RequestAttributes(user: user, verb: nonResource?.verb ?? "", path: nonResource?.path ?? "")
        }
        let decision = await authorizer.decide(attributes)
        return SubjectAccessReviewStatus(allowed: decision.allowed, reason: decision.reason.isEmpty ? nil : decision.reason)
    }
}
