import KubeModel

extension JSONPatch {
    /// Applies the operations in order to `target`, all or nothing.
    public func apply(to target: JSONValue) throws(PatchError) -> JSONValue {
        var document = target
        for operation in operations {
            try Self.perform(operation, on: &document)
        }
        return document
    }

    private static func perform(_ operation: Operation, on document: inout JSONValue) throws(PatchError) {
        switch operation {
        case .add(let path, let value):
            try add(value, at: path, in: &document)
        case .remove(let path):
            _ = try remove(at: path, in: &document)
        case .replace(let path, let value):
            try replace(at: path, with: value, in: &document)
        case .move(let from, let path):
            guard !from.isProperPrefix(of: path) else {
                throw PatchError(.unprocessable, .invalidMove, "cannot move \(from) into its own child \(path)")
            }
            let value = try remove(at: from, in: &document)
            try add(value, at: path, in: &document)
        case .copy(let from, let path):
            try add(try value(at: from, in: document), at: path, in: &document)
        case .test(let path, let expected):
            guard try value(at: path, in: document).isSemanticallyEqual(to: expected) else {
                throw PatchError(.unprocessable, .testFailed, "testing value \(path) failed: test failed")
            }
        }
    }

    /// The value at `pointer`; throws `pathNotFound` when absent.
    static func value(at pointer: JSONPointer, in document: JSONValue) throws(PatchError) -> JSONValue {
        var current = document
        for token in pointer.tokens {
            switch current {
            case .object(let members):
                guard let child = members[token] else { throw missing(pointer) }
                current = child
            case .array(let items):
                current = items[try index(token, count: items.count, pointer: pointer, allowEnd: false)]
            default:
                throw missing(pointer)
            }
        }
        return current
    }

    private static func add(_ value: JSONValue, at pointer: JSONPointer, in document: inout JSONValue)
        throws(PatchError)
    {
        guard !pointer.tokens.isEmpty else {
            document = value
            return
        }
        try modifyParent(of: pointer, in: &document) { (parent: inout JSONValue, token: String) throws(PatchError) in
            switch parent {
            case .object(var members):
                members[token] = value
                parent = .object(members)
            case .array(var items):
                items.insert(value, at: try index(token, count: items.count, pointer: pointer, allowEnd: true))
                parent = .array(items)
            default:
                throw missing(pointer)
            }
        }
    }

    private static func remove(at pointer: JSONPointer, in document: inout JSONValue) throws(PatchError) -> JSONValue {
        guard !pointer.tokens.isEmpty else {
            throw PatchError(.unprocessable, .pathNotFound, "cannot remove the whole document")
        }
        var removed = JSONValue.null
        try modifyParent(of: pointer, in: &document) { (parent: inout JSONValue, token: String) throws(PatchError) in
            switch parent {
            case .object(var members):
                guard let value = members.removeValue(forKey: token) else { throw missing(pointer) }
                removed = value
                parent = .object(members)
            case .array(var items):
                removed = items.remove(at: try index(token, count: items.count, pointer: pointer, allowEnd: false))
                parent = .array(items)
            default:
                throw missing(pointer)
            }
        }
        return removed
    }

    private static func replace(at pointer: JSONPointer, with value: JSONValue, in document: inout JSONValue)
        throws(PatchError)
    {
        guard !pointer.tokens.isEmpty else {
            document = value
            return
        }
        try modifyParent(of: pointer, in: &document) { (parent: inout JSONValue, token: String) throws(PatchError) in
            switch parent {
            case .object(var members):
                guard members[token] != nil else { throw missing(pointer) }
                members[token] = value
                parent = .object(members)
            case .array(var items):
                items[try index(token, count: items.count, pointer: pointer, allowEnd: false)] = value
                parent = .array(items)
            default:
                throw missing(pointer)
            }
        }
    }

    /// Walks to the container holding the last token of `pointer` and runs `body` on it.
    private static func modifyParent(
        of pointer: JSONPointer, in document: inout JSONValue,
        _ body: (inout JSONValue, String) throws(PatchError) -> Void
    ) throws(PatchError) {
        try modify(&document, along: pointer.tokens[...], pointer: pointer, body)
    }

    private static func modify(
        _ value: inout JSONValue, along tokens: ArraySlice<String>, pointer: JSONPointer,
        _ body: (inout JSONValue, String) throws(PatchError) -> Void
    ) throws(PatchError) {
        guard let token = tokens.first else { return }
        guard tokens.count > 1 else {
            try body(&value, token)
            return
        }
        switch value {
        case .object(var members):
            guard var child = members[token] else { throw missing(pointer) }
            value = .null
            try modify(&child, along: tokens.dropFirst(), pointer: pointer, body)
            members[token] = child
            value = .object(members)
        case .array(var items):
            let position = try index(token, count: items.count, pointer: pointer, allowEnd: false)
            var child = items[position]
            value = .null
            try modify(&child, along: tokens.dropFirst(), pointer: pointer, body)
            items[position] = child
            value = .array(items)
        default:
            throw missing(pointer)
        }
    }

    /// Parses an array index token; `-` (and `count`) are valid only when adding.
    private static func index(_ token: String, count: Int, pointer: JSONPointer, allowEnd: Bool)
        throws(PatchError) -> Int
    {
        if token == "-" {
            guard allowEnd else {
                throw PatchError(.unprocessable, .invalidIndex, "\"-\" cannot be used here in \(pointer)")
            }
            return count
        }
        let isNumber = !token.isEmpty && token.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        guard isNumber, token == "0" || !token.hasPrefix("0"), let value = Int(token) else {
            throw PatchError(.unprocessable, .invalidIndex, "invalid array index \"\(token)\" in \(pointer)")
        }
        guard value < count || (allowEnd && value == count) else {
            throw PatchError(.unprocessable, .invalidIndex, "array index \(value) out of bounds in \(pointer)")
        }
        return value
    }

    private static func missing(_ pointer: JSONPointer) -> PatchError {
        PatchError(.unprocessable, .pathNotFound, "doc is missing path: \"\(pointer)\": missing value")
    }
}
