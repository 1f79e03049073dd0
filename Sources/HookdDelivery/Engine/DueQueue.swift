import Foundation

/// The deliveries waiting for their time, earliest first, each at most once.
///
/// A binary min-heap keyed by due time, ties in the order queued (so deliveries due
/// together go in publish order). Removal is lazy: `remove` forgets the delivery and
/// its heap entry is skipped when it surfaces; a generation number per insertion keeps a
/// stale entry from standing in for a delivery queued again since.
struct DueQueue {
    private var heap: [Entry] = []
    /// The generation of each queued delivery's live entry.
    private var members: [String: UInt64] = [:]
    private var nextGeneration: UInt64 = 0

    struct Entry {
        var deliveryId: String
        var dueAt: Date
        var generation: UInt64

        /// Earlier due first; among equals, the one queued first.
        func precedes(_ other: Entry) -> Bool {
            (dueAt, generation) < (other.dueAt, other.generation)
        }
    }

    var count: Int { members.count }

    /// When the earliest delivery is due, if any is queued.
    var nextDueAt: Date? {
        mutating get {
            dropStale()
            return heap.first?.dueAt
        }
    }

    func contains(_ deliveryId: String) -> Bool { members[deliveryId] != nil }

    /// Queues a delivery; returns false (and changes nothing) when it is already queued.
    @discardableResult
    mutating func insert(_ deliveryId: String, dueAt: Date) -> Bool {
        guard members[deliveryId] == nil else { return false }
        nextGeneration &+= 1
        members[deliveryId] = nextGeneration
        heap.append(Entry(deliveryId: deliveryId, dueAt: dueAt, generation: nextGeneration))
        siftUp(heap.count - 1)
        return true
    }

    /// Takes a delivery out of the queue; returns false when it was not queued.
    @discardableResult
    mutating func remove(_ deliveryId: String) -> Bool {
        members.removeValue(forKey: deliveryId) != nil
    }

    /// Removes and returns the earliest delivery when it is due at `now`.
    mutating func popDue(at now: Date) -> String? {
        dropStale()
        guard let first = heap.first, first.dueAt <= now else { return nil }
        popFirst()
        members.removeValue(forKey: first.deliveryId)
        return first.deliveryId
    }

    private mutating func dropStale() {
        while let first = heap.first, members[first.deliveryId] != first.generation {
            popFirst()
        }
    }

    private mutating func popFirst() {
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
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
            if left < heap.count && heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count && heap[right].precedes(heap[smallest]) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
