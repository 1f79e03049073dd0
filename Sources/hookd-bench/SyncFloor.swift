import Foundation
import Histogram

#if canImport(Glibc)
    import Glibc
#endif

/// The latency row's reference: the least any daemon that syncs before it acknowledges can
/// give at the row's offered load on this machine's disk.
///
/// It plays the row's schedule (event `i` due at `start + i ÷ rate`) against a writer that
/// does nothing but the disk's part of a durable group commit: each round takes every event
/// due so far, writes 8 KiB at the next place in a preallocated file and `fdatasync`s it,
/// then acknowledges those events. No parsing, no SQL, no other CPU: what it measures is the
/// sync alone, queued the way group commit queues it (an event due during a sync waits for
/// that one and then its own). It runs before hookd starts, in a file beside hookd's data
/// directory (the same file system), on a thread of its own.
struct SyncFloor {
    /// The events' acknowledgement latencies (microseconds from due to synced) and how many
    /// syncs carried them.
    struct Outcome {
        var acknowledgements: Histogram<UInt64>
        var syncs: Int
    }

    let rate: Int
    let seconds: Int
    let directory: URL

    /// Bytes written per round: about what a commit of one or two events appends to the log.
    static let roundBytes = 8_192
    /// The file's size; rounds wrap around inside it, so after the first pass every write
    /// overwrites allocated blocks, as a write-ahead log that has started over does.
    private static let fileBytes = 16 << 20

    func run() async throws -> Outcome {
        let path = directory.appendingPathComponent("hookd-bench-sync-floor-\(getpid())").path
        let rate = rate
        let count = rate * seconds
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                defer { unlink(path) }
                continuation.resume(with: Result(catching: { try Self.play(count: count, rate: rate, path: path) }))
            }
            thread.name = "sync-floor"
            thread.start()
        }
    }

    private static func play(count: Int, rate: Int, path: String) throws -> Outcome {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard file >= 0 else { throw BenchError.invalidRun("cannot create \(path): errno \(errno)") }
        defer { close(file) }
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        for offset in stride(from: 0, to: fileBytes, by: zeros.count) {
            try write(zeros, to: file, at: offset, path: path)
        }
        guard fsync(file) == 0 else { throw BenchError.invalidRun("fsync \(path): errno \(errno)") }

        let round = [UInt8](repeating: 0x5A, count: roundBytes)
        let interval = 1_000_000_000 / UInt64(rate)
        var acknowledgements = LatencyBook.histogram()
        var syncs = 0
        var offset = 0
        var next = 0
        let start = DispatchTime.now().uptimeNanoseconds + 10_000_000
        while next < count {
            let due = start + UInt64(next) * interval
            waitUntil(due)
            let now = DispatchTime.now().uptimeNanoseconds
            let last = min(count, Int((now - start) / interval) + 1)
            try write(round, to: file, at: offset, path: path)
            guard fdatasync(file) == 0 else { throw BenchError.invalidRun("fdatasync \(path): errno \(errno)") }
            syncs += 1
            offset = (offset + roundBytes) % fileBytes
            let synced = DispatchTime.now().uptimeNanoseconds
            for index in next..<last {
                acknowledgements.record((synced - (start + UInt64(index) * interval)) / 1_000)
            }
            next = last
        }
        return Outcome(acknowledgements: acknowledgements, syncs: syncs)
    }

    /// Sleeps until shortly before `deadline` (monotonic nanoseconds), then spins to it, so a
    /// late wake-up does not count as the disk's time.
    private static func waitUntil(_ deadline: UInt64) {
        let early: UInt64 = 200_000
        let now = DispatchTime.now().uptimeNanoseconds
        if deadline > now + early {
            var nap = timespec(tv_sec: Int((deadline - now - early) / 1_000_000_000),
                               tv_nsec: Int((deadline - now - early) % 1_000_000_000))
            nanosleep(&nap, nil)
        }
        while DispatchTime.now().uptimeNanoseconds < deadline {}
    }

    private static func write(_ bytes: [UInt8], to file: Int32, at offset: Int, path: String) throws {
        let written = bytes.withUnsafeBytes { pwrite(file, $0.baseAddress, $0.count, off_t(offset)) }
        guard written == bytes.count else { throw BenchError.invalidRun("write to \(path): errno \(errno)") }
    }
}
