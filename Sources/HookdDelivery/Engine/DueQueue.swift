import Foundation

/// The deliveries waiting for their time, earliest first, each at most once.
///
/// A binary min-heap keyed by due time; `contains` keeps a delivery from being queued twice
/// when the store and a publish both report it.
struct DueQueue {
    private var heap: [Entry] = []
    private var members: Set<String> = []

    struct Entry {
        var deliveryId: String
        var dueAt: Date
    }

    var count: Int { heap.count }

    /// When the earliest delivery is due, if any is queued.
    var nextDueAt: Date? { heap.first?.dueAt }

    func contains(_ deliveryId: String) -> Bool { members.contains(deliveryId) }

    /// Queues a delivery; returns false (and changes nothing) when it is already queued.
    @discardableResult
    mutating func insert(_ deliveryId: String, dueAt: Date) -> Bool {
        guard members.insert(deliveryId).inserted else { return false }
        heap.append(Entry(deliveryId: deliveryId, dueAt: dueAt))
        siftUp(heap.count - 1)
        return true
    }

    /// Removes and returns the earliest delivery when it is due at `now`.
    mutating func popDue(at now: Date) -> String? {
        guard let first = heap.first, first.dueAt <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        members.remove(first.deliveryId)
        return first.deliveryId
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].dueAt < heap[parent].dueAt else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].dueAt < heap[smallest].dueAt { smallest = left }
            if right < heap.count && heap[right].dueAt < heap[smallest].dueAt { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
