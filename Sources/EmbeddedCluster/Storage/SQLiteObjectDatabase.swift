import Foundation
import GRDB

/// The on-disk side of the object store: one SQLite database in WAL mode.
///
/// Every write is one transaction that stores the object, appends the watch
/// event and advances the resource version counter, so after a crash (even
/// kill -9) objects, versions and the retained history agree.
final class SQLiteObjectDatabase: Sendable {
    private let queue: DatabaseQueue

    struct Snapshot {
        var resourceVersion: Int64
        var compactedResourceVersion: Int64
        var objects: [(resource: String, namespace: String, name: String, rv: Int64, data: Data)]
        var events: [(rv: Int64, resource: String, namespace: String, name: String, type: String, data: Data, previous: Data?)]
    }

    enum Mutation {
        case put(resource: String, namespace: String, name: String, rv: Int64, data: Data)
        case remove(resource: String, namespace: String, name: String)
    }

    init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "sympozium-objects"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            // NORMAL in WAL mode survives a process crash; only power loss can lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS objects (
                        resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                        rv INTEGER NOT NULL, data BLOB NOT NULL,
                        PRIMARY KEY (resource, namespace, name)) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS events (
                        rv INTEGER PRIMARY KEY, resource TEXT NOT NULL, namespace TEXT NOT NULL,
                        name TEXT NOT NULL, type TEXT NOT NULL, data BLOB NOT NULL, previous BLOB);
                    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                    INSERT OR IGNORE INTO meta (key, value) VALUES ('rv', 1), ('compacted', 1);
                    """)
        }
    }

    func load() throws -> Snapshot {
        try queue.read { db in
            let rv = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'rv'") ?? 1
            let compacted = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'compacted'") ?? 1
            var objects: [(String, String, String, Int64, Data)] = []
            let objectRows = try Row.fetchCursor(db, sql: "SELECT resource, namespace, name, rv, data FROM objects")
            while let row = try objectRows.next() {
                objects.append((row[0], row[1], row[2], row[3], row[4]))
            }
            var events: [(Int64, String, String, String, String, Data, Data?)] = []
            let eventRows = try Row.fetchCursor(
                db, sql: "SELECT rv, resource, namespace, name, type, data, previous FROM events ORDER BY rv")
            while let row = try eventRows.next() {
                events.append((row[0], row[1], row[2], row[3], row[4], row[5], row[6]))
            }
            return Snapshot(resourceVersion: rv, compactedResourceVersion: compacted, objects: objects, events: events)
        }
    }

    /// Applies one change atomically, with its watch event.
    func commit(_ mutation: Mutation, rv: Int64, eventType: String, eventData: Data, previous: Data?) throws {
        try queue.write { db in
            switch mutation {
            case .put(let resource, let namespace, let name, let rv, let data):
                try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO objects (resource, namespace, name, rv, data) VALUES (?, ?, ?, ?, ?)"
                ).execute(arguments: [resource, namespace, name, rv, data])
                try db.cachedStatement(
                    sql: "INSERT INTO events (rv, resource, namespace, name, type, data, previous) VALUES (?, ?, ?, ?, ?, ?, ?)"
                ).execute(arguments: [rv, resource, namespace, name, eventType, eventData, previous])
            case .remove(let resource, let namespace, let name):
                try db.cachedStatement(sql: "DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?")
                    .execute(arguments: [resource, namespace, name])
                try db.cachedStatement(
                    sql: "INSERT INTO events (rv, resource, namespace, name, type, data, previous) VALUES (?, ?, ?, ?, ?, ?, ?)"
                ).execute(arguments: [rv, resource, namespace, name, eventType, eventData, previous])
            }
            try db.cachedStatement(sql: "UPDATE meta SET value = ? WHERE key = 'rv'").execute(arguments: [rv])
        }
    }

    /// Forgets events at or below `rv`; watches older than that get 410 Gone.
    func compact(through rv: Int64) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM events WHERE rv <= ?", arguments: [rv])
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'compacted'", arguments: [rv])
        }
    }

    /// `PRAGMA integrity_check`; "ok" when the database is sound.
    func integrityCheck() throws -> String {
        try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "unknown" }
    }
}
