import KubeModel
@testable import KubeRuntime
import Testing

/// The reconcile queue's waiting keys: earliest first, each key once.
@Suite("DueKeys")
struct DueKeysTests {
    typealias Instant = ContinuousClock.Instant
    let start = ContinuousClock.now

    func ref(_ index: Int) -> ObjectRef { ObjectRef(namespace: "default", name: "run-\(index)") }

    @Test("due keys come out earliest first; future keys stay")
    func earliestFirst() {
        var keys = DueKeys()
        for (index, offset) in [5, 1, 9, 3, 7].enumerated() {
            keys.schedule(ref(index), at: start + .seconds(offset))
        }
        #expect(keys.earliest() == start + .seconds(1))
        #expect(keys.takeDue(now: start + .seconds(6), limit: 10) == [ref(1), ref(3), ref(0)])
        #expect(keys.count == 2)
        #expect(keys.earliest() == start + .seconds(7))
        #expect(keys.takeDue(now: start + .seconds(6), limit: 10).isEmpty)
    }

    @Test("a key scheduled twice waits once, at its earlier time")
    func earlierTimeWins() {
        var keys = DueKeys()
        keys.schedule(ref(0), at: start + .seconds(10))
        keys.schedule(ref(0), at: start + .seconds(2))
        keys.schedule(ref(0), at: start + .seconds(20))
        #expect(keys.count == 1 && keys[ref(0)] == start + .seconds(2))
        #expect(keys.takeDue(now: start + .seconds(30), limit: 10) == [ref(0)])
        // The entry left behind at 10 s is stale: the key is gone.
        #expect(keys.earliest() == nil)
        #expect(keys.takeDue(now: start + .seconds(30), limit: 10).isEmpty)
    }

    @Test("the limit caps a batch; the rest stay due")
    func limitCapsBatch() {
        var keys = DueKeys()
        for index in 0..<5 { keys.schedule(ref(index), at: start) }
        #expect(keys.takeDue(now: start, limit: 2).count == 2)
        #expect(keys.count == 3)
        #expect(Set(keys.takeDue(now: start, limit: 10)).count == 3)
    }

    @Test("many reschedules keep order and lose no key (heap rebuilt on the way)")
    func rescheduleChurn() {
        var keys = DueKeys()
        let count = 500
        for index in 0..<count { keys.schedule(ref(index), at: start + .seconds(3600 + index)) }
        // Move every key earlier, several times: stale entries pile up past the rebuild threshold.
        for round in 1...6 {
            for index in 0..<count { keys.schedule(ref(index), at: start + .seconds(3600 - round * 600 + index)) }
        }
        #expect(keys.count == count)
        var order: [ObjectRef] = []
        while let earliest = keys.earliest() {
            order += keys.takeDue(now: earliest, limit: 7)
        }
        #expect(order == (0..<count).map(ref))
    }
}
