import EventBus
import Foundation
import Logging

/// What a route did with one event.
enum RouteOutcome: Sendable, Equatable {
    /// Handled (or nothing to do): acknowledge.
    case done
    /// A transient failure: deliver again after a while.
    case retry(after: Duration)
    /// The event can never be handled (malformed, names nothing): drop it.
    case reject(String)
}

/// One subscription and how its events are handled.
struct EventRoute: Sendable {
    var pattern: String
    var durableName: String
    var handle: @Sendable (BusEvent) async throws -> RouteOutcome
}

/// Consumes each route's durable subscription: at-least-once delivery, so
/// every handler is idempotent; errors are retried with backoff up to a
/// bound, then dropped with an error log.
struct EventRouter: Sendable {
    let bus: any EventBus
    let routes: [EventRoute]
    let logger: Logger
    var maxDeliveries = 10

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for route in routes {
                group.addTask { await consume(route) }
            }
        }
    }

    private func consume(_ route: EventRoute) async {
        var logger = self.logger
        logger[metadataKey: "route"] = "\(route.pattern)"
        while !Task.isCancelled {
            do {
                let subscription = try await bus.subscribe(
                    route.pattern, options: EventSubscriptionOptions(durableName: route.durableName, ackWait: .seconds(60)))
                await withTaskCancellationHandler {
                    await deliver(subscription, route: route, logger: logger)
                } onCancel: {
                    Task { await subscription.cancel() }
                }
            } catch {
                logger.warning("cannot subscribe, retrying", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    private func deliver(_ subscription: EventSubscription, route: EventRoute, logger: Logger) async {
        do {
            for try await delivery in subscription {
                let outcome: RouteOutcome
                do {
                    outcome = try await route.handle(delivery.event)
                } catch {
                    outcome = delivery.deliveryCount >= maxDeliveries ? .reject("gave up after \(delivery.deliveryCount) attempts: \(error)") : .retry(after: backoff(delivery.deliveryCount))
                    logger.warning("routing failed", metadata: ["topic": "\(delivery.event.topic)", "error": "\(error)", "attempt": "\(delivery.deliveryCount)"])
                }
                switch outcome {
                case .done: try? await delivery.ack()
                case .retry(let delay): try? await delivery.nak(delay: delay)
                case .reject(let reason):
                    logger.error("dropped an event", metadata: ["topic": "\(delivery.event.topic)", "reason": "\(reason)"])
                    try? await delivery.term()
                }
            }
        } catch {
            if !Task.isCancelled { logger.warning("subscription ended", metadata: ["error": "\(error)"]) }
        }
    }

    private func backoff(_ attempt: Int) -> Duration {
        .milliseconds(min(30_000, 250 << min(attempt, 7)))
    }
}
