import EventBus
import Foundation
import Hummingbird
import HummingbirdWebSocket
import KubeModel
import Logging
import SympoziumAPI

/// One /ws/stream connection: bus events matching the client's filter go
/// out as `event` frames; `run` frames the client sends start AgentRuns.
/// The bus subscription lives exactly as long as the socket.
struct EventStream: Sendable {
    let bus: any EventBus
    let starter: RunStarter
    let settings: RouteSettings

    func serve(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, request: Request, logger: Logger) async throws {
        let filter = try StreamFilter(request)
        let namespace = try request.namespace(default: settings.defaultNamespace)
        let writer = FrameWriter(outbound: outbound)
        let subscription: EventSubscription
        do {
            subscription = try await bus.subscribe(filter.topic)
        } catch {
            logger.warning("cannot subscribe to the event bus", metadata: ["error": "\(error)"])
            try await writer.send(
                StreamFrame.Error(
                    APIError(.serviceUnavailable, code: APIError.Code.eventBusUnavailable, "cannot subscribe to the event bus: \(error)")))
            return
        }
        logger.debug("event stream opened", metadata: ["stream.topic": "\(filter.topic)"])
        do {
            try await writer.send(StreamFrame.Subscribed(filter: filter))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await forward(subscription, filter: filter, writer: writer) }
                group.addTask { try await readCommands(inbound, namespace: namespace, writer: writer, logger: logger) }
                // Whichever ends first (the client closed, or the bus) ends the other.
                _ = try await group.next()
                await subscription.cancel()
                group.cancelAll()
            }
        } catch {
            await subscription.cancel()
            logger.debug("event stream closed", metadata: ["error": "\(error)"])
            throw error
        }
        logger.debug("event stream closed")
    }

    /// Sends every matching event, acknowledged on receipt: a live view
    /// wants no redeliveries.
    private func forward(_ subscription: EventSubscription, filter: StreamFilter, writer: FrameWriter) async throws {
        while let delivery = try await subscription.next() {
            try? await delivery.ack()
            guard filter.matches(delivery.event) else { continue }
            try await writer.send(StreamFrame.Event(delivery.event))
        }
        if !Task.isCancelled {
            try? await writer.send(StreamFrame.Error(code: StreamFrame.Code.streamEnded, "the event bus closed the subscription"))
        }
    }

    private func readCommands(_ inbound: WebSocketInboundStream, namespace: String, writer: FrameWriter, logger: Logger) async throws {
        for try await message in inbound.messages(maxSize: settings.maxRequestBodyBytes) {
            switch message {
            case .text(let text):
                try await handle(Array(text.utf8), namespace: namespace, writer: writer, logger: logger)
            case .binary:
                try await writer.send(
                    StreamFrame.Error(code: StreamFrame.Code.badFrame, "binary frames are not understood; send JSON text frames"))
            }
        }
    }

    /// One client frame; a bad one gets an error frame, never a disconnect.
    private func handle(_ bytes: [UInt8], namespace: String, writer: FrameWriter, logger: Logger) async throws {
        let frame: JSONValue
        do {
            frame = try JSONParser.parse(bytes)
        } catch {
            try await writer.send(StreamFrame.Error(APIError.malformedJSON("\(error)")))
            return
        }
        let id = frame["id"]?.stringValue
        guard let type = frame["type"]?.stringValue else {
            try await writer.send(StreamFrame.Error(id: id, code: StreamFrame.Code.badFrame, "a frame is a JSON object with a \"type\", such as {\"type\": \"run\", \"instance\": ..., \"task\": ...}"))
            return
        }
        switch type {
        case "run":
            do {
                let body = JSONBody(bytes: bytes, value: frame)
                let request = try body.decode(as: RunRequest.self, what: "run frame")
                let target = try ResourceRoutes<AgentRun>.namespace(query: nil, body: request.namespace, fallback: namespace)
                let run = try await starter.start(request, namespace: target, logger: logger)
                try await writer.send(
                    StreamFrame.RunCreated(id: id, name: run.metadata.name ?? "", namespace: target, instance: request.instance))
            } catch {
                let answer = APIError.from(error)
                if answer.status.kind == .serverError {
                    logger.error("run frame failed", metadata: ["error": "\(error)"])
                }
                try await writer.send(StreamFrame.Error(id: id, answer))
            }
        default:
            try await writer.send(
                StreamFrame.Error(id: id, code: StreamFrame.Code.unknownFrameType, "unknown frame type \"\(type.prefix(50))\"; the server understands \"run\""))
        }
    }
}
