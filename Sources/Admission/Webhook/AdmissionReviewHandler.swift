import Foundation
import KubeModel
import Logging
import SympoziumAPI

/// Answers admission.k8s.io/v1 AdmissionReviews for AgentRuns: the mutating
/// path returns the engine's JSON Patch, the validating path its verdict.
public struct AdmissionReviewHandler: Sendable {
    public enum Path: Sendable {
        case mutate
        case validate
    }

    let reviewer: AgentRunReviewer
    let logger: Logger

    public init(reviewer: AgentRunReviewer, logger: Logger = Logger(label: "sympozium.webhook")) {
        self.reviewer = reviewer
        self.logger = logger
    }

    /// The response review for a request review. Never throws: a request it
    /// cannot judge is answered with an error the API server shows the user.
    public func handle(_ review: AdmissionReview, path: Path) async -> AdmissionReview {
        guard let request = review.request else {
            return AdmissionReview(response: .deny(uid: "", message: "the AdmissionReview has no request", reason: .badRequest, code: 400))
        }
        let operation: AgentRunAdmission.Operation
        switch request.operation {
        case .create: operation = .create
        case .update: operation = .update
        default: return AdmissionReview(response: .allow(uid: request.uid))
        }
        guard request.kind.kind == AgentRun.kind, request.subResource == nil, let object = request.object else {
            return AdmissionReview(response: .allow(uid: request.uid))
        }
        var metadata: Logger.Metadata = [
            "k8s.kind": "AgentRun", "k8s.namespace": "\(request.namespace ?? "")", "k8s.name": "\(request.name ?? "")",
        ]
        do {
            let decision = try await reviewer.review(
                operation: operation, object: object, oldObject: request.oldObject, namespace: request.namespace)
            switch path {
            case .mutate:
                var response = AdmissionResponse.allow(uid: request.uid)
                if !decision.patch.isEmpty { response.setJSONPatch(JSONValue.array(decision.patch).serializedJSON()) }
                return AdmissionReview(response: response)
            case .validate:
                guard let denial = decision.denial else { return AdmissionReview(response: .allow(uid: request.uid)) }
                metadata["rule"] = "\(denial.rule)"
                logger.info("denied an AgentRun", metadata: metadata)
                return AdmissionReview(response: .deny(uid: request.uid, message: denial.message))
            }
        } catch let error as AdmissionError {
            return AdmissionReview(response: .deny(uid: request.uid, message: error.message, reason: .badRequest, code: 400))
        } catch {
            metadata["error"] = "\(error)"
            logger.error("cannot judge an AgentRun", metadata: metadata)
            return AdmissionReview(
                response: .deny(uid: request.uid, message: "the policy webhook cannot judge the run: \(error)", reason: .internalError, code: 500))
        }
    }
}
