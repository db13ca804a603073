/// core/v1 Probe: a health check with exactly one handler (exec, httpGet, tcpSocket or grpc).
public struct Probe: Codable, Hashable, Sendable {
    public var exec: ExecAction?
    public var httpGet: HTTPGetAction?
    public var tcpSocket: TCPSocketAction?
    public var grpc: GRPCAction?
    public var initialDelaySeconds: Int32?
    public var timeoutSeconds: Int32?
    public var periodSeconds: Int32?
    public var successThreshold: Int32?
    public var failureThreshold: Int32?
    public var terminationGracePeriodSeconds: Int64?

    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        grpc: GRPCAction? = nil, initialDelaySeconds: Int32? = nil, timeoutSeconds: Int32? = nil,
        periodSeconds: Int32? = nil, successThreshold: Int32? = nil, failureThreshold: Int32? = nil,
        terminationGracePeriodSeconds: Int64? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.grpc = grpc
        self.initialDelaySeconds = initialDelaySeconds
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// core/v1 ExecAction.
public struct ExecAction: Codable, Hashable, Sendable {
    @OmitEmpty public var command: [String] = []

    public init(command: [String] = []) {
        self.command = command
    }
}

/// core/v1 HTTPGetAction.
public struct HTTPGetAction: Codable, Hashable, Sendable {
    public var path: String?
    /// A port number or a named container port.
    public var port: IntOrString
    public var host: String?
    /// "HTTP" (the default) or "HTTPS".
    public var scheme: String?
    @OmitEmpty public var httpHeaders: [HTTPHeader] = []

    public init(
        path: String? = nil, port: IntOrString, host: String? = nil, scheme: String? = nil,
        httpHeaders: [HTTPHeader] = []
    ) {
        self.path = path
        self.port = port
        self.host = host
        self.scheme = scheme
        self.httpHeaders = httpHeaders
    }
}

/// core/v1 HTTPHeader.
public struct HTTPHeader: Codable, Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// core/v1 TCPSocketAction.
public struct TCPSocketAction: Codable, Hashable, Sendable {
    public var port: IntOrString
    public var host: String?

    public init(port: IntOrString, host: String? = nil) {
        self.port = port
        self.host = host
    }
}

/// core/v1 GRPCAction.
public struct GRPCAction: Codable, Hashable, Sendable {
    public var port: Int32
    public var service: String?

    public init(port: Int32, service: String? = nil) {
        self.port = port
        self.service = service
    }
}
