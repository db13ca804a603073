/// The keys waiting in a `ReconcileQueue`, each at its due time, ordered by
/// that time: a dictionary for lookups and a binary min-heap for order.
///
/// Moving a key earlier pushes a new heap entry and leaves the old one behind;
/// an entry whose time no longer matches the dictionary is stale and is
/// dropped when it reaches the top, or when the heap is rebuilt because stale
/// entries outnumber live ones. Handing out the due keys therefore costs
/// O(log n) each, however many keys wait in the future.
struct DueKeys: ~Copyable {
    typealias Instant = ContinuousClock.Instant

    private struct Entry {
        let at: Instant
        let ref: ObjectRef
    }

    private var times: [ObjectRef: Instant] = [:]
    private var heap: [Entry] = []

    var count: Int { times.count }

    subscript(ref: ObjectRef) -> Instant? { times[ref] }

    /// Makes `ref` due at `instant`, unless it is already due earlier.
    mutating func schedule(_ ref: ObjectRef, at instant: Instant) {
        if let current = times[ref], current <= instant { return }
        times[ref] = instant
        push(Entry(at: instant, ref: ref))
        if heap.count > 2 * times.count + 1024 { rebuild() }
    }

    /// The earliest due time, if any key waits.
    mutating func earliest() -> Instant? {
        dropStaleTop()
        return heap.first?.at
    }

    /// Removes and returns up to `limit` keys due at or before `now`, earliest first.
    mutating func takeDue(now: Instant, limit: Int) -> [ObjectRef] {
        var taken: [ObjectRef] = []
        while taken.count < limit {
            dropStaleTop()
            guard let top = heap.first, top.at <= now else { break }
            popTop()
            times[top.ref] = nil
            taken.append(top.ref)
        }
        return taken
    }

    private mutating func dropStaleTop() {
        while let top = heap.first, times[top.ref] != top.at {
            popTop()
        }
    }

    private mutating func rebuild() {
        heap = times.map { Entry(at: $0.value, ref: $0.key) }
        var index = heap.count / 2
        while index > 0 {
            index -= 1
            siftDown(from: index)
        }
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].at < heap[parent].at else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popTop() {
        guard !heap.isEmpty else { return }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        siftDown(from: 0)
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            let right = left + 1
            let smaller = right < heap.count && heap[right].at < heap[left].at ? right : left
            guard heap[smaller].at < heap[parent].at else { return }
            heap.swapAt(parent, smaller)
            parent = smaller
        }
    }
}
