import Foundation

/// One container's log files: `<restart>.log`, the highest being current.
struct LogFiles: Sendable {
    let directory: URL

    func all() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap { name -> (Int, URL)? in
            guard name.hasSuffix(".log"), let number = Int(name.dropLast(4)) else { return nil }
            return (number, directory.appending(path: name))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    func current() -> URL? { all().last }

    func previous() -> URL? {
        let files = all()
        return files.count >= 2 ? files[files.count - 2] : nil
    }
}

/// Reads a log file, turning stored lines ("<timestamp> <text>") into what
/// pods/log returns.
struct LogReader: Sendable {
    let file: URL
    let timestamps: Bool
    let tailLines: Int?
    let since: String?

    static let timestampWidth = 30

    func readAll() -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        var lines = Self.lines(data)
        if let since { lines = lines.filter { Self.timestamp($0) >= since } }
        if let tailLines { lines = Array(lines.suffix(max(0, tailLines))) }
        return lines.flatMap { render($0) }
    }

    func render(_ line: ArraySlice<UInt8>) -> [UInt8] {
        if timestamps { return Array(line) + [UInt8(ascii: "\n")] }
        let start = line.startIndex + min(line.count, Self.timestampWidth + 1)
        return Array(line[start...]) + [UInt8(ascii: "\n")]
    }

    static func timestamp(_ line: ArraySlice<UInt8>) -> String {
        String(decoding: line.prefix(timestampWidth), as: UTF8.self)
    }

    static func lines(_ data: Data) -> [ArraySlice<UInt8>] {
        let bytes = [UInt8](data)
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    }

    /// Streams the file: first what readAll would return, then complete lines as they are appended.
    func follower() -> LogFollower { LogFollower(reader: self) }
}

struct LogFollower {
    let reader: LogReader
    var offset: UInt64 = 0
    var first = true

    mutating func next() -> [UInt8] {
        if first {
            first = false
            let size = (try? FileManager.default.attributesOfItem(atPath: reader.file.path)[.size] as? UInt64) ?? 0
            let all = reader.readAll()
            offset = size
            return all
        }
        guard let handle = try? FileHandle(forReadingFrom: reader.file) else { return [] }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        guard let data = try? handle.readToEnd(), let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let complete = data[data.startIndex...lastNewline]
        offset += UInt64(complete.count)
        return LogReader.lines(Data(complete)).flatMap { reader.render($0) }
    }
}
