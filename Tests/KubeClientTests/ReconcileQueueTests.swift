import Foundation
import KubeModel
@testable import KubeRuntime
import Testing

/// The controller's scheduler on its own: due times, the single wake-up
/// timer, closing.
@Suite("ReconcileQueue")
struct ReconcileQueueTests {
    let later = ObjectRef(namespace: "default", name: "later")
    let sooner = ObjectRef(namespace: "default", name: "sooner")

    @Test("a key waits for its time")
    func waitsForDueTime() async {
        let queue = ReconcileQueue(concurrency: 4)
        queue.openGate()
        let start = ContinuousClock.now
        queue.schedule([later], at: start + .milliseconds(200))
        #expect(await queue.take() == [later])
        #expect(ContinuousClock.now - start >= .milliseconds(200))
    }

    @Test("a key scheduled sooner while take waits for a later one's timer runs first")
    func soonerKeyRearmsTimer() async {
        let queue = ReconcileQueue(concurrency: 4)
        queue.openGate()
        let start = ContinuousClock.now
        queue.schedule([later], at: start + .seconds(60))
        let first = Task { await queue.take() }
        // take() is (or soon will be) asleep until the later key's time; an
        // earlier key must wake it sooner.
        try? await Task.sleep(for: .milliseconds(30))
        queue.schedule([sooner], at: .now + .milliseconds(100))
        #expect(await first.value == [sooner])
        #expect(ContinuousClock.now - start < .seconds(30), "the earlier key is not held back by the later key's timer")
        queue.finish(sooner, next: nil)
        #expect(queue.pendingCount == 1)
        queue.close()
    }

    @Test("a key due now runs at once while a timer waits for a later one")
    func dueNowBeatsTimer() async {
        let queue = ReconcileQueue(concurrency: 1)
        queue.openGate()
        let start = ContinuousClock.now
        queue.schedule([later], at: start + .seconds(30))
        let taken = Task { await queue.take() }
        try? await Task.sleep(for: .milliseconds(20))
        queue.schedule([sooner])
        #expect(await taken.value == [sooner])
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(queue.pendingCount == 1)
    }

    @Test("close wakes a take that waits for a timer and ends it")
    func closeEndsTake() async {
        let queue = ReconcileQueue(concurrency: 1)
        queue.openGate()
        queue.schedule([later], at: .now + .seconds(30))
        let taken = Task { await queue.take() }
        try? await Task.sleep(for: .milliseconds(20))
        let start = ContinuousClock.now
        queue.close()
        #expect(await taken.value == nil)
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
